package cn.servicecircle.reach.bench;

import cn.servicecircle.reach.core.ConcaveHullIsochrone;
import cn.servicecircle.reach.core.ConcaveHullOptions;
import cn.servicecircle.reach.core.Isochrone;
import cn.servicecircle.reach.core.IsochroneOptions;
import cn.servicecircle.reach.core.IsochroneResult;
import cn.servicecircle.reach.core.ReachedNodes;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.WalkSpeed;
import com.graphhopper.isochrone.algorithm.ShortestPathTree;
import com.graphhopper.routing.querygraph.QueryGraph;
import com.graphhopper.routing.util.DefaultSnapFilter;
import com.graphhopper.routing.util.TraversalMode;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * (b) One 15-minute reach from a point, cycling over 64 fixed origins: the engine's snap + bounded
 * search + isochrone polygon (the default raster builder, and the concave hull as the anchor), the
 * engine without the polygon, and GraphHopper 11's own snap
 * (LocationIndex + QueryGraph) + {@link ShortestPathTree} with a 900 s limit (no polygon:
 * GraphHopper's triangulated isochrone is not in graphhopper-core; DESIGN §7 has its server figure).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class ReachBenchmark {

    private int next;

    private double[] nextOrigin(HeidelbergState s) {
        double[] o = s.origins.get(next);
        next = (next + 1) % s.origins.size();
        return o;
    }

    /** The default polygon: raster builder, {@link IsochroneOptions#PHONE}. */
    @Benchmark
    public IsochroneResult engineSnapSearchIsochrone(HeidelbergState s) {
        double[] o = nextOrigin(s);
        Snap snap = s.snapper.snap(o[0], o[1]).orElseThrow();
        ReachedNodes r = s.search.search(snap, WalkSpeed.ADULT, HeidelbergState.LIMIT_SECONDS);
        return Isochrone.build(r, IsochroneOptions.PHONE);
    }

    /** The former polygon, kept as the anchor: concave hull, {@link ConcaveHullOptions#PHONE}. */
    @Benchmark
    public IsochroneResult anchorEngineSnapSearchConcaveHull(HeidelbergState s) {
        double[] o = nextOrigin(s);
        Snap snap = s.snapper.snap(o[0], o[1]).orElseThrow();
        ReachedNodes r = s.search.search(snap, WalkSpeed.ADULT, HeidelbergState.LIMIT_SECONDS);
        return ConcaveHullIsochrone.build(r, ConcaveHullOptions.PHONE);
    }

    @Benchmark
    public ReachedNodes engineSnapSearch(HeidelbergState s) {
        double[] o = nextOrigin(s);
        Snap snap = s.snapper.snap(o[0], o[1]).orElseThrow();
        return s.search.search(snap, WalkSpeed.ADULT, HeidelbergState.LIMIT_SECONDS);
    }

    @Benchmark
    public void anchorGraphHopperSnapSpt(HeidelbergState s, Blackhole bh) {
        ghSnapSpt(s, bh, false);
    }

    /**
     * Same, limited to 1,000 m walked (= 900 s at the engine's 4 km/h) instead of 900 s at
     * GraphHopper's foot speeds, so that both explore about the same part of the network.
     */
    @Benchmark
    public void anchorGraphHopperSnapSpt1000m(HeidelbergState s, Blackhole bh) {
        ghSnapSpt(s, bh, true);
    }

    private void ghSnapSpt(HeidelbergState s, Blackhole bh, boolean byDistance) {
        double[] o = nextOrigin(s);
        com.graphhopper.storage.index.Snap snap = s.gh.hopper().getLocationIndex()
                .findClosest(o[1], o[0], new DefaultSnapFilter(s.ghWeighting, s.ghSubnetwork));
        QueryGraph qg = QueryGraph.create(s.gh.hopper().getBaseGraph(), snap);
        ShortestPathTree spt = new ShortestPathTree(qg, qg.wrapWeighting(s.ghWeighting), false, TraversalMode.NODE_BASED);
        if (byDistance) {
            spt.setDistanceLimit(WalkSpeed.ADULT.meters(HeidelbergState.LIMIT_SECONDS));
        } else {
            spt.setTimeLimit(HeidelbergState.LIMIT_SECONDS * 1000);
        }
        spt.search(snap.getClosestNode(), bh::consume);
    }
}
