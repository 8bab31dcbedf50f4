package cn.servicecircle.reach.core;

import static cn.servicecircle.reach.core.SketchGraphs.latAt;
import static cn.servicecircle.reach.core.SketchGraphs.lonAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class StraightLineReachTest {

    @Test
    void haversineTimesCircuityOverSpeed() {
        StraightLineReach s = new StraightLineReach();
        List<SiteReach> out = s.within(lonAt(0), latAt(0), List.of(
                new SitePoint("north-1km", lonAt(0), latAt(1000)),
                new SitePoint("east-500m", lonAt(500), latAt(0)),
                new SitePoint("far", lonAt(0), latAt(5000))), SketchGraphs.ONE_MPS, 1400);
        assertEquals(List.of("east-500m", "north-1km"), out.stream().map(SiteReach::siteId).toList());
        // the default circuity, 1.35 (measured: bench/detour)
        assertEquals(675, out.get(0).walkSeconds(), 0.5);
        assertEquals(1350, out.get(1).walkSeconds(), 0.5);
        assertEquals(1350, out.get(1).distanceMeters(), 0.5);
        assertEquals(ReachMethod.STRAIGHT_LINE, out.get(1).method());
    }

    @Test
    void circleRadiusIsLimitOverCircuity() {
        IsochroneResult iso = new StraightLineReach(1.3).isochrone(lonAt(0), latAt(0), SketchGraphs.ONE_MPS, 1300);
        // radius 1000 m: polygon area of a 64-gon ~ 0.9984 * pi r^2
        double widthDeg = iso.area().getEnvelopeInternal().getHeight();
        assertEquals(2000, widthDeg * GeoMath.METERS_PER_DEGREE, 1.0);
        assertEquals(ReachMethod.STRAIGHT_LINE, iso.method());
        assertThrows(IllegalArgumentException.class, () -> new StraightLineReach(0.9));
    }

    @Test
    void haversineMatchesAKnownDistance() {
        // one degree of latitude on the 6,371 km sphere
        assertEquals(111_194.93, GeoMath.haversineMeters(8.0, 49.0, 8.0, 50.0), 0.01);
    }
}
