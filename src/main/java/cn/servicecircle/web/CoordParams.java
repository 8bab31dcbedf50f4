package cn.servicecircle.web;

import java.util.List;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.Gcj02;
import cn.servicecircle.coord.LonLat;

/** Parsing and converting the {@code coordSys} parameter every coordinate-carrying endpoint takes. */
public final class CoordParams {
    private CoordParams() {
    }

    /**
     * @param value the raw {@code coordSys} parameter, null for the default (wgs84)
     * @throws ApiException 400 INVALID_PARAMETER naming {@code coordSys}
     */
    public static CoordSys coordSys(String value) {
        try {
            return CoordSys.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "INVALID_PARAMETER", "coordSys must be wgs84 or gcj02",
                    List.of(new FieldProblem("coordSys", "INVALID_PARAMETER", "coordSys must be wgs84 or gcj02")));
        }
    }

    /** @return the point in WGS84, converting from {@code sys} */
    public static LonLat toWgs84(double lon, double lat, CoordSys sys) {
        LonLat p = new LonLat(lon, lat);
        return sys == CoordSys.GCJ02 ? Gcj02.toWgs84(p) : p;
    }

    /** @return the WGS84 point expressed in {@code sys} */
    public static LonLat fromWgs84(double lon, double lat, CoordSys sys) {
        LonLat p = new LonLat(lon, lat);
        return sys == CoordSys.GCJ02 ? Gcj02.toGcj02(p) : p;
    }
}
