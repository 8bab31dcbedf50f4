package cn.servicecircle.access;

/**
 * A site and the walking distance to it.
 *
 * @param siteId     the site
 * @param walkMeters walking metres (network, or straight line × circuity), ≥ 0
 */
public record SiteDistance(String siteId, double walkMeters) {
}
