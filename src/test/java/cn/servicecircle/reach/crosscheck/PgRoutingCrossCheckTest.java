package cn.servicecircle.reach.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cn.servicecircle.reach.Heidelberg;
import cn.servicecircle.support.HeidelbergTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.PublicApiData;
import cn.servicecircle.support.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Our walking metres, as the heidelberg service answers them over HTTP ({@code /v1/nearby}), against an independent
 * router: the same OSM file imported into pgRouting by osm2pgrouting with our foot map configuration and rules
 * ({@link PgRoutingFoot}, {@code bench/pgrouting/foot/}), origins and sites snapped onto pgRouting's own edges,
 * {@code pgr_withPointsCost}. At least 99 % of the origin-site pairs must agree within 1 % and at least 99 % of the
 * origins on their nearest site ({@link WalkMetersAgreement}).
 *
 * <p>Skipped only when osmium or osm2pgrouting is missing and {@value PgRoutingFoot#REQUIRE_ENV} is not set;
 * {@code .ci/run} installs both and sets it, so in CI a missing tool fails the build.
 */
class PgRoutingCrossCheckTest extends HeidelbergTestBase {

    private static final String SCHEMA = "pgr_foot_heidelberg";
    private static final int ORIGINS = 250;

    @Test
    void walkingMetersAgreeWithPgRoutingOnTheSameOsmFile() {
        List<String> missing = PgRoutingFoot.missingTools();
        if (!missing.isEmpty()) {
            String why = "the independent pgRouting check needs " + missing
                    + " on the PATH (apt-get install osmium-tool osm2pgrouting postgresql-client)";
            if (System.getenv(PgRoutingFoot.REQUIRE_ENV) != null) {
                fail(why + "; " + PgRoutingFoot.REQUIRE_ENV + " is set, so this is a failure, not a skip");
            }
            Assumptions.abort(why);
        }
        String summary = PgRoutingFoot.importOrReuse(Heidelberg.PBF, TestDatabase.url(), SCHEMA, true);
        Http http = PublicApiData.bigHttp(web);

        List<JsonNode> schools = PublicApiData.openSites(http).stream()
                .filter(s -> s.get("category").asText().equals("school")).toList();
        assertTrue(schools.size() >= 40, "schools: " + schools.size());
        Map<String, Integer> siteIndex = new HashMap<>();
        List<double[]> sitePoints = new ArrayList<>();
        for (JsonNode s : schools) {
            siteIndex.put(s.get("id").asText(), sitePoints.size());
            sitePoints.add(new double[]{s.at("/location/lon").asDouble(), s.at("/location/lat").asDouble()});
        }

        // origins 100-1,500 m from a random school of the OSM file in a random direction (fixed seed; the file's
        // schools by external id, so the origins are the same every run whatever other tests added)
        List<double[]> seeds = schools.stream().filter(s -> s.path("externalId").asText().startsWith("osm:"))
                .sorted(java.util.Comparator.comparing((JsonNode s) -> s.get("externalId").asText()))
                .map(s -> new double[]{s.at("/location/lon").asDouble(), s.at("/location/lat").asDouble()}).toList();
        SplittableRandom rnd = new SplittableRandom(20261129L);
        List<double[]> originPoints = new ArrayList<>();
        List<JsonNode> answers = new ArrayList<>();
        int refused = 0;
        while (originPoints.size() < ORIGINS) {
            double[] s = seeds.get(rnd.nextInt(seeds.size()));
            double d = 100 + rnd.nextDouble() * 1400;
            double bearing = rnd.nextDouble() * 2 * Math.PI;
            double lat = s[1] + d * Math.cos(bearing) / 111_320.0;
            double lon = s[0] + d * Math.sin(bearing) / (111_320.0 * Math.cos(Math.toRadians(s[1])));
            Http.Response r = http.get(String.format(Locale.ROOT,
                    "/v1/nearby?lon=%.6f&lat=%.6f&category=school&limit=3&maxMinutes=60", lon, lat));
            if (r.status() == 422) {
                refused++;
                continue;
            }
            assertEquals(200, r.status(), r.raw());
            assertEquals("network", r.json().get("method").asText());
            if (r.json().get("items").isEmpty()) {
                continue;
            }
            originPoints.add(new double[]{lon, lat});
            answers.add(r.json());
        }
        assertTrue(refused < ORIGINS, "too many origins refused: " + refused);

        double[][] reference = PgRoutingFoot.meters(TestDatabase.url(), SCHEMA, originPoints, sitePoints);
        List<WalkMetersAgreement.Pair> pairs = new ArrayList<>();
        List<WalkMetersAgreement.Origin> origins = new ArrayList<>();
        for (int o = 0; o < answers.size(); o++) {
            Map<String, Double> bySite = new HashMap<>();
            for (Map.Entry<String, Integer> e : siteIndex.entrySet()) {
                double m = reference[o][e.getValue()];
                if (Double.isFinite(m)) {
                    bySite.put(e.getKey(), m);
                }
            }
            JsonNode items = answers.get(o).get("items");
            origins.add(new WalkMetersAgreement.Origin(o, items.get(0).at("/site/id").asText(), bySite));
            for (JsonNode item : items) {
                String id = item.at("/site/id").asText();
                Double ref = bySite.get(id);
                pairs.add(new WalkMetersAgreement.Pair(o, id, item.get("walkMeters").asDouble(),
                        ref == null ? Double.POSITIVE_INFINITY : ref));
            }
        }
        WalkMetersAgreement.Verdict verdict = WalkMetersAgreement.judge(pairs, origins);
        System.out.println("[pgRouting cross-check] " + summary + "; " + verdict);
        assertTrue(pairs.size() >= 500, "a few hundred pairs at least: " + pairs.size());
        assertTrue(verdict.passes(), verdict.toString());
        // the comparison is sensitive: an engine scaling every metre by 0.8 or 1.25 would fail it on these pairs
        assertFalse(WalkMetersAgreement.judge(WalkMetersAgreement.scaled(pairs, 0.8), origins).passes());
        assertFalse(WalkMetersAgreement.judge(WalkMetersAgreement.scaled(pairs, 1.25), origins).passes());
    }
}
