package cn.servicecircle.site;

import static cn.servicecircle.support.Http.auth;
import static cn.servicecircle.support.Http.authIfMatch;
import static cn.servicecircle.support.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.coord.Gcj02;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;
import cn.servicecircle.support.RawHttp;

/** The site registry over real HTTP against real PostGIS with the Haishu sample. */
class SiteApiTest extends ApiTestBase {
    @LocalServerPort
    int port;
    /** A point in Haishu's urban core (Yuehu / Moon Lake area), WGS84. */
    static final double LON = 121.5436;
    static final double LAT = 29.8700;

    Http http;
    @Autowired
    SiteChanges changes;

    @BeforeEach
    void setUp() {
        http = new Http(web);
    }

    static Map<String, Object> body(String name) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("category", "childcare");
        b.put("subtype", "nursery");
        b.put("name", name);
        b.put("address", "海曙区测试路1号");
        b.put("location", Map.of("lon", LON, "lat", LAT));
        b.put("capacity", Map.of("slots", 60, "inclusiveSlots", 40, "staff", 12));
        b.put("inclusive", true);
        b.put("openingHours", "Mo-Fr 07:30-17:30");
        b.put("phone", "0574-87000000");
        return b;
    }

    /**
     * A body at a second point (Haishu, 1.4 km south-west of {@link #LON}/{@link #LAT}): the write-rule tests create
     * their sites there, so repeated runs against one database do not fill the bbox page read around LON/LAT.
     */
    static Map<String, Object> bodyAway(String name) {
        Map<String, Object> b = body(name);
        b.put("location", Map.of("lon", 121.5300, "lat", 29.8650));
        return b;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    long countNamed(String name) {
        return http.get("/v1/sites?status=all&q=" + name).json()
                .get("total").asLong();
    }

    Response create(Map<String, Object> body) {
        return http.call(HttpMethod.POST, "/v1/sites", json(body), auth());
    }

    @Test
    void listsAtLeastTheRealOsmSchools() {
        Response r = http.get("/v1/sites?category=school&limit=1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("total").asInt()).isGreaterThanOrEqualTo(73);
        long osm = 0;
        for (JsonNode s : allPages("/v1/sites?category=school")) {
            assertThat(s.get("category").asText()).isEqualTo("school");
            if (s.get("source").asText().equals("osm")) {
                osm++;
            }
        }
        assertThat(osm).isGreaterThanOrEqualTo(73);
        long osmClinics = 0;
        for (JsonNode s : allPages("/v1/sites?category=clinic")) {
            osmClinics += s.get("source").asText().equals("osm") ? 1 : 0;
        }
        assertThat(osmClinics).isGreaterThanOrEqualTo(15);
    }

    /**
     * Every item of a listing, 100 per page: one page of all schools (now with the synthetic kindergartens) is larger
     * than the 64 KB the test client buffers (spring.http.codecs.max-in-memory-size applies to it too).
     */
    List<JsonNode> allPages(String listing) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.get(listing + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor)).json();
            page.get("items").forEach(items::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return items;
    }

    @Test
    void createsReadsAndRecordsHistory() {
        String name = unique("测试托育");
        Response created = create(body(name));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().getETag()).isEqualTo("\"1\"");
        String id = created.json().get("id").asText();
        assertThat(created.headers().getLocation()).hasToString("/v1/sites/" + id);
        assertThat(created.json().get("source").asText()).isEqualTo("manual");
        assertThat(created.json().get("areaCode").asText()).startsWith("330203").hasSize(9);
        assertThat(created.json().at("/capacity/inclusiveSlots").asInt()).isEqualTo(40);

        Response read = http.get("/v1/sites/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asText()).isEqualTo(name);
        assertThat(read.json().at("/location/lon").asDouble()).isCloseTo(LON, within(1e-6));

        Response notModified = http.call(HttpMethod.GET, "/v1/sites/" + id, null,
                h -> h.set("If-None-Match", "\"1\""));
        assertThat(notModified.status()).isEqualTo(304);

        Response history = http.getAuthorized("/v1/sites/" + id + "/history");
        assertThat(history.json().get("revisions")).hasSize(1);
        JsonNode rev = history.json().get("revisions").get(0);
        assertThat(rev.get("action").asText()).isEqualTo("create");
        assertThat(rev.get("actor").asText()).isEqualTo("test-admin");
        assertThat(rev.get("before").isNull()).isTrue();
        assertThat(rev.at("/after/name").asText()).isEqualTo(name);
    }

    @Test
    void writesNeedAToken() {
        String name = unique("无权限");
        Response r = http.call(HttpMethod.POST, "/v1/sites", json(body(name)), h -> { });
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.code()).isEqualTo("UNAUTHENTICATED");
        Response wrong = http.call(HttpMethod.POST, "/v1/sites", json(body(name)), h -> h.setBearerAuth("nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("INVALID_TOKEN");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void badInputGetsProblemJsonAndWritesNothing() {
        String name = unique("坏输入");
        Response malformed = http.call(HttpMethod.POST, "/v1/sites", "{\"name\": \"" + name + "\", ", auth());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.code()).isEqualTo("MALFORMED_JSON");
        assertThat(malformed.headers().getContentType()).hasToString("application/problem+json");

        Map<String, Object> unknownCategory = body(name);
        unknownCategory.put("category", "casino");
        Response r1 = create(unknownCategory);
        assertThat(r1.status()).isEqualTo(400);
        assertThat(r1.code()).isEqualTo("UNKNOWN_CATEGORY");
        assertThat(r1.json().get("field").asText()).isEqualTo("category");

        Map<String, Object> badLat = body(name);
        badLat.put("location", Map.of("lon", LON, "lat", 123.0));
        Response r2 = create(badLat);
        assertThat(r2.status()).isEqualTo(400);
        assertThat(r2.code()).isEqualTo("OUT_OF_RANGE");
        assertThat(r2.json().get("field").asText()).isEqualTo("location.lat");

        Map<String, Object> missing = new LinkedHashMap<>(Map.of("name", name));
        Response r3 = create(missing);
        assertThat(r3.status()).isEqualTo(400);
        assertThat(r3.code()).isEqualTo("VALIDATION_FAILED");
        Set<String> fields = new HashSet<>();
        r3.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).contains("category", "subtype", "location");

        Map<String, Object> typo = body(name);
        typo.put("catgory", "school");
        Response r4 = create(typo);
        assertThat(r4.status()).isEqualTo(400);
        assertThat(r4.json().get("field").asText()).isEqualTo("catgory");

        Map<String, Object> heidelberg = body(name);
        heidelberg.put("location", Map.of("lon", 8.69, "lat", 49.41));
        Response r5 = create(heidelberg);
        assertThat(r5.status()).isEqualTo(422);
        assertThat(r5.code()).isEqualTo("OUTSIDE_SERVICE_AREA");
        assertThat(r5.json().get("field").asText()).isEqualTo("location");

        Map<String, Object> negative = body(name);
        negative.put("capacity", Map.of("slots", 10, "inclusiveSlots", 20));
        Response r6 = create(negative);
        assertThat(r6.status()).isEqualTo(400);
        assertThat(r6.code()).isEqualTo("EXCEEDS_SLOTS");

        Map<String, Object> wrongSubtype = body(name);
        wrongSubtype.put("subtype", "hospital");
        assertThat(create(wrongSubtype).code()).isEqualTo("UNKNOWN_SUBTYPE");

        Map<String, Object> unknownArea = body(name);
        unknownArea.put("areaCode", "330203999");
        Response r7 = create(unknownArea);
        assertThat(r7.code()).isEqualTo("UNKNOWN_AREA");

        Map<String, Object> huge = body(name);
        huge.put("address", "x".repeat(100_000));
        Response r8 = create(huge);
        assertThat(r8.status()).isEqualTo(413);
        assertThat(r8.code()).isEqualTo("PAYLOAD_TOO_LARGE");

        Response r9 = http.call(HttpMethod.POST, "/v1/sites?coordSys=bd09", json(body(name)), auth());
        assertThat(r9.code()).isEqualTo("INVALID_PARAMETER");
        assertThat(r9.json().get("field").asText()).isEqualTo("coordSys");

        Response r10 = http.call(HttpMethod.POST, "/v1/sites", "[1,2]", auth());
        assertThat(r10.status()).isEqualTo(400);

        assertThat(countNamed(name)).isZero();
    }

    @Test
    void editsNeedTheCurrentVersion() {
        Response created = create(body(unique("版本")));
        String id = created.json().get("id").asText();
        Map<String, Object> edit = body(unique("改名"));

        Response noPrecondition = http.call(HttpMethod.PUT, "/v1/sites/" + id, json(edit), auth());
        assertThat(noPrecondition.status()).isEqualTo(428);
        assertThat(noPrecondition.code()).isEqualTo("PRECONDITION_REQUIRED");

        Response ok = http.call(HttpMethod.PUT, "/v1/sites/" + id + "?reason=renamed", json(edit), authIfMatch("\"1\""));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().getETag()).isEqualTo("\"2\"");

        Response stale = http.call(HttpMethod.PUT, "/v1/sites/" + id, json(body(unique("过期"))), authIfMatch("\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("VERSION_CONFLICT");
        assertThat(http.get("/v1/sites/" + id).json().get("name").asText()).isEqualTo(edit.get("name"));

        JsonNode revisions = http.getAuthorized("/v1/sites/" + id + "/history").json().get("revisions");
        assertThat(revisions).hasSize(2);
        assertThat(revisions.get(1).get("action").asText()).isEqualTo("update");
        assertThat(revisions.get(1).get("reason").asText()).isEqualTo("renamed");
        assertThat(revisions.get(1).at("/before/version").asInt()).isEqualTo(1);
    }

    @Test
    void reviewFindingsStayFixed() {
        // a location is patched whole: half a GCJ-02 point cannot be merged with the stored WGS84 half
        String id = create(body(unique("半个坐标"))).json().get("id").asText();
        Response half = http.call(HttpMethod.PATCH, "/v1/sites/" + id + "?coordSys=gcj02",
                "{\"location\": {\"lon\": 121.548}}", authIfMatch("\"1\""));
        assertThat(half.code()).isEqualTo("INCOMPLETE_LOCATION");
        LonLat gcj = Gcj02.toGcj02(new LonLat(LON + 0.002, LAT));
        Response whole = http.call(HttpMethod.PATCH, "/v1/sites/" + id + "?coordSys=gcj02",
                json(Map.of("location", Map.of("lon", gcj.lon(), "lat", gcj.lat()))), authIfMatch("\"1\""));
        assertThat(whole.status()).isEqualTo(200);
        JsonNode stored = http.get("/v1/sites/" + id).json().get("location");
        assertThat(stored.get("lon").asDouble()).isCloseTo(LON + 0.002, within(2e-6));
        assertThat(stored.get("lat").asDouble()).isCloseTo(LAT, within(2e-6));

        // control characters are refused, not a 500
        String name = unique("控制字符");
        assertThat(create(body(name + "\u0000x")).code()).isEqualTo("INVALID_TEXT");
        String nulCursor = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString((UUID.randomUUID() + "|\u0000x").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(http.get("/v1/sites?cursor=" + nulCursor).code()).isEqualTo("INVALID_PARAMETER");

        // a stated area must be where the site is (章水镇 is 25 km west of the point)
        Map<String, Object> wrongArea = body(name);
        wrongArea.put("areaCode", "330203106");
        assertThat(create(wrongArea).code()).isEqualTo("AREA_MISMATCH");
        assertThat(countNamed(name)).isZero();

        // no cursor on the last page
        // (hospitals only: all clinics, with the synthetic health stations, exceed the test client's 64 KB buffer)
        int total = http.get("/v1/sites?category=clinic&subtype=hospital&area=330203").json().get("total").asInt();
        JsonNode exact = http.get("/v1/sites?category=clinic&subtype=hospital&area=330203&limit=" + total).json();
        assertThat(exact.get("items")).hasSize(total);
        assertThat(exact.get("nextCursor").isNull()).isTrue();

        // an external id ties a site to its source: it cannot be removed or changed
        JsonNode osm = http.get("/v1/sites?category=school&limit=1").json().get("items").get(0);
        assertThat(osm.get("source").asText()).isEqualTo("osm");
        Response unlink = http.call(HttpMethod.PATCH, "/v1/sites/" + osm.get("id").asText(),
                "{\"externalId\": null}", authIfMatch("\"" + osm.get("version").asInt() + "\""));
        assertThat(unlink.code()).isEqualTo("IMMUTABLE_FIELD");

        // ETag lists and "*"
        Response listed = http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"phone\": \"0574-00000000\"}",
                authIfMatch("\"7\", \"2\""));
        assertThat(listed.status()).isEqualTo(200);
        Response anyTag = http.call(HttpMethod.GET, "/v1/sites/" + id, null, h -> h.set("If-None-Match", "*"));
        assertThat(anyTag.status()).isEqualTo(304);
        Response otherTag = http.call(HttpMethod.GET, "/v1/sites/" + id, null, h -> h.set("If-None-Match", "\"1\""));
        assertThat(otherTag.status()).isEqualTo(200);
    }

    int historyLength(String id) {
        return http.getAuthorized("/v1/sites/" + id + "/history").json().get("revisions").size();
    }

    /** A write that changed nothing: 200, the site still at {@code version}, {@code revisions} in its history. */
    void assertNoChange(Response r, String id, int version, int revisions) {
        assertThat(r.status()).as(r.raw()).isEqualTo(200);
        assertThat(r.headers().getETag()).isEqualTo("\"" + version + "\"");
        assertThat(historyLength(id)).isEqualTo(revisions);
    }

    @Test
    void textWithControlCharactersOrLoneSurrogatesIsRefusedAndNothingIsWritten() {
        String name = unique("文本规则");
        Response created = create(bodyAway(name));
        String id = created.json().get("id").asText();
        // each field of a site under the one rule; JSON escapes as a client would send them
        List<String> bad = List.of("a\\nb", "a\\u007fb", "a\\u0085b", "a\\ud800b", "a\\udc00b", "a\\u0000b",
                "a\\tb", "a\\u2028b");
        for (String field : List.of("name", "address", "openingHours", "externalId")) {
            for (String value : bad) {
                Response r = http.call(HttpMethod.PATCH, "/v1/sites/" + id,
                        "{\"" + field + "\": \"" + value + "\"}", authIfMatch("\"1\""));
                assertThat(r.status()).as(field + " = " + value).isEqualTo(400);
                assertThat(r.code()).isEqualTo("INVALID_TEXT");
                assertThat(r.json().get("field").asText()).isEqualTo(field);
            }
        }
        String other = unique("文本规则新");
        Response post = http.call(HttpMethod.POST, "/v1/sites", json(bodyAway(other)).replace(other, other + "\\ud800"),
                auth());
        assertThat(post.code()).isEqualTo("INVALID_TEXT");
        assertThat(countNamed(other)).isZero();
        // the reason recorded in history follows the same rule, on every write (the client encodes a\u0001b as
        // a%01b: the URI template encodes what is not allowed in a query)
        Response reason = http.call(HttpMethod.PATCH, "/v1/sites/" + id + "?reason=a\u0001b",
                "{\"capacity\": {\"slots\": 61}}", authIfMatch("\"1\""));
        assertThat(reason.status()).isEqualTo(400);
        assertThat(reason.code()).isEqualTo("INVALID_TEXT");
        assertThat(reason.json().get("field").asText()).isEqualTo("reason");
        assertThat(http.call(HttpMethod.DELETE, "/v1/sites/" + id + "?reason=a\nb", null, authIfMatch("\"1\""))
                .code()).isEqualTo("INVALID_TEXT");
        assertThat(http.call(HttpMethod.POST, "/v1/sites?reason=\u0000", json(bodyAway(other)), auth()).code())
                .isEqualTo("INVALID_TEXT");
        assertThat(countNamed(other)).isZero();

        Response after = http.get("/v1/sites/" + id);
        assertThat(after.headers().getETag()).isEqualTo("\"1\"");
        assertThat(after.json().get("name").asText()).isEqualTo(name);
        assertThat(after.json().get("status").asText()).isEqualTo("open");
        assertThat(historyLength(id)).isEqualTo(1);
    }

    @Test
    void textIsStoredNfcNormalisedAndTrimmed() {
        String base = unique("Cafe");
        String decomposed = base.replace("Cafe", "Cafe\u0301"); // e + COMBINING ACUTE ACCENT
        String composed = base.replace("Cafe", "Caf\u00e9");
        Map<String, Object> b = bodyAway(" \u3000" + decomposed + "  ");
        b.put("address", "  海曙区测试路2号 ");
        Response created = http.call(HttpMethod.POST, "/v1/sites?reason= opened ", json(b), auth());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("name").asText()).isEqualTo(composed);
        assertThat(created.json().get("address").asText()).isEqualTo("海曙区测试路2号");
        String id = created.json().get("id").asText();
        JsonNode rev = http.getAuthorized("/v1/sites/" + id + "/history").json().at("/revisions/0");
        assertThat(rev.get("reason").asText()).isEqualTo("opened");
        assertThat(rev.at("/after/name").asText()).isEqualTo(composed);
        assertThat(countNamed(composed)).isEqualTo(1);
        // the decomposed spelling of the stored name is the same name: nothing changes
        assertNoChange(http.call(HttpMethod.PATCH, "/v1/sites/" + id, json(Map.of("name", decomposed + " ")),
                authIfMatch("\"1\"")), id, 1, 1);
    }

    @Test
    void aKeyTwiceInOneObjectIsRefused() {
        String name = unique("重复键");
        String top = json(bodyAway(name)).replaceFirst("\\{", "{\"category\":\"school\",");
        Response r1 = http.call(HttpMethod.POST, "/v1/sites", top, auth());
        assertThat(r1.status()).isEqualTo(400);
        assertThat(r1.code()).isEqualTo("DUPLICATE_KEY");
        assertThat(r1.json().get("field").asText()).isEqualTo("category");
        String nested = json(bodyAway(name)).replace("\"lon\":", "\"lon\":121.0,\"lon\":");
        Response r2 = http.call(HttpMethod.POST, "/v1/sites", nested, auth());
        assertThat(r2.code()).isEqualTo("DUPLICATE_KEY");
        assertThat(r2.json().get("field").asText()).isEqualTo("location.lon");
        assertThat(countNamed(name)).isZero();

        String id = create(bodyAway(name)).json().get("id").asText();
        Response patch = http.call(HttpMethod.PATCH, "/v1/sites/" + id,
                "{\"category\": \"school\", \"subtype\": \"primary\", \"category\": \"childcare\"}",
                authIfMatch("\"1\""));
        assertThat(patch.code()).isEqualTo("DUPLICATE_KEY");
        assertThat(http.get("/v1/sites/" + id).headers().getETag()).isEqualTo("\"1\"");
        assertThat(historyLength(id)).isEqualTo(1);
    }

    /** A PATCH sent byte for byte, so the query reaches the server exactly as written here (no client re-encoding). */
    RawHttp.Reply rawPatch(String target, String ifMatch, String body) {
        return RawHttp.exchange(port, "PATCH " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + ApiTestBase.TOKEN + "\r\nIf-Match: " + ifMatch + "\r\nContent-Type: application/merge-patch+json"
                + "\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    @Test
    void reasonMustBeOneValueOfStrictUtf8() {
        String id = create(bodyAway(unique("理由编码"))).json().get("id").asText();
        String patch = "{\"capacity\": {\"slots\": 61}}";
        for (String query : List.of("reason=a%FFb", "reason=a%ED%A0%80b", "reason=a%C3b", "reason=a%E4%B8b",
                "reason=%EF%BB%BFa", "reason=a%E2%80%AEb")) {
            RawHttp.Reply r = rawPatch("/v1/sites/" + id + "?" + query, "\"1\"", patch)
                    .assertDocumented("PATCH", "/v1/sites/{id}");
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.code()).as(query).isEqualTo("INVALID_TEXT");
            assertThat(r.json().get("field").asText()).isEqualTo("reason");
        }
        for (String twice : List.of("reason=first&reason=second", "reason=first&r%65ason=second")) {
            RawHttp.Reply r = rawPatch("/v1/sites/" + id + "?" + twice, "\"1\"", patch)
                    .assertDocumented("PATCH", "/v1/sites/{id}");
            assertThat(r.status()).as(twice).isEqualTo(400);
            assertThat(r.json().get("field").asText()).isEqualTo("reason");
        }
        assertThat(historyLength(id)).isEqualTo(1);

        RawHttp.Reply ok = rawPatch("/v1/sites/" + id + "?reason=%E6%90%AC+%E8%BF%81%20x", "\"1\"", patch);
        assertThat(ok.status()).isEqualTo(200);
        JsonNode revisions = http.getAuthorized("/v1/sites/" + id + "/history").json().get("revisions");
        assertThat(revisions.get(revisions.size() - 1).get("reason").asText()).isEqualTo("搬 迁 x");
    }

    @Test
    void invisibleNamesAreMissingAndReorderingOnesRefused() {
        for (String invisible : List.of("\u00a0", "\u200b", "\u00a0\u200b\u3000")) {
            Response r = create(bodyAway(invisible));
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().toString()).contains("REQUIRED");
        }
        String name = unique("双向");
        Response bidi = create(bodyAway(name + "\u202e"));
        assertThat(bidi.code()).isEqualTo("INVALID_TEXT");
        assertThat(create(bodyAway("\ufeff" + name)).code()).isEqualTo("INVALID_TEXT");
        assertThat(countNamed(name)).isZero();
    }

    @Test
    void ifMatchComparesTheOpaqueTagCharacterForCharacter() {
        String id = create(bodyAway(unique("逐字比较"))).json().get("id").asText();
        for (String tag : List.of("\"+1\"", "\"01\"", "1\"", "\"1", "\"\"1\"\"", "1", "\" 1\"", "\"1\" \"1\"")) {
            Response r = http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"capacity\": {\"slots\": 70}}",
                    authIfMatch(tag));
            assertThat(r.status()).as("If-Match: %s against ETag \"1\"", tag).isEqualTo(412);
            assertThat(r.code()).isEqualTo("VERSION_CONFLICT");
        }
        assertThat(http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, authIfMatch("1")).status()).isEqualTo(412);
        assertThat(historyLength(id)).isEqualTo(1);
        assertThat(http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"capacity\": {\"slots\": 70}}",
                authIfMatch("\"7\", \"1\"")).headers().getETag()).isEqualTo("\"2\"");
    }

    @Test
    void ifMatchIsStrongAndDeleteNeedsItToo() {
        String id = create(bodyAway(unique("强比较"))).json().get("id").asText();
        Response weak = http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"capacity\": {\"slots\": 70}}",
                authIfMatch("W/\"1\""));
        assertThat(weak.status()).isEqualTo(412);
        assertThat(weak.code()).isEqualTo("VERSION_CONFLICT");
        assertThat(http.call(HttpMethod.PUT, "/v1/sites/" + id, json(bodyAway(unique("弱"))), authIfMatch("W/\"1\""))
                .status()).isEqualTo(412);
        assertThat(historyLength(id)).isEqualTo(1);
        assertThat(http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"capacity\": {\"slots\": 70}}",
                authIfMatch("*")).headers().getETag()).isEqualTo("\"2\"");

        Response none = http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, auth());
        assertThat(none.status()).isEqualTo(428);
        assertThat(none.code()).isEqualTo("PRECONDITION_REQUIRED");
        Response stale = http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, authIfMatch("\"1\""));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.code()).isEqualTo("VERSION_CONFLICT");
        assertThat(http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, authIfMatch("W/\"2\"")).status())
                .isEqualTo(412);
        assertThat(http.get("/v1/sites/" + id).json().get("status").asText()).isEqualTo("open");
        assertThat(historyLength(id)).isEqualTo(2);

        Response closed = http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, authIfMatch("\"2\""));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.headers().getETag()).isEqualTo("\"3\"");
        assertThat(closed.json().get("status").asText()).isEqualTo("closed");
        // closing it again changes nothing
        assertNoChange(http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, authIfMatch("\"3\"")), id, 3, 3);
    }

    @Test
    void writesThatChangeNothingKeepTheVersionRecordNothingAndAnnounceNothing() {
        String name = unique("无变化");
        Map<String, Object> b = bodyAway(name);
        String id = create(b).json().get("id").asText();
        List<Site> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        reactor.core.Disposable listening = changes.stream().filter(s -> s.id().toString().equals(id))
                .subscribe(events::add);
        try {
            JsonNode before = http.get("/v1/sites/" + id).json();
            for (String patch : List.of("{}", "{\"name\": \"" + name + "\", \"capacity\": {\"slots\": 60}}",
                    "{\"status\": \"open\", \"address\": \" 海曙区测试路1号 \"}")) {
                assertNoChange(http.call(HttpMethod.PATCH, "/v1/sites/" + id, patch, authIfMatch("\"1\"")), id, 1, 1);
            }
            assertNoChange(http.call(HttpMethod.PUT, "/v1/sites/" + id, json(b), authIfMatch("\"1\"")), id, 1, 1);
            // the location as the API shows it in GCJ-02, sent back in GCJ-02: not a move
            JsonNode gcj = http.get("/v1/sites/" + id + "?coordSys=gcj02").json().get("location");
            Map<String, Object> inGcj = bodyAway(name);
            inGcj.put("location", Map.of("lon", gcj.get("lon").asDouble(), "lat", gcj.get("lat").asDouble()));
            assertNoChange(http.call(HttpMethod.PUT, "/v1/sites/" + id + "?coordSys=gcj02", json(inGcj),
                    authIfMatch("\"1\"")), id, 1, 1);
            assertNoChange(http.call(HttpMethod.PATCH, "/v1/sites/" + id + "?coordSys=gcj02",
                    json(Map.of("location", inGcj.get("location"))), authIfMatch("\"1\"")), id, 1, 1);
            assertThat(http.get("/v1/sites/" + id).json()).isEqualTo(before);
            assertThat(events).isEmpty();

            // a real change still is one: new version, one revision, one event, the location kept exactly
            Response renamed = http.call(HttpMethod.PUT, "/v1/sites/" + id + "?coordSys=gcj02",
                    json(inGcj).replace(name, name + "改"), authIfMatch("\"1\""));
            assertThat(renamed.headers().getETag()).isEqualTo("\"2\"");
            assertThat(historyLength(id)).isEqualTo(2);
            assertThat(events).hasSize(1);
            assertThat(http.get("/v1/sites/" + id).json().get("location")).isEqualTo(before.get("location"));
        } finally {
            listening.dispose();
        }
    }

    @Test
    void concurrentEditsWithTheSameVersionLetExactlyOneWin() {
        String id = create(body(unique("并发"))).json().get("id").asText();
        List<CompletableFuture<Response>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String name = unique("并发改" + i);
            calls.add(CompletableFuture.supplyAsync(() ->
                    http.call(HttpMethod.PUT, "/v1/sites/" + id, json(body(name)), authIfMatch("\"1\""))));
        }
        List<Integer> statuses = calls.stream().map(CompletableFuture::join).map(Response::status).toList();
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).filteredOn(s -> s == 412).hasSize(5);
        assertThat(http.getAuthorized("/v1/sites/" + id + "/history").json().get("revisions")).hasSize(2);
    }

    @Test
    void patchMergesAndDeleteClosesAndPatchReopens() {
        Response created = create(body(unique("补丁")));
        String id = created.json().get("id").asText();
        Response patched = http.call(HttpMethod.PATCH, "/v1/sites/" + id,
                "{\"capacity\": {\"slots\": 80}, \"address\": null}", authIfMatch("\"1\""));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().at("/capacity/slots").asInt()).isEqualTo(80);
        assertThat(patched.json().at("/capacity/inclusiveSlots").asInt()).isEqualTo(40);
        assertThat(patched.json().get("address").isNull()).isTrue();

        Response badPatch = http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"capacity\": {\"slots\": -1}}",
                authIfMatch("\"2\""));
        assertThat(badPatch.status()).isEqualTo(400);
        assertThat(badPatch.json().get("field").asText()).isEqualTo("capacity.slots");

        Response closed = http.call(HttpMethod.DELETE, "/v1/sites/" + id + "?reason=moved%20away", null,
                authIfMatch("\"2\""));
        assertThat(closed.status()).isEqualTo(200);
        assertThat(closed.json().get("status").asText()).isEqualTo("closed");
        String name = closed.json().get("name").asText();
        assertThat(countNamed(name)).isEqualTo(1);
        assertThat(http.get("/v1/sites?q=" + name).json().get("total")
                .asInt()).isZero();
        assertThat(http.get("/v1/sites/" + id).json().get("status").asText()).isEqualTo("closed");

        Response reopened = http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"status\": \"open\"}",
                authIfMatch(closed.headers().getETag()));
        assertThat(reopened.json().get("status").asText()).isEqualTo("open");
        List<String> actions = new java.util.ArrayList<>();
        http.getAuthorized("/v1/sites/" + id + "/history").json().get("revisions")
                .forEach(r -> actions.add(r.get("action").asText()));
        assertThat(actions).containsExactly("create", "update", "close", "reopen");
    }

    @Test
    void gcj02CoordinatesAreConvertedBothWays() {
        LonLat gcj = Gcj02.toGcj02(new LonLat(LON, LAT));
        Map<String, Object> b = body(unique("火星坐标"));
        b.put("location", Map.of("lon", gcj.lon(), "lat", gcj.lat()));
        Response created = http.call(HttpMethod.POST, "/v1/sites?coordSys=gcj02", json(b), auth());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/location/coordSys").asText()).isEqualTo("gcj02");
        assertThat(created.json().at("/location/lon").asDouble()).isCloseTo(gcj.lon(), within(2e-6));
        String id = created.json().get("id").asText();
        JsonNode wgs = http.get("/v1/sites/" + id).json().get("location");
        assertThat(wgs.get("lon").asDouble()).isCloseTo(LON, within(2e-6));
        assertThat(wgs.get("lat").asDouble()).isCloseTo(LAT, within(2e-6));
        JsonNode history = http.getAuthorized("/v1/sites/" + id + "/history?coordSys=gcj02").json();
        assertThat(history.get("coordSys").asText()).isEqualTo("gcj02");
        assertThat(history.at("/revisions/0/after/lon").asDouble()).isCloseTo(gcj.lon(), within(2e-6));
        assertThat(http.getAuthorized("/v1/sites/" + id + "/history").json().at("/revisions/0/after/lon").asDouble())
                .isCloseTo(LON, within(2e-6));
    }

    @Test
    void pagesWithACursorWithoutGapsOrDuplicates() {
        int total = http.get("/v1/sites?category=school").json().get("total").asInt();
        Set<String> ids = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = http.get("/v1/sites?category=school&limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
            page.json().get("items").forEach(s -> assertThat(ids.add(s.get("id").asText())).isTrue());
            cursor = page.json().get("nextCursor").isNull() ? null : page.json().get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(ids).hasSize(total);
        assertThat(http.get("/v1/sites?cursor=%%%").status()).isEqualTo(400);
        assertThat(http.get("/v1/sites?limit=0").code()).isEqualTo("INVALID_PARAMETER");
        assertThat(http.get("/v1/sites?category=casino").code()).isEqualTo("UNKNOWN_CATEGORY");
    }

    @Test
    void filtersByAreaBboxAndName() {
        String name = unique("滤镜");
        create(body(name));
        Response byBox = http.get("/v1/sites?bbox=" + (LON - 0.001) + "," + (LAT - 0.001) + "," + (LON + 0.001) + ","
                + (LAT + 0.001) + "&limit=500");
        assertThat(byBox.json().get("items")).anySatisfy(s -> assertThat(s.get("name").asText()).isEqualTo(name));
        byBox.json().get("items").forEach(s -> assertThat(s.at("/location/lon").asDouble())
                .isBetween(LON - 0.001, LON + 0.001));
        JsonNode one = http.get("/v1/sites?q=" + name).json();
        assertThat(one.get("total").asInt()).isEqualTo(1);
        String area = one.get("items").get(0).get("areaCode").asText();
        JsonNode inArea = http.get("/v1/sites?limit=500&area=" + area).json();
        inArea.get("items").forEach(s -> assertThat(s.get("areaCode").asText()).isEqualTo(area));
        int district = http.get("/v1/sites?area=330203").json().get("total").asInt();
        int all = http.get("/v1/sites").json().get("total").asInt();
        assertThat(district).isEqualTo(all);
        assertThat(http.get("/v1/sites?bbox=1,2,3").code()).isEqualTo("INVALID_PARAMETER");
        assertThat(http.get("/v1/sites/not-a-uuid").code()).isEqualTo("SITE_NOT_FOUND");
        assertThat(http.get("/v1/sites/" + UUID.randomUUID()).status()).isEqualTo(404);
    }
}
