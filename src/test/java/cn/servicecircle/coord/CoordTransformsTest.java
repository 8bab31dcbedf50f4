package cn.servicecircle.coord;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import static org.junit.jupiter.api.Assertions.*;

class CoordTransformsTest {
    private final GeometryFactory gf = new GeometryFactory();

    private Polygon ningboSquare() {
        return gf.createPolygon(new Coordinate[] {
            new Coordinate(121.50, 29.85), new Coordinate(121.55, 29.85), new Coordinate(121.55, 29.90),
            new Coordinate(121.50, 29.90), new Coordinate(121.50, 29.85)});
    }

    @Test
    void gcjRoundTripDoesNotMutateInputAndKeepsSrid() {
        Polygon wgs = ningboSquare();
        Geometry before = wgs.copy();
        Geometry gcj = CoordTransforms.fromWgs84(wgs, CoordSys.GCJ02);
        assertTrue(wgs.equalsExact(before), "input must not be mutated");
        assertEquals(4326, gcj.getSRID());
        assertNotSame(wgs, gcj);
        Coordinate c0 = gcj.getCoordinates()[0];
        LonLat expected = Gcj02.toGcj02(new LonLat(121.50, 29.85));
        assertEquals(expected.lon(), c0.x, 0);
        assertEquals(expected.lat(), c0.y, 0);
        // envelope reflects the change (geometryChanged was signalled)
        assertTrue(gcj.getEnvelopeInternal().getMinX() > 121.50 + 0.003);

        Geometry back = CoordTransforms.toWgs84(gcj, CoordSys.GCJ02);
        assertTrue(back.equalsExact(wgs, 1e-8), back.toText());
        assertEquals(4326, back.getSRID());
    }

    @Test
    void wgs84IsACopyWithSameCoordinates() {
        Polygon wgs = ningboSquare();
        Geometry out = CoordTransforms.toWgs84(wgs, CoordSys.WGS84);
        assertNotSame(wgs, out);
        assertTrue(out.equalsExact(wgs));
        assertEquals(4326, out.getSRID());
    }
}
