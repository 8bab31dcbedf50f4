package cn.servicecircle.reach.core;

import java.util.Arrays;

/**
 * Bounded one-to-all Dijkstra from one point (e.g. 900 s), on metres, seeded at both ends of the
 * origin's snapped edge.
 *
 * <p>Contract: {@code maxSeconds} finite and ≥ 0. A node is in the result iff its shortest walk
 * time from the origin (approach included) is ≤ {@code maxSeconds}. Thread-safe: each thread gets
 * its own reusable workspace (arrays sized to the graph, reset in O(touched nodes)), so a query
 * costs time proportional to the reached part of the graph, not to the whole graph.
 */
public final class SingleSourceSearch {

    private final WalkGraph graph;
    private final ThreadLocal<Workspace> workspaces;

    public SingleSourceSearch(WalkGraph graph) {
        this.graph = graph;
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(graph.nodeCount()));
    }

    public WalkGraph graph() {
        return graph;
    }

    /** Search from a snapped point; the approach and the walk along the origin edge count. */
    public ReachedNodes search(Snap origin, WalkSpeed speed, double maxSeconds) {
        checkLimit(maxSeconds);
        int e = origin.edge();
        return run(origin, speed, maxSeconds,
                new int[]{graph.edgeNodeA(e), graph.edgeNodeB(e)},
                new double[]{origin.metersToNodeA(), origin.metersToNodeB()});
    }

    /** Search from a graph node (time 0 there). */
    public ReachedNodes search(int originNode, WalkSpeed speed, double maxSeconds) {
        checkLimit(maxSeconds);
        if (originNode < 0 || originNode >= graph.nodeCount()) {
            throw new IllegalArgumentException("no node " + originNode);
        }
        return run(null, speed, maxSeconds, new int[]{originNode}, new double[]{0});
    }

    /**
     * The {@code k} sites nearest to the origin by walking, within {@code maxSeconds}, without searching
     * farther than needed: the search stops as soon as the next node to settle is farther than the k-th best
     * site found, since nothing beyond it can come nearer.
     *
     * <p>Contract: the same answers, in the same order (seconds, then site id), as
     * {@code SiteTimes.within(search(origin, speed, maxSeconds), sites)} limited to its first {@code k}, except
     * that among sites tied at the k-th place the choice may differ. {@code k} ≥ 1.
     *
     * @param sites the candidate sites, indexed by edge (build once per site set)
     */
    public java.util.List<SiteReach> nearestSites(Snap origin, WalkSpeed speed, double maxSeconds,
                                                  SiteEdgeIndex sites, int k) {
        checkLimit(maxSeconds);
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, was " + k);
        }
        double maxMeters = speed.meters(maxSeconds);
        double[] best = new double[sites.size()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int[] touched = new int[sites.size()];
        int[] touchedCount = {0};
        double[] kth = {Double.POSITIVE_INFINITY};
        // candidate updates; recomputes the k-th best only when something improved
        SiteEdgeIndex.Candidate candidate = (site, meters) -> {
            if (meters > maxMeters || meters >= best[site]) {
                return;
            }
            if (best[site] == Double.POSITIVE_INFINITY) {
                touched[touchedCount[0]++] = site;
            }
            best[site] = meters;
            if (touchedCount[0] >= k) {
                double[] values = new double[touchedCount[0]];
                for (int i = 0; i < values.length; i++) {
                    values[i] = best[touched[i]];
                }
                Arrays.sort(values);
                kth[0] = values[k - 1];
            }
        };
        int e0 = origin.edge();
        sites.forEachOnEdge(e0, (site, snap) -> candidate.offer(site, origin.sameEdgeMetersTo(snap)));
        run(origin, speed, maxSeconds, new int[]{graph.edgeNodeA(e0), graph.edgeNodeB(e0)},
                new double[]{origin.metersToNodeA(), origin.metersToNodeB()}, (u, du) -> {
                    if (du > kth[0]) {
                        return false;
                    }
                    for (int arc = graph.firstArc(u), end = graph.endArc(u); arc < end; arc++) {
                        int e = graph.arcEdge(arc);
                        if (!sites.hasSites(e)) {
                            continue;
                        }
                        boolean fromA = graph.edgeNodeA(e) == u;
                        boolean fromB = graph.edgeNodeB(e) == u;
                        sites.forEachOnEdge(e, (site, snap) -> {
                            if (fromA) {
                                candidate.offer(site, du + snap.metersToNodeA());
                            }
                            if (fromB) {
                                candidate.offer(site, du + snap.metersToNodeB());
                            }
                        });
                    }
                    return true;
                });
        java.util.List<SiteReach> out = new java.util.ArrayList<>();
        for (int i = 0; i < touchedCount[0]; i++) {
            int site = touched[i];
            out.add(new SiteReach(sites.siteId(site), speed.seconds(best[site]), best[site], ReachMethod.NETWORK));
        }
        out.sort(java.util.Comparator.comparingDouble(SiteReach::walkSeconds).thenComparing(SiteReach::siteId));
        return out.size() > k ? java.util.List.copyOf(out.subList(0, k)) : java.util.List.copyOf(out);
    }

    /** Called for every settled node in order of distance; false stops the search. */
    @FunctionalInterface
    private interface SettleVisitor {
        boolean settled(int node, double meters);
    }

    private static void checkLimit(double maxSeconds) {
        if (!(maxSeconds >= 0) || Double.isInfinite(maxSeconds)) {
            throw new IllegalArgumentException("maxSeconds must be finite and >= 0, was " + maxSeconds);
        }
    }

    private ReachedNodes run(Snap origin, WalkSpeed speed, double maxSeconds, int[] seedNodes, double[] seedMeters) {
        return run(origin, speed, maxSeconds, seedNodes, seedMeters, (u, du) -> true);
    }

    private ReachedNodes run(Snap origin, WalkSpeed speed, double maxSeconds, int[] seedNodes, double[] seedMeters,
                             SettleVisitor visitor) {
        Workspace w = workspaces.get();
        w.begin();
        double maxMeters = speed.meters(maxSeconds);
        for (int i = 0; i < seedNodes.length; i++) {
            int n = seedNodes[i];
            double m = seedMeters[i];
            if (m <= maxMeters && (w.seen[n] != w.stamp || m < w.meters[n])) {
                w.seen[n] = w.stamp;
                w.meters[n] = m;
                w.heap.upsert(n, m, 0);
            }
        }
        int count = 0;
        while (!w.heap.isEmpty()) {
            int u = w.heap.poll();
            double du = w.meters[u];
            w.settled[u] = w.stamp;
            if (!visitor.settled(u, du)) {
                break;
            }
            if (count == w.outNodes.length) {
                w.grow();
            }
            w.outNodes[count] = u;
            w.outMeters[count++] = du;
            for (int arc = graph.firstArc(u), end = graph.endArc(u); arc < end; arc++) {
                int v = graph.arcHead(arc);
                if (w.settled[v] == w.stamp) {
                    continue;
                }
                double dv = du + graph.edgeDistanceMeters(graph.arcEdge(arc));
                if (dv > maxMeters) {
                    continue;
                }
                if (w.seen[v] != w.stamp || dv < w.meters[v]) {
                    w.seen[v] = w.stamp;
                    w.meters[v] = dv;
                    w.heap.upsert(v, dv, 0);
                }
            }
        }
        return new ReachedNodes(graph, origin, speed, maxSeconds,
                Arrays.copyOf(w.outNodes, count), Arrays.copyOf(w.outMeters, count));
    }

    /** Per-thread arrays; a stamp marks which entries belong to the current search. */
    private static final class Workspace {
        final double[] meters;
        final int[] seen;
        final int[] settled;
        final IndexedMinHeap heap;
        int[] outNodes = new int[1024];
        double[] outMeters = new double[1024];
        int stamp;

        Workspace(int nodeCount) {
            meters = new double[nodeCount];
            seen = new int[nodeCount];
            settled = new int[nodeCount];
            heap = new IndexedMinHeap(nodeCount);
        }

        void begin() {
            heap.clear();
            if (++stamp == Integer.MAX_VALUE) {
                Arrays.fill(seen, 0);
                Arrays.fill(settled, 0);
                stamp = 1;
            }
        }

        void grow() {
            outNodes = Arrays.copyOf(outNodes, outNodes.length * 2);
            outMeters = Arrays.copyOf(outMeters, outMeters.length * 2);
        }
    }
}
