package cn.servicecircle.region;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.util.CustomModel;

import cn.servicecircle.reach.core.GeoMath;
import cn.servicecircle.reach.graphhopper.GraphHopperWalkGraph;
import cn.servicecircle.reach.graphhopper.GraphHopperWalkGraphLoader;
import cn.servicecircle.geodata.Csv;
import cn.servicecircle.geodata.SimpleGeoJson;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.RegionApp;

/**
 * A third real region, Andorra, added from its PBF by {@code bin/region new} alone (this test calls the same entry
 * point, {@link RegionNew}, into a temporary data folder), then the unchanged service started for it answering
 * {@code /v1/nearby} by network over real HTTP; walking metres are checked against GraphHopper's own router on the
 * same file (an independent search: point-to-point A* with edge snapping, not our export and Dijkstra).
 */
class NewRegionTest {
    static final Path PBF = Path.of("src/test/resources/osm/andorra.osm.pbf");
    static final Path CACHE = RegionApp.CACHE;
    static final GeometryFactory WGS84 = new GeometryFactory();
    static Path dataDir;
    static RegionNew.Made made;
    static ConfigurableApplicationContext app;
    static WebTestClient web;

    @BeforeAll
    static void makeAndStart() throws Exception {
        dataDir = Files.createTempDirectory("regions");
        made = RegionNew.run("new", "andorra", PBF.toString(), "--data-dir", dataDir.toString(), "--cache-dir",
                CACHE.toString(), "--population", "80000");
        app = RegionApp.start("andorra", dataDir, "andorra");
        web = RegionApp.readyClient(app);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void theCommandMakesEveryFileOfTheRegionAndListsItInTheManifest() throws IOException {
        Path folder = dataDir.resolve("andorra");
        // Ordino, the largest administrative unit the 2013 extract holds completely (Andorra's own relation lacks
        // 2 of its 19 ways), not the network's footprint
        assertThat(made.outlineFrom()).contains("2804758", "Ordino");
        assertThat(made.code()).isEqualTo("osm-relation-2804758");
        assertThat(made.otherBoundaries()).hasSize(5);
        Geometry outline = SimpleGeoJson.readFeatures(Files.readString(folder.resolve("region-outline.geojson")))
                .get(0).geometry();
        assertThat(outline.isValid()).isTrue();
        List<Map<String, String>> sites = Csv.readRecords(folder.resolve("osm-sites.csv"));
        assertThat(sites).hasSize(made.sites()).isNotEmpty();
        for (Map<String, String> s : sites) {
            assertThat(outline.covers(point(Double.parseDouble(s.get("lon")), Double.parseDouble(s.get("lat")))))
                    .as(s.get("external_id")).isTrue();
        }
        assertThat(Files.readString(folder.resolve("application-andorra.yaml"))).contains("region: andorra",
                "network-pbf: ${sc.sample.data-dir}/andorra/andorra.osm.pbf", "population.proxy.synthetic.csv");
        List<Map<String, String>> manifest = Csv.readRecords(dataDir.resolve("manifest.csv"));
        List<String> listed = manifest.stream().map(r -> r.get("path")).toList();
        try (var files = Files.list(folder)) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(
                    files.map(f -> "andorra/" + f.getFileName()).toList());
        }
        for (Map<String, String> r : manifest) {
            assertThat(r.get("real_or_synthetic")).as(r.get("path"))
                    .isEqualTo(r.get("path").contains(".synthetic.") ? "synthetic" : "real");
            assertThat(String.join(",", r.values())).as(r.get("path"))
                    .contains("© OpenStreetMap contributors", "ODbL");
        }
    }

