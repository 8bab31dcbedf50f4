package cn.servicecircle.reach.bench;

import cn.servicecircle.reach.BruteForceDijkstra;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.SnappedSite;
import cn.servicecircle.reach.core.TravelTimeField;
import cn.servicecircle.reach.core.WalkSpeed;
import com.graphhopper.isochrone.algorithm.ShortestPathTree;
import com.graphhopper.routing.util.TraversalMode;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * (a) Time-to-nearest-kindergarten field (25 Heidelberg kindergartens, 900 s) by the engine's one
 * multi-source Dijkstra, against two anchors that run one search per kindergarten and take the
 * minimum: GraphHopper 11's {@link ShortestPathTree} (900 s time limit, GraphHopper's own foot
 * speeds, on its base graph) and the test suite's plain {@link java.util.PriorityQueue} Dijkstra
 * (bounded at 900 s, same walk graph and speed as the engine).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TravelTimeFieldBenchmark {

    @Benchmark
    public TravelTimeField engineMultiSourceField(HeidelbergState s) {
        return TravelTimeField.compute(s.graph, s.kindergartens, WalkSpeed.ADULT, HeidelbergState.LIMIT_SECONDS);
    }

    @Benchmark
    public double[] anchorGraphHopperSptPerSiteMin(HeidelbergState s) {
        double[] bestMillis = new double[s.gh.hopper().getBaseGraph().getNodes()];
        Arrays.fill(bestMillis, Double.POSITIVE_INFINITY);
        for (SnappedSite site : s.kindergartens) {
            ShortestPathTree spt = new ShortestPathTree(s.gh.hopper().getBaseGraph(), s.ghWeighting, false,
                    TraversalMode.NODE_BASED);
            spt.setTimeLimit(HeidelbergState.LIMIT_SECONDS * 1000);
            spt.search(s.ghNodeOf(site.snap()), label -> {
                if (label.time < bestMillis[label.node]) {
                    bestMillis[label.node] = label.time;
                }
            });
        }
        return bestMillis;
    }

    @Benchmark
    public double[] anchorPlainDijkstraPerSiteMin(HeidelbergState s) {
        double mps = WalkSpeed.ADULT.metersPerSecond();
        double[] best = new double[s.graph.nodeCount()];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        for (SnappedSite site : s.kindergartens) {
            Snap p = site.snap();
            double[] t = BruteForceDijkstra.seconds(s.graph, mps,
                    new int[]{s.graph.edgeNodeA(p.edge()), s.graph.edgeNodeB(p.edge())},
                    new double[]{p.metersToNodeA() / mps, p.metersToNodeB() / mps}, HeidelbergState.LIMIT_SECONDS);
            for (int n = 0; n < best.length; n++) {
                if (t[n] <= HeidelbergState.LIMIT_SECONDS && t[n] < best[n]) {
                    best[n] = t[n];
                }
            }
        }
        return best;
    }
}
