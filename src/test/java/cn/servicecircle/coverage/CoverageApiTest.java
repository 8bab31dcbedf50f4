package cn.servicecircle.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;

/**
 * Coverage on the Haishu sample (straight-line method) against a brute-force recomputation written here from the
 * public API alone: every population point (/v1/population?format=geojson) against every open site (/v1/sites),
 * with the test's own great-circle formula, the documented circuity 1.35, the thresholds of application.yaml and the
 * documented split of the 6–14 band — nothing shared with the production code path.
 */
public class CoverageApiTest extends ApiTestBase {
    /** group → serving "category/subtype" → threshold metres, as configured (application.yaml). */
    public static final Map<String, Map<String, Integer>> RULES = Map.of(
            "infants", Map.of("childcare/nursery", 300),
            "preschool", Map.of("school/kindergarten", 300),
            "primary", Map.of("school/primary", 500),
            "middle", Map.of("school/middle", 1000),
            "elderly", Map.of("elder_care/home_care_station", 300, "elder_care/elder_canteen", 500),
            "everyone", Map.of("clinic/community_health_station", 500, "clinic/community_health_centre", 1000,
                    "clinic/township_health_centre", 1000));

    public record SiteRow(String id, String key, double lon, double lat) {
    }

    /** The test client buffers at most 64 KiB per answer unless told otherwise; the point lists are larger. */
    Http http() {
        return http(web);
    }

