package cn.servicecircle.access;

import java.util.Map;
import java.util.TreeMap;

/**
 * An open site as the access model sees it.
 *
 * @param siteId   stable id
 * @param category site category
 * @param subtype  site subtype
 * @param lon      WGS84 longitude, degrees
 * @param lat      WGS84 latitude, degrees
 * @param capacity per capacity measure ({@code slots}, {@code inclusiveSlots}, {@code beds}, {@code seats},
 *                 {@code staff}) the known figure, ≥ 0; a measure absent is unknown (never guessed as 0). Never null.
 */
public record ServicePoint(String siteId, String category, String subtype, double lon, double lat,
                           Map<String, Integer> capacity) {
    /** A site whose capacity is not known. */
    public ServicePoint(String siteId, String category, String subtype, double lon, double lat) {
        this(siteId, category, subtype, lon, lat, Map.of());
    }

    public ServicePoint {
        // sorted and immutable; null figures are dropped so "absent" is the one way to say unknown
        TreeMap<String, Integer> known = new TreeMap<>();
        if (capacity != null) {
            capacity.forEach((k, v) -> {
                if (v != null) {
                    if (v < 0) {
                        throw new IllegalArgumentException("capacity " + k + " must be >= 0, was " + v);
                    }
                    known.put(k, v);
                }
            });
        }
        capacity = java.util.Collections.unmodifiableMap(known);
        if (siteId == null || category == null || subtype == null) {
            throw new IllegalArgumentException("site id, category and subtype are required");
        }
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("coordinates out of range: " + lon + ", " + lat);
        }
    }
}
