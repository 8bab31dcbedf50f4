package cn.servicecircle.reach.core;

import java.util.Objects;
import org.locationtech.jts.geom.Geometry;

/**
 * An isochrone polygon.
 *
 * <p>Contract: {@code area} is polygonal (Polygon, MultiPolygon, or empty Polygon when nothing is
 * reachable) in WGS84 lon/lat degrees, SRID 4326, valid; {@code maxSeconds} ≥ 0;
 * {@code reachedNodeCount} ≥ 0 (0 for straight-line circles).
 */
public record IsochroneResult(Geometry area, double maxSeconds, int reachedNodeCount, ReachMethod method) {
    public IsochroneResult {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(method, "method");
    }

    /** @return "nothing reachable": an empty WGS84 polygon */
    public static IsochroneResult empty(double maxSeconds, ReachMethod method) {
        return new IsochroneResult(Isochrone.wgsFactory().createPolygon(), maxSeconds, 0, method);
    }
}