    public static Http http(org.springframework.test.web.reactive.server.WebTestClient web) {
        return new Http(web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20)).build());
    }

    @Test
    void everyGroupPerAreaEqualsABruteForceRecomputation() {
        Http http = http();
        Response coverage;
        List<SiteRow> sites;
        List<JsonNode> cells;
        // the figures and the inputs must describe the same state: retry if the index moved meanwhile
        int attempts = 0;
        do {
            coverage = http.get("/v1/coverage");
            assertThat(coverage.status()).isEqualTo(200);
            sites = openSites(http);
            cells = cells(http);
            attempts++;
        } while (!coverage.json().at("/index/generation").equals(http.get("/v1/coverage?group=infants").json()
                .at("/index/generation")) && attempts < 5);
        assertThat(coverage.json().get("method").asText()).isEqualTo("straight-line");
        JsonNode groups = coverage.json().get("groups");
        assertThat(groups.size()).isEqualTo(RULES.size());
        int groupsWithServedDemand = 0;
        for (JsonNode g : groups) {
            String code = g.get("code").asText();
            Map<String, Integer> rules = RULES.get(code);
            Map<String, Integer> served = new HashMap<>();
            g.get("serves").forEach(r -> served.put(r.get("category").asText() + "/" + r.get("subtype").asText(),
                    r.get("thresholdMeters").asInt()));
            assertThat(served).as("serving subtypes of %s", code).isEqualTo(rules);

            Map<String, double[]> expected = new TreeMap<>(); // area → {demand, served}
            // "area|category/subtype" and "area|category" → {demand, served}; a category counted once per cell
            Map<String, double[]> breakdown = new TreeMap<>();
            double totalDemand = 0;
            double totalServed = 0;
            for (JsonNode f : cells) {
                JsonNode p = f.get("properties");
                double demand = demand(code, p);
                if (demand <= 0) {
                    continue;
                }
                double lon = f.at("/geometry/coordinates/0").asDouble();
                double lat = f.at("/geometry/coordinates/1").asDouble();
                boolean ok = false;
                java.util.Set<String> servedBy = new java.util.HashSet<>(); // subtype keys and categories met here
                for (SiteRow s : sites) {
                    Integer threshold = rules.get(s.key());
                    if (threshold != null && 1.35 * greatCircleMeters(lon, lat, s.lon(), s.lat()) <= threshold) {
                        ok = true;
                        servedBy.add(s.key());
                        servedBy.add(s.key().substring(0, s.key().indexOf('/')));
                    }
                }
                String areaCode = p.get("areaCode").asText();
                java.util.Set<String> keys = new java.util.TreeSet<>(rules.keySet());
                rules.keySet().forEach(k -> keys.add(k.substring(0, k.indexOf('/'))));
                for (String k : keys) {
                    double[] t = breakdown.computeIfAbsent(areaCode + "|" + k, x -> new double[2]);
                    t[0] += demand;
                    t[1] += servedBy.contains(k) ? demand : 0;
                }
                double[] tally = expected.computeIfAbsent(areaCode, k -> new double[2]);
                tally[0] += demand;
                tally[1] += ok ? demand : 0;
                totalDemand += demand;
                totalServed += ok ? demand : 0;
            }
            assertThat(g.at("/total/demand").asDouble()).isCloseTo(totalDemand, within(0.1));
            assertThat(g.at("/total/served").asDouble()).as("served %s", code).isCloseTo(totalServed, within(0.1));
            Map<String, double[]> actual = new TreeMap<>();
            Map<String, double[]> actualBreakdown = new TreeMap<>();
            for (JsonNode a : g.get("areas")) {
                actual.put(a.get("areaCode").asText(),
                        new double[]{a.at("/total/demand").asDouble(), a.at("/total/served").asDouble()});
                for (JsonNode t : a.get("categories")) {
                    actualBreakdown.put(a.get("areaCode").asText() + "|" + t.get("category").asText(),
                            new double[]{t.get("demand").asDouble(), t.get("served").asDouble()});
                }
                for (JsonNode t : a.get("subtypes")) {
                    actualBreakdown.put(a.get("areaCode").asText() + "|" + t.get("category").asText() + "/"
                            + t.get("subtype").asText(), new double[]{t.get("demand").asDouble(),
                            t.get("served").asDouble()});
                }
            }
            assertThat(actualBreakdown.keySet()).as("per area × category and subtype of %s", code)
                    .isEqualTo(breakdown.keySet());
            for (String key : breakdown.keySet()) {
                assertThat(actualBreakdown.get(key)[0]).as("%s demand %s", code, key).isCloseTo(breakdown.get(key)[0], within(0.1));
                assertThat(actualBreakdown.get(key)[1]).as("%s served %s", code, key).isCloseTo(breakdown.get(key)[1], within(0.1));
            }
            // the district's breakdown is the sum of the areas'
            for (JsonNode t : g.get("subtypes")) {
                String k = t.get("category").asText() + "/" + t.get("subtype").asText();
                double sum = breakdown.entrySet().stream().filter(e -> e.getKey().endsWith("|" + k))
                        .mapToDouble(e -> e.getValue()[1]).sum();
                assertThat(t.get("served").asDouble()).as("%s district served %s", code, k).isCloseTo(sum, within(0.1 * 17));
            }
            assertThat(g.get("categories").size()).isEqualTo(rules.keySet().stream()
                    .map(k -> k.substring(0, k.indexOf('/'))).distinct().count());
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            for (String area : expected.keySet()) {
                assertThat(actual.get(area)[0]).as("%s demand in %s", code, area).isCloseTo(expected.get(area)[0], within(0.1));
                assertThat(actual.get(area)[1]).as("%s served in %s", code, area).isCloseTo(expected.get(area)[1], within(0.1));
            }
            groupsWithServedDemand += totalServed > 0 && totalServed < totalDemand ? 1 : 0;
        }
        assertThat(groupsWithServedDemand).as("some groups are partly served: the comparison means something")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void oneAreaAndOneGroupAndBadParameters() {
        Http http = new Http(web);
        JsonNode all = http.get("/v1/coverage?group=infants").json().at("/groups/0");
        JsonNode one = http.get("/v1/coverage?group=infants&area=330203001").json().at("/groups/0");
        JsonNode fromAll = null;
        for (JsonNode a : all.get("areas")) {
            if (a.get("areaCode").asText().equals("330203001")) {
                fromAll = a;
            }
        }
        assertThat(one.get("areas").size()).isEqualTo(1);
        assertThat(one.get("total")).isEqualTo(fromAll.get("total"));
        assertThat(one.get("subtypes")).isEqualTo(fromAll.get("subtypes"));
        assertThat(one.get("categories")).isEqualTo(fromAll.get("categories"));
        assertThat(one.get("populationSources").toString()).contains("synthetic");
        Response bad = http.get("/v1/coverage?group=teenagers");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("UNKNOWN_GROUP");
        assertThat(http.get("/v1/coverage?area=" + URLEncoder.encode("x' OR 1=1", StandardCharsets.UTF_8)).status())
                .isEqualTo(400);
    }

    @Test
    void populationSummaryAddsUpToTheCensusAndTheCells() {
        Http http = new Http(web);
        JsonNode summary = http.get("/v1/population").json();
        assertThat(summary.at("/total/residents").asLong()).isEqualTo(1_041_285L);
        long sum = 0;
        for (JsonNode a : summary.get("areas")) {
            sum += a.get("residents").asLong();
            assertThat(a.get("residents").asLong()).isEqualTo(a.get("age0to2").asLong() + a.get("age3to5").asLong()
                    + a.get("age6to14").asLong() + a.get("age15to59").asLong() + a.get("age60to64").asLong()
                    + a.get("age65plus").asLong());
        }
        assertThat(sum).isEqualTo(1_041_285L);
        assertThat(summary.at("/total/sources").toString()).contains("synthetic");
        JsonNode cells = http().get("/v1/population?format=geojson&area=330203001").json();
        long inArea = 0;
        for (JsonNode f : cells.get("features")) {
            assertThat(f.at("/properties/areaCode").asText()).isEqualTo("330203001");
            inArea += f.at("/properties/residents").asLong();
        }
        long expected = 0;
        for (JsonNode a : summary.get("areas")) {
            if (a.get("areaCode").asText().equals("330203001")) {
                expected = a.get("residents").asLong();
            }
        }
        assertThat(inArea).isEqualTo(expected).isPositive();
        assertThat(http.get("/v1/population?format=csv").code()).isEqualTo("INVALID_PARAMETER");
    }

    /** The documented split rule: 6–11 is 6/9 of the 6–14 band, 12–14 is 3/9; elderly is 60+. */
    public static double demand(String group, JsonNode p) {
        return switch (group) {
            case "infants" -> p.get("age0to2").asDouble();
            case "preschool" -> p.get("age3to5").asDouble();
            case "primary" -> p.get("age6to14").asDouble() * 6 / 9;
            case "middle" -> p.get("age6to14").asDouble() * 3 / 9;
            case "elderly" -> p.get("age60to64").asDouble() + p.get("age65plus").asDouble();
            case "everyone" -> p.get("residents").asDouble();
            default -> throw new AssertionError(group);
        };
    }

    /** Every population point, one area at a time. */
    public static List<JsonNode> cells(Http http) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : http.get("/v1/population").json().get("areas")) {
            http.get("/v1/population?format=geojson&area=" + a.get("areaCode").asText()).json().get("features")
                    .forEach(out::add);
        }
        return out;
    }

    /** Every open site as a row (paging through /v1/sites by the shared helper). */
    public static List<SiteRow> openSites(Http http) {
        List<SiteRow> out = new ArrayList<>();
        for (JsonNode s : cn.servicecircle.support.PublicApiData.openSites(http)) {
            out.add(new SiteRow(s.get("id").asText(), s.get("category").asText() + "/" + s.get("subtype").asText(),
                    s.at("/location/lon").asDouble(), s.at("/location/lat").asDouble()));
        }
        return out;
    }

    public static double greatCircleMeters(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double a = Math.pow(Math.sin((p2 - p1) / 2), 2)
                + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(Math.toRadians(lon2 - lon1) / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
    }
}
