package cn.servicecircle.reach.core;

/**
 * Walking time from a point to its nearest site in a {@link TravelTimeField}.
 *
 * <p>Contract: when {@code siteIndex} is -1 no site is within the field's limit, {@code siteId} is
 * null and both numbers are +∞; otherwise {@code walkSeconds} ≤ the limit and {@code
 * distanceMeters = walkSeconds × speed}.
 */
public record FieldValue(double walkSeconds, double distanceMeters, int siteIndex, String siteId) {

    static final FieldValue NONE = new FieldValue(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, -1, null);

    public boolean reached() {
        return siteIndex >= 0;
    }
}
