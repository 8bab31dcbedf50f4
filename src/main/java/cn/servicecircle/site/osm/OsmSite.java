package cn.servicecircle.site.osm;

import java.util.Objects;

/**
 * A service site read from OpenStreetMap.
 *
 * <p>Contract: {@code externalId} is {@code osm:node/<id>} or {@code osm:way/<id>}; {@code category}
 * one of {@code childcare, school, clinic, elder_care, assistance}; {@code subtype} non-null (see
 * {@link OsmSiteImporter#classify}); {@code name} non-blank (falls back to {@code "unnamed <subtype>"});
 * {@code lon/lat} WGS84 degrees (a way's arithmetic mean of its distinct node coordinates);
 * {@code openingHours}, {@code phone} nullable raw tag values; {@code capacity} nullable, the
 * {@code capacity} tag when it is a non-negative integer.
 */
public record OsmSite(String externalId, String category, String subtype, String name, double lon, double lat,
                      String openingHours, String phone, Integer capacity) {
    public OsmSite {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(subtype, "subtype");
        Objects.requireNonNull(name, "name");
    }
}
