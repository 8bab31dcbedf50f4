package cn.servicecircle.area;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;

class AreaApiTest extends ApiTestBase {
    Http http;

    @BeforeEach
    void setUp() {
        http = new Http(web);
    }

    @Test
    void listsTheDistrictAndItsSeventeenUnits() {
        Response r = http.get("/v1/areas");
        JsonNode items = r.json().get("items");
        assertThat(items).hasSize(18);
        assertThat(items.get(0).get("code").asText()).isEqualTo("330203");
        assertThat(items.get(0).get("kind").asText()).isEqualTo("district");
        assertThat(items.get(0).get("geometrySource").asText()).isEqualTo("real");
        assertThat(items.get(0).get("geometry").isNull()).isTrue();
        long streets = 0;
        long towns = 0;
        for (JsonNode a : items) {
            streets += a.get("kind").asText().equals("street") ? 1 : 0;
            towns += a.get("kind").asText().equals("town") ? 1 : 0;
        }
        assertThat(streets).isEqualTo(9);
        assertThat(towns).isEqualTo(7);
    }

    @Test
    void returnsOutlinesAsGeoJsonInEitherCoordinateSystem() {
        JsonNode wgs = http.get("/v1/areas/330203?geometry=true").json();
        assertThat(wgs.get("nameZh").asText()).isEqualTo("海曙区");
        assertThat(wgs.at("/geometry/type").asText()).isEqualTo("MultiPolygon");
        double wgsLon = wgs.at("/geometry/coordinates/0/0/0/0").asDouble();
        JsonNode gcj = http.get("/v1/areas/330203?geometry=true&coordSys=gcj02").json();
        double gcjLon = gcj.at("/geometry/coordinates/0/0/0/0").asDouble();
        // GCJ-02 is shifted a few hundred metres east of WGS84 around Ningbo
        assertThat(gcjLon - wgsLon).isBetween(0.002, 0.008);
        JsonNode unit = http.get("/v1/areas/330203001?geometry=true").json();
        assertThat(unit.get("nameZh").asText()).isEqualTo("南门街道");
        assertThat(unit.get("kindZh").asText()).isEqualTo("街道");
        assertThat(unit.get("geometrySource").asText()).isEqualTo("synthetic");
        assertThat(unit.get("parentCode").asText()).isEqualTo("330203");
    }

    @Test
    void unknownAreaIs404AndBadFlagIs400() {
        assertThat(http.get("/v1/areas/999999").code()).isEqualTo("AREA_NOT_FOUND");
        assertThat(http.get("/v1/areas?geometry=maybe").code()).isEqualTo("INVALID_PARAMETER");
        assertThat(http.get("/v1/site-types").json().get("items").size()).isEqualTo(18);
    }
}
