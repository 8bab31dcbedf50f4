package cn.servicecircle.reach.core;

import java.util.Arrays;

/**
 * Result of one bounded single-source search: the nodes reached within the limit, in settle order
 * (non-decreasing time), with walk metres and seconds.
 *
 * <p>Contract: {@link #size()} ≥ 0; for {@code i} in {@code [0, size())}: {@code node(i)} is a
 * graph node, {@code distanceMeters(i)} ≥ 0 and {@code walkSeconds(i) = distanceMeters(i) /
 * speed} ≤ {@link #maxSeconds()}; non-decreasing in {@code i}. Times include the origin's approach
 * to the network ({@link Snap#offEdgeMeters()}). {@link #origin()} is null when the search started
 * at a graph node. Immutable.
 */
public final class ReachedNodes {

    private final WalkGraph graph;
    private final Snap origin;
    private final WalkSpeed speed;
    private final double maxSeconds;
    private final int[] nodes;
    private final double[] meters;
    private final int[] table; // open addressing node -> index, -1 empty
    private final int mask;

    ReachedNodes(WalkGraph graph, Snap origin, WalkSpeed speed, double maxSeconds, int[] nodes, double[] meters) {
        this.graph = graph;
        this.origin = origin;
        this.speed = speed;
        this.maxSeconds = maxSeconds;
        this.nodes = nodes;
        this.meters = meters;
        int cap = Integer.highestOneBit(Math.max(4, nodes.length * 2 - 1)) << 1;
        table = new int[cap];
        Arrays.fill(table, -1);
        mask = cap - 1;
        for (int i = 0; i < nodes.length; i++) {
            int h = mix(nodes[i]) & mask;
            while (table[h] >= 0) {
                h = (h + 1) & mask;
            }
            table[h] = i;
        }
    }

    private static int mix(int x) {
        int h = x * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    public WalkGraph graph() {
        return graph;
    }

    /**
     * @return where a local map frame for this result is anchored, {lon, lat} in WGS84 degrees: the snapped
     *         origin, else the first reached node; null when nothing was reached and there is no origin
     */
    public double[] frameAnchor() {
        if (origin != null) {
            return new double[] {origin.snappedLon(), origin.snappedLat()};
        }
        return size() > 0 ? new double[] {graph.lon(node(0)), graph.lat(node(0))} : null;
    }

    /** Snapped origin, or null when the search started at a node. */
    public Snap origin() {
        return origin;
    }

    public WalkSpeed speed() {
        return speed;
    }

    public double maxSeconds() {
        return maxSeconds;
    }

    /** Limit in metres: {@code maxSeconds × speed}. */
    public double maxMeters() {
        return speed.meters(maxSeconds);
    }

    public int size() {
        return nodes.length;
    }

    public int node(int i) {
        return nodes[i];
    }

    public double distanceMeters(int i) {
        return meters[i];
    }

    public double walkSeconds(int i) {
        return speed.seconds(meters[i]);
    }

    /** Index of {@code node} in this result, or -1 when it was not reached within the limit. */
    public int indexOf(int node) {
        int h = mix(node) & mask;
        while (true) {
            int i = table[h];
            if (i < 0) {
                return -1;
            }
            if (nodes[i] == node) {
                return i;
            }
            h = (h + 1) & mask;
        }
    }

    /** Walk metres to {@code node}, or +∞ when not reached within the limit. */
    public double distanceMetersTo(int node) {
        int i = indexOf(node);
        return i < 0 ? Double.POSITIVE_INFINITY : meters[i];
    }

    /** Walk seconds to {@code node}, or +∞ when not reached within the limit. */
    public double walkSecondsTo(int node) {
        return speed.seconds(distanceMetersTo(node));
    }

    /** A copy of the reached node ids in settle order. */
    public int[] nodes() {
        return nodes.clone();
    }
}
