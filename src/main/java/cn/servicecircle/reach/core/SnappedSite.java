package cn.servicecircle.reach.core;

import java.util.Objects;

/**
 * A service site attached to the walk graph.
 *
 * <p>Contract: {@code siteId} non-null (e.g. a database id or {@code osm:node/123});
 * {@code snap} non-null.
 */
public record SnappedSite(String siteId, Snap snap) {
    public SnappedSite {
        Objects.requireNonNull(siteId, "siteId");
        Objects.requireNonNull(snap, "snap");
    }
}
