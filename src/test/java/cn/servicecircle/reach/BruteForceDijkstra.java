package cn.servicecircle.reach;

import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.WalkGraph;
import java.util.Arrays;
import java.util.PriorityQueue;

/**
 * Deliberately plain reference for the engine: textbook Dijkstra with {@link PriorityQueue} and
 * lazy deletion, unbounded, adding seconds per edge ({@code metres / speed}) rather than metres.
 * Shares nothing with the engine except the {@link WalkGraph} accessors.
 */
public final class BruteForceDijkstra {

    private BruteForceDijkstra() {
    }

    /** Seconds from the given seeds to every node; +∞ when unreachable. */
    public static double[] seconds(WalkGraph g, double metersPerSecond, int[] seedNodes, double[] seedSeconds) {
        return seconds(g, metersPerSecond, seedNodes, seedSeconds, Double.POSITIVE_INFINITY);
    }

    /**
     * Like the unbounded version, but stops once the queue's head exceeds {@code maxSeconds}; values
     * above the bound are then not final (only those ≤ {@code maxSeconds} are exact).
     */
    public static double[] seconds(WalkGraph g, double metersPerSecond, int[] seedNodes, double[] seedSeconds,
                                   double maxSeconds) {
        double[] best = new double[g.nodeCount()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        PriorityQueue<double[]> queue = new PriorityQueue<>((x, y) -> Double.compare(x[0], y[0]));
        for (int i = 0; i < seedNodes.length; i++) {
            if (seedSeconds[i] < best[seedNodes[i]]) {
                best[seedNodes[i]] = seedSeconds[i];
                queue.add(new double[]{seedSeconds[i], seedNodes[i]});
            }
        }
        while (!queue.isEmpty()) {
            double[] top = queue.poll();
            int u = (int) top[1];
            if (top[0] > best[u]) {
                continue;
            }
            if (top[0] > maxSeconds) {
                break;
            }
            for (int arc = g.firstArc(u); arc < g.endArc(u); arc++) {
                int v = g.arcHead(arc);
                double t = top[0] + g.edgeDistanceMeters(g.arcEdge(arc)) / metersPerSecond;
                if (t < best[v]) {
                    best[v] = t;
                    queue.add(new double[]{t, v});
                }
            }
        }
        return best;
    }

    /** Seconds from a snapped point (approach included) to every node. */
    public static double[] seconds(WalkGraph g, double metersPerSecond, Snap origin) {
        int e = origin.edge();
        return seconds(g, metersPerSecond, new int[]{g.edgeNodeA(e), g.edgeNodeB(e)},
                new double[]{origin.metersToNodeA() / metersPerSecond, origin.metersToNodeB() / metersPerSecond});
    }
}
