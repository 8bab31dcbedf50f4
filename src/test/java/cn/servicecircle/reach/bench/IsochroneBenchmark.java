package cn.servicecircle.reach.bench;

import cn.servicecircle.reach.core.ConcaveHullIsochrone;
import cn.servicecircle.reach.core.ConcaveHullOptions;
import cn.servicecircle.reach.core.Isochrone;
import cn.servicecircle.reach.core.IsochroneOptions;
import cn.servicecircle.reach.core.IsochroneResult;
import cn.servicecircle.reach.core.ReachedNodes;
import cn.servicecircle.reach.core.WalkSpeed;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * (c) The isochrone polygon alone, from precomputed 15-minute searches (the 64 fixed origins of
 * {@link HeidelbergState}, cycled): the default raster builder ({@link Isochrone}, options from
 * {@link #grid} as "cellMeters/closingCells/simplifyMeters", default = {@link IsochroneOptions#PHONE})
 * against the concave-hull builder ({@link ConcaveHullIsochrone}, {@link ConcaveHullOptions#PHONE}),
 * the anchor. Sample mode, so JMH reports the median (p0.50) beside the mean.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class IsochroneBenchmark {

    /** "cellMeters/closingCells/simplifyMeters" or "PHONE". */
    @Param("PHONE")
    public String grid;

    private IsochroneOptions options;
    private List<ReachedNodes> reached;
    private int next;

    @Setup
    public void setUp(HeidelbergState s) {
        if (grid.equals("PHONE")) {
            options = IsochroneOptions.PHONE;
        } else {
            String[] p = grid.split("/");
            options = new IsochroneOptions(Double.parseDouble(p[0]), Integer.parseInt(p[1]),
                    Double.parseDouble(p[2]), IsochroneOptions.PHONE.maxVertices());
        }
        reached = new ArrayList<>();
        for (double[] o : s.origins) {
            reached.add(s.search.search(s.snapper.snap(o[0], o[1]).orElseThrow(), WalkSpeed.ADULT,
                    HeidelbergState.LIMIT_SECONDS));
        }
    }

    private ReachedNodes nextReached() {
        ReachedNodes r = reached.get(next);
        next = (next + 1) % reached.size();
        return r;
    }

    @Benchmark
    public IsochroneResult gridIsochrone() {
        return Isochrone.build(nextReached(), options);
    }

    @Benchmark
    public IsochroneResult anchorConcaveHullIsochrone() {
        return ConcaveHullIsochrone.build(nextReached(), ConcaveHullOptions.PHONE);
    }
}
