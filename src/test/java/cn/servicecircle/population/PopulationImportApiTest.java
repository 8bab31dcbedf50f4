package cn.servicecircle.population;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.coverage.CoverageApiTest;
import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.TestTokens;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;
import cn.servicecircle.support.TestDatabase;

/**
 * POST /v1/population/import over real HTTP, on its own database beside the test database (imports change the
 * population the shared sample tests count). Every expectation is checked through the public API: the points read
 * back with GET /v1/population, coverage demand from GET /v1/coverage.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ENABLED_PROPERTY, TestTokens.SECRET_PROPERTY, TestTokens.ISSUER_PROPERTY,
                TestTokens.RATE_LIMIT_OFF})
@AutoConfigureWebTestClient(timeout = "30s")
class PopulationImportApiTest {
    private static final String HEADER = "id,lon,lat,age_0_2,age_3_5,age_6_14,age_15_59,age_60_64,age_65_plus";
    private static final MediaType CSV = MediaType.valueOf("text/csv");
    private static final MediaType GEO_JSON = MediaType.valueOf("application/geo+json");

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerSibling(registry, "popimport");
    }

    /** A point near the centre of Haishu (inside the district), with its bands. */
    record Row(String id, double lon, double lat, int[] bands) {
        String csv() {
            StringBuilder b = new StringBuilder(id + "," + lon + "," + lat);
            for (int n : bands) {
                b.append(',').append(n);
            }
            return b.append('\n').toString();
        }

        int residents() {
            int sum = 0;
            for (int n : bands) {
                sum += n;
            }
            return sum;
        }
    }

    private static List<Row> rows(String prefix, int count) {
        List<Row> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Row(prefix + "-" + i, 121.530 + 0.002 * i, 29.870 + 0.001 * i,
                    new int[]{3 + i, 4, 10 + i, 50, 6, 7 + i}));
        }
        return out;
    }

    private static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        rows.forEach(r -> b.append(r.csv()));
        return b.toString();
    }

    private static String geoJson(List<Row> rows) {
        List<Object> features = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> props = new HashMap<>();
            props.put("id", r.id());
            for (int b = 0; b < 6; b++) {
                props.put(HEADER.split(",")[3 + b], r.bands()[b]);
            }
            features.add(Map.of("type", "Feature", "geometry", Map.of("type", "Point", "coordinates",
                    List.of(r.lon(), r.lat())), "properties", props));
        }
        return Http.json(Map.of("type", "FeatureCollection", "features", features));
    }

    private Http http() {
        return CoverageApiTest.http(web);
    }

    private Response post(String query, String body, MediaType type) {
        return http().call(HttpMethod.POST, "/v1/population/import" + query, body, type, Http.planner());
    }

    /** id → feature of every population point, in the given coordinate system. */
    private Map<String, JsonNode> points(String coordSys) {
        Map<String, JsonNode> out = new HashMap<>();
        http().get("/v1/population?format=geojson&coordSys=" + coordSys).json().get("features")
                .forEach(f -> out.put(f.at("/properties/id").asText(), f));
        return out;
    }

    private long residents() {
        return http().get("/v1/population").json().at("/total/residents").asLong();
    }

    private Map<String, Double> demand() {
        Map<String, Double> out = new HashMap<>();
        http().get("/v1/coverage").json().get("groups").forEach(g -> out.put(g.get("code").asText(),
                g.at("/total/demand").asDouble()));
        return out;
    }

    private static String prefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void csvImportIsReadByCoverageAndAReimportChangesNothing() {
        List<Row> rows = rows(prefix(), 5);
        Map<String, Double> before = demand();
        long residentsBefore = residents();

        Response done = post("?mode=upsert&dryRun=false", csv(rows), CSV);
        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        assertThat(done.json().get("committed").asBoolean()).isTrue();
        assertThat(done.json().get("created").asInt()).isEqualTo(5);
        assertThat(done.json().get("updated").asInt()).isZero();
        assertThat(done.json().get("unchanged").asInt()).isZero();
        assertThat(done.json().get("errors")).isEmpty();

        long imported = rows.stream().mapToLong(Row::residents).sum();
        assertThat(residents()).isEqualTo(residentsBefore + imported);
        Map<String, JsonNode> stored = points("wgs84");
        for (Row r : rows) {
            JsonNode f = stored.get(r.id());
            assertThat(f).as(r.id()).isNotNull();
            assertThat(f.at("/properties/source").asText()).isEqualTo("import");
            assertThat(f.at("/properties/areaCode").asText()).as("derived from the location").startsWith("330203");
            assertThat(f.at("/geometry/coordinates/0").asDouble()).isCloseTo(r.lon(), within(1e-9));
            assertThat(f.at("/geometry/coordinates/1").asDouble()).isCloseTo(r.lat(), within(1e-9));
        }
        // coverage re-reads the points at once: demand grows by exactly the imported residents of each group
        Map<String, Double> after = demand();
        long infants = rows.stream().mapToLong(r -> r.bands()[0]).sum();
        long elderly = rows.stream().mapToLong(r -> r.bands()[4] + r.bands()[5]).sum();
        assertThat(after.get("everyone") - before.get("everyone")).isCloseTo(imported, within(1e-6));
        assertThat(after.get("infants") - before.get("infants")).isCloseTo(infants, within(1e-6));
        assertThat(after.get("elderly") - before.get("elderly")).isCloseTo(elderly, within(1e-6));

        Response again = post("", csv(rows), CSV);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("created").asInt()).isZero();
        assertThat(again.json().get("updated").asInt()).isZero();
        assertThat(again.json().get("unchanged").asInt()).isEqualTo(5);
        assertThat(residents()).isEqualTo(residentsBefore + imported);

        // one changed row is an update; the rest stay unchanged
        List<Row> changed = new ArrayList<>(rows);
        Row first = rows.get(0);
        changed.set(0, new Row(first.id(), first.lon(), first.lat(), new int[]{0, 0, 0, 1, 0, 0}));
        Response update = post("", csv(changed), CSV);
        assertThat(update.json().get("updated").asInt()).isEqualTo(1);
        assertThat(update.json().get("unchanged").asInt()).isEqualTo(4);
        assertThat(demand().get("everyone") - before.get("everyone"))
                .isCloseTo(imported - first.residents() + 1, within(1e-6));
    }

    @Test
    void geoJsonInGcj02LandsWhereTheWgs84ImportDoes() {
        List<Row> wgs = rows(prefix(), 3);
        Response a = post("?coordSys=wgs84", geoJson(wgs), GEO_JSON);
        assertThat(a.status()).as(a.raw()).isEqualTo(200);
        assertThat(a.json().get("created").asInt()).isEqualTo(3);
        // the same places expressed in GCJ-02 (as the API itself answers them), under new ids
        Map<String, JsonNode> inGcj = points("gcj02");
        String other = prefix();
        List<Row> gcj = new ArrayList<>();
        for (Row r : wgs) {
            JsonNode f = inGcj.get(r.id());
            double lon = f.at("/geometry/coordinates/0").asDouble();
            double lat = f.at("/geometry/coordinates/1").asDouble();
            assertThat(Math.abs(lon - r.lon()) + Math.abs(lat - r.lat())).as("GCJ-02 differs").isGreaterThan(1e-4);
            gcj.add(new Row(other + r.id().substring(r.id().indexOf('-')), lon, lat, r.bands()));
        }
        Response b = http().call(HttpMethod.POST, "/v1/population/import?coordSys=gcj02", geoJson(gcj),
                MediaType.APPLICATION_JSON, Http.planner());
        assertThat(b.status()).as(b.raw()).isEqualTo(200);
        assertThat(b.json().get("coordSys").asText()).isEqualTo("gcj02");
        assertThat(b.json().get("created").asInt()).isEqualTo(3);
        Map<String, JsonNode> stored = points("wgs84");
        for (int i = 0; i < wgs.size(); i++) {
            JsonNode x = stored.get(wgs.get(i).id());
            JsonNode y = stored.get(gcj.get(i).id());
            assertThat(y.at("/geometry/coordinates/0").asDouble())
                    .isCloseTo(x.at("/geometry/coordinates/0").asDouble(), within(1e-6));
            assertThat(y.at("/geometry/coordinates/1").asDouble())
                    .isCloseTo(x.at("/geometry/coordinates/1").asDouble(), within(1e-6));
            assertThat(y.at("/properties/areaCode")).isEqualTo(x.at("/properties/areaCode"));
            assertThat(y.at("/properties/residents")).isEqualTo(x.at("/properties/residents"));
        }
    }

    @Test
    void aDryRunWritesNothing() {
        List<Row> rows = rows(prefix(), 4);
        long before = residents();
        Response dry = post("?dryRun=true", csv(rows), CSV);
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("dryRun").asBoolean()).isTrue();
        assertThat(dry.json().get("committed").asBoolean()).isFalse();
        assertThat(dry.json().get("created").asInt()).isEqualTo(4);
        assertThat(residents()).isEqualTo(before);
        assertThat(points("wgs84")).doesNotContainKey(rows.get(0).id());
    }

    @Test
    void oneBadRowWritesNothingAndIsReportedByNumber() {
        List<Row> rows = rows(prefix(), 4);
        // row 3 (the third data record) gets a negative count and a fractional one
        String[] lines = csv(rows).split("\n");
        lines[3] = lines[3].replaceFirst(",4,", ",-4,").replaceFirst(",50,", ",50.5,");
        String body = String.join("\n", lines) + "\n";
        long before = residents();

        Response dry = post("?dryRun=true", body, CSV);
        assertThat(dry.status()).isEqualTo(200);
        assertThat(dry.json().get("valid").asInt()).isEqualTo(3);
        JsonNode errors = dry.json().get("errors");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0).get("row").asInt()).isEqualTo(3);
        assertThat(errors.get(0).get("id").asText()).isEqualTo(rows.get(2).id());
        assertThat(errors.get(0).get("field").asText()).isEqualTo("age_3_5");
        assertThat(errors.get(0).get("code").asText()).isEqualTo("OUT_OF_RANGE");
        assertThat(errors.get(1).get("code").asText()).isEqualTo("NOT_AN_INTEGER");

        Response commit = post("", body, CSV);
        assertThat(commit.status()).isEqualTo(422);
        assertThat(commit.code()).isEqualTo("IMPORT_INVALID");
        assertThat(commit.json().get("detail").asText()).contains("row 3");
        assertThat(commit.json().get("errors").get(0).get("field").asText()).isEqualTo("rows[3].age_3_5");
        assertThat(residents()).isEqualTo(before);
        assertThat(points("wgs84")).doesNotContainKeys(rows.get(0).id(), rows.get(1).id(), rows.get(3).id());
    }

    @Test
    void locationAndAreaCodeAreChecked() {
        String p = prefix();
        String body = HEADER + ",area_code\n"
                + p + "-a,121.535,29.872,1,1,1,1,1,1,\n"        // area derived
                + p + "-b,116.40,39.90,1,1,1,1,1,1,\n"         // Beijing: outside
                + p + "-c,121.535,29.872,1,1,1,1,1,1,330203\n"  // the district itself
                + p + "-d,121.535,29.872,1,1,1,1,1,1,999999\n"  // unknown
                + p + "-a,121.535,29.872,1,1,1,1,1,1,\n"        // id twice
                + ",121.535,29.872,1,1,1,1,1,1,\n"              // id missing
                + p + "-g,121.55,95,x,1,1,1,1,1,\n";           // lat and a count unreadable
        Response dry = post("?dryRun=true", body, CSV);
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        Map<Integer, List<String>> codes = new HashMap<>();
        dry.json().get("errors").forEach(e -> codes.computeIfAbsent(e.get("row").asInt(), k -> new ArrayList<>())
                .add(e.get("field").asText() + ":" + e.get("code").asText()));
        assertThat(codes).doesNotContainKey(1);
        assertThat(codes.get(2)).containsExactly("lat:OUTSIDE_SERVICE_AREA");
        assertThat(codes.get(3)).containsExactly("area_code:AREA_MISMATCH");
        assertThat(codes.get(4)).containsExactly("area_code:AREA_MISMATCH");
        assertThat(codes.get(5)).containsExactly("id:DUPLICATE_ID");
        assertThat(codes.get(6)).containsExactly("id:REQUIRED");
        assertThat(codes.get(7)).containsExactlyInAnyOrder("lat:OUT_OF_RANGE", "age_0_2:INVALID_NUMBER");
    }

    @Test
    void aTokenIsRequiredAndBadRequestsAreProblems() {
        List<Row> rows = rows(prefix(), 1);
        long before = residents();
        Response anonymous = http().call(HttpMethod.POST, "/v1/population/import", csv(rows), CSV, h -> { });
        assertThat(anonymous.status()).isEqualTo(401);
        Response wrong = http().call(HttpMethod.POST, "/v1/population/import", csv(rows), CSV,
                h -> h.setBearerAuth("not-the-token"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(residents()).isEqualTo(before);

        assertThat(post("?mode=replace&dryRun=maybe", csv(rows), CSV).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(post("", "id,lon\n1,2\n", CSV).code()).isEqualTo("VALIDATION_FAILED");
        assertThat(post("", HEADER + "\n", CSV).code()).isEqualTo("EMPTY_IMPORT");
        assertThat(post("", "{\"type\":\"Feature\"}", GEO_JSON).code()).isEqualTo("NOT_A_FEATURE_COLLECTION");
        assertThat(post("", "{\"type\":", GEO_JSON).code()).isEqualTo("MALFORMED_JSON");
        assertThat(post("", "{\"type\":1,\"type\":2}", GEO_JSON).code()).isEqualTo("DUPLICATE_KEY");
        assertThat(post("", csv(rows), MediaType.TEXT_PLAIN).status()).isEqualTo(415);
        StringBuilder many = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i <= PopulationImportParser.MAX_ROWS; i++) {
            many.append("m").append(i).append(",121.535,29.872,1,1,1,1,1,1\n");
        }
        Response tooMany = post("?dryRun=true", many.toString(), CSV);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.code()).isEqualTo("TOO_MANY_ROWS");
        // over the 4 MB limit: 413 problem+json; a client still sending megabytes when the server answers and
        // closes may see a reset instead (TCP), which also refuses the body and writes nothing
        try {
            Response tooLarge = post("?dryRun=true", many.toString().repeat(20), CSV);
            assertThat(tooLarge.status()).as(tooLarge.raw()).isEqualTo(413);
            assertThat(tooLarge.code()).isEqualTo("PAYLOAD_TOO_LARGE");
        } catch (org.springframework.web.reactive.function.client.WebClientRequestException reset) {
            assertThat(reset).hasRootCauseInstanceOf(java.io.IOException.class);
        }
        assertThat(residentsAfterAReset()).isEqualTo(before);
    }

    /** The client may hand out the connection the server just closed once more: one retry on a fresh one. */
    private long residentsAfterAReset() {
        try {
            return residents();
        } catch (org.springframework.web.reactive.function.client.WebClientRequestException closed) {
            return residents();
        }
    }

    @Test
    void tenThousandPointsAreCheckedAndWrittenWithinTheRequestDeadline() {
        List<Row> rows = new ArrayList<>();
        String p = prefix();
        for (int i = 0; i < PopulationImportParser.MAX_ROWS; i++) {
            rows.add(new Row(p + "-" + i, 121.50 + 0.00004 * (i % 1000), 29.86 + 0.00004 * (i / 1000),
                    new int[]{1, 1, 1, 1, 1, i % 7}));
        }
        String body = geoJson(rows);
        assertThat(body.length()).as("fits the documented 4 MB").isLessThan(4 << 20);
        long before = residents();
        long t0 = System.nanoTime();
        Response dry = post("?dryRun=true", body, GEO_JSON);
        long dryMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(dry.status()).as(dry.raw().substring(0, Math.min(500, dry.raw().length()))).isEqualTo(200);
        assertThat(dry.json().get("valid").asInt()).isEqualTo(PopulationImportParser.MAX_ROWS);
        t0 = System.nanoTime();
        Response commit = post("", body, GEO_JSON);
        long commitMillis = (System.nanoTime() - t0) / 1_000_000;
        assertThat(commit.status()).isEqualTo(200);
        assertThat(commit.json().get("created").asInt()).isEqualTo(PopulationImportParser.MAX_ROWS);
        assertThat(residents()).isEqualTo(before + rows.stream().mapToLong(Row::residents).sum());
        System.out.printf("10,000-point import: dry run %d ms, commit %d ms%n", dryMillis, commitMillis);
    }
}
