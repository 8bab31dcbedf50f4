package cn.servicecircle.reach.crosscheck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The rule that decides whether our walking metres agree with an independent router's, and the figures behind it.
 *
 * <p>Contract: a pair agrees when {@code |ours - reference| <= 1 % of reference + 0.5 m} (the 0.5 m is the API's
 * rounding to whole metres). An origin agrees on its nearest site when our nearest site is the reference's nearest, or
 * the reference puts it within {@link #TIE_METERS} of its own nearest (a tie the earth models may break either way).
 * The comparison passes when at least {@link #REQUIRED_SHARE} of the pairs and of the origins agree. Plain values, no
 * I/O: the cross-check test feeds it real answers, and its own unit test proves scaled metres are rejected.
 */
public final class WalkMetersAgreement {

    public static final double RELATIVE_TOLERANCE = 0.01;
    public static final double ROUNDING_METERS = 0.5;
    public static final double TIE_METERS = 1.0;
    public static final double REQUIRED_SHARE = 0.99;

    private WalkMetersAgreement() {
    }

    /** One origin-site pair: our walking metres (API) and the reference's (pgRouting), both ≥ 0. */
    public record Pair(int origin, String siteId, double oursMeters, double referenceMeters) {
        public boolean agrees() {
            return Math.abs(oursMeters - referenceMeters) <= RELATIVE_TOLERANCE * referenceMeters + ROUNDING_METERS;
        }

        /** ours / reference, NaN when the reference is 0. */
        public double ratio() {
            return oursMeters / referenceMeters;
        }
    }

    /**
     * One origin: the site our API names nearest, and the reference's metres to every candidate site.
     *
     * @param referenceMetersBySite reference metres per site id (sites it cannot reach are absent)
     */
    public record Origin(int origin, String oursNearestSiteId, Map<String, Double> referenceMetersBySite) {
        public boolean agreesOnNearest() {
            double best = referenceMetersBySite.values().stream().mapToDouble(Double::doubleValue).min()
                    .orElse(Double.POSITIVE_INFINITY);
            Double ours = referenceMetersBySite.get(oursNearestSiteId);
            return ours != null && ours <= best + TIE_METERS;
        }
    }

    /**
     * The verdict and its figures.
     *
     * @param pairs               pairs compared
     * @param pairsAgreeing       pairs within tolerance
     * @param origins             origins compared
     * @param originsSameNearest  origins whose nearest site agrees
     * @param medianRatio         median of ours / reference over all pairs
     * @param p01Ratio            1st percentile of that ratio
     * @param p99Ratio            99th percentile of that ratio
     * @param maxAbsDiffMeters    largest |ours - reference| in metres
     * @param worst               up to ten disagreeing pairs, worst first (for the failure message)
     */
    public record Verdict(int pairs, int pairsAgreeing, int origins, int originsSameNearest, double medianRatio,
                          double p01Ratio, double p99Ratio, double maxAbsDiffMeters, List<Pair> worst) {
        public boolean passes() {
            return pairs > 0 && origins > 0 && pairsAgreeing >= REQUIRED_SHARE * pairs
                    && originsSameNearest >= REQUIRED_SHARE * origins;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "%d/%d pairs within 1 %% (%.2f %%), %d/%d origins with the same nearest site (%.2f %%); "
                            + "ours/reference median %.5f, p1 %.5f, p99 %.5f; largest difference %.1f m; worst %s",
                    pairsAgreeing, pairs, 100.0 * pairsAgreeing / Math.max(1, pairs), originsSameNearest, origins,
                    100.0 * originsSameNearest / Math.max(1, origins), medianRatio, p01Ratio, p99Ratio,
                    maxAbsDiffMeters, worst);
        }
    }

    public static Verdict judge(List<Pair> pairs, List<Origin> origins) {
        double[] ratios = pairs.stream().filter(p -> p.referenceMeters() > 0).mapToDouble(Pair::ratio).sorted()
                .toArray();
        List<Pair> bad = new ArrayList<>(pairs.stream().filter(p -> !p.agrees()).toList());
        bad.sort((a, b) -> Double.compare(Math.abs(b.oursMeters() - b.referenceMeters()),
                Math.abs(a.oursMeters() - a.referenceMeters())));
        return new Verdict(pairs.size(), (int) pairs.stream().filter(Pair::agrees).count(), origins.size(),
                (int) origins.stream().filter(Origin::agreesOnNearest).count(), quantile(ratios, 0.5),
                quantile(ratios, 0.01), quantile(ratios, 0.99),
                pairs.stream().mapToDouble(p -> Math.abs(p.oursMeters() - p.referenceMeters())).max().orElse(0),
                List.copyOf(bad.subList(0, Math.min(10, bad.size()))));
    }

    /** The same pairs with our metres multiplied by {@code factor} (what a wrongly scaled engine would answer). */
    public static List<Pair> scaled(List<Pair> pairs, double factor) {
        return pairs.stream().map(p -> new Pair(p.origin(), p.siteId(), p.oursMeters() * factor, p.referenceMeters()))
                .toList();
    }

    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double[] s = Arrays.copyOf(sorted, sorted.length);
        return s[(int) Math.min(s.length - 1, Math.floor(q * (s.length - 1) + 0.5))];
    }
}
