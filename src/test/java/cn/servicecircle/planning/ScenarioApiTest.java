package cn.servicecircle.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.coverage.CoverageApiTest;
import cn.servicecircle.coverage.CoverageApiTest.SiteRow;
import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;

/**
 * What-if on the Haishu sample (straight-line method): {@code before} must equal GET /v1/coverage, {@code after}
 * must equal the brute-force recomputation of {@link CoverageApiTest} run on the changed site list, and the live
 * index must not move.
 */
class ScenarioApiTest extends ApiTestBase {
    private static final String PATH = "/v1/planning/scenarios";

    /** One consistent view of the public inputs. */
    record State(Response coverage, List<SiteRow> sites, List<JsonNode> cells) {
    }

    @Test
    void closingAServingSiteLowersServedDemandAndAddingOneRaisesItByTheDemandNewlyWithinReach() {
        Http http = CoverageApiTest.http(web);
        State state = state(http);
        List<SiteRow> kindergartens = state.sites().stream().filter(s -> s.key().equals("school/kindergarten")).toList();

        // the kindergarten that alone serves the most preschool demand
        Map<String, Double> sole = new HashMap<>();
        for (JsonNode f : state.cells()) {
            double demand = CoverageApiTest.demand("preschool", f.get("properties"));
            List<SiteRow> within = kindergartens.stream().filter(s -> meters(f, s) <= 300).toList();
            if (demand > 0 && within.size() == 1) {
                sole.merge(within.get(0).id(), demand, Double::sum);
            }
        }
        String closed = sole.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Response closing = scenario(http, "{\"groups\":[\"preschool\"],\"close\":[\"" + closed + "\"]}");
        assertThat(closing.status()).isEqualTo(200);
        assertThat(closing.json().get("saved").asBoolean()).isFalse();
        JsonNode total = closing.json().at("/groups/0/total");
        List<SiteRow> without = state.sites().stream().filter(s -> !s.id().equals(closed)).toList();
        assertThat(total.get("servedAfter").asDouble()).isCloseTo(served("preschool", without, state.cells()), within(0.1));
        assertThat(total.get("servedAfter").asDouble()).isLessThan(total.get("servedBefore").asDouble());
        assertThat(total.get("delta").asDouble()).isCloseTo(-sole.get(closed), within(0.1));

        // a kindergarten at the largest uncovered preschool point
        JsonNode gap = http.get("/v1/gaps?group=preschool&limit=1").json().at("/features/0");
        double lon = gap.at("/geometry/coordinates/0").asDouble();
        double lat = gap.at("/geometry/coordinates/1").asDouble();
        double newlyWithin = 0;
        for (JsonNode f : state.cells()) {
            double demand = CoverageApiTest.demand("preschool", f.get("properties"));
            boolean servedNow = kindergartens.stream().anyMatch(s -> meters(f, s) <= 300);
            if (demand > 0 && !servedNow && 1.35 * CoverageApiTest.greatCircleMeters(lon, lat,
                    f.at("/geometry/coordinates/0").asDouble(), f.at("/geometry/coordinates/1").asDouble()) <= 300) {
                newlyWithin += demand;
            }
        }
        Response adding = scenario(http, """
                {"groups":["preschool"],"add":[{"category":"school","subtype":"kindergarten",
                 "location":{"lon":%s,"lat":%s}}]}""".formatted(lon, lat));
        assertThat(adding.status()).isEqualTo(200);
        assertThat(newlyWithin).isGreaterThanOrEqualTo(gap.at("/properties/uncoveredDemand").asDouble() - 0.05);
        assertThat(adding.json().at("/groups/0/total/delta").asDouble()).isCloseTo(newlyWithin, within(0.1));
    }

    @Test
    void beforeIsTheLiveCoverageAndAfterIsABruteForceRecomputationWithTheChangedSites() {
        Http http = CoverageApiTest.http(web);
        State state = state(http);
        SiteRow closed = first(state.sites(), "school/primary");
        SiteRow moved = first(state.sites(), "clinic/community_health_station");
        SiteRow other = state.sites().stream().filter(s -> s.key().equals("elder_care/home_care_station")).skip(3)
                .findFirst().orElseThrow();
        // the clinic moves onto another site's spot (a known place inside the district); a canteen opens there too
        String body = """
                {"move":[{"id":"%s","location":{"lon":%s,"lat":%s}}],
                 "add":[{"category":"elder_care","subtype":"elder_canteen","location":{"lon":%s,"lat":%s}}],
                 "close":["%s"]}""".formatted(moved.id(), other.lon(), other.lat(), other.lon(), other.lat(),
                closed.id());
        Response answer = scenario(http, body);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("changes").toString()).isEqualTo("{\"added\":1,\"moved\":1,\"closed\":1}");
        assertThat(answer.json().get("index")).isEqualTo(state.coverage().json().get("index"));

