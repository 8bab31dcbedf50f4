package cn.servicecircle.reach.core;

import java.util.Objects;

/** A site by its coordinates. Contract: {@code siteId} non-null; WGS84 degrees. */
public record SitePoint(String siteId, double lon, double lat) {
    public SitePoint {
        Objects.requireNonNull(siteId, "siteId");
    }
}
