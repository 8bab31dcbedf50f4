package cn.servicecircle.security;

import static cn.servicecircle.support.TestTokens.JIANGXIA;
import static cn.servicecircle.support.TestTokens.NANMEN;
import static cn.servicecircle.support.TestTokens.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;
import cn.servicecircle.support.TestTokens;

/**
 * Street offices write only in their own areas; every change is in the history and the audit log with its real
 * actor and role. Locations come from the public API: a site already in 南门 (330203001) and one in its neighbour
 * 江厦 (330203002), so the test does not share the placement code it checks.
 */
class ScopedWritesApiTest extends ApiTestBase {
    Http http;
    String officeName;
    String nanmenOffice;

    @BeforeEach
    void setUp() {
        http = new Http(web);
        officeName = "南门街道办-" + UUID.randomUUID().toString().substring(0, 8);
        nanmenOffice = TestTokens.office(officeName, NANMEN);
    }

    /** A location (WGS84) of an open site of {@code area}, from the public list. */
    Map<String, Object> locationIn(String area) {
        JsonNode site = http.get("/v1/sites?area=" + area + "&limit=1").json().at("/items/0");
        assertThat(site.at("/areaCode").asText()).isEqualTo(area);
        return Map.of("lon", site.at("/location/lon").asDouble(), "lat", site.at("/location/lat").asDouble());
    }

