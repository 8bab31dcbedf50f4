package cn.servicecircle.reach.core;

import java.util.Objects;

/**
 * Walking time and distance from an origin to one site.
 *
 * <p>Contract: {@code siteId} and {@code method} non-null; {@code walkSeconds} and
 * {@code distanceMeters} finite and ≥ 0. For {@link ReachMethod#NETWORK}, {@code distanceMeters}
 * is along the walk path (approaches included); for {@link ReachMethod#STRAIGHT_LINE} it is the
 * haversine distance × circuity.
 */
public record SiteReach(String siteId, double walkSeconds, double distanceMeters, ReachMethod method) {
    public SiteReach {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(method, "method");
    }
}
