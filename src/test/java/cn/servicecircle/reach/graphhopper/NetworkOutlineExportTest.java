package cn.servicecircle.reach.graphhopper;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import cn.servicecircle.reach.Heidelberg;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.WalkGraph;
import cn.servicecircle.geodata.SimpleGeoJson;
import cn.servicecircle.site.osm.OsmSite;

/**
 * The Heidelberg region outline is the network's footprint: everything routable is inside, the land between
 * detached parts of the network (Mannheim) is not, and the committed file is what the exporter makes today.
 */
class NetworkOutlineExportTest {
    private static final GeometryFactory WGS84 = new GeometryFactory();

    static Point point(double lon, double lat) {
        return WGS84.createPoint(new Coordinate(lon, lat));
    }

    @Test
    void coversEverythingRoutableAndNotMannheim() {
        WalkGraph graph = Heidelberg.graph();
        Geometry outline = NetworkOutlineExport.outline(graph);
        PreparedGeometry region = PreparedGeometryFactory.prepare(outline);
        assertThat(outline.isValid()).isTrue();
        // Mannheim: inside the old convex hull (a strand of ways 50 km west stretched it), 6 km from any way
        assertThat(graph.convexHull().covers(point(8.466, 49.488))).isTrue();
        assertThat(region.covers(point(8.466, 49.488))).isFalse();
        assertThat(region.covers(point(8.6936, 49.4093))).isTrue(); // Heidelberg, Bismarckplatz
        assertThat(outline.getArea()).isLessThan(graph.convexHull().getArea() / 2);
        for (int n = 0; n < graph.nodeCount(); n++) {
            assertThat(region.covers(point(graph.lon(n), graph.lat(n)))).isTrue();
        }
        for (OsmSite s : Heidelberg.sites()) {
            assertThat(region.covers(point(s.lon(), s.lat()))).as(s.externalId()).isTrue();
        }
        // every point the snapper accepts is in the region, so "outside" never hides a routable point
        NodeSnapper snapper = new NodeSnapper(graph, NetworkOutlineExport.MARGIN_METERS);
        Random random = new Random(11);
        int routable = 0;
        for (int i = 0; i < 20_000; i++) {
            double lon = 7.70 + random.nextDouble() * 1.2;
            double lat = 49.33 + random.nextDouble() * 0.19;
            if (snapper.snap(lon, lat).isPresent()) {
                routable++;
                assertThat(region.covers(point(lon, lat))).as(lon + "," + lat).isTrue();
            }
        }
        assertThat(routable).isGreaterThan(1000);
    }

    @Test
    void theCommittedOutlineIsAFreshExport() throws Exception {
        Geometry committed = SimpleGeoJson.readFeatures(
                Files.readString(Path.of("geo-data/heidelberg/region-outline.geojson"))).get(0).geometry();
        Geometry fresh = NetworkOutlineExport.outline(Heidelberg.graph());
        // the file rounds to 6 decimals: each vertex moves by at most 0.71e-6 degrees, so the outlines differ by
        // less than a band that wide along the boundary
        assertThat(committed.getNumGeometries()).isEqualTo(fresh.getNumGeometries());
        assertThat(committed.symDifference(fresh).getArea()).isLessThan(fresh.getLength() * 0.71e-6);
    }
}
