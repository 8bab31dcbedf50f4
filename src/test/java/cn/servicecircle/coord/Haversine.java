package cn.servicecircle.coord;

/** Test helper: great-circle distance on a sphere of radius 6,371,008.8 m. */
public final class Haversine {
    private static final double EARTH_RADIUS_M = 6_371_008.8;

    private Haversine() {}

    public static double distanceM(LonLat a, LonLat b) {
        double phi1 = Math.toRadians(a.lat());
        double phi2 = Math.toRadians(b.lat());
        double dPhi = phi2 - phi1;
        double dLambda = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
                + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
