package cn.servicecircle.planning;

import static cn.servicecircle.support.Http.auth;
import static cn.servicecircle.support.Http.authIfMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.accessibility.AccessibilityApiTest;
import cn.servicecircle.reach.Heidelberg;
import cn.servicecircle.reach.NetworkReference;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.support.HeidelbergTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;
import cn.servicecircle.support.PublicApiData;
import cn.servicecircle.support.PublicApiData.Point;

/**
 * The planners' answers on the real Heidelberg walking network (OSM sites, synthetic population proxy) against a
 * recomputation written here from the public API alone: the population points, the open sites, and walking metres
 * by a plain Dijkstra on the walk graph ({@link NetworkReference}). Gaps, what-if, siting (with the exact optimum of
 * a small instance) and 2SFCA.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeidelbergPlanningTest extends HeidelbergTestBase {
    /** Demand group → {serving "category/subtype", age band property, threshold metres} (single-subtype groups). */
    static final Map<String, String[]> GROUPS = Map.of(
            "preschool", new String[]{"school/kindergarten", "age3to5", "300"},
            "primary", new String[]{"school/primary", "age6to14", "500"},
            "middle", new String[]{"school/middle", "age6to14", "1000"});

    /** The 6-14 band splits by years shared: 6-11 takes 6/9, 12-14 takes 3/9 (the documented rule). */
    static double demand(String group, JsonNode properties) {
        double band = properties.get(GROUPS.get(group)[1]).asDouble();
        return switch (group) {
            case "primary" -> band * 6 / 9;
            case "middle" -> band * 3 / 9;
            default -> band;
        };
    }

    record Site(String id, String key, double lon, double lat) {
    }

    /** One consistent view of the inputs: population snapped once, sites as listed. */
    record World(List<Point> points, List<Snap> snaps, List<Site> sites) {
        List<Snap> snapsOf(String key) {
            return sites.stream().filter(s -> s.key().equals(key))
                    .map(s -> REF.snap(s.lon(), s.lat()).orElse(null)).filter(java.util.Objects::nonNull).toList();
        }
    }

    static final NetworkReference REF = new NetworkReference(Heidelberg.graph());

    Http http() {
        return PublicApiData.bigHttp(web);
    }

    static World world(Http http) {
        List<Point> points = PublicApiData.populationPoints(http);
        List<Snap> snaps = points.stream().map(p -> REF.snap(p.lon(), p.lat()).orElse(null)).toList();
        List<Site> sites = PublicApiData.openSites(http).stream().map(s -> new Site(s.get("id").asText(),
                s.get("category").asText() + "/" + s.get("subtype").asText(), s.at("/location/lon").asDouble(),
                s.at("/location/lat").asDouble())).toList();
        return new World(points, snaps, sites);
    }

    /** Walking metres from each point to the nearest of {@code sources} (+∞ beyond {@code boundMeters}). */
    static double[] nearest(World w, List<Snap> sources, double boundMeters) {
        double[] nodes = REF.nodeMeters(sources, boundMeters);
        double[] out = new double[w.points().size()];
        for (int i = 0; i < out.length; i++) {
            Snap at = w.snaps().get(i);
            out[i] = at == null ? Double.POSITIVE_INFINITY : REF.metersTo(nodes, sources, at);
        }
        return out;
    }

    @Test
    @Order(1)
    void gapsAreTheUnservedPointsOfANetworkBruteForce() {
        Http http = http();
        World w = world(http);
        for (String group : GROUPS.keySet()) {
            String[] spec = GROUPS.get(group);
            double threshold = Double.parseDouble(spec[2]);
            JsonNode gaps = http.get("/v1/gaps?group=" + group + "&limit=5000").json();
            assertThat(gaps.get("method").asText()).isEqualTo("network");
            // nearest serving site within a generous bound, so reported nearest distances can be checked too
            double[] meters = nearest(w, w.snapsOf(spec[0]), 5000);
            Map<String, Double> expected = new TreeMap<>(); // point id → uncovered demand
            Map<String, Double> nearestOf = new HashMap<>();
            double uncovered = 0;
            for (int i = 0; i < meters.length; i++) {
                double d = demand(group, w.points().get(i).properties());
                if (d > 0 && meters[i] > threshold) {
                    expected.put(w.points().get(i).id(), d);
                    nearestOf.put(w.points().get(i).id(), meters[i]);
                    uncovered += d;
                }
            }
            assertThat(expected).as("%s has gaps", group).isNotEmpty();
            assertThat(expected.size()).as("%s is partly served", group).isLessThan(meters.length);
            Map<String, JsonNode> actual = new TreeMap<>();
            gaps.get("features").forEach(f -> actual.put(f.at("/properties/id").asText(), f));
            assertThat(actual.keySet()).as("uncovered points of %s", group).isEqualTo(expected.keySet());
            int checkedNearest = 0;
            for (var e : expected.entrySet()) {
                JsonNode p = actual.get(e.getKey()).get("properties");
                assertThat(p.get("uncoveredDemand").asDouble()).as("%s at %s", group, e.getKey())
                        .isCloseTo(e.getValue(), within(0.051));
                if (!p.get("nearestWalkMeters").isNull()) {
                    assertThat(p.get("nearestWalkMeters").asDouble()).as("%s nearest from %s", group, e.getKey())
                            .isCloseTo(nearestOf.get(e.getKey()), within(0.5));
                    checkedNearest++;
                }
            }
            assertThat(checkedNearest).as("%s: some nearest distances are reported", group).isPositive();
            assertThat(gaps.at("/total/uncoveredDemand").asDouble()).isCloseTo(uncovered, within(0.1 + 1e-4 * uncovered));
        }
    }

    @Test
    @Order(2)
    void whatIfAfterEqualsANetworkBruteForceAndTheLiveIndexIsUntouched() {
        Http http = http();
        World w = world(http);
        String key = "school/kindergarten";
        List<Site> kindergartens = w.sites().stream().filter(s -> s.key().equals(key)).toList();
        JsonNode live = http.get("/v1/coverage?group=preschool").json();
        // close the kindergarten that alone serves the most; move another onto the largest gap; add one at the second
        Map<String, Double> sole = new HashMap<>();
        List<double[]> each = new ArrayList<>();
        for (Site k : kindergartens) {
            each.add(nearest(w, REF.snap(k.lon(), k.lat()).map(List::of).orElse(List.of()), 300));
        }
        for (int i = 0; i < w.points().size(); i++) {
            double d = demand("preschool", w.points().get(i).properties());
            int within = 0;
            int only = -1;
            for (int k = 0; k < kindergartens.size(); k++) {
                if (each.get(k)[i] <= 300) {
                    within++;
                    only = k;
                }
            }
            if (d > 0 && within == 1) {
                sole.merge(kindergartens.get(only).id(), d, Double::sum);
            }
        }
        String closed = sole.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Site moved = kindergartens.stream().filter(k -> !k.id().equals(closed)).findFirst().orElseThrow();
        JsonNode gaps = http.get("/v1/gaps?group=preschool&limit=2").json().get("features");
        double[] to = {gaps.at("/0/geometry/coordinates/0").asDouble(), gaps.at("/0/geometry/coordinates/1").asDouble()};
        double[] added = {gaps.at("/1/geometry/coordinates/0").asDouble(), gaps.at("/1/geometry/coordinates/1").asDouble()};
        String body = """
                {"groups":["preschool"],"close":["%s"],"move":[{"id":"%s","location":{"lon":%s,"lat":%s}}],
                 "add":[{"category":"school","subtype":"kindergarten","location":{"lon":%s,"lat":%s}}]}"""
                .formatted(closed, moved.id(), to[0], to[1], added[0], added[1]);
        Response answer = http.call(HttpMethod.POST, "/v1/planning/scenarios", body, h -> { });
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("method").asText()).isEqualTo("network");

        List<Snap> after = new ArrayList<>();
        for (Site k : kindergartens) {
            if (k.id().equals(moved.id())) {
                REF.snap(to[0], to[1]).ifPresent(after::add);
            } else if (!k.id().equals(closed)) {
                REF.snap(k.lon(), k.lat()).ifPresent(after::add);
            }
        }
        REF.snap(added[0], added[1]).ifPresent(after::add);
        double[] meters = nearest(w, after, 300);
        double servedAfter = 0;
        for (int i = 0; i < meters.length; i++) {
            servedAfter += meters[i] <= 300 ? demand("preschool", w.points().get(i).properties()) : 0;
        }
        JsonNode total = answer.json().at("/groups/0/total");
        assertThat(total.get("servedBefore")).isEqualTo(live.at("/groups/0/total/served"));
        assertThat(total.get("servedAfter").asDouble()).isCloseTo(servedAfter, within(0.1));
        // closing alone loses exactly what only that kindergarten served (the mix above may balance out)
        Response closing = http.call(HttpMethod.POST, "/v1/planning/scenarios",
                "{\"groups\":[\"preschool\"],\"close\":[\"" + closed + "\"]}", h -> { });
        assertThat(closing.json().at("/groups/0/total/delta").asDouble()).isCloseTo(-sole.get(closed), within(0.1))
                .isNegative();

        JsonNode liveAfter = http.get("/v1/coverage?group=preschool").json();
        assertThat(liveAfter.get("index")).isEqualTo(live.get("index"));
        assertThat(liveAfter.at("/groups/0/total")).isEqualTo(live.at("/groups/0/total"));
        assertThat(PublicApiData.openSites(http).stream().map(s -> s.get("id").asText()).toList()).contains(closed);
    }

    @Test
    @Order(3)
    void siteSuggestionsFollowTheGreedyRuleAndReachMostOfTheExactOptimum() {
        Http http = http();
        World w = world(http);
        // twelve candidates: the ten largest preschool gaps and two points of the old town
        JsonNode gaps = http.get("/v1/gaps?group=preschool&limit=10").json().get("features");
        List<double[]> candidates = new ArrayList<>();
        gaps.forEach(f -> candidates.add(new double[]{f.at("/geometry/coordinates/0").asDouble(),
                f.at("/geometry/coordinates/1").asDouble()}));
        candidates.add(new double[]{8.6936, 49.4093});
        candidates.add(new double[]{8.7100, 49.4120});
        StringBuilder list = new StringBuilder();
        for (double[] c : candidates) {
            list.append(list.isEmpty() ? "" : ",").append("{\"lon\":").append(c[0]).append(",\"lat\":").append(c[1])
                    .append('}');
        }
        Response answer = http.call(HttpMethod.POST, "/v1/planning/suggestions",
                "{\"group\":\"preschool\",\"count\":3,\"candidates\":[" + list + "]}", auth());
        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.get("method").asText()).isEqualTo("network");

        double[] existing = nearest(w, w.snapsOf("school/kindergarten"), 300);
        int n = w.points().size();
        double[] residual = new double[n];
        for (int i = 0; i < n; i++) {
            residual[i] = existing[i] <= 300 ? 0 : demand("preschool", w.points().get(i).properties());
        }
        List<int[]> covers = new ArrayList<>();
        for (double[] c : candidates) {
            double[] m = nearest(w, REF.snap(c[0], c[1]).map(List::of).orElse(List.of()), 300);
            covers.add(java.util.stream.IntStream.range(0, n).filter(i -> m[i] <= 300).toArray());
        }
        // the exact optimum of choosing 3 of 12 (220 subsets)
        double optimum = 0;
        for (int a = 0; a < covers.size(); a++) {
            for (int b = a + 1; b < covers.size(); b++) {
                for (int c = b + 1; c < covers.size(); c++) {
                    java.util.Set<Integer> union = new java.util.HashSet<>();
                    for (int[] cover : List.of(covers.get(a), covers.get(b), covers.get(c))) {
                        for (int i : cover) {
                            union.add(i);
                        }
                    }
                    optimum = Math.max(optimum, union.stream().mapToDouble(i -> residual[i]).sum());
                }
            }
        }
        JsonNode picks = json.get("suggestions");
        assertThat(picks.size()).isEqualTo(3);
        double greedy = 0;
        for (JsonNode pick : picks) {
            int c = pick.get("candidate").asInt();
            double best = 0;
            for (int[] cover : covers) {
                best = Math.max(best, java.util.Arrays.stream(cover).mapToDouble(i -> residual[i]).sum());
            }
            double gain = 0;
            for (int i : covers.get(c)) {
                gain += residual[i];
                residual[i] = 0;
            }
            greedy += gain;
            assertThat(pick.get("newlyServed").asDouble()).as("gain of pick %s", pick.get("rank")).isCloseTo(gain, within(0.1));
            assertThat(gain).as("pick %s is the best next candidate", pick.get("rank")).isGreaterThanOrEqualTo(best - 1e-9);
        }
        assertThat(greedy).isPositive().isLessThanOrEqualTo(optimum + 1e-9);
        System.out.printf("Siting on the Heidelberg network (preschool, 3 of 12 candidates): greedy %.1f, optimum %.1f,"
                + " ratio %.4f%n", greedy, optimum, greedy / optimum);
        assertThat(greedy / optimum).as("greedy maximal covering keeps its guarantee").isGreaterThanOrEqualTo(1 - 1 / Math.E);
    }

    /** Runs last: it gives the kindergartens places (capacity does not change coverage, gaps or siting). */
    @Test
    @Order(4)
    void twoStepFloatingCatchmentEqualsANetworkBruteForce() throws InterruptedException {
        Http http = http();
        List<JsonNode> kindergartens = PublicApiData.openSites(http).stream()
                .filter(s -> s.get("subtype").asText().equals("kindergarten")).toList();
        int places = 0;
        for (int i = 0; i < kindergartens.size(); i++) {
            String id = kindergartens.get(i).get("id").asText();
            if (kindergartens.get(i).at("/capacity/slots").isMissingNode() || kindergartens.get(i).at("/capacity/slots").isNull()) {
                Response site = http.get("/v1/sites/" + id);
                int slots = 30 + 7 * i;
                Response patched = http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"capacity\":{\"slots\":" + slots + "}}",
                        authIfMatch(site.headers().getETag()));
                assertThat(patched.status()).as("slots for %s", id).isEqualTo(200);
                places++;
            }
        }
        JsonNode measure = null;
        for (int attempt = 0; attempt < 100; attempt++) { // the index follows the edits within about a second
            measure = http.get("/v1/accessibility?group=preschool").json().at("/measures/0");
            if (measure.get("sitesWithoutCapacity").isEmpty()) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(measure.get("sitesWithoutCapacity")).as("every kindergarten has places (%d given)", places).isEmpty();
        World w = world(http);
        for (String decay : List.of("none", "gaussian")) {
            JsonNode m = http.get("/v1/accessibility?group=preschool&decay=" + decay).json().at("/measures/0");
            double d0 = m.get("catchmentMeters").asDouble();
            assertThat(d0).isEqualTo(300);
            int n = w.points().size();
            double[] demand = new double[n];
            for (int i = 0; i < n; i++) {
                demand[i] = w.points().get(i).properties().get("age3to5").asDouble();
            }
            // The API gives site locations to 6 decimals (≤ 0.1 m off): compute with every distance shortened and
            // lengthened by SLACK and require the answer between the two (weights fall with distance, so each
            // figure is monotone in the shift).
            List<JsonNode> sites = PublicApiData.openSites(http).stream()
                    .filter(s -> s.get("subtype").asText().equals("kindergarten")).toList();
            List<double[]> meters = new ArrayList<>();
            for (JsonNode s : sites) {
                Snap at = REF.snap(s.at("/location/lon").asDouble(), s.at("/location/lat").asDouble()).orElse(null);
                meters.add(nearest(w, at == null ? List.of() : List.of(at), d0 + 1));
            }
            Fsca near = Fsca.of(decay, d0, -SLACK, sites, meters, demand); // more weight: lower R, more access
            Fsca far = Fsca.of(decay, d0, SLACK, sites, meters, demand);
            String what = "preschool/" + decay;
            Map<String, JsonNode> actual = new TreeMap<>();
            m.get("sites").forEach(s -> actual.put(s.get("siteId").asText(), s));
            assertThat(actual.keySet()).isEqualTo(near.ratios().keySet());
            assertThat(near.ratios().values().stream().filter(java.util.Objects::nonNull).count())
                    .as("kindergartens with children in reach").isGreaterThan(5);
            int exactlyOne = 0;
            for (String id : actual.keySet()) {
                JsonNode r = actual.get(id).get("ratio");
                Double low = near.ratios().get(id);
                Double high = far.ratios().get(id);
                if (low == null) {
                    assertThat(r.isNull()).as("%s R of %s", what, id).isTrue();
                } else if (r.isNull()) {
                    assertThat(high).as("%s R of %s (only at the catchment's edge)", what, id).isNull();
                } else {
                    assertThat(r.asDouble()).as("%s R of %s", what, id)
                            .isBetween(low - 1e-6, (high == null ? low : high) + 1e-6);
                    exactlyOne += high != null && Math.abs(high - low) < 1e-9 ? 1 : 0;
                }
            }
            if (decay.equals("none")) {
                assertThat(exactlyOne).as("without decay most ratios do not depend on the slack").isGreaterThan(5);
            }
            assertThat(m.get("suppliedCapacity").asDouble()).isBetween(far.supplied(), near.supplied());
            JsonNode t = m.get("total");
            assertThat(t.get("demand").asDouble()).isCloseTo(java.util.Arrays.stream(demand).sum(), within(0.1));
            // residents' accessibility A = Σ w R: bounded below by the far weights with the near ratios, above by
            // the reverse
            double[] aLow = Fsca.access(far.weights(), near.ratios(), sites);
            double[] aHigh = Fsca.access(near.weights(), far.ratios(), sites);
            List<double[]> low = new ArrayList<>();
            List<double[]> high = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (demand[i] > 0) {
                    low.add(new double[]{demand[i], aLow[i]});
                    high.add(new double[]{demand[i], aHigh[i]});
                }
            }
            assertThat(t.get("mean").asDouble()).as("%s mean", what)
                    .isBetween(mean(low) - 1e-6, mean(high) + 1e-6);
            String[] names = {"p10", "p25", "median", "p75", "p90"};
            double[] qs = {0.10, 0.25, 0.50, 0.75, 0.90};
            for (int k = 0; k < qs.length; k++) {
                assertThat(t.get(names[k]).asDouble()).as("%s %s", what, names[k]).isBetween(
                        AccessibilityApiTest.quantile(low, qs[k]) - 1e-6, AccessibilityApiTest.quantile(high, qs[k]) + 1e-6);
            }
            assertThat(t.get("zeroDemand").asDouble()).as("%s zero", what).isBetween(
                    zero(high) - 0.1, zero(low) + 0.1);
            assertThat(t.get("zeroDemand").asDouble()).as("%s: some have none, some have some", what)
                    .isBetween(1.0, t.get("demand").asDouble() - 1);
        }
    }

    /** Metres the API's 6-decimal site locations may move a snapped site along its way (0.11 m at most, and margin). */
    static final double SLACK = 0.25;

    static double mean(List<double[]> demandAndA) {
        double d = demandAndA.stream().mapToDouble(x -> x[0]).sum();
        return d == 0 ? 0 : demandAndA.stream().mapToDouble(x -> x[0] * x[1]).sum() / d;
    }

    static double zero(List<double[]> demandAndA) {
        return demandAndA.stream().filter(x -> x[1] == 0).mapToDouble(x -> x[0]).sum();
    }

    /**
     * Brute-force 2SFCA step 1 with every distance shifted by {@code shiftMeters}.
     *
     * @param weights per site, per point
     * @param ratios  per site id; null when nobody is in its catchment
     */
    record Fsca(List<double[]> weights, Map<String, Double> ratios, double supplied) {
        static Fsca of(String decay, double d0, double shiftMeters, List<JsonNode> sites, List<double[]> meters,
                       double[] demand) {
            List<double[]> weights = new ArrayList<>();
            Map<String, Double> ratios = new TreeMap<>();
            double supplied = 0;
            for (int j = 0; j < sites.size(); j++) {
                double[] w = new double[demand.length];
                double weighted = 0;
                for (int i = 0; i < demand.length; i++) {
                    w[i] = AccessibilityApiTest.weight(decay, Math.max(0, meters.get(j)[i] + shiftMeters), d0);
                    weighted += w[i] * demand[i];
                }
                weights.add(w);
                int capacity = sites.get(j).at("/capacity/slots").asInt();
                Double r = weighted > 0 ? capacity / weighted : null;
                ratios.put(sites.get(j).get("id").asText(), r);
                supplied += r == null ? 0 : capacity;
            }
            return new Fsca(weights, ratios, supplied);
        }

        /** Step 2: each point's Σ w R over the sites with a ratio. */
        static double[] access(List<double[]> weights, Map<String, Double> ratios, List<JsonNode> sites) {
            double[] a = new double[weights.get(0).length];
            for (int j = 0; j < sites.size(); j++) {
                Double r = ratios.get(sites.get(j).get("id").asText());
                if (r != null) {
                    for (int i = 0; i < a.length; i++) {
                        a[i] += weights.get(j)[i] * r;
                    }
                }
            }
            return a;
        }
    }
}
