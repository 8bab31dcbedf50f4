package cn.servicecircle.site;

/**
 * Filters for listing sites. Every filter is nullable (= not filtered).
 *
 * @param category     category
 * @param subtype      subtype
 * @param areaCode     area code; a district code includes its streets/towns
 * @param bbox         WGS84 bounding box {minLon, minLat, maxLon, maxLat}
 * @param nameContains case-insensitive substring of the name
 * @param includeClosed whether closed sites are listed
 * @param limit        page size, 1–500
 * @param after        keyset cursor (name, id) of the last item of the previous page, nullable
 */
public record SiteQuery(SiteCategory category, String subtype, String areaCode, double[] bbox, String nameContains,
                        boolean includeClosed, int limit, Cursor after) {

    /** Position after which the next page starts. */
    public record Cursor(String name, java.util.UUID id) {
    }
}
