package cn.servicecircle.coord;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class Gcj02Test {
    private static final LonLat NINGBO_WGS84 = new LonLat(121.55, 29.87);

    @Test
    void haversineHelperIsSane() {
        // one degree of latitude is about 111.2 km on the mean sphere
        double m = Haversine.distanceM(new LonLat(121, 29), new LonLat(121, 30));
        assertEquals(111_195, m, 1);
    }

    @Test
    void forwardOffsetAtNingboIsAFewHundredMetresEastAndSouth() {
        LonLat gcj = Gcj02.toGcj02(NINGBO_WGS84);
        double eastM = Haversine.distanceM(NINGBO_WGS84, new LonLat(gcj.lon(), NINGBO_WGS84.lat()))
                * Math.signum(gcj.lon() - NINGBO_WGS84.lon());
        double northM = Haversine.distanceM(NINGBO_WGS84, new LonLat(NINGBO_WGS84.lon(), gcj.lat()))
                * Math.signum(gcj.lat() - NINGBO_WGS84.lat());
        // SOURCE.txt of datav-ningbo-districts: ~400 m E / ~290 m S at 121.55E 29.87N
        assertTrue(eastM > 350 && eastM < 500, "east offset m: " + eastM);
        assertTrue(northM < -230 && northM > -350, "north offset m: " + northM);
        double total = Haversine.distanceM(NINGBO_WGS84, gcj);
        assertTrue(total > 420 && total < 600, "total offset m: " + total);
    }

    @Test
    void roundTripWithinOneMetreAcrossChina() {
        SplittableRandom rnd = new SplittableRandom(20231001L);
        double worstM = 0;
        for (int i = 0; i < 20_000; i++) {
            // mainland-ish box, well inside the "outside China" box
            LonLat wgs = new LonLat(rnd.nextDouble(75, 135), rnd.nextDouble(18, 53));
            LonLat gcj = Gcj02.toGcj02(wgs);
            assertTrue(Haversine.distanceM(wgs, gcj) > 1, "forward must move the point: " + wgs);
            LonLat back = Gcj02.toWgs84(gcj);
            worstM = Math.max(worstM, Haversine.distanceM(wgs, back));
        }
        assertTrue(worstM < 1.0, "worst round-trip error m: " + worstM);
        // the iteration actually converges far better than the contract requires
        assertTrue(worstM < 0.001, "worst round-trip error m: " + worstM);
    }

    @Test
    void inverseOfForwardIsExactToTolerance() {
        LonLat gcj = Gcj02.toGcj02(NINGBO_WGS84);
        LonLat back = Gcj02.toWgs84(gcj);
        assertEquals(NINGBO_WGS84.lon(), back.lon(), 1e-8);
        assertEquals(NINGBO_WGS84.lat(), back.lat(), 1e-8);
    }

    @Test
    void identityOutsideChina() {
        LonLat heidelberg = new LonLat(8.69, 49.41);
        assertTrue(Gcj02.isOutsideChina(heidelberg));
        assertSame(heidelberg, Gcj02.toGcj02(heidelberg));
        assertSame(heidelberg, Gcj02.toWgs84(heidelberg));
        assertFalse(Gcj02.isOutsideChina(NINGBO_WGS84));
        // box edges
        assertTrue(Gcj02.isOutsideChina(new LonLat(72.0, 30)));
        assertTrue(Gcj02.isOutsideChina(new LonLat(121, 55.9)));
        assertTrue(Gcj02.isOutsideChina(new LonLat(121, 0.5)));
        assertTrue(Gcj02.isOutsideChina(new LonLat(137.9, 30)));
    }

    @Test
    void lonLatRejectsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> new LonLat(181, 0));
        assertThrows(IllegalArgumentException.class, () -> new LonLat(0, -91));
        assertThrows(IllegalArgumentException.class, () -> new LonLat(Double.NaN, 0));
    }
}
