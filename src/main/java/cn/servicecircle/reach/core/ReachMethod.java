package cn.servicecircle.reach.core;

/** How a walking time was obtained, so answers can say so. */
public enum ReachMethod {
    /** Shortest path over the walk graph. */
    NETWORK,
    /** Haversine distance × circuity / speed, for places without a usable network. */
    STRAIGHT_LINE
}
