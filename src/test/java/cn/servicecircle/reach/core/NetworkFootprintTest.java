package cn.servicecircle.reach.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A way whose shape points lie far beyond its two end nodes (a mountain track between two junctions in one valley,
 * as in Andorra): the footprint covers the whole way. The grid used to be sized by the nodes alone, and such a
 * way wrote outside it.
 */
class NetworkFootprintTest {
    @Test
    void coversShapePointsFarBeyondTheNodes() {
        double lon0 = 1.53;
        double lat0 = 42.55;
        double degPerKmLat = 1 / (GeoMath.METERS_PER_DEGREE / 1000);
        WalkGraph.Builder b = WalkGraph.builder();
        int a = b.addNode(lon0, lat0);
        int c = b.addNode(lon0 + 0.002, lat0);
        // two nodes 160 m apart; the way between them climbs 5 km north and back
        b.addEdge(a, c, 10_200, new double[] {lon0, lat0 + 5 * degPerKmLat, lon0 + 0.002, lat0 + 5 * degPerKmLat});
        Geometry footprint = NetworkFootprint.of(b.build(), 300, 100, 50);
        GeometryFactory f = new GeometryFactory();
        assertThat(footprint.covers(f.createPoint(new Coordinate(lon0 + 0.001, lat0 + 5 * degPerKmLat)))).isTrue();
        assertThat(footprint.covers(f.createPoint(new Coordinate(lon0, lat0 + 2.5 * degPerKmLat)))).isTrue();
        assertThat(footprint.covers(f.createPoint(new Coordinate(lon0, lat0 + 7 * degPerKmLat)))).isFalse();
    }
}
