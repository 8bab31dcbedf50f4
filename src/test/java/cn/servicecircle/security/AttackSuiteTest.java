package cn.servicecircle.security;

import static cn.servicecircle.support.TestTokens.JIANGXIA;
import static cn.servicecircle.support.TestTokens.NANMEN;
import static cn.servicecircle.support.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.JsonNode;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;
import cn.servicecircle.support.TestTokens;

/**
 * Attacks, each refused with a clear 4xx problem+json and the database unchanged, checked by reading the site,
 * revision and area tables back in plain SQL (a fingerprint of every row) before and after.
 */
class AttackSuiteTest extends ApiTestBase {
    static final List<String> INJECTIONS = List.of("'; DROP TABLE site; --", "' OR '1'='1", "1; DELETE FROM site_revision",
            "\" OR 1=1 --", "%' OR 1=1 --", "$$; TRUNCATE area CASCADE; $$", "') UNION SELECT version() --");

    @Autowired
    DatabaseClient db;
    Http http;
    String office;
    Map<String, Object> nanmenPoint;
    Map<String, Object> jiangxiaPoint;

    @BeforeEach
    void setUp() {
        http = new Http(web);
        office = TestTokens.office("南门街道办", NANMEN);
        nanmenPoint = point(NANMEN);
        jiangxiaPoint = point(JIANGXIA);
    }

    Map<String, Object> point(String area) {
        JsonNode l = http.get("/v1/sites?area=" + area + "&limit=1").json().at("/items/0/location");
        return Map.of("lon", l.get("lon").asDouble(), "lat", l.get("lat").asDouble());
    }

    /** Every row of the written tables, hashed. */
    String state() {
        return db.sql("""
                SELECT (SELECT count(*) || ':' || md5(string_agg(s::text, '|' ORDER BY id)) FROM site s) || '/' ||
                       (SELECT count(*) || ':' || max(id) FROM site_revision) || '/' ||
                       (SELECT count(*) || ':' || md5(string_agg(a.code || a.name_zh, '|' ORDER BY code)) FROM area a)
                       || '/' || (SELECT count(*) FROM indicator_value) AS h""")
                .map(r -> r.get("h", String.class)).one().block();
    }