        List<SiteRow> changed = new ArrayList<>();
        for (SiteRow s : state.sites()) {
            if (s.id().equals(moved.id())) {
                changed.add(new SiteRow(s.id(), s.key(), other.lon(), other.lat()));
            } else if (!s.id().equals(closed.id())) {
                changed.add(s);
            }
        }
        changed.add(new SiteRow("new", "elder_care/elder_canteen", other.lon(), other.lat()));

        Map<String, JsonNode> live = new HashMap<>();
        state.coverage().json().get("groups").forEach(g -> live.put(g.get("code").asText(), g));
        JsonNode groups = answer.json().get("groups");
        assertThat(groups.size()).isEqualTo(CoverageApiTest.RULES.size());
        int moving = 0;
        for (JsonNode g : groups) {
            String code = g.get("code").asText();
            JsonNode coverage = live.get(code);
            assertThat(g.at("/total/servedBefore")).isEqualTo(coverage.at("/total/served"));
            assertThat(g.at("/total/shareBefore")).isEqualTo(coverage.at("/total/share"));
            assertThat(g.at("/total/demand")).isEqualTo(coverage.at("/total/demand"));
            Map<String, double[]> expected = servedByArea(code, changed, state.cells());
            assertThat(g.get("areas").size()).isEqualTo(coverage.get("areas").size()).isEqualTo(expected.size());
            double servedAfter = 0;
            for (int i = 0; i < g.get("areas").size(); i++) {
                JsonNode a = g.at("/areas/" + i);
                JsonNode c = coverage.at("/areas/" + i);
                String area = a.get("areaCode").asText();
                assertThat(area).isEqualTo(c.get("areaCode").asText());
                assertThat(a.get("servedBefore")).as("%s before in %s", code, area).isEqualTo(c.at("/total/served"));
                assertThat(a.get("shareBefore")).isEqualTo(c.at("/total/share"));
                assertThat(a.get("servedAfter").asDouble()).as("%s after in %s", code, area)
                        .isCloseTo(expected.get(area)[1], within(0.1));
                assertThat(a.get("demand").asDouble()).isCloseTo(expected.get(area)[0], within(0.1));
                servedAfter += expected.get(area)[1];
            }
            assertThat(g.at("/total/servedAfter").asDouble()).as("%s after", code).isCloseTo(servedAfter, within(0.1));
            moving += g.at("/total/delta").asDouble() != 0 ? 1 : 0;
        }
        assertThat(moving).as("groups whose coverage the scenario changes").isGreaterThanOrEqualTo(2);
    }

    @Test
    void nothingIsSavedAndTheLiveIndexIsUnchanged() {
        Http http = CoverageApiTest.http(web);
        List<SiteRow> before = CoverageApiTest.openSites(http);
        SiteRow closed = first(before, "school/kindergarten");
        String nearby = "/v1/nearby?lon=" + closed.lon() + "&lat=" + closed.lat() + "&category=school&limit=50";
        Response nearBefore = http.get(nearby);
        Response answer = http.call(HttpMethod.POST, PATH, "{\"close\":[\"" + closed.id() + "\"],\"move\":[{\"id\":\""
                + first(before, "clinic/community_health_station").id() + "\",\"location\":{\"lon\":"
                + closed.lon() + ",\"lat\":" + closed.lat() + "}}]}", h -> { }); // no token: a computation
        assertThat(answer.status()).isEqualTo(200);
        Response nearAfter = http.get(nearby);
        assertThat(nearAfter.headers().getFirst("X-Index-Generation"))
                .isEqualTo(nearBefore.headers().getFirst("X-Index-Generation"))
                .isEqualTo(answer.headers().getFirst("X-Index-Generation"));
        assertThat(nearAfter.raw()).contains(closed.id());
        assertThat(nearAfter.json().get("items")).isEqualTo(nearBefore.json().get("items"));
        assertThat(CoverageApiTest.openSites(http)).isEqualTo(before);
    }

    @Test
    void everyChangeIsValidated() {
        Http http = new Http(web);
        String site = CoverageApiTest.openSites(CoverageApiTest.http(web)).get(0).id();
        assertThat(scenario(http, "{\"close\":[\"" + UUID.randomUUID() + "\"]}").code()).isEqualTo("SITE_NOT_FOUND");
        Response unknownMove = scenario(http, "{\"move\":[{\"id\":\"nope\",\"location\":{\"lon\":121.55,\"lat\":29.87}}]}");
        assertThat(unknownMove.status()).isEqualTo(422);
        assertThat(unknownMove.json().at("/errors/0/field").asText()).isEqualTo("move[0].id");
        Response outside = scenario(http, "{\"add\":[{\"category\":\"school\",\"subtype\":\"kindergarten\","
                + "\"location\":{\"lon\":116.4,\"lat\":39.9}}]}");
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.code()).isEqualTo("OUTSIDE_SERVICE_AREA");
        assertThat(scenario(http, "{\"add\":[{\"category\":\"zoo\",\"subtype\":\"kindergarten\","
                + "\"location\":{\"lon\":121.55,\"lat\":29.87}}]}").code()).isEqualTo("UNKNOWN_CATEGORY");
        assertThat(scenario(http, "{\"add\":[{\"category\":\"school\",\"subtype\":\"zoo\","
                + "\"location\":{\"lon\":121.55,\"lat\":29.87}}]}").code()).isEqualTo("UNKNOWN_SUBTYPE");
        assertThat(scenario(http, "{\"groups\":[\"teenagers\"]}").code()).isEqualTo("UNKNOWN_GROUP");
        assertThat(scenario(http, "{\"remove\":[]}").code()).isEqualTo("UNKNOWN_FIELD");
        assertThat(scenario(http, "{\"close\":[\"" + site + "\",\"" + site + "\"]}").code()).isEqualTo("DUPLICATE");
        assertThat(scenario(http, "{\"add\":[{\"category\":\"school\",\"subtype\":\"kindergarten\","
                + "\"location\":{\"lon\":200,\"lat\":29.87}}]}").code()).isEqualTo("OUT_OF_RANGE");
        StringBuilder many = new StringBuilder("{\"close\":[");
        for (int i = 0; i < 1001; i++) {
            many.append(i == 0 ? "" : ",").append("\"x").append(i).append('"');
        }
        assertThat(scenario(http, many.append("]}").toString()).code()).isEqualTo("TOO_MANY_ITEMS");
        // gcj02 input is converted: the same spot given in GCJ-02 is inside the district too
        Response gcj = http.call(HttpMethod.POST, PATH + "?coordSys=gcj02", "{\"groups\":[\"preschool\"],\"add\":"
                + "[{\"category\":\"school\",\"subtype\":\"kindergarten\",\"location\":{\"lon\":121.5486,\"lat\":29.8675}}]}",
                h -> { });
        assertThat(gcj.status()).isEqualTo(200);
    }

    private static Response scenario(Http http, String body) {
        return http.call(HttpMethod.POST, PATH, body, h -> { });
    }

    private static SiteRow first(List<SiteRow> sites, String key) {
        return sites.stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow();
    }

    private static State state(Http http) {
        Response coverage;
        List<SiteRow> sites;
        List<JsonNode> cells;
        int attempts = 0;
        do { // one index state for the answer and the inputs: retry if a parallel edit moved it
            coverage = http.get("/v1/coverage");
            sites = CoverageApiTest.openSites(http);
            cells = CoverageApiTest.cells(http);
            attempts++;
        } while (!coverage.json().get("index").equals(http.get("/v1/coverage?group=infants").json().get("index"))
                && attempts < 5);
        return new State(coverage, sites, cells);
    }

    private static double meters(JsonNode cell, SiteRow s) {
        return 1.35 * CoverageApiTest.greatCircleMeters(cell.at("/geometry/coordinates/0").asDouble(),
                cell.at("/geometry/coordinates/1").asDouble(), s.lon(), s.lat());
    }

    private static double served(String group, List<SiteRow> sites, List<JsonNode> cells) {
        return servedByArea(group, sites, cells).values().stream().mapToDouble(t -> t[1]).sum();
    }

    /** Brute force: area → {demand, served} of a group with the given open sites. */
    private static Map<String, double[]> servedByArea(String group, List<SiteRow> sites, List<JsonNode> cells) {
        Map<String, Integer> rules = CoverageApiTest.RULES.get(group);
        Map<String, double[]> out = new TreeMap<>();
        for (JsonNode f : cells) {
            double demand = CoverageApiTest.demand(group, f.get("properties"));
            if (demand <= 0) {
                continue;
            }
            boolean ok = sites.stream().anyMatch(s -> rules.containsKey(s.key()) && meters(f, s) <= rules.get(s.key()));
            double[] t = out.computeIfAbsent(f.at("/properties/areaCode").asText(), k -> new double[2]);
            t[0] += demand;
            t[1] += ok ? demand : 0;
        }
        return out;
    }
}
