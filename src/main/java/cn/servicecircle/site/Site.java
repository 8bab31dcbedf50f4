package cn.servicecircle.site;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A public service site as the domain sees it.
 *
 * @param id           stable identifier, never null
 * @param externalId   identifier in the source system (OSM, an import file), nullable
 * @param category     never null
 * @param subtype      a subtype listed for the category, never null
 * @param name         Chinese name, 1–200 characters
 * @param address      nullable
 * @param lon          WGS84 longitude, degrees
 * @param lat          WGS84 latitude, degrees
 * @param areaCode     owning street/town code, never null
 * @param capacity     never null (fields may be null)
 * @param inclusive    whether the site is 普惠 (inclusive)
 * @param openingHours OSM opening_hours syntax, nullable
 * @param phone        nullable
 * @param open         false once closed (closed sites are kept with their history)
 * @param source       osm | synthetic | manual | import
 * @param version      ≥ 1, incremented by every change; the ETag
 * @param createdAt    never null
 * @param updatedAt    never null
 */
public record Site(UUID id, String externalId, SiteCategory category, String subtype, String name, String address,
                   double lon, double lat, String areaCode, Capacity capacity, boolean inclusive, String openingHours,
                   String phone, boolean open, String source, int version, OffsetDateTime createdAt,
                   OffsetDateTime updatedAt) {
}
