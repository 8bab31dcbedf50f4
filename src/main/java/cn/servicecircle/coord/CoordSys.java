package cn.servicecircle.coord;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A coordinate reference system a client may use for longitude/latitude in degrees.
 *
 * <p>Contract: {@link #code()} is the lower-case wire value used in query parameters and responses.
 */
public enum CoordSys {
    /** WGS84 (EPSG:4326) as returned by GPS and by {@code wx.getLocation} by default. The default. */
    WGS84("wgs84"),
    /** GCJ-02, the system of Chinese map SDKs (Amap, Tencent, WeChat map component). */
    GCJ02("gcj02");

    private final String code;

    CoordSys(String code) {
        this.code = code;
    }

    /** The wire value, lower case ("wgs84" or "gcj02"); never null. */
    public String code() {
        return code;
    }

    /**
     * Lenient parse of a wire value.
     *
     * @param value the value, compared case-insensitively after trimming; null or blank means the
     *     default {@link #WGS84}
     * @return the matching system, never null
     * @throws IllegalArgumentException if the value is not one of the allowed codes; the message
     *     names the allowed values
     */
    public static CoordSys parse(String value) {
        if (value == null || value.isBlank()) {
            return WGS84;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (CoordSys c : values()) {
            if (c.code.equals(v)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown coordinate system '" + value + "'; allowed: "
                + Arrays.stream(values()).map(CoordSys::code).collect(Collectors.joining(", ")));
    }
}
