package cn.servicecircle.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Two-step floating catchment area (2SFCA, Luo &amp; Wang 2003): how much capacity (places, beds) each resident can
 * reach, counting the competition for it.
 *
 * <ol>
 * <li>For each site j with a known capacity S<sub>j</sub>: R<sub>j</sub> = S<sub>j</sub> / Σ<sub>k</sub>
 * W(d<sub>kj</sub>) · P<sub>k</sub> over the cells k within the catchment d<sub>0</sub> (P: the group's residents).
 * No demand in the catchment: R<sub>j</sub> is undefined (null) and the site adds nothing in step 2.</li>
 * <li>For each cell i: A<sub>i</sub> = Σ<sub>j</sub> W(d<sub>ij</sub>) · R<sub>j</sub> over the sites within
 * d<sub>0</sub>.</li>
 * </ol>
 * Units: A and R are capacity units (e.g. places) per resident of the group. Distances are walking metres by the
 * snapshot's method, one bounded search per site (distances are symmetric). Identity, kept by both decays since
 * step 1 and 2 use the same weights: Σ<sub>i</sub> A<sub>i</sub> · P<sub>i</sub> = Σ of S<sub>j</sub> over sites
 * with any demand in their catchment.
 *
 * <p>Sites of the subtype whose capacity is unknown are left out of the supply (not guessed) and listed, so a
 * planner sees what the figure lacks. Unlocated cells (the method cannot measure from them) get A = 0 and are
 * counted apart; unlocated sites are listed like sites without capacity. Pure.
 */
public final class FloatingCatchment {
    private FloatingCatchment() {
    }

    /** Distance decay inside the catchment; 0 outside it for both. */
    public enum Decay {
        /** W = 1 within d0: the original 2SFCA. */
        NONE,
        /**
         * Gaussian (Dai 2010): W(d) = (e^(−½(d/d0)²) − e^(−½)) / (1 − e^(−½)) for d ≤ d0, so W(0) = 1 and
         * W(d0) = 0.
         */
        GAUSSIAN;

        /** @return the weight of a site or cell d metres away, 0–1 */
        public double weight(double d, double d0) {
            if (d > d0) {
                return 0;
            }
            if (this == NONE) {
                return 1;
            }
            double edge = Math.exp(-0.5);
            return Math.max(0, (Math.exp(-0.5 * (d / d0) * (d / d0)) - edge) / (1 - edge));
        }
    }

    /**
     * What to compute: residents of {@code ages} competing for the {@code capacityKey} of one subtype's sites.
     *
     * @param code            stable code (the demand group's where it matches one)
     * @param ages            the residents
     * @param category        site category
     * @param subtype         site subtype
     * @param capacityKey     which capacity figure ({@link ServicePoint#capacity()} key), e.g. {@code slots}
     * @param catchmentMeters d0, walking metres &gt; 0
     */
    public record Measure(String code, AgeRange ages, String category, String subtype, String capacityKey,
                          int catchmentMeters) {
        public Measure {
            if (catchmentMeters <= 0) {
                throw new IllegalArgumentException("catchment must be > 0 m, was " + catchmentMeters);
            }
        }

        /** @return the same with another catchment */
        public Measure withCatchment(int meters) {
            return new Measure(code, ages, category, subtype, capacityKey, meters);
        }
    }

    /**
     * Step 1 for one site.
     *
     * @param capacity capacity units
     * @param demand   weighted residents within the catchment
     * @param ratio    capacity / demand; null when demand is 0
     */
    public record SiteRatio(String siteId, int capacity, double demand, Double ratio) {
    }

    /** Step 2 for one cell: {@code accessibility} is A (capacity units per resident), 0 when unlocated. */
    public record CellAccess(Cell cell, double demand, double accessibility) {
    }

    /**
     * @param sites              every located site of the subtype with a known capacity, by id
     * @param withoutCapacity    ids of the subtype's sites left out: capacity unknown or not locatable, sorted
     * @param cells              every cell with demand &gt; 0, in input order
     */
    public record Result(Measure measure, Decay decay, List<SiteRatio> sites, List<String> withoutCapacity,
                         List<CellAccess> cells) {
    }

    /**
     * Residents' accessibility in one area or the region.
     *
     * @param demand          residents of the group
     * @param mean            population-weighted mean of A
     * @param p10             weighted quantiles of A over residents: the smallest A with at least that share of
     *                        residents at or below it
     * @param zeroDemand      residents with A = 0 (including unlocated ones)
     * @param unlocatedDemand residents the method cannot measure from
     */
    public record Summary(double demand, double mean, double p10, double p25, double median, double p75, double p90,
                          double zeroDemand, double unlocatedDemand) {
    }

    /** 2SFCA of {@code measure} over {@code cells} with the sites of {@code snapshot}. */
    public static Result of(AccessSnapshot snapshot, Measure measure, Decay decay, List<Cell> cells) {
        AccessMethod method = snapshot.method();
        double d0 = measure.catchmentMeters();
        double[] demand = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            demand[i] = measure.ages().count(cells.get(i).bands());
        }
        CellTargets targets = new CellTargets(method, cells, d0);
        List<String> left = new ArrayList<>();
        List<SiteRatio> ratios = new ArrayList<>();
        double[] access = new double[cells.size()];
        List<ServicePoint> sites = new ArrayList<>(snapshot.sites().values());
        sites.sort(Comparator.comparing(ServicePoint::siteId));
        for (ServicePoint s : sites) {
            if (!s.category().equals(measure.category()) || !s.subtype().equals(measure.subtype())) {
                continue;
            }
            Integer capacity = s.capacity().get(measure.capacityKey());
            Optional<Located> at = method.locate(s.lon(), s.lat());
            if (capacity == null || at.isEmpty()) {
                left.add(s.siteId());
                continue;
            }
            List<CellTargets.Hit> hits = targets.within(at.get());
            double weighted = 0;
            for (CellTargets.Hit h : hits) {
                weighted += decay.weight(h.walkMeters(), d0) * demand[h.cell()];
            }
            Double ratio = weighted > 0 ? capacity / weighted : null;
            ratios.add(new SiteRatio(s.siteId(), capacity, weighted, ratio));
            if (ratio != null) {
                for (CellTargets.Hit h : hits) {
                    access[h.cell()] += decay.weight(h.walkMeters(), d0) * ratio;
                }
            }
        }
        List<CellAccess> out = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (demand[i] > 0) {
                out.add(new CellAccess(cells.get(i), demand[i], access[i]));
            }
        }
        return new Result(measure, decay, List.copyOf(ratios), List.copyOf(left), List.copyOf(out));
    }

    /** @return the summary of every cell, and per area code (sorted) */
    public static Map<String, Summary> byArea(List<CellAccess> cells) {
        Map<String, List<CellAccess>> grouped = new TreeMap<>();
        cells.forEach(c -> grouped.computeIfAbsent(c.cell().areaCode(), k -> new ArrayList<>()).add(c));
        Map<String, Summary> out = new TreeMap<>();
        grouped.forEach((area, list) -> out.put(area, summary(list)));
        return out;
    }

    /** @return the residents' accessibility over these cells */
    public static Summary summary(List<CellAccess> cells) {
        List<CellAccess> sorted = new ArrayList<>(cells);
        sorted.sort(Comparator.comparingDouble(CellAccess::accessibility));
        double demand = 0;
        double weighted = 0;
        double zero = 0;
        double unlocated = 0;
        for (CellAccess c : sorted) {
            demand += c.demand();
            weighted += c.demand() * c.accessibility();
            zero += c.accessibility() == 0 ? c.demand() : 0;
            unlocated += c.cell().located() == null ? c.demand() : 0;
        }
        return new Summary(demand, demand == 0 ? 0 : weighted / demand, quantile(sorted, demand, 0.10),
                quantile(sorted, demand, 0.25), quantile(sorted, demand, 0.50), quantile(sorted, demand, 0.75),
                quantile(sorted, demand, 0.90), zero, unlocated);
    }

    /** The smallest A with at least {@code q} of the residents at or below it; 0 without residents. */
    private static double quantile(List<CellAccess> sortedByA, double demand, double q) {
        double cumulative = 0;
        for (CellAccess c : sortedByA) {
            cumulative += c.demand();
            // a relative tolerance, so q × demand summed in another order still lands on the same cell
            if (cumulative >= q * demand * (1 - 1e-12)) {
                return c.accessibility();
            }
        }
        return 0;
    }
}