    static Map<String, Object> body(String name, Map<String, Object> location) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("category", "elder_care");
        b.put("subtype", "home_care_station");
        b.put("name", name);
        b.put("location", location);
        return b;
    }

    static Consumer<HttpHeaders> ifMatch(String token, String etag) {
        return h -> {
            h.setBearerAuth(token);
            h.set(HttpHeaders.IF_MATCH, etag);
        };
    }

    Response create(String token, Map<String, Object> body) {
        return http.call(HttpMethod.POST, "/v1/sites", Http.json(body), bearer(token));
    }

    long totalNamed(String name) {
        return http.get("/v1/sites?status=all&q=" + name).json().get("total").asLong();
    }

    static void assertProblem(Response r, int status, String code) {
        assertThat(r.status()).as(r.raw()).isEqualTo(status);
        assertThat(r.headers().getContentType().toString()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo(code);
    }

    @Test
    void aNanmenOfficeEditsItsOwnSitesAndIsRefusedOnANeighbours() {
        // its own: create, edit, close, reopen
        String name = "南门站-" + UUID.randomUUID();
        Response created = create(nanmenOffice, body(name, locationIn(NANMEN)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.json().get("areaCode").asText()).isEqualTo(NANMEN);
        String id = created.json().get("id").asText();
        Response renamed = http.call(HttpMethod.PATCH, "/v1/sites/" + id + "?reason=rename",
                "{\"name\":\"" + name + "-改\"}", ifMatch(nanmenOffice, "\"1\""));
        assertThat(renamed.status()).as(renamed.raw()).isEqualTo(200);
        assertThat(http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, ifMatch(nanmenOffice, "\"2\"")).status())
                .isEqualTo(200);
        assertThat(http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"status\":\"open\"}",
                ifMatch(nanmenOffice, "\"3\"")).status()).isEqualTo(200);

        // moving it out of its area: refused, unchanged
        Response moved = http.call(HttpMethod.PATCH, "/v1/sites/" + id,
                Http.json(Map.of("location", locationIn(JIANGXIA))), ifMatch(nanmenOffice, "\"4\""));
        assertProblem(moved, 403, "OUT_OF_SCOPE");
        JsonNode after = http.get("/v1/sites/" + id).json();
        assertThat(after.get("version").asInt()).isEqualTo(4);
        assertThat(after.get("areaCode").asText()).isEqualTo(NANMEN);
        // nor by relabelling it with the neighbour's code
        assertThat(http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"areaCode\":\"" + JIANGXIA + "\"}",
                ifMatch(nanmenOffice, "\"4\"")).status()).isIn(400, 403);
        assertThat(http.get("/v1/sites/" + id).json().get("version").asInt()).isEqualTo(4);

        // a neighbour's site: edit, replace, close refused with 403 whatever the If-Match; create refused
        JsonNode neighbour = http.get("/v1/sites?area=" + JIANGXIA + "&limit=1").json().at("/items/0");
        String nid = neighbour.get("id").asText();
        String netag = "\"" + neighbour.get("version").asInt() + "\"";
        assertProblem(http.call(HttpMethod.PATCH, "/v1/sites/" + nid, "{\"name\":\"改别人的\"}",
                ifMatch(nanmenOffice, netag)), 403, "OUT_OF_SCOPE");
        assertProblem(http.call(HttpMethod.PATCH, "/v1/sites/" + nid, "{\"name\":\"改别人的\"}",
                bearer(nanmenOffice)), 403, "OUT_OF_SCOPE");
        assertProblem(http.call(HttpMethod.DELETE, "/v1/sites/" + nid, null, ifMatch(nanmenOffice, "*")),
                403, "OUT_OF_SCOPE");
        Map<String, Object> whole = body("改别人的", locationIn(JIANGXIA));
        assertProblem(http.call(HttpMethod.PUT, "/v1/sites/" + nid, Http.json(whole), ifMatch(nanmenOffice, netag)),
                403, "OUT_OF_SCOPE");
        JsonNode unchanged = http.get("/v1/sites/" + nid).json();
        assertThat(unchanged.get("version").asInt()).isEqualTo(neighbour.get("version").asInt());
        assertThat(unchanged.get("name").asText()).isEqualTo(neighbour.get("name").asText());
        assertThat(unchanged.get("status").asText()).isEqualTo("open");

        String outside = "江厦站-" + UUID.randomUUID();
        assertProblem(create(nanmenOffice, body(outside, locationIn(JIANGXIA))), 403, "OUT_OF_SCOPE");
        Map<String, Object> claimed = body(outside, locationIn(JIANGXIA));
        claimed.put("areaCode", NANMEN); // the neighbour's point labelled as its own: outside 南门's outline
        assertThat(create(nanmenOffice, claimed).status()).isIn(400, 403);
        assertThat(totalNamed(outside)).isZero();

        // the neighbour's own office may
        Response theirs = create(TestTokens.office("江厦街道办", JIANGXIA), body(outside, locationIn(JIANGXIA)));
        assertThat(theirs.status()).as(theirs.raw()).isEqualTo(201);

        // history: every change with its real actor and role
        JsonNode revisions = http.getAuthorized("/v1/sites/" + id + "/history").json().get("revisions");
        assertThat(revisions).hasSize(4);
        for (JsonNode r : revisions) {
            assertThat(r.get("actor").asText()).isEqualTo(officeName);
            assertThat(r.get("actorRole").asText()).isEqualTo("office");
        }
        assertThat(revisions.get(1).get("reason").asText()).isEqualTo("rename");
        assertThat(List.of(revisions.get(0).get("action").asText(), revisions.get(1).get("action").asText(),
                revisions.get(2).get("action").asText(), revisions.get(3).get("action").asText()))
                .containsExactly("create", "update", "close", "reopen");
    }

    @Test
    void rolesAreDeniedByDefault() {
        String name = "角色-" + UUID.randomUUID();
        Map<String, Object> site = body(name, locationIn(NANMEN));
        // a planner does not edit sites; an office does not report indicators or read the audit log
        assertProblem(create(TestTokens.planner(), site), 403, "FORBIDDEN");
        assertProblem(http.call(HttpMethod.PUT, "/v1/indicators/07-registered-unemployment/values/2025",
                "{\"value\":2.3,\"unit\":\"percent\"}", bearer(nanmenOffice)), 403, "FORBIDDEN");
        assertProblem(http.call(HttpMethod.POST, "/v1/planning/suggestions", "{\"group\":\"preschool\"}",
                bearer(nanmenOffice)), 403, "FORBIDDEN");
        assertProblem(http.call(HttpMethod.GET, "/v1/audit", null, bearer(nanmenOffice)), 403, "FORBIDDEN");
        // residents (anonymous) read public data, not history or audit
        String someId = http.get("/v1/sites?limit=1").json().at("/items/0/id").asText();
        assertThat(http.get("/v1/sites/" + someId).status()).isEqualTo(200);
        assertProblem(http.get("/v1/sites/" + someId + "/history"), 401, "UNAUTHENTICATED");
        assertProblem(http.get("/v1/audit"), 401, "UNAUTHENTICATED");
        assertThat(http.call(HttpMethod.GET, "/v1/sites/" + someId + "/history", null,
                bearer(TestTokens.planner())).status()).isEqualTo(200);
        // tokens whose claims name no single known role, or an office without areas
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of("sub", "x", "roles", List.of("superuser")),
                Map.of("sub", "x", "roles", List.of("system")),
                Map.of("sub", "x", "roles", List.of("office", "admin")),
                Map.of("sub", "x", "roles", "ADMIN"),
                Map.of("sub", "x"),
                Map.of("sub", "x", "roles", List.of("office")),
                Map.of("sub", "x", "roles", List.of("office"), "area_codes", List.of("*")),
                Map.of("sub", "x", "roles", List.of("office"), "area_codes", "330203001"))) {
            assertProblem(create(TestTokens.mint(claims), site), 403, "FORBIDDEN");
        }
        assertThat(totalNamed(name)).isZero();
    }

    @Test
    void auditLogIsForPlannersAndAdminsFilteredAndPaged() {
        String name = "审计-" + UUID.randomUUID();
        Response created = create(nanmenOffice, body(name, locationIn(NANMEN)));
        String id = created.json().get("id").asText();
        http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"name\":\"" + name + "-2\"}", ifMatch(nanmenOffice, "\"1\""));

        Response all = http.call(HttpMethod.GET, "/v1/audit?actor=" + officeName, null, bearer(TestTokens.planner()));
        assertThat(all.status()).as(all.raw()).isEqualTo(200);
        JsonNode items = all.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("siteId").asText()).isEqualTo(id);
        assertThat(items.get(0).get("action").asText()).isEqualTo("create");
        assertThat(items.get(1).at("/before/name").asText()).isEqualTo(name);
        assertThat(items.get(1).at("/after/name").asText()).isEqualTo(name + "-2");
        assertThat(items.get(1).get("actorRole").asText()).isEqualTo("office");

        // paged: one per page, the cursor leads to the second
        Response first = http.call(HttpMethod.GET, "/v1/audit?limit=1&actor=" + officeName, null, Http.auth());
        assertThat(first.json().get("items")).hasSize(1);
        String cursor = first.json().get("nextCursor").asText();
        Response second = http.call(HttpMethod.GET, "/v1/audit?limit=1&actor=" + officeName + "&cursor=" + cursor,
                null, Http.auth());
        assertThat(second.json().at("/items/0/id").asLong()).isEqualTo(items.get(1).get("id").asLong());
        assertThat(second.json().get("nextCursor").isNull()).as("the last page has no cursor").isTrue();

        // area and since filters
        String since = items.get(0).get("changedAt").asText();
        assertThat(http.call(HttpMethod.GET, "/v1/audit?area=" + NANMEN + "&since=" + since + "&actor=" + officeName,
                null, Http.auth()).json().get("items")).hasSize(2);
        assertThat(http.call(HttpMethod.GET, "/v1/audit?area=" + JIANGXIA + "&actor=" + officeName, null,
                Http.auth()).json().get("items")).isEmpty();
        assertThat(http.call(HttpMethod.GET, "/v1/audit?since=2999-01-01T00:00:00Z&actor=" + officeName, null,
                Http.auth()).json().get("items")).isEmpty();
        assertProblem(http.call(HttpMethod.GET, "/v1/audit?since=yesterday", null, Http.auth()), 400, "INVALID_PARAMETER");
        assertProblem(http.call(HttpMethod.GET, "/v1/audit?cursor=x'--", null, Http.auth()), 400, "INVALID_PARAMETER");
    }

    @Test
    void binDevTokenMintsTokensTheServiceAccepts() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bin/dev-token", "--role", "office", "--area", NANMEN, "--name", officeName);
        pb.environment().put("SC_DEV_TOKEN_SECRET", TestTokens.SECRET);
        pb.environment().put("SC_JWT_ISSUER", TestTokens.ISSUER);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertThat(p.waitFor()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        String token = out.toString(StandardCharsets.UTF_8).strip();
        String name = "脚本令牌-" + UUID.randomUUID();
        Response created = create(token, body(name, locationIn(NANMEN)));
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        JsonNode rev = http.getAuthorized("/v1/sites/" + created.json().get("id").asText() + "/history")
                .json().at("/revisions/0");
        assertThat(rev.get("actor").asText()).isEqualTo(officeName);
        assertThat(rev.get("actorRole").asText()).isEqualTo("office");
        assertProblem(create(token, body(name + "x", locationIn(JIANGXIA))), 403, "OUT_OF_SCOPE");
    }
}
