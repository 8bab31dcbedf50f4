package cn.servicecircle.reach;

import static cn.servicecircle.support.Http.auth;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.coord.Gcj02;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.WalkSpeed;
import cn.servicecircle.support.HeidelbergTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;

/** /v1/nearby and /v1/reach on the real Heidelberg OSM network, over real HTTP and PostGIS. */
class ReachApiTest extends HeidelbergTestBase {
    /** Heidelberg old town (Universitätsplatz area). */
    static final double LON = 8.6936;
    static final double LAT = 49.4093;

    @Autowired
    WalkNetwork network;

    Http http;

    @BeforeEach
    void setUp() throws Exception {
        http = new Http(web);
        network.whenLoaded().get();
    }

    @Test
    void nearbyIsOrderedByWalkingTimeAndDiffersFromStraightLineOrderSomewhere() {
        Random random = new Random(42);
        int differing = 0;
        int answered = 0;
        for (int i = 0; i < 40; i++) {
            double lon = 8.66 + random.nextDouble() * 0.05;
            double lat = 49.39 + random.nextDouble() * 0.03;
            Response r = http.get("/v1/nearby?lon=" + lon + "&lat=" + lat + "&category=school&limit=20&maxMinutes=30");
            if (r.status() == 422) {
                assertThat(r.code()).isEqualTo("POINT_NOT_ROUTABLE");
                continue;
            }
            assertThat(r.status()).isEqualTo(200);
            answered++;
            assertThat(r.json().get("method").asText()).isEqualTo("network");
            List<Long> walk = new ArrayList<>();
            List<Long> straight = new ArrayList<>();
            for (JsonNode item : r.json().get("items")) {
                assertThat(item.at("/site/category").asText()).isEqualTo("school");
                assertThat(item.get("walkMetersRange").isNull()).as("measured, not estimated").isTrue();
                walk.add(item.get("walkSeconds").asLong());
                straight.add(item.get("straightLineMeters").asLong());
                // the network is never shorter than the straight line (allowing the snap offsets)
                assertThat(item.get("walkMeters").asLong() + 2 * 300).isGreaterThanOrEqualTo(item.get("straightLineMeters").asLong());
                assertThat(item.get("walkSeconds").asDouble()).isLessThanOrEqualTo(30 * 60);
            }
            assertThat(walk).isSorted();
            List<Long> sortedStraight = new ArrayList<>(straight);
            sortedStraight.sort(null);
            if (!straight.equals(sortedStraight)) {
                differing++;
            }
        }
        assertThat(answered).isGreaterThan(30);
        assertThat(differing).as("walking order differs from straight-line order for some points").isPositive();
    }

