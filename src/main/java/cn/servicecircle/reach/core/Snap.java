package cn.servicecircle.reach.core;

/**
 * A point attached to the walk graph: the nearest point on the nearest edge.
 *
 * <p>Contract: {@code edge} is a valid edge id; {@code alongMeters} in
 * {@code [0, edgeDistanceMeters(edge)]} is measured along the edge from its node A (scaled to the
 * graph's edge length); {@code offEdgeMeters} ≥ 0 is the straight distance from the query point to
 * the snapped point, walked at the query speed as well (the "approach"); {@code snappedLon/Lat}
 * are WGS84 degrees of the point on the edge.
 *
 * @param edge          edge id
 * @param alongMeters   metres from node A along the edge
 * @param edgeMeters    total edge length in metres (copied for convenience)
 * @param offEdgeMeters metres from the query point to the edge
 * @param snappedLon    WGS84 longitude on the edge
 * @param snappedLat    WGS84 latitude on the edge
 */
public record Snap(int edge, double alongMeters, double edgeMeters, double offEdgeMeters,
                   double snappedLon, double snappedLat) {

    public Snap {
        if (edge < 0 || !(alongMeters >= 0) || !(alongMeters <= edgeMeters) || !(offEdgeMeters >= 0)) {
            throw new IllegalArgumentException("bad snap edge=" + edge + " along=" + alongMeters
                    + " of " + edgeMeters + " off=" + offEdgeMeters);
        }
    }

    /** Metres from the query point to node A of the edge: approach + along. */
    public double metersToNodeA() {
        return offEdgeMeters + alongMeters;
    }

    /** Metres from the query point to node B of the edge: approach + rest of the edge. */
    public double metersToNodeB() {
        return offEdgeMeters + (edgeMeters - alongMeters);
    }

    /**
     * Walk metres between two snapped points on the same edge without leaving it
     * (approach + |Δalong| + departure), or +∞ when they lie on different edges.
     */
    public double sameEdgeMetersTo(Snap other) {
        if (other.edge != edge) {
            return Double.POSITIVE_INFINITY;
        }
        return offEdgeMeters + Math.abs(alongMeters - other.alongMeters) + other.offEdgeMeters;
    }
}
