package cn.servicecircle.reach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.coord.Gcj02;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.reach.core.GeoMath;
import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;

/** Haishu has no walking network in our data: answers are flagged straight-line. */
class StraightLineReachApiTest extends ApiTestBase {

    @Test
    void haishuAnswersWithTheFlaggedStraightLineMethod() {
        Http http = new Http(web);
        double lon = 121.5436;
        double lat = 29.8700;
        JsonNode nearby = http.get("/v1/nearby?lon=" + lon + "&lat=" + lat + "&category=school&limit=5").json();
        assertThat(nearby.get("method").asText()).isEqualTo("straight-line");
        assertThat(nearby.get("snapMeters").isNull()).isTrue();
        assertThat(nearby.get("items").size()).isPositive();
        for (JsonNode item : nearby.get("items")) {
            assertThat(item.get("method").asText()).isEqualTo("straight-line");
            // walking distance = straight line × 1.35 (circuity), time at 4 km/h
            assertThat((double) item.get("walkMeters").asLong())
                    .isCloseTo(item.get("straightLineMeters").asLong() * 1.35, org.assertj.core.data.Offset.offset(2.0));
            assertThat(item.get("walkSeconds").asDouble())
                    .isCloseTo(item.get("walkMeters").asDouble() / (4000.0 / 3600), org.assertj.core.data.Offset.offset(2.0));
            // an estimate carries the middle half of measured detours (bench/detour: p25 1.24, p75 1.51)
            long straight = item.get("straightLineMeters").asLong();
            assertThat(item.at("/walkMetersRange/low").asDouble()).isCloseTo(straight * 1.24,
                    org.assertj.core.data.Offset.offset(1.0));
            assertThat(item.at("/walkMetersRange/high").asDouble()).isCloseTo(straight * 1.51,
                    org.assertj.core.data.Offset.offset(1.0));
            assertThat(item.get("walkMeters").asLong()).isBetween(item.at("/walkMetersRange/low").asLong(),
                    item.at("/walkMetersRange/high").asLong());
        }
        JsonNode all = http.get("/v1/nearby?lon=" + lon + "&lat=" + lat).json();
        assertThat(all.get("items").size()).isEqualTo(5);

        JsonNode reach = http.get("/v1/reach?lon=" + lon + "&lat=" + lat).json();
        assertThat(reach.get("method").asText()).isEqualTo("straight-line");
        assertThat(reach.at("/isochrone/type").asText()).isEqualTo("Polygon");
        // the circle's radius: 15 min at 4 km/h = 1000 m of walking = 769 m straight
        JsonNode first = reach.at("/isochrone/coordinates/0/0");
        double radius = GeoMath.haversineMeters(lon, lat, first.get(0).asDouble(), first.get(1).asDouble());
        assertThat(radius).isBetween(740.0, 800.0);
        assertThat(reach.at("/score/met").asInt()).isBetween(1, 5);

        // the same place given in GCJ-02 gives the same answer, coordinates back in GCJ-02
        LonLat gcj = Gcj02.toGcj02(new LonLat(lon, lat));
        JsonNode viaGcj = http.get("/v1/nearby?coordSys=gcj02&lon=" + gcj.lon() + "&lat=" + gcj.lat()
                + "&category=school&limit=5").json();
        assertThat(viaGcj.at("/items/0/site/id")).isEqualTo(nearby.at("/items/0/site/id"));
        assertThat(viaGcj.at("/items/0/site/location/coordSys").asText()).isEqualTo("gcj02");
        assertThat(http.get("/v1/reach?lon=8.69&lat=49.41").code()).isEqualTo("OUTSIDE_SERVICE_AREA");
    }
}
