package cn.servicecircle.coord;

/**
 * Conversion between WGS84 and GCJ-02, written from the publicly documented offset formula: two
 * trigonometric polynomials in (lon - 105, lat - 35) give offsets in metres on the Krasovsky 1940
 * ellipsoid, which are turned into degrees with that ellipsoid's radii of curvature.
 *
 * <p>Contract: all values in degrees. The forward direction is the formula itself (accuracy is that
 * of the formula, i.e. what Chinese map SDKs draw, within a metre or so of the official one). The
 * inverse is iterative and converges to better than {@value #INVERSE_TOLERANCE_DEG} degrees
 * (about 0.1 mm). Outside the rough China box of {@link #isOutsideChina(LonLat)} both directions are
 * the identity. Uses {@link StrictMath} so results are bit-identical on every JVM and platform
 * (generated sample data depends on it).
 */
public final class Gcj02 {
    /** Semi-major axis of the Krasovsky 1940 ellipsoid, metres. */
    private static final double A_M = 6378245.0;
    /** First eccentricity squared of the Krasovsky 1940 ellipsoid. */
    private static final double EE = 0.00669342162296594323;
    /** Inverse convergence tolerance, degrees (on both lon and lat). */
    static final double INVERSE_TOLERANCE_DEG = 1e-9;
    /** Upper bound on inverse iterations; in practice 3 to 6 are needed. */
    static final int INVERSE_MAX_ITERATIONS = 30;

    private static final double MIN_LON = 72.004;
    private static final double MAX_LON = 137.8347;
    private static final double MIN_LAT = 0.8293;
    private static final double MAX_LAT = 55.8271;

    private Gcj02() {}

    /**
     * True if the position is outside the rough bounding box of China (lon 72.004–137.8347, lat
     * 0.8293–55.8271), where GCJ-02 equals WGS84. The box is rough: parts of neighbouring countries
     * are inside it.
     */
    public static boolean isOutsideChina(LonLat p) {
        return p.lon() < MIN_LON || p.lon() > MAX_LON || p.lat() < MIN_LAT || p.lat() > MAX_LAT;
    }

    /** WGS84 to GCJ-02; identity outside China. Never null for a non-null input. */
    public static LonLat toGcj02(LonLat wgs84) {
        if (isOutsideChina(wgs84)) {
            return wgs84;
        }
        double[] d = offsetDeg(wgs84.lon(), wgs84.lat());
        return new LonLat(wgs84.lon() + d[0], wgs84.lat() + d[1]);
    }

    /**
     * GCJ-02 to WGS84 by fixed-point iteration on the forward formula, until both coordinates move
     * less than {@value #INVERSE_TOLERANCE_DEG} degrees (at most {@value #INVERSE_MAX_ITERATIONS}
     * iterations). Identity when the GCJ-02 input is outside China.
     */
    public static LonLat toWgs84(LonLat gcj02) {
        if (isOutsideChina(gcj02)) {
            return gcj02;
        }
        double lon = gcj02.lon();
        double lat = gcj02.lat();
        for (int i = 0; i < INVERSE_MAX_ITERATIONS; i++) {
            double[] d = offsetDeg(lon, lat);
            double nextLon = gcj02.lon() - d[0];
            double nextLat = gcj02.lat() - d[1];
            boolean done = StrictMath.abs(nextLon - lon) < INVERSE_TOLERANCE_DEG
                    && StrictMath.abs(nextLat - lat) < INVERSE_TOLERANCE_DEG;
            lon = nextLon;
            lat = nextLat;
            if (done) {
                break;
            }
        }
        return new LonLat(lon, lat);
    }

    /** The GCJ-02 minus WGS84 offset at a WGS84 position: {dLon, dLat} in degrees. */
    private static double[] offsetDeg(double lon, double lat) {
        double x = lon - 105.0;
        double y = lat - 35.0;
        double dLatM = latPolynomial(x, y);
        double dLonM = lonPolynomial(x, y);
        double radLat = lat / 180.0 * StrictMath.PI;
        double sinLat = StrictMath.sin(radLat);
        double w = 1 - EE * sinLat * sinLat;
        double sqrtW = StrictMath.sqrt(w);
        // meridian radius of curvature M = a(1-e^2)/W^3, prime vertical N = a/W
        double meridianRadiusM = A_M * (1 - EE) / (w * sqrtW);
        double primeVerticalRadiusM = A_M / sqrtW;
        double dLat = dLatM * 180.0 / (meridianRadiusM * StrictMath.PI);
        double dLon = dLonM * 180.0 / (primeVerticalRadiusM * StrictMath.cos(radLat) * StrictMath.PI);
        return new double[] {dLon, dLat};
    }

    private static double latPolynomial(double x, double y) {
        double pi = StrictMath.PI;
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y
                + 0.2 * StrictMath.sqrt(StrictMath.abs(x));
        r += (20.0 * StrictMath.sin(6.0 * x * pi) + 20.0 * StrictMath.sin(2.0 * x * pi)) * 2.0 / 3.0;
        r += (20.0 * StrictMath.sin(y * pi) + 40.0 * StrictMath.sin(y / 3.0 * pi)) * 2.0 / 3.0;
        r += (160.0 * StrictMath.sin(y / 12.0 * pi) + 320.0 * StrictMath.sin(y * pi / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double lonPolynomial(double x, double y) {
        double pi = StrictMath.PI;
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y
                + 0.1 * StrictMath.sqrt(StrictMath.abs(x));
        r += (20.0 * StrictMath.sin(6.0 * x * pi) + 20.0 * StrictMath.sin(2.0 * x * pi)) * 2.0 / 3.0;
        r += (20.0 * StrictMath.sin(x * pi) + 40.0 * StrictMath.sin(x / 3.0 * pi)) * 2.0 / 3.0;
        r += (150.0 * StrictMath.sin(x / 12.0 * pi) + 300.0 * StrictMath.sin(x / 30.0 * pi)) * 2.0 / 3.0;
        return r;
    }
}
