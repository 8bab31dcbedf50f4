package cn.servicecircle.reach;

import java.util.List;
import java.util.Optional;

import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.WalkGraph;

/**
 * Walking metres between points on a walk graph for planning tests, by {@link BruteForceDijkstra} (plain textbook
 * Dijkstra, nothing shared with the engine but the graph accessors and the snapping of points onto edges). A point
 * reaches a site through either end of its edge, or directly along the edge when both lie on the same one.
 */
public final class NetworkReference {
    private final WalkGraph graph;
    private final NodeSnapper snapper;

    public NetworkReference(WalkGraph graph) {
        this.graph = graph;
        this.snapper = new NodeSnapper(graph);
    }

    /** The point on the nearest walkable edge within the default snap distance; empty when none. */
    public Optional<Snap> snap(double lon, double lat) {
        return snapper.snap(lon, lat);
    }

    /**
     * Metres from the nearest of {@code sources} to every node, exact up to {@code boundMeters} (beyond it values
     * are +∞ or not final).
     */
    public double[] nodeMeters(List<Snap> sources, double boundMeters) {
        int[] seeds = new int[sources.size() * 2];
        double[] seedMeters = new double[seeds.length];
        for (int i = 0; i < sources.size(); i++) {
            Snap s = sources.get(i);
            seeds[2 * i] = graph.edgeNodeA(s.edge());
            seedMeters[2 * i] = s.metersToNodeA();
            seeds[2 * i + 1] = graph.edgeNodeB(s.edge());
            seedMeters[2 * i + 1] = s.metersToNodeB();
        }
        return BruteForceDijkstra.seconds(graph, 1.0, seeds, seedMeters, boundMeters);
    }

    /**
     * Metres from the nearest of {@code sources} to {@code at}, given {@link #nodeMeters} of the same sources.
     *
     * @return +∞ when no source is within the bound the node metres were computed to
     */
    public double metersTo(double[] nodeMeters, List<Snap> sources, Snap at) {
        double best = Math.min(nodeMeters[graph.edgeNodeA(at.edge())] + at.metersToNodeA(),
                nodeMeters[graph.edgeNodeB(at.edge())] + at.metersToNodeB());
        for (Snap s : sources) {
            best = Math.min(best, at.sameEdgeMetersTo(s));
        }
        return best;
    }

    /** Metres from {@code from} to {@code to} (both snapped), exact up to {@code boundMeters}, else ≥ it or +∞. */
    public double meters(Snap from, Snap to, double boundMeters) {
        return metersTo(nodeMeters(List.of(from), boundMeters), List.of(from), to);
    }
}
