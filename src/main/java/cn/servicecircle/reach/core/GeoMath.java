package cn.servicecircle.reach.core;

/**
 * Small spherical-earth helpers.
 *
 * <p>Contract: inputs are WGS84 degrees (lon, lat); outputs metres. The earth radius is the mean
 * radius 6,371,000 m (the same GraphHopper uses), so distances agree with GraphHopper's edge
 * lengths to within rounding.
 */
public final class GeoMath {

    public static final double EARTH_RADIUS_METERS = 6_371_000.0;
    /** Metres per degree of latitude on the sphere. */
    public static final double METERS_PER_DEGREE = EARTH_RADIUS_METERS * Math.PI / 180.0;

    private GeoMath() {
    }

    /** Great-circle distance in metres (haversine), ≥ 0. */
    public static double haversineMeters(double lon1, double lat1, double lon2, double lat2) {
        double phi1 = Math.toRadians(lat1);
        double phi2 = Math.toRadians(lat2);
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(lon2 - lon1);
        double sinPhi = Math.sin(dPhi / 2);
        double sinLambda = Math.sin(dLambda / 2);
        double h = sinPhi * sinPhi + Math.cos(phi1) * Math.cos(phi2) * sinLambda * sinLambda;
        return 2 * EARTH_RADIUS_METERS * Math.asin(Math.min(1.0, Math.sqrt(h)));
    }

    /** Metres per degree of longitude at latitude {@code latDegrees}. */
    public static double metersPerDegreeLon(double latDegrees) {
        return METERS_PER_DEGREE * Math.cos(Math.toRadians(latDegrees));
    }

    /**
     * Maps every coordinate in place: {@code x' = x0 + x * xScale}, {@code y' = y0 + y * yScale}, and labels the
     * geometry WGS84 (SRID 4326). Used to leave a local metric or grid frame.
     */
    public static void affineToWgs84(org.locationtech.jts.geom.Geometry g, double x0, double xScale, double y0,
                                     double yScale) {
        mapXY(g, c -> new org.locationtech.jts.geom.Coordinate(x0 + c.x * xScale, y0 + c.y * yScale));
        g.setSRID(4326);
    }

    /**
     * The one coordinate filter: replaces x and y of every coordinate of {@code g}, in place, by those of
     * {@code f}'s result (Z and M are left as they are); copy the geometry first to keep the original.
     */
    public static void mapXY(org.locationtech.jts.geom.Geometry g,
                             java.util.function.UnaryOperator<org.locationtech.jts.geom.Coordinate> f) {
        g.apply(new org.locationtech.jts.geom.CoordinateSequenceFilter() {
            @Override
            public void filter(org.locationtech.jts.geom.CoordinateSequence seq, int i) {
                org.locationtech.jts.geom.Coordinate out = f.apply(
                        new org.locationtech.jts.geom.Coordinate(seq.getX(i), seq.getY(i)));
                seq.setOrdinate(i, org.locationtech.jts.geom.CoordinateSequence.X, out.x);
                seq.setOrdinate(i, org.locationtech.jts.geom.CoordinateSequence.Y, out.y);
            }

            @Override
            public boolean isDone() {
                return false;
            }

            @Override
            public boolean isGeometryChanged() {
                return true;
            }
        });
    }
}
