package cn.servicecircle.coord;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class CoordSysTest {
    @Test
    void parsesCaseInsensitivelyWithWgs84Default() {
        assertEquals(CoordSys.WGS84, CoordSys.parse(null));
        assertEquals(CoordSys.WGS84, CoordSys.parse(" "));
        assertEquals(CoordSys.WGS84, CoordSys.parse("WGS84"));
        assertEquals(CoordSys.GCJ02, CoordSys.parse("gcj02"));
        assertEquals(CoordSys.GCJ02, CoordSys.parse(" Gcj02 "));
        assertEquals("gcj02", CoordSys.GCJ02.code());
        assertEquals("wgs84", CoordSys.WGS84.code());
    }

    @Test
    void unknownValueNamesTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CoordSys.parse("bd09"));
        assertTrue(e.getMessage().contains("bd09"), e.getMessage());
        assertTrue(e.getMessage().contains("wgs84") && e.getMessage().contains("gcj02"), e.getMessage());
    }
}