    static Map<String, Object> site(String name, Map<String, Object> location) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("category", "elder_care");
        b.put("subtype", "elder_canteen");
        b.put("name", name);
        b.put("location", location);
        return b;
    }

    static void refused(Response r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(String.valueOf(r.headers().getContentType())).startsWith("application/problem+json");
        assertThat(r.code()).as(r.raw()).isEqualTo(code);
        assertThat(r.json().get("detail").asText()).isNotBlank();
    }

    static String sign(JWTClaimsSet claims, JWSAlgorithm alg, String secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(alg), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void forgedExpiredPrematureMisaddressedAndUnsignedTokensAre401() {
        Instant now = Instant.now();
        JWTClaimsSet admin = TestTokens.defaults().subject("intruder").claim("roles", List.of("admin")).build();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("forged (another key)", sign(admin, JWSAlgorithm.HS256, "another-secret-another-secret-0123456789"));
        tokens.put("expired", TestTokens.sign(new JWTClaimsSet.Builder(admin).issueTime(Date.from(now.minusSeconds(7200)))
                .expirationTime(Date.from(now.minusSeconds(3600))).build(), TestTokens.SECRET));
        tokens.put("not yet valid", TestTokens.sign(new JWTClaimsSet.Builder(admin)
                .notBeforeTime(Date.from(now.plusSeconds(3600))).build(), TestTokens.SECRET));
        tokens.put("wrong issuer", TestTokens.sign(new JWTClaimsSet.Builder(admin).issuer("https://idp.example.org")
                .build(), TestTokens.SECRET));
        tokens.put("wrong audience", TestTokens.sign(new JWTClaimsSet.Builder(admin).audience("another-service")
                .build(), TestTokens.SECRET));
        tokens.put("no audience", TestTokens.sign(new JWTClaimsSet.Builder(admin).audience((String) null).build(),
                TestTokens.SECRET));
        tokens.put("no expiry", TestTokens.sign(new JWTClaimsSet.Builder(admin).expirationTime(null).build(),
                TestTokens.SECRET));
        tokens.put("HS512 with the right key (algorithm not accepted)", sign(admin, JWSAlgorithm.HS512,
                TestTokens.SECRET + TestTokens.SECRET));
        String payload = b64(admin.toString());
        tokens.put("alg none", b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".");
        tokens.put("alg none with a signature", b64("{\"alg\":\"none\"}") + "." + payload + "."
                + TestTokens.office("x", NANMEN).split("\\.")[2]);
        String officeToken = TestTokens.office("南门街道办", NANMEN);
        String[] parts = officeToken.split("\\.");
        tokens.put("office token with its payload swapped for admin", parts[0] + "." + payload + "." + parts[2]);
        tokens.put("garbage", "not.a.jwt");
        tokens.put("static development token of old", "dev-token-change-me-0000");

        String before = state();
        tokens.forEach((what, token) -> {
            String name = "攻击-" + UUID.randomUUID();
            Response r = http.call(HttpMethod.POST, "/v1/sites", Http.json(site(name, nanmenPoint)), bearer(token));
            assertThat(r.status()).as(what + ": " + r.raw()).isEqualTo(401);
            refused(r, 401, "INVALID_TOKEN");
            assertThat(r.headers().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        });
        refused(http.call(HttpMethod.POST, "/v1/sites", Http.json(site("x", nanmenPoint)), h -> { }), 401,
                "UNAUTHENTICATED");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void claimsOutsideTheRoleClaimAndRequestFieldsRaiseNothing() {
        String escalated = TestTokens.mint(Map.of("sub", "南门", "roles", List.of("office"), "area_codes", List.of(NANMEN),
                "role", "admin", "scope", "admin", "realm_access", Map.of("roles", List.of("admin")), "admin", true));
        String before = state();
        refused(http.call(HttpMethod.POST, "/v1/sites", Http.json(site("越权", jiangxiaPoint)), bearer(escalated)),
                403, "OUT_OF_SCOPE");
        Consumer<HttpHeaders> withHeaders = h -> {
            h.setBearerAuth(escalated);
            h.set("X-Role", "admin");
            h.set("X-Forwarded-User", "admin");
            h.set("X-Area-Codes", JIANGXIA);
        };
        refused(http.call(HttpMethod.POST, "/v1/sites?actor=admin&role=admin", Http.json(site("越权", jiangxiaPoint)),
                withHeaders), 403, "OUT_OF_SCOPE");
        Map<String, Object> body = site("越权", jiangxiaPoint);
        body.put("actor", "admin");
        refused(http.call(HttpMethod.POST, "/v1/sites", Http.json(body), bearer(escalated)), 400, "UNKNOWN_FIELD");
        refused(http.call(HttpMethod.PUT, "/v1/indicators/07-registered-unemployment/values/2025",
                "{\"value\":1,\"unit\":\"percent\"}", bearer(escalated)), 403, "FORBIDDEN");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void crossStreetWritesAreRefused() {
        JsonNode theirs = http.get("/v1/sites?area=" + JIANGXIA + "&limit=1").json().at("/items/0");
        String id = theirs.get("id").asText();
        String etag = "\"" + theirs.get("version").asInt() + "\"";
        Consumer<HttpHeaders> h = x -> {
            x.setBearerAuth(office);
            x.set(HttpHeaders.IF_MATCH, etag);
        };
        String before = state();
        refused(http.call(HttpMethod.POST, "/v1/sites", Http.json(site("跨街", jiangxiaPoint)), bearer(office)),
                403, "OUT_OF_SCOPE");
        refused(http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"capacity\":{\"seats\":1}}", h), 403, "OUT_OF_SCOPE");
        refused(http.call(HttpMethod.PUT, "/v1/sites/" + id, Http.json(site("跨街", jiangxiaPoint)), h), 403,
                "OUT_OF_SCOPE");
        refused(http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, h), 403, "OUT_OF_SCOPE");
        refused(http.call(HttpMethod.PATCH, "/v1/sites/" + id, Http.json(Map.of("location", nanmenPoint)), h), 403,
                "OUT_OF_SCOPE");
        // its own site, moved out of its area
        JsonNode mine = http.get("/v1/sites?area=" + NANMEN + "&limit=1").json().at("/items/0");
        refused(http.call(HttpMethod.PATCH, "/v1/sites/" + mine.get("id").asText(),
                Http.json(Map.of("location", jiangxiaPoint)), x -> {
                    x.setBearerAuth(office);
                    x.set(HttpHeaders.IF_MATCH, "\"" + mine.get("version").asInt() + "\"");
                }), 403, "OUT_OF_SCOPE");
        // an import naming the neighbour's site by its external id, and a new site in the neighbour's area
        String csv = "external_id,category,subtype,name,lon,lat\n"
                + theirs.get("externalId").asText() + ",elder_care,elder_canteen,接管," + jiangxiaPoint.get("lon") + ","
                + jiangxiaPoint.get("lat") + "\n"
                + "steal-" + UUID.randomUUID() + ",elder_care,elder_canteen,新建," + jiangxiaPoint.get("lon") + ","
                + jiangxiaPoint.get("lat") + "\n";
        Response imported = http.call(HttpMethod.POST, "/v1/sites/import", csv, MediaType.valueOf("text/csv"),
                bearer(office));
        refused(imported, 422, "IMPORT_INVALID");
        assertThat(imported.json().get("errors")).extracting(e -> e.get("code").asText())
                .containsExactly("OUT_OF_SCOPE", "OUT_OF_SCOPE");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void sqlInjectionStringsAreTextNotSql() {
        String before = state();
        for (String x : INJECTIONS) {
            String q = x; // as typed: the client percent-encodes what a URI needs, the server decodes it back
            Response list = http.get("/v1/sites?status=all&q=" + q);
            assertThat(list.status()).isEqualTo(200);
            list.json().get("items").forEach(s -> assertThat(s.get("name").asText()).contains(x));
            assertThat(http.get("/v1/sites?area=" + q).json().get("total").asLong()).isZero();
            assertThat(http.get("/v1/sites?subtype=" + q).json().get("total").asLong()).isZero();
            refused(http.get("/v1/sites?category=" + q), 400, "UNKNOWN_CATEGORY");
            refused(http.get("/v1/sites?cursor=" + q), 400, "INVALID_PARAMETER");
            refused(http.get("/v1/sites?bbox=" + q), 400, "INVALID_PARAMETER");
            // (a '%' not followed by hex digits cannot even be sent in a path: the client refuses to build the URI)
            for (String path : x.contains("%") ? List.<String>of() : List.of("/v1/sites/", "/v1/areas/", "/v1/indicators/")) {
                Response r = http.get(path + q);
                assertThat(r.status()).as(path + q + ": " + r.raw()).isIn(400, 404);
                assertThat(String.valueOf(r.headers().getContentType())).startsWith("application/problem+json");
            }
            refused(http.call(HttpMethod.GET, "/v1/audit?area=" + q, null, Http.auth()), 400, "INVALID_PARAMETER");
            refused(http.call(HttpMethod.GET, "/v1/audit?since=" + q, null, Http.auth()), 400, "INVALID_PARAMETER");
            assertThat(http.call(HttpMethod.GET, "/v1/audit?actor=" + q, null, Http.auth()).json().get("items"))
                    .isEmpty();
            // in every text field and the reason of a write the office may not make: refused, nothing runs
            Map<String, Object> body = site(x, jiangxiaPoint);
            body.put("address", x);
            body.put("openingHours", x);
            body.put("externalId", x);
            refused(http.call(HttpMethod.POST, "/v1/sites?reason=" + q, Http.json(body), bearer(office)), 403,
                    "OUT_OF_SCOPE");
            body.put("phone", x);
            body.put("areaCode", x);
            refused(http.call(HttpMethod.POST, "/v1/sites?reason=" + q, Http.json(body), bearer(office)), 400,
                    "VALIDATION_FAILED");
        }
        assertThat(state()).isEqualTo(before);

        // written by someone allowed to, they are stored as the text they are
        String name = INJECTIONS.get(0) + UUID.randomUUID();
        Map<String, Object> body = site(name, nanmenPoint);
        body.put("address", INJECTIONS.get(1));
        Response created = http.call(HttpMethod.POST, "/v1/sites?reason=" + INJECTIONS.get(2), Http.json(body),
                bearer(office));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode read = http.get("/v1/sites/" + created.json().get("id").asText()).json();
        assertThat(read.get("name").asText()).isEqualTo(name);
        assertThat(read.get("address").asText()).isEqualTo(INJECTIONS.get(1));
        String after = state();
        assertThat(after.split("/")[2]).as("areas untouched").isEqualTo(before.split("/")[2]);
        assertThat(Long.parseLong(after.split(":")[0])).isEqualTo(Long.parseLong(before.split(":")[0]) + 1);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    @Test
    void oversizedAndMalformedBodiesAre4xx() {
        // a fresh connection per request: the server closes a connection after refusing a body, and a pooled one
        // would be handed to the next test
        Http http = new Http(WebTestClient.bindToServer(new ReactorClientHttpConnector(
                HttpClient.create(ConnectionProvider.newConnection()))).baseUrl("http://localhost:" + port)
                .responseTimeout(java.time.Duration.ofSeconds(30)).build());
        String before = state();
        String huge = "{\"category\":\"elder_care\",\"subtype\":\"elder_canteen\",\"name\":\"" + "长".repeat(40_000) + "\"}";
        refused(http.call(HttpMethod.POST, "/v1/sites", huge, bearer(office)), 413, "PAYLOAD_TOO_LARGE");
        refused(http.call(HttpMethod.POST, "/v1/sites", "{\"name\":", bearer(office)), 400, "MALFORMED_JSON");
        refused(http.call(HttpMethod.POST, "/v1/sites", "[1,2,3]", bearer(office)), 400, "MALFORMED_JSON");
        refused(http.call(HttpMethod.POST, "/v1/sites", "{\"name\":\"a\",\"name\":\"b\"}", bearer(office)), 400,
                "DUPLICATE_KEY");
        refused(http.call(HttpMethod.POST, "/v1/sites", "[".repeat(5000) + "]".repeat(5000), bearer(office)), 400,
                "MALFORMED_JSON");
        refused(http.call(HttpMethod.POST, "/v1/sites", "name=x", MediaType.APPLICATION_FORM_URLENCODED,
                bearer(office)), 415, "UNSUPPORTED_MEDIA_TYPE");
        refused(http.call(HttpMethod.POST, "/v1/sites/import", "x", MediaType.APPLICATION_XML, bearer(office)), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        refused(http.call(HttpMethod.POST, "/v1/sites/import", "{\"type\":", MediaType.valueOf("application/geo+json"),
                bearer(office)), 400, "MALFORMED_JSON");
        refused(http.call(HttpMethod.POST, "/v1/sites/import", "", MediaType.valueOf("text/csv"), bearer(office)), 400,
                "EMPTY_IMPORT");
        StringBuilder many = new StringBuilder("external_id,category,subtype,name,lon,lat\n");
        for (int k = 0; k <= 10_000; k++) {
            many.append("m").append(k).append(",school,other,n,121.55,29.87\n");
        }
        refused(http.call(HttpMethod.POST, "/v1/sites/import", many.toString(), MediaType.valueOf("text/csv"),
                bearer(office)), 400, "TOO_MANY_ROWS");
        String tooBig = "external_id,category,subtype,name,lon,lat\n" + ("a,school,other," + "名".repeat(1000)
                + ",121.55,29.87\n").repeat(3000);
        // a client still sending megabytes when the server answers 413 and closes may see a reset instead (TCP);
        // either way the body is refused and nothing is written
        try {
            refused(http.call(HttpMethod.POST, "/v1/sites/import", tooBig, MediaType.valueOf("text/csv"),
                    bearer(office)), 413, "PAYLOAD_TOO_LARGE");
        } catch (org.springframework.web.reactive.function.client.WebClientRequestException reset) {
            assertThat(reset).hasRootCauseInstanceOf(java.io.IOException.class);
        }
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void invalidGeoJsonIsRefusedRowByRow() {
        double lon = (double) nanmenPoint.get("lon");
        double lat = (double) nanmenPoint.get("lat");
        List<Object> hugeRing = new ArrayList<>();
        for (int k = 0; k < 20_000; k++) {
            hugeRing.add(List.of(lon + k * 1e-7, lat));
        }
        List<Object> features = List.of(
                feature(Map.of("type", "Polygon", "coordinates", List.of(List.of(List.of(lon, lat),
                        List.of(lon + 0.01, lat + 0.01), List.of(lon + 0.01, lat), List.of(lon, lat + 0.01),
                        List.of(lon, lat)))), "bowtie"),
                feature(Map.of("type", "LineString", "coordinates", List.of(List.of(lon, lat), List.of(lon, lat))), "line"),
                feature(Map.of("type", "Point", "coordinates", hugeRing), "huge"),
                feature(Map.of("type", "Point", "coordinates", List.of(1e308, 91)), "absurd"),
                feature(Map.of("type", "Point", "coordinates", List.of("121.5", "29.8")), "strings"),
                feature(Map.of("type", "Point", "coordinates", List.of(-73.98, 40.75)), "new-york"),
                Map.of("type", "Feature", "properties", Map.of("external_id", "no-geometry")),
                "not a feature",
                Map.of("type", "Feature", "geometry", Map.of("type", "Point", "coordinates", List.of(lon, lat)),
                        "properties", Map.of("external_id", "nested", "category", "school", "subtype", "other",
                                "name", Map.of("zh", "嵌套"))));
        String geo = Http.json(Map.of("type", "FeatureCollection", "features", features));
        MediaType type = MediaType.valueOf("application/geo+json");
        String before = state();
        Response dry = http.call(HttpMethod.POST, "/v1/sites/import?dryRun=true", geo, type, bearer(office));
        assertThat(dry.status()).as(dry.raw()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        dry.json().get("errors").forEach(e -> codes.add(e.get("row").asInt() + ":" + e.get("code").asText()));
        assertThat(codes).containsExactly("1:NOT_A_POINT", "2:NOT_A_POINT", "3:NOT_A_POINT", "4:OUT_OF_RANGE",
                "4:OUT_OF_RANGE", "5:NOT_A_POINT", "6:OUTSIDE_SERVICE_AREA", "7:NOT_A_POINT", "8:NOT_A_FEATURE",
                "9:INVALID_TYPE");
        refused(http.call(HttpMethod.POST, "/v1/sites/import", geo, type, bearer(office)), 422, "IMPORT_INVALID");
        refused(http.call(HttpMethod.POST, "/v1/sites/import", "{\"type\":\"Feature\"}", type, bearer(office)), 400,
                "NOT_A_FEATURE_COLLECTION");
        refused(http.call(HttpMethod.POST, "/v1/sites/import", "{\"type\":\"FeatureCollection\",\"features\":{}}", type,
                bearer(office)), 400, "NOT_A_FEATURE_COLLECTION");
        assertThat(state()).isEqualTo(before);
    }

    static Map<String, Object> feature(Map<String, Object> geometry, String id) {
        return Map.of("type", "Feature", "geometry", geometry, "properties", Map.of("external_id", id,
                "category", "school", "subtype", "other", "name", id));
    }
}
