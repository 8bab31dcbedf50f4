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
     * @param total          the region
     * @param byArea         per area code, sorted
     * @param bySubtype      per serving subtype ("category/subtype"), the region's demand within that subtype's
     *                       threshold
     * @param byCategory     per serving category, the region's demand within the threshold of any of its serving
     *                       subtypes
     * @param byAreaSubtype  per area code, the same as {@code bySubtype} for that area's residents
     * @param byAreaCategory per area code, the same as {@code byCategory} for that area's residents
     * @param cells          every cell with demand &gt; 0, in input order
     */
    public record Result(DemandGroup group, Tally total, Map<String, Tally> byArea, Map<String, Tally> bySubtype,
                         Map<String, Tally> byCategory, Map<String, Map<String, Tally>> byAreaSubtype,
                         Map<String, Map<String, Tally>> byAreaCategory, List<CellResult> cells) {
    }

    /** Coverage of {@code group} over {@code cells} in {@code snapshot}. */
    public static Result of(AccessSnapshot snapshot, DemandGroup group, List<Cell> cells) {
        Tally total = Tally.ZERO;
        Map<String, Tally> byArea = new TreeMap<>();
        Map<String, Tally> bySubtype = new TreeMap<>();
        Map<String, Tally> byCategory = new TreeMap<>();
        Map<String, Map<String, Tally>> byAreaSubtype = new TreeMap<>();
        Map<String, Map<String, Tally>> byAreaCategory = new TreeMap<>();
        List<String> categories = group.rules().stream().map(ServiceRule::category).distinct().toList();
        List<CellResult> out = new ArrayList<>();
        for (Cell c : cells) {
            double demand = group.demand(c.bands());
            if (demand <= 0) {
                continue;
            }
            boolean unlocated = c.located() == null;
            Map<String, Tally> areaSubtypes = byAreaSubtype.computeIfAbsent(c.areaCode(), k -> new TreeMap<>());
            Map<String, Tally> areaCategories = byAreaCategory.computeIfAbsent(c.areaCode(), k -> new TreeMap<>());
            boolean served = false;
            Double nearest = null;
            Map<String, Boolean> categoryMet = new java.util.HashMap<>();
            if (!unlocated) {
                for (SubtypeCheck check : snapshot.checks(c.located(), group)) {
                    served |= check.met();
                    categoryMet.merge(check.category(), check.met(), Boolean::logicalOr);
                    if (check.nearest() != null && (nearest == null || check.nearest().walkMeters() < nearest)) {
                        nearest = check.nearest().walkMeters();
                    }
                    String key = check.category() + "/" + check.subtype();
                    add(bySubtype, key, demand, check.met(), false);
                    add(areaSubtypes, key, demand, check.met(), false);
                }
            } else {
                for (ServiceRule r : group.rules()) {
                    String key = r.category() + "/" + r.subtype();
                    add(bySubtype, key, demand, false, true);
                    add(areaSubtypes, key, demand, false, true);
                }
            }
            for (String category : categories) {
                boolean met = categoryMet.getOrDefault(category, false);
                add(byCategory, category, demand, met, unlocated);
                add(areaCategories, category, demand, met, unlocated);
            }
            total = total.plus(demand, served, unlocated);
            add(byArea, c.areaCode(), demand, served, unlocated);
            out.add(new CellResult(c, demand, served, nearest));
        }
        byAreaSubtype.replaceAll((k, v) -> java.util.Collections.unmodifiableMap(v));
        byAreaCategory.replaceAll((k, v) -> java.util.Collections.unmodifiableMap(v));
        return new Result(group, total, java.util.Collections.unmodifiableMap(byArea),
                java.util.Collections.unmodifiableMap(bySubtype), java.util.Collections.unmodifiableMap(byCategory),
                java.util.Collections.unmodifiableMap(byAreaSubtype),
                java.util.Collections.unmodifiableMap(byAreaCategory), List.copyOf(out));
    }

    private static void add(Map<String, Tally> tallies, String key, double demand, boolean served, boolean unlocated) {
        tallies.put(key, tallies.getOrDefault(key, Tally.ZERO).plus(demand, served, unlocated));
    }
}
