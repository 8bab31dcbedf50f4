package cn.servicecircle.site;

/**
 * Capacity figures of a site; every field is nullable (unknown) and otherwise ≥ 0.
 *
 * @param slots          childcare/kindergarten places
 * @param inclusiveSlots 普惠 (inclusive, price-capped) places, ≤ slots when both known
 * @param beds           nursing-home beds
 * @param seats          canteen seats
 * @param staff          staff headcount
 */
public record Capacity(Integer slots, Integer inclusiveSlots, Integer beds, Integer seats, Integer staff) {
    /** All unknown. */
    public static final Capacity UNKNOWN = new Capacity(null, null, null, null, null);
}