    @Test
    void nearbyWithoutCategoryGivesTheNearestOfEachCategoryAndMatchesTheCategoryQuery() {
        JsonNode all = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT + "&maxMinutes=30").json();
        assertThat(all.get("method").asText()).isEqualTo("network");
        List<String> categories = new ArrayList<>();
        for (JsonNode item : all.get("items")) {
            String category = item.at("/site/category").asText();
            assertThat(categories).doesNotContain(category);
            categories.add(category);
            JsonNode first = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT + "&maxMinutes=30&limit=1&category="
                    + category).json().get("items").get(0);
            // the multi-source field and the single-source search agree
            assertThat(Math.abs(first.get("walkSeconds").asLong() - item.get("walkSeconds").asLong())).isLessThanOrEqualTo(1);
        }
        assertThat(categories).contains("school");
    }

    @Test
    void reachReturnsAPolygonContainingItsSitesAndThresholds() {
        Response r = http.get("/v1/reach?lon=" + LON + "&lat=" + LAT);
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("method").asText()).isEqualTo("network");
        assertThat(body.get("minutes").asInt()).isEqualTo(15);
        assertThat(body.at("/isochrone/type").asText()).isIn("Polygon", "MultiPolygon");
        Polygon polygon = firstPolygon(body.get("isochrone"));
        assertThat(polygon.isValid()).isTrue();
        GeometryFactory f = new GeometryFactory();
        assertThat(polygon.contains(f.createPoint(new Coordinate(LON, LAT)))).isTrue();
        int inside = 0;
        int met = 0;
        for (JsonNode c : body.get("categories")) {
            met += c.get("thresholdMet").asBoolean() ? 1 : 0;
            for (JsonNode s : c.get("sites")) {
                assertThat(s.get("walkSeconds").asInt()).isLessThanOrEqualTo(15 * 60);
                Coordinate at = new Coordinate(s.at("/site/location/lon").asDouble(), s.at("/site/location/lat").asDouble());
                // a site is inside its walking circle, or just beside it (sites sit off the street)
                if (polygon.distance(f.createPoint(at)) < 0.002) {
                    inside++;
                }
            }
            // the category is met when at least one of its subtypes is, and the breakdown says which
            boolean anySubtype = false;
            for (JsonNode st : c.get("subtypes")) {
                boolean stMet = st.get("thresholdMet").asBoolean();
                anySubtype |= stMet;
                if (stMet) {
                    assertThat(st.get("nearestWalkMeters").asLong()).isLessThanOrEqualTo(st.get("thresholdMeters").asLong());
                }
            }
            assertThat(c.get("thresholdMet").asBoolean()).isEqualTo(anySubtype);
        }
        assertThat(inside).isPositive();
        assertThat(body.at("/score/met").asInt()).isEqualTo(met);
        assertThat(body.at("/score/of").asInt()).isEqualTo(5);
        // the elderly walk slower: a smaller circle
        JsonNode elderly = http.get("/v1/reach?lon=" + LON + "&lat=" + LAT + "&speed=elderly").json();
        assertThat(firstPolygon(elderly.get("isochrone")).getArea()).isLessThan(polygon.getArea());
    }

    @Test
    void closingASiteChangesTheAnswersWithinASecond() throws Exception {
        JsonNode nearest = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT + "&category=school&limit=1")
                .json().get("items").get(0);
        String id = nearest.at("/site/id").asText();
        Response closed = http.call(HttpMethod.DELETE, "/v1/sites/" + id + "?reason=test", null,
                Http.authIfMatch(http.get("/v1/sites/" + id).headers().getETag()));
        assertThat(closed.status()).isEqualTo(200);
        String now = awaitNearestSchool(nearestId -> !nearestId.equals(id));
        assertThat(now).as("the closed site disappears from nearby within a second").isNotEqualTo(id);
        JsonNode all = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT).json();
        all.get("items").forEach(i -> assertThat(i.at("/site/id").asText()).isNotEqualTo(id));
        // reopen: it comes back
        Response reopened = http.call(HttpMethod.PATCH, "/v1/sites/" + id, "{\"status\":\"open\"}",
                Http.authIfMatch(closed.headers().getETag()));
        assertThat(reopened.status()).as(reopened.raw()).isEqualTo(200);
        now = awaitNearestSchool(nearestId -> nearestId.equals(id));
        assertThat(now).isEqualTo(id);
    }

    @Autowired
    org.springframework.r2dbc.core.DatabaseClient db;

    /** Another instance, an import or a fix in psql: the database announces it, this instance follows. */
    @Test
    void aChangeCommittedOutsideThisInstanceShowsWithinASecond() throws Exception {
        String id = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT + "&category=school&limit=1")
                .json().at("/items/0/site/id").asText();
        db.sql("UPDATE site SET status = 'closed', version = version + 1 WHERE id = :id::uuid").bind("id", id)
                .fetch().rowsUpdated().block();
        String now = awaitNearestSchool(nearestId -> !nearestId.equals(id));
        db.sql("UPDATE site SET status = 'open', version = version + 1 WHERE id = :id::uuid").bind("id", id)
                .fetch().rowsUpdated().block();
        assertThat(now).as("a site closed by direct SQL leaves nearby within a second").isNotEqualTo(id);
        now = awaitNearestSchool(nearestId -> nearestId.equals(id));
        assertThat(now).isEqualTo(id);
    }

    @Test
    void aNewSiteShowsUpInReach() throws Exception {
        Snap snap = network.loaded().orElseThrow().snapper().snap(LON + 0.001, LAT).orElseThrow();
        String body = """
                {"category":"elder_care","subtype":"elder_canteen","name":"Testkantine %d",
                 "location":{"lon":%s,"lat":%s}}""".formatted(System.nanoTime(), snap.snappedLon(), snap.snappedLat());
        Response created = http.call(HttpMethod.POST, "/v1/sites", body, auth());
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        long started = System.nanoTime();
        boolean seen = false;
        while (!seen && System.nanoTime() - started < 1_000_000_000L) {
            for (JsonNode c : http.get("/v1/reach?lon=" + LON + "&lat=" + LAT).json().get("categories")) {
                if (c.get("category").asText().equals("elder_care")) {
                    for (JsonNode s : c.get("sites")) {
                        seen |= s.at("/site/id").asText().equals(id);
                    }
                }
            }
            Thread.sleep(20);
        }
        assertThat(seen).isTrue();
        // about 75 m east at 49.4° N: a minute or two on foot
        JsonNode item = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT + "&category=elder_care&limit=1").json()
                .get("items").get(0);
        assertThat(item.at("/site/id").asText()).isEqualTo(id);
        assertThat(item.get("walkSeconds").asDouble()).isLessThan(WalkSpeed.ADULT.seconds(400));
        http.call(HttpMethod.DELETE, "/v1/sites/" + id, null, Http.authIfMatch(created.headers().getETag()));
        started = System.nanoTime();
        while (seen && System.nanoTime() - started < 1_000_000_000L) {
            JsonNode items = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT + "&category=elder_care&limit=1").json()
                    .get("items");
            seen = !items.isEmpty() && items.get(0).at("/site/id").asText().equals(id);
            Thread.sleep(20);
        }
        assertThat(seen).as("closed again within a second").isFalse();
    }

    @Test
    void badPointsGetClearProblems() {
        // in the Odenwald hills inside the region outline but far from any way kept by the network
        Response far = http.get("/v1/nearby?lon=8.95&lat=49.51");
        assertThat(far.status()).isEqualTo(422);
        assertThat(far.code()).isIn("POINT_NOT_ROUTABLE", "OUTSIDE_SERVICE_AREA");
        Response outside = http.get("/v1/reach?lon=121.54&lat=29.87");
        assertThat(outside.status()).isEqualTo(422);
        assertThat(outside.code()).isEqualTo("OUTSIDE_SERVICE_AREA");
        assertThat(http.get("/v1/nearby?lat=49.4").code()).isEqualTo("REQUIRED");
        assertThat(http.get("/v1/nearby?lon=abc&lat=49.4").code()).isEqualTo("OUT_OF_RANGE");
        assertThat(http.get("/v1/nearby?lon=8.69&lat=91").code()).isEqualTo("OUT_OF_RANGE");
        assertThat(http.get("/v1/reach?lon=8.69&lat=49.41&minutes=0").code()).isEqualTo("INVALID_PARAMETER");
        assertThat(http.get("/v1/reach?lon=8.69&lat=49.41&minutes=500").code()).isEqualTo("INVALID_PARAMETER");
        assertThat(http.get("/v1/reach?lon=8.69&lat=49.41&speed=fast").code()).isEqualTo("INVALID_PARAMETER");
        assertThat(http.get("/v1/nearby?lon=8.69&lat=49.41&category=pub").code()).isEqualTo("UNKNOWN_CATEGORY");
        assertThat(http.get("/v1/nearby?lon=8.69&lat=49.41&limit=1000").code()).isEqualTo("INVALID_PARAMETER");
        // GCJ-02 is the identity outside China, so the same point answers the same
        LonLat gcj = Gcj02.toGcj02(new LonLat(LON, LAT));
        assertThat(gcj.lon()).isEqualTo(LON);
        JsonNode viaGcj = http.get("/v1/nearby?coordSys=gcj02&lon=" + LON + "&lat=" + LAT).json().get("items");
        JsonNode viaWgs = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT).json().get("items");
        assertThat(viaGcj.size()).isEqualTo(viaWgs.size());
        for (int i = 0; i < viaGcj.size(); i++) {
            assertThat(viaGcj.get(i).at("/site/id")).isEqualTo(viaWgs.get(i).at("/site/id"));
            assertThat(viaGcj.get(i).get("walkSeconds")).isEqualTo(viaWgs.get(i).get("walkSeconds"));
            assertThat(viaGcj.get(i).at("/site/location/lon")).isEqualTo(viaWgs.get(i).at("/site/location/lon"));
        }
    }

    /**
     * Polls the nearest school from the old town for up to a second until {@code done} accepts its id ("" when
     * there is none); returns the last id seen.
     */
    String awaitNearestSchool(java.util.function.Predicate<String> done) throws InterruptedException {
        long started = System.nanoTime();
        String id;
        do {
            JsonNode items = http.get("/v1/nearby?lon=" + LON + "&lat=" + LAT + "&category=school&limit=1").json()
                    .get("items");
            id = items.isEmpty() ? "" : items.get(0).at("/site/id").asText();
            if (done.test(id)) {
                return id;
            }
            Thread.sleep(20);
        } while (System.nanoTime() - started < 1_000_000_000L);
        return id;
    }

    static Polygon firstPolygon(JsonNode geometry) {
        JsonNode rings = geometry.get("type").asText().equals("Polygon") ? geometry.get("coordinates")
                : geometry.get("coordinates").get(0);
        JsonNode shell = rings.get(0);
        Coordinate[] cs = new Coordinate[shell.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = new Coordinate(shell.get(i).get(0).asDouble(), shell.get(i).get(1).asDouble());
        }
        GeometryFactory f = new GeometryFactory();
        LinearRing ring = f.createLinearRing(cs);
        return f.createPolygon(ring);
    }
}
