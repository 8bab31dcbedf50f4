package cn.servicecircle.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.servicecircle.geodata.SimpleGeoJson;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.RegionApp;

/**
 * A region pointed at an extract that covers only part of its outline: the Heidelberg region with its PBF cut by
 * osmium to a box over about a third of the outline. The start is refused below sc.reach.min-outline-share, naming
 * the share; the share agrees with the box's share of the outline computed here from the box alone (the footprint
 * reaches a little beyond the box: osmium keeps crossing ways whole, and the footprint covers 300 m beyond a way);
 * with the bound lowered the same extract starts and answers by network.
 */
class NetworkCoverageCheckTest {
    static final Path FULL = Path.of("geo-data/heidelberg/heidelberg.test.pbf");
    /** West of Heidelberg's old town: lon 8.55–8.70, the whole outline's latitude range. */
    static final Envelope BOX = new Envelope(8.55, 8.70, 49.30, 49.55);
    static Path clipped;
    static double boxShare;

    @BeforeAll
    static void clip() throws Exception {
        clipped = Files.createTempDirectory("clipped").resolve("heidelberg-west.osm.pbf");
        Process osmium = new ProcessBuilder("osmium", "extract", "-b", String.format(Locale.ROOT, "%s,%s,%s,%s",
                BOX.getMinX(), BOX.getMinY(), BOX.getMaxX(), BOX.getMaxY()), FULL.toString(), "-o",
                clipped.toString()).inheritIO().start();
        assertThat(osmium.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(osmium.exitValue()).as("osmium extract (Debian osmium-tool; .ci/run installs it)").isZero();
        Geometry outline = SimpleGeoJson.readFeatures(Files.readString(
                Path.of("geo-data/heidelberg/region-outline.geojson"))).get(0).geometry();
        boxShare = new GeometryFactory().toGeometry(BOX).intersection(outline).getArea() / outline.getArea();
        assertThat(boxShare).isBetween(0.2, 0.45);
    }

    @Test
    void aClippedExtractIsRefusedNamingTheShare() {
        Throwable refused = null;
        try (ConfigurableApplicationContext app = RegionApp.start("heidelberg", Path.of("geo-data"),
                "clipped_refused", "--sc.reach.network-pbf=" + clipped)) {
            assertThat(app).as("the start must fail").isNull();
        } catch (RuntimeException e) {
            refused = e;
        }
        assertThat(refused).isNotNull();
        StringBuilder messages = new StringBuilder();
        for (Throwable t = refused; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertThat(messages).contains("Refusing to start", "heidelberg-west.osm.pbf", "min-outline-share 0.50");
        Matcher m = Pattern.compile("covers ([0-9.]+) % of the region outline").matcher(messages);
        assertThat(m.find()).as(messages.toString()).isTrue();
        double share = Double.parseDouble(m.group(1)) / 100;
        assertThat(share).isBetween(boxShare, boxShare + 0.08);
    }

    @Test
    void haishuPointedAtAnotherPlacesExtractByItsOneSettingIsRefused() {
        // SC_NETWORK_PBF is the one setting of README "Haishu on its real network"; Andorra's roads cover none of it
        assertThatThrownBy(() -> RegionApp.start("haishu", Path.of("geo-data"), "haishu_wrong_network",
                "--SC_NETWORK_PBF=src/test/resources/osm/andorra.osm.pbf").close())
                .hasStackTraceContaining("Refusing to start: the walking network src/test/resources/osm/andorra.osm.pbf "
                        + "covers 0.0 % of the region outline (593.");
    }

    @Test
    void withTheBoundLoweredTheSameExtractStartsAndAnswersByNetwork() throws Exception {
        try (ConfigurableApplicationContext app = RegionApp.start("heidelberg", Path.of("geo-data"),
                "clipped_allowed", "--sc.reach.network-pbf=" + clipped, "--sc.reach.min-outline-share=0.3")) {
            WebTestClient web = RegionApp.readyClient(app);
            double share = RegionApp.walkNetworkDetails(web).get("outlineShare").asDouble();
            assertThat(share).isBetween(boxShare, boxShare + 0.08);
            assertThat(RegionApp.walkNetworkDetails(web).get("minOutlineShare").asDouble()).isEqualTo(0.3);
            Http.Response inside = new Http(web).get("/v1/nearby?lon=8.6750&lat=49.4100"); // Bergheim, in the box
            assertThat(inside.status()).as(inside.raw()).isEqualTo(200);
            assertThat(inside.json().get("method").asText()).isEqualTo("network");
        }
    }
}
