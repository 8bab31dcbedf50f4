package cn.servicecircle.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

import com.fasterxml.jackson.databind.JsonNode;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.PublicApiData;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;

/**
 * Vector tiles decoded with an independent MVT reader (mapbox-vector-tile-java) and checked against the JSON API:
 * which sites, areas and coverage points a tile holds, their attributes, and where they sit in the tile by the Web
 * Mercator formulas written here.
 */
class TileApiTest extends ApiTestBase {
    static final int EXTENT = 4096;

    /** Tile column/row of a point at zoom z (XYZ, y down). */
    static int[] tileOf(double lon, double lat, int z) {
        double n = 1 << z;
        int x = (int) Math.floor((lon + 180) / 360 * n);
        double r = Math.toRadians(lat);
        int y = (int) Math.floor((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n);
        return new int[]{x, y};
    }

    /** Position of a point inside tile (z, x, y) in tile units (0–4096, y down). */
    static double[] pixel(double lon, double lat, int z, int x, int y) {
        double n = 1 << z;
        double fx = (lon + 180) / 360 * n;
        double r = Math.toRadians(lat);
        double fy = (1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2 * n;
        return new double[]{(fx - x) * EXTENT, (fy - y) * EXTENT};
    }

    byte[] tile(String path) {
        EntityExchangeResult<byte[]> r = web.get().uri(path).exchange().expectStatus().isOk()
                .expectHeader().contentType("application/vnd.mapbox-vector-tile").expectBody(byte[].class).returnResult();
        return r.getResponseBody() == null ? new byte[0] : r.getResponseBody();
    }

    static JtsLayer layer(byte[] bytes, String name) throws IOException {
        JtsMvt mvt = MvtReader.loadMvt(new ByteArrayInputStream(bytes), new GeometryFactory(),
                new TagKeyValueMapConverter());
        JtsLayer layer = mvt.getLayer(name);
        assertThat(layer).as("layer %s in %s", name, mvt.getLayersByName().keySet()).isNotNull();
        assertThat(layer.getExtent()).isEqualTo(EXTENT);
        return layer;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> attributes(Geometry g) {
        return (Map<String, Object>) g.getUserData();
    }

    @Test
    void aSitesTileHoldsExactlyTheOpenSitesInsideItWhereTheyAre() throws IOException {
        Http http = PublicApiData.bigHttp(web);
        List<JsonNode> sites = PublicApiData.openSites(http);
        JsonNode probe = sites.stream().filter(s -> s.get("subtype").asText().equals("kindergarten")).findFirst()
                .orElseThrow();
        int z = 14;
        int[] xy = tileOf(probe.at("/location/lon").asDouble(), probe.at("/location/lat").asDouble(), z);
        JtsLayer layer = layer(tile("/v1/tiles/sites/" + z + "/" + xy[0] + "/" + xy[1] + ".mvt"), "sites");
        Map<String, Geometry> byId = new HashMap<>();
        for (Geometry g : layer.getGeometries()) {
            byId.put((String) attributes(g).get("id"), g);
        }
        int inside = 0;
        for (JsonNode s : sites) {
            double[] p = pixel(s.at("/location/lon").asDouble(), s.at("/location/lat").asDouble(), z, xy[0], xy[1]);
            boolean in = p[0] >= 0 && p[0] < EXTENT && p[1] >= 0 && p[1] < EXTENT;
            boolean nearEdge = p[0] >= -64 && p[0] <= EXTENT + 64 && p[1] >= -64 && p[1] <= EXTENT + 64;
            Geometry g = byId.get(s.get("id").asText());
            if (in) {
                inside++;
                assertThat(g).as("site %s inside the tile", s.get("id")).isNotNull();
            }
            if (g != null) {
                assertThat(nearEdge).as("site %s is in the tile or its buffer", s.get("id")).isTrue();
                Map<String, Object> a = attributes(g);
                assertThat(a.get("category")).isEqualTo(s.get("category").asText());
                assertThat(a.get("subtype")).isEqualTo(s.get("subtype").asText());
                assertThat(a.get("name")).isEqualTo(s.get("name").asText());
                assertThat(a.get("source")).isEqualTo(s.get("source").asText());
                assertThat(a.get("synthetic")).isEqualTo(s.get("source").asText().equals("synthetic"));
                assertThat(g.getCoordinate().x).as("x of %s", s.get("id")).isCloseTo(p[0], within(1.0));
                assertThat(g.getCoordinate().y).as("y of %s", s.get("id")).isCloseTo(p[1], within(1.0));
            }
        }
        assertThat(inside).as("the probe's tile has sites").isPositive();
        assertThat(byId.size()).isGreaterThanOrEqualTo(inside);

        JtsLayer schools = layer(tile("/v1/tiles/sites/" + z + "/" + xy[0] + "/" + xy[1] + ".mvt?category=school"),
                "sites");
        assertThat(schools.getGeometries()).isNotEmpty()
                .allSatisfy(g -> assertThat(attributes(g).get("category")).isEqualTo("school"));
        // a tile in the ocean is empty
        assertThat(tile("/v1/tiles/sites/14/0/0.mvt")).isEmpty();
    }

    @Test
    void theAreasTileOverHaishuHoldsTheDistrictAndItsStreets() throws IOException {
        int[] xy = tileOf(121.50, 29.86, 9);
        JtsLayer layer = layer(tile("/v1/tiles/areas/9/" + xy[0] + "/" + xy[1] + ".mvt"), "areas");
        Set<String> codes = new HashSet<>();
        for (Geometry g : layer.getGeometries()) {
            codes.add((String) attributes(g).get("code"));
            assertThat(g.getGeometryType()).contains("Polygon");
        }
        Set<String> expected = new HashSet<>();
        new Http(web).get("/v1/areas").json().get("items").forEach(a -> expected.add(a.get("code").asText()));
        assertThat(codes).containsAll(expected.stream().filter(c -> c.startsWith("330203")).toList()).contains("330203");
    }

    @Test
    void theCoverageTileShowsEachPointWithItsDemandAndWhetherItIsServed() throws IOException {
        Http http = PublicApiData.bigHttp(web);
        JsonNode gaps = http.get("/v1/gaps?group=preschool&limit=5000").json();
        JsonNode top = gaps.at("/features/0");
        int z = 13;
        int[] xy = tileOf(top.at("/geometry/coordinates/0").asDouble(), top.at("/geometry/coordinates/1").asDouble(), z);
        JtsLayer layer = layer(tile("/v1/tiles/coverage/" + z + "/" + xy[0] + "/" + xy[1] + ".mvt?group=preschool"),
                "coverage");
        Map<String, Map<String, Object>> byId = new HashMap<>();
        layer.getGeometries().forEach(g -> byId.put((String) attributes(g).get("id"), attributes(g)));
        int checked = 0;
        Set<String> gapIds = new HashSet<>();
        for (JsonNode f : gaps.get("features")) {
            gapIds.add(f.at("/properties/id").asText());
            double[] p = pixel(f.at("/geometry/coordinates/0").asDouble(), f.at("/geometry/coordinates/1").asDouble(),
                    z, xy[0], xy[1]);
            if (p[0] >= 0 && p[0] < EXTENT && p[1] >= 0 && p[1] < EXTENT) {
                Map<String, Object> a = byId.get(f.at("/properties/id").asText());
                assertThat(a).as("gap %s in the tile", f.at("/properties/id")).isNotNull();
                assertThat(a.get("served")).isEqualTo(false);
                assertThat(((Number) a.get("demand")).doubleValue()).isCloseTo(
                        f.at("/properties/uncoveredDemand").asDouble(), within(0.051));
                checked++;
            }
        }
        assertThat(checked).isPositive();
        byId.forEach((id, a) -> assertThat(a.get("served")).as("served flag of %s", id).isEqualTo(!gapIds.contains(id)));
    }

    @Test
    void badTilesAreRefused() {
        Http http = new Http(web);
        assertThat(http.get("/v1/tiles/sites/23/0/0.mvt").code()).isEqualTo("INVALID_TILE");
        assertThat(http.get("/v1/tiles/sites/2/4/0.mvt").code()).isEqualTo("INVALID_TILE");
        assertThat(http.get("/v1/tiles/sites/a/0/0.mvt").code()).isEqualTo("INVALID_TILE");
        assertThat(http.get("/v1/tiles/roads/1/0/0.mvt").code()).isEqualTo("UNKNOWN_LAYER");
        assertThat(http.get("/v1/tiles/coverage/1/0/0.mvt").code()).isEqualTo("REQUIRED");
        assertThat(http.get("/v1/tiles/coverage/1/0/0.mvt?group=teenagers").code()).isEqualTo("UNKNOWN_GROUP");
        assertThat(http.get("/v1/tiles/sites/1/0/0.mvt?category=zoo").code()).isEqualTo("UNKNOWN_CATEGORY");
        // tiles are cached like every GET
        int[] xy = tileOf(121.55, 29.87, 12);
        String path = "/v1/tiles/sites/12/" + xy[0] + "/" + xy[1] + ".mvt";
        String etag = web.get().uri(path).exchange().returnResult(byte[].class).getResponseHeaders().getETag();
        assertThat(web.get().uri(path).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().returnResult(byte[].class)
                .getStatus().value()).isEqualTo(304);
    }
}