    @Test
    void theRegionAnswersNearbyByNetworkAsGraphHopperRoutesIt() throws IOException {
        Http http = new Http(web);
        JsonNode areas = http.get("/v1/areas").json();
        assertThat(areas.toString()).contains("osm-relation-2804758").doesNotContain("330203");
        Map<String, String> school = Csv.readRecords(dataDir.resolve("andorra/osm-sites.csv")).get(0);
        double siteLon = Double.parseDouble(school.get("lon"));
        double siteLat = Double.parseDouble(school.get("lat"));
        int compared = 0;
        try (GraphHopperWalkGraph gh = GraphHopperWalkGraphLoader.open(dataDir.resolve("andorra/andorra.osm.pbf"),
                CACHE)) {
            var g = gh.walkGraph();
            Geometry outline = SimpleGeoJson.readFeatures(Files.readString(dataDir.resolve(
                    "andorra/region-outline.geojson"))).get(0).geometry();
            List<Integer> origins = new ArrayList<>();
            for (int n = 0; n < g.nodeCount(); n++) {
                double straight = GeoMath.haversineMeters(g.lon(n), g.lat(n), siteLon, siteLat);
                if (straight >= 200 && straight <= 2500 && outline.covers(point(g.lon(n), g.lat(n)))) {
                    origins.add(n);
                }
            }
            assertThat(origins).hasSizeGreaterThan(20);
            for (int i = 0; i < 12; i++) {
                int n = origins.get(i * origins.size() / 12);
                Http.Response r = http.get(String.format(Locale.ROOT,
                        "/v1/nearby?lon=%.7f&lat=%.7f&category=school&maxMinutes=60", g.lon(n), g.lat(n)));
                if (r.status() == 422) {
                    assertThat(r.code()).isEqualTo("OUTSIDE_SERVICE_AREA"); // a node of the roads beyond Ordino
                    continue;
                }
                assertThat(r.status()).as(r.raw()).isEqualTo(200);
                assertThat(r.json().get("method").asText()).isEqualTo("network");
                // shortest, not GraphHopper's preferred path: distance dominates the weight
                GHResponse route = gh.hopper().route(new GHRequest(g.lat(n), g.lon(n), siteLat, siteLon)
                        .setProfile(GraphHopperWalkGraphLoader.PROFILE)
                        .setCustomModel(new CustomModel().setDistanceInfluence(100_000.0)));
                JsonNode item = r.json().get("items").get(0);
                if (item == null) { // not within 60 minutes (4,000 m at 4 km/h), nor for GraphHopper
                    assertThat(route.hasErrors() || route.getBest().getDistance() > 4000).as("node " + n).isTrue();
                    continue;
                }
                assertThat(item.get("method").asText()).isEqualTo("network");
                assertThat(route.hasErrors()).as(route.getErrors().toString()).isFalse();
                // GraphHopper's distance runs between the snapped points; ours adds the walk onto the network
                var snapped = route.getBest().getWaypoints();
                double expected = route.getBest().getDistance()
                        + GeoMath.haversineMeters(g.lon(n), g.lat(n), snapped.getLon(0), snapped.getLat(0))
                        + GeoMath.haversineMeters(siteLon, siteLat, snapped.getLon(1), snapped.getLat(1));
                long walkMeters = item.get("walkMeters").asLong();
                assertThat((double) walkMeters).as("node %d: ours %d m, GraphHopper %.1f m", n, walkMeters, expected)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(0.005 * expected + 2));
                compared++;
            }
        }
        assertThat(compared).as("origins compared").isGreaterThanOrEqualTo(6);
    }

    @Test
    void healthShowsHowMuchOfTheOutlineTheNetworkCovers() {
        JsonNode details = RegionApp.walkNetworkDetails(web);
        assertThat(details.get("method").asText()).isEqualTo("network");
        // Ordino is mountains: about half its area lies within 300 m of a way
        assertThat(details.get("outlineShare").asDouble()).isEqualTo(made.outlineShare(),
                org.assertj.core.data.Offset.offset(0.001)).isBetween(0.5, 0.56);
    }

    @Test
    void aRegionWithoutItsOwnFolderOrFilesRefusesToStart() throws IOException {
        assertThatThrownBy(() -> RegionApp.start("atlantis", dataDir, "atlantis"))
                .hasStackTraceContaining("no region is configured");
        Path broken = Files.createTempDirectory("regions-broken");
        Path folder = Files.createDirectories(broken.resolve("andorra"));
        try (var files = Files.list(dataDir.resolve("andorra"))) {
            for (Path f : files.toList()) {
                if (!f.getFileName().toString().equals("osm-sites.csv")) {
                    Files.copy(f, folder.resolve(f.getFileName()));
                }
            }
        }
        assertThatThrownBy(() -> RegionApp.start("andorra", broken, "andorra_broken"))
                .hasStackTraceContaining("dataset osm-sites: no file")
                .hasStackTraceContaining("osm-sites.csv");
        // a region yaml that names another region (copied and not edited) is refused, not loaded
        Files.writeString(folder.resolve("osm-sites.csv"), "external_id,category,subtype,name,lon,lat\n",
                StandardCharsets.UTF_8);
        Path yaml = folder.resolve("application-andorra.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("region: andorra", "region: haishu"));
        assertThatThrownBy(() -> RegionApp.start("andorra", broken, "andorra_broken"))
                .hasStackTraceContaining("region haishu cannot be loaded: no region folder");
    }

    @Test
    void bboxIsTheOutlinesWgs84EnvelopeWidenedByTheMargin() throws IOException {
        // envelope of geo-data/heidelberg/region-outline.geojson read with Python's json module: 7.70123 8.903828
        // 49.327726 49.521979; 1,000 m = 0.008993° of latitude, 0.013855° of longitude at 49.522° N
        Path outline = Path.of("geo-data/heidelberg/region-outline.geojson");
        assertThat(RegionNew.bbox("bbox", outline.toString(), "wgs84", "0")).isEqualTo("7.7012,49.3277,8.9038,49.5220");
        assertThat(RegionNew.bbox("bbox", outline.toString())).isEqualTo("7.6874,49.3187,8.9177,49.5310");
    }

    static org.locationtech.jts.geom.Point point(double lon, double lat) {
        return WGS84.createPoint(new Coordinate(lon, lat));
    }
}
