package cn.servicecircle.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Coverage of a demand group: the share of its residents served (a site of a serving subtype within that subtype's
 * threshold), per area and in total, and the same per serving subtype. Pure; one pass over the cells.
 */
public final class Coverage {
    private Coverage() {
    }

    /**
     * Served and unserved demand in one area (or the whole region).
     *
     * @param demand          residents of the group, ≥ 0
     * @param served          of them served, ≤ demand
     * @param unlocatedDemand of the unserved, those living where the method cannot measure from (no walkable way
     *                        within the snap distance)
     * @param cells           cells with any demand
     * @param servedCells     of them served
     */
    public record Tally(double demand, double served, double unlocatedDemand, int cells, int servedCells) {
        /** @return served / demand, 0–1; 0 when there is no demand */
        public double share() {
            return demand == 0 ? 0 : served / demand;
        }

        Tally plus(double d, boolean s, boolean unlocated) {
            return new Tally(demand + d, served + (s ? d : 0), unlocatedDemand + (unlocated ? d : 0),
                    cells + (d > 0 ? 1 : 0), servedCells + (s && d > 0 ? 1 : 0));
        }

        static final Tally ZERO = new Tally(0, 0, 0, 0, 0);
    }

    /**
     * One cell's answer.
     *
     * @param demand        the group's residents there
     * @param served        whether any serving subtype is within its threshold
     * @param nearestMeters walking metres to the nearest site of any serving subtype within the reporting bound;
     *                      null if none (or not located)
     */
    public record CellResult(Cell cell, double demand, boolean served, Double nearestMeters) {
    }

    /**
     * @param total     the region
     * @param byArea    per area code, sorted
     * @param bySubtype per serving subtype ("category/subtype"), the region's demand within that subtype's threshold
     * @param cells     every cell with demand &gt; 0, in input order
     */
    public record Result(DemandGroup group, Tally total, Map<String, Tally> byArea, Map<String, Tally> bySubtype,
                         List<CellResult> cells) {
    }

    /** Coverage of {@code group} over {@code cells} in {@code snapshot}. */
    public static Result of(AccessSnapshot snapshot, DemandGroup group, List<Cell> cells) {
        Tally total = Tally.ZERO;
        Map<String, Tally> byArea = new TreeMap<>();
        Map<String, Tally> bySubtype = new TreeMap<>();
        List<CellResult> out = new ArrayList<>();
        for (Cell c : cells) {
            double demand = group.demand(c.bands());
            if (demand <= 0) {
                continue;
            }
            boolean served = false;
            Double nearest = null;
            if (c.located() != null) {
                for (SubtypeCheck check : snapshot.checks(c.located(), group)) {
                    served |= check.met();
                    if (check.nearest() != null && (nearest == null || check.nearest().walkMeters() < nearest)) {
                        nearest = check.nearest().walkMeters();
                    }
                    String key = check.category() + "/" + check.subtype();
                    bySubtype.put(key, bySubtype.getOrDefault(key, Tally.ZERO).plus(demand, check.met(), false));
                }
            } else {
                for (ServiceRule r : group.rules()) {
                    String key = r.category() + "/" + r.subtype();
                    bySubtype.put(key, bySubtype.getOrDefault(key, Tally.ZERO).plus(demand, false, true));
                }
            }
            boolean unlocated = c.located() == null;
            total = total.plus(demand, served, unlocated);
            byArea.put(c.areaCode(), byArea.getOrDefault(c.areaCode(), Tally.ZERO).plus(demand, served, unlocated));
            out.add(new CellResult(c, demand, served, nearest));
        }
        return new Result(group, total, java.util.Collections.unmodifiableMap(byArea),
                java.util.Collections.unmodifiableMap(bySubtype), List.copyOf(out));
    }
}
