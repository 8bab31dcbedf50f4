package cn.servicecircle.accessibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import cn.servicecircle.access.FloatingCatchment;
import cn.servicecircle.coverage.CoverageController;

/**
 * Answer of {@code GET /v1/accessibility}. Residents are rounded to 0.1; A and R (capacity units per resident) to
 * 6 decimals.
 */
public record AccessibilityJson(String method, CoverageController.ReachJsonIndex index, List<Measure> measures) {

    /**
     * One measure.
     *
     * @param suppliedCapacity capacity of the sites with anyone in their catchment: Σ A × residents over all cells
     */
    public record Measure(String group, String ages, String category, String subtype, String capacity,
                          int catchmentMeters, String decay, long suppliedCapacity, Summary total, List<Summary> areas,
                          List<SiteRatio> sites, List<String> sitesWithoutCapacity) {
    }

    /** Accessibility of residents in one area (areaCode) or the district (areaCode null). */
    public record Summary(String areaCode, double demand, double mean, double p10, double p25, double median,
                          double p75, double p90, double zeroDemand, double unlocatedDemand) {
        static Summary of(String area, FloatingCatchment.Summary s) {
            return new Summary(area, round1(s.demand()), round6(s.mean()), round6(s.p10()), round6(s.p25()),
                    round6(s.median()), round6(s.p75()), round6(s.p90()), round1(s.zeroDemand()),
                    round1(s.unlocatedDemand()));
        }
    }

    /** Step 1 for one site: ratio null when nobody of the group lives within its catchment. */
    public record SiteRatio(String siteId, int capacity, double demand, Double ratio) {
    }

    /** @param area one street/town code, or null for every area and the district */
    static Measure of(FloatingCatchment.Result r, String area) {
        FloatingCatchment.Measure m = r.measure();
        Map<String, FloatingCatchment.Summary> byArea = FloatingCatchment.byArea(r.cells());
        List<Summary> areas = new ArrayList<>();
        byArea.forEach((code, s) -> {
            if (area == null || area.equals(code)) {
                areas.add(Summary.of(code, s));
            }
        });
        Summary total;
        if (area == null) {
            total = Summary.of(null, FloatingCatchment.summary(r.cells()));
        } else {
            total = Summary.of(area, byArea.getOrDefault(area, FloatingCatchment.summary(List.of())));
        }
        long supplied = 0;
        List<SiteRatio> sites = new ArrayList<>();
        for (FloatingCatchment.SiteRatio s : r.sites()) {
            supplied += s.ratio() == null ? 0 : s.capacity();
            sites.add(new SiteRatio(s.siteId(), s.capacity(), round1(s.demand()),
                    s.ratio() == null ? null : round6(s.ratio())));
        }
        return new Measure(m.code(), m.ages().toString(), m.category(), m.subtype(), m.capacityKey(),
                m.catchmentMeters(), r.decay().name().toLowerCase(Locale.ROOT), supplied, total, areas, sites,
                r.withoutCapacity());
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round6(double v) {
        return Math.round(v * 1_000_000) / 1_000_000.0;
    }
}
