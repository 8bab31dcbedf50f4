package cn.servicecircle.coord;

/**
 * A geographic position.
 *
 * <p>Contract: {@code lon} is the longitude in degrees, finite, in [-180, 180]; {@code lat} is the
 * latitude in degrees, finite, in [-90, 90]. The record does not say which {@link CoordSys} it is
 * in; the caller knows.
 *
 * @param lon longitude, degrees east
 * @param lat latitude, degrees north
 */
public record LonLat(double lon, double lat) {
    /** @throws IllegalArgumentException if a value is not finite or out of range */
    public LonLat {
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("lon must be finite degrees in [-180, 180]: " + lon);
        }
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("lat must be finite degrees in [-90, 90]: " + lat);
        }
    }
}
