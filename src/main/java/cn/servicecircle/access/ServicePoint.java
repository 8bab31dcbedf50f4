package cn.servicecircle.access;

/**
 * An open site as the access model sees it.
 *
 * @param siteId   stable id
 * @param category site category
 * @param subtype  site subtype
 * @param lon      WGS84 longitude, degrees
 * @param lat      WGS84 latitude, degrees
 */
public record ServicePoint(String siteId, String category, String subtype, double lon, double lat) {
    public ServicePoint {
        if (siteId == null || category == null || subtype == null) {
            throw new IllegalArgumentException("site id, category and subtype are required");
        }
        if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
            throw new IllegalArgumentException("coordinates out of range: " + lon + ", " + lat);
        }
    }
}
