package cn.servicecircle.reach.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walking time from every graph node to its nearest site: one multi-source Dijkstra seeded with all
 * sites (each seed at both ends of the site's snapped edge, carrying its approach metres), bounded at
 * {@code maxSeconds}. The network is undirected, so "from the nearest site" equals "to the nearest
 * site".
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code walkSeconds(n)} = min over sites of the shortest walk time between site and node
 *       (site approach included), or +∞ when that exceeds {@code maxSeconds};</li>
 *   <li>{@code siteIndex(n)} is the index (into the input list) of the site attaining it, -1 when
 *       unreached. Ties (bit-equal times) go to the lowest site index, deterministically;</li>
 *   <li>{@code distanceMeters(n) = walkSeconds(n) × speed}.</li>
 * </ul>
 * Costs O(reached nodes · log) plus O(nodeCount) for the result arrays. Immutable once built.
 */
public final class TravelTimeField {

    private final WalkGraph graph;
    private final WalkSpeed speed;
    private final double maxSeconds;
    private final List<String> siteIds;
    private final double[] meters;
    private final int[] site;
    private final int reachedCount;
    private final Map<Integer, List<SnappedSite>> sitesByEdge;
    private final Map<SnappedSite, Integer> indexOfSite;

    private TravelTimeField(WalkGraph graph, WalkSpeed speed, double maxSeconds, List<SnappedSite> sites,
                            double[] meters, int[] site, int reachedCount) {
        this.graph = graph;
        this.speed = speed;
        this.maxSeconds = maxSeconds;
        this.meters = meters;
        this.site = site;
        this.reachedCount = reachedCount;
        List<String> ids = new ArrayList<>(sites.size());
        Map<Integer, List<SnappedSite>> byEdge = new HashMap<>();
        Map<SnappedSite, Integer> index = new HashMap<>();
        for (int i = 0; i < sites.size(); i++) {
            SnappedSite s = sites.get(i);
            ids.add(s.siteId());
            byEdge.computeIfAbsent(s.snap().edge(), k -> new ArrayList<>()).add(s);
            index.putIfAbsent(s, i);
        }
        this.siteIds = List.copyOf(ids);
        this.sitesByEdge = byEdge;
        this.indexOfSite = index;
    }

    /**
     * Computes the field.
     *
     * @param sites      the sources, in a stable order (their index is the tie-break); may be empty
     * @param maxSeconds bound, finite and ≥ 0
     */
    public static TravelTimeField compute(WalkGraph graph, List<SnappedSite> sites, WalkSpeed speed, double maxSeconds) {
        if (!(maxSeconds >= 0) || Double.isInfinite(maxSeconds)) {
            throw new IllegalArgumentException("maxSeconds must be finite and >= 0, was " + maxSeconds);
        }
        int n = graph.nodeCount();
        double maxMeters = speed.meters(maxSeconds);
        double[] meters = new double[n];
        Arrays.fill(meters, Double.POSITIVE_INFINITY);
        int[] site = new int[n];
        Arrays.fill(site, -1);
        boolean[] settled = new boolean[n];
        IndexedMinHeap heap = new IndexedMinHeap(n);
        for (int i = 0; i < sites.size(); i++) {
            Snap s = sites.get(i).snap();
            if (s.edge() >= graph.edgeCount()) {
                throw new IllegalArgumentException("site " + sites.get(i).siteId() + " snapped to unknown edge");
            }
            relax(heap, meters, site, graph.edgeNodeA(s.edge()), s.metersToNodeA(), i, maxMeters);
            relax(heap, meters, site, graph.edgeNodeB(s.edge()), s.metersToNodeB(), i, maxMeters);
        }
        int reached = 0;
        while (!heap.isEmpty()) {
            int u = heap.poll();
            settled[u] = true;
            reached++;
            double du = meters[u];
            int su = site[u];
            for (int arc = graph.firstArc(u), end = graph.endArc(u); arc < end; arc++) {
                int v = graph.arcHead(arc);
                if (!settled[v]) {
                    relax(heap, meters, site, v, du + graph.edgeDistanceMeters(graph.arcEdge(arc)), su, maxMeters);
                }
            }
        }
        return new TravelTimeField(graph, speed, maxSeconds, sites, meters, site, reached);
    }

    private static void relax(IndexedMinHeap heap, double[] meters, int[] site, int v, double dv, int sv, double maxMeters) {
        if (dv <= maxMeters && (dv < meters[v] || (dv == meters[v] && sv < site[v]))) {
            meters[v] = dv;
            site[v] = sv;
            heap.upsert(v, dv, sv);
        }
    }

    public WalkGraph graph() {
        return graph;
    }

    public WalkSpeed speed() {
        return speed;
    }

    public double maxSeconds() {
        return maxSeconds;
    }

    /** Site ids in input order (index = {@link #siteIndex(int)}). */
    public List<String> siteIds() {
        return siteIds;
    }

    /** Number of nodes within the limit of some site. */
    public int reachedNodeCount() {
        return reachedCount;
    }

    /** Seconds from {@code node} to its nearest site, +∞ beyond the limit. */
    public double walkSeconds(int node) {
        return speed.seconds(meters[node]);
    }

    /** Metres from {@code node} to its nearest site, +∞ beyond the limit. */
    public double distanceMeters(int node) {
        return meters[node];
    }

    /** Index of the nearest site of {@code node}, -1 beyond the limit. */
    public int siteIndex(int node) {
        return site[node];
    }

    /** Id of the nearest site of {@code node}, null beyond the limit. */
    public String siteId(int node) {
        return site[node] < 0 ? null : siteIds.get(site[node]);
    }

    /**
     * Nearest site of an arbitrary snapped point (a resident, a grid cell centre): via either end of
     * its edge, or directly along the edge when a site sits on the same edge. Same tie rule.
     */
    public FieldValue at(Snap point) {
        int e = point.edge();
        double bestMeters = Double.POSITIVE_INFINITY;
        int best = -1;
        int a = graph.edgeNodeA(e);
        int b = graph.edgeNodeB(e);
        double viaA = meters[a] + point.metersToNodeA();
        double viaB = meters[b] + point.metersToNodeB();
        if (site[a] >= 0) {
            bestMeters = viaA;
            best = site[a];
        }
        if (site[b] >= 0 && (viaB < bestMeters || (viaB == bestMeters && site[b] < best))) {
            bestMeters = viaB;
            best = site[b];
        }
        for (SnappedSite s : sitesByEdge.getOrDefault(e, List.of())) {
            double direct = s.snap().sameEdgeMetersTo(point);
            int idx = indexOfSite.get(s);
            if (direct < bestMeters || (direct == bestMeters && idx < best)) {
                bestMeters = direct;
                best = idx;
            }
        }
        if (best < 0 || bestMeters > speed.meters(maxSeconds)) {
            return FieldValue.NONE;
        }
        return new FieldValue(speed.seconds(bestMeters), bestMeters, best, siteIds.get(best));
    }
}
