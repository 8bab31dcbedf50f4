package cn.servicecircle.coverage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.servicecircle.access.Coverage;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.population.PopulationPoint;

/**
 * Where a demand group is not served: every population point whose residents of the group have no serving site
 * within its threshold, largest uncovered demand first. Pure; derived from a {@link Coverage.Result}, so the gaps
 * and the coverage figures of one snapshot always agree (uncovered = demand − served, per area and in total).
 */
public final class Gaps {
    private Gaps() {
    }

    /**
     * One population point not served for the group.
     *
     * @param point           where the residents live (WGS84) and their source (e.g. synthetic)
     * @param uncoveredDemand the group's residents there, all unserved, &gt; 0 (fractional where a census band
     *                        is split)
     * @param nearestMeters   walking metres to the nearest site of any serving subtype, when one is within the
     *                        reporting bound (see {@link Coverage.CellResult}); null otherwise or when the point
     *                        cannot be located by the method
     */
    public record Gap(PopulationPoint point, double uncoveredDemand, Double nearestMeters) {
    }

    /**
     * Uncovered demand in one area (or the region).
     *
     * @param areaCode        null for the region
     * @param demand          residents of the group, ≥ 0
     * @param uncoveredDemand of them not served, ≤ demand
     */
    public record AreaGap(String areaCode, double demand, double uncoveredDemand) {
        /** @return uncovered / demand, 0–1; 0 without demand */
        public double uncoveredShare() {
            return demand == 0 ? 0 : uncoveredDemand / demand;
        }
    }

    /**
     * @param total     the region, or the one area asked for
     * @param areas     per area code, sorted (only the asked area when one was)
     * @param gaps      the first {@code limit} gaps: uncovered demand descending, ties by point id
     * @param gapCount  how many gaps there are before the limit
     */
    public record Result(DemandGroup group, AreaGap total, List<AreaGap> areas, List<Gap> gaps, int gapCount) {
    }

    /**
     * @param coverage the group's coverage on some snapshot
     * @param points   the population points the coverage was computed from (matched by id)
     * @param areaCode only this street/town; null for the region
     * @param limit    most gaps returned, ≥ 0
     */
    public static Result of(Coverage.Result coverage, List<PopulationPoint> points, String areaCode, int limit) {
        Map<String, PopulationPoint> byId = new HashMap<>(points.size() * 2);
        points.forEach(p -> byId.put(p.id(), p));
        List<Gap> gaps = new ArrayList<>();
        for (Coverage.CellResult c : coverage.cells()) {
            PopulationPoint p = byId.get(c.cell().id());
            // a point missing from the list means the population was reloaded under a cached result: the next
            // snapshot recomputes, so skipping it here is better than failing the request
            if (!c.served() && p != null && (areaCode == null || areaCode.equals(c.cell().areaCode()))) {
                gaps.add(new Gap(p, c.demand(), c.nearestMeters()));
            }
        }
        gaps.sort(Comparator.comparingDouble(Gap::uncoveredDemand).reversed()
                .thenComparing(g -> g.point().id()));
        List<AreaGap> areas = new ArrayList<>();
        coverage.byArea().forEach((code, t) -> {
            if (areaCode == null || areaCode.equals(code)) {
                areas.add(new AreaGap(code, t.demand(), t.demand() - t.served()));
            }
        });
        Coverage.Tally t = areaCode == null ? coverage.total()
                : coverage.byArea().getOrDefault(areaCode, new Coverage.Tally(0, 0, 0, 0, 0));
        return new Result(coverage.group(), new AreaGap(areaCode, t.demand(), t.demand() - t.served()),
                List.copyOf(areas), List.copyOf(gaps.subList(0, Math.min(limit, gaps.size()))), gaps.size());
    }
}
