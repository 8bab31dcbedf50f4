package cn.servicecircle.site;

/**
 * Validated editable fields of a site, ready to be written. Location is WGS84.
 *
 * @param externalId   nullable
 * @param category     never null
 * @param subtype      never null, valid for the category
 * @param name         trimmed, 1–200 characters
 * @param address      nullable, ≤ 300 characters
 * @param lon          WGS84 longitude in [-180, 180]
 * @param lat          WGS84 latitude in [-90, 90]
 * @param areaCode     owning area; null means "derive from the location"
 * @param capacity     never null
 * @param inclusive    普惠 flag
 * @param openingHours nullable
 * @param phone        nullable
 * @param open         status
 */
public record SiteDraft(String externalId, SiteCategory category, String subtype, String name, String address,
                        double lon, double lat, String areaCode, Capacity capacity, boolean inclusive,
                        String openingHours, String phone, boolean open) {

    /** @return a copy with the owning area set */
    public SiteDraft withAreaCode(String code) {
        return new SiteDraft(externalId, category, subtype, name, address, lon, lat, code, capacity, inclusive,
                openingHours, phone, open);
    }

    /** @return a copy at another WGS84 location */
    public SiteDraft withLocation(double newLon, double newLat) {
        return new SiteDraft(externalId, category, subtype, name, address, newLon, newLat, areaCode, capacity,
                inclusive, openingHours, phone, open);
    }
}
