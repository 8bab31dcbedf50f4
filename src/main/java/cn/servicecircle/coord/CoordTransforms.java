package cn.servicecircle.coord;

import org.locationtech.jts.geom.Geometry;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Converts JTS geometries between WGS84 and a client {@link CoordSys}.
 *
 * <p>Contract: geometry coordinates are x = longitude, y = latitude, in degrees. Inputs are never
 * mutated; the result is a new geometry (a copy even when no conversion is needed) with SRID 4326
 * (the GCJ-02 case has no EPSG code; we keep 4326 as the "lon/lat degrees" marker, the {@code CoordSys}
 * says which datum). Z/M values are kept unchanged. Null arguments throw {@link NullPointerException}.
 */
public final class CoordTransforms {
    /** The SRID put on every result. */
    public static final int SRID_WGS84 = 4326;

    private CoordTransforms() {}

    /** Converts a geometry given in {@code from} to WGS84. */
    public static Geometry toWgs84(Geometry geometry, CoordSys from) {
        Objects.requireNonNull(from, "from");
        return transform(geometry, from == CoordSys.GCJ02 ? Gcj02::toWgs84 : UnaryOperator.identity());
    }

    /** Converts a WGS84 geometry to {@code to}. */
    public static Geometry fromWgs84(Geometry geometry, CoordSys to) {
        Objects.requireNonNull(to, "to");
        return transform(geometry, to == CoordSys.GCJ02 ? Gcj02::toGcj02 : UnaryOperator.identity());
    }

    private static Geometry transform(Geometry geometry, UnaryOperator<LonLat> op) {
        Objects.requireNonNull(geometry, "geometry");
        Geometry copy = geometry.copy();
        cn.servicecircle.reach.core.GeoMath.mapXY(copy, c -> {
            LonLat out = op.apply(new LonLat(c.x, c.y));
            return new org.locationtech.jts.geom.Coordinate(out.lon(), out.lat());
        });
        copy.setSRID(SRID_WGS84);
        return copy;
    }
}
