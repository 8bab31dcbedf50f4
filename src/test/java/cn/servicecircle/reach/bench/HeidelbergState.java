package cn.servicecircle.reach.bench;

import cn.servicecircle.reach.Heidelberg;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.SingleSourceSearch;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.SnappedSite;
import cn.servicecircle.reach.core.WalkGraph;
import cn.servicecircle.reach.graphhopper.GraphHopperWalkGraph;
import cn.servicecircle.reach.graphhopper.GraphHopperWalkGraphLoader;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.util.PMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** Heidelberg graph (GraphHopper kept open for the anchors), kindergartens and 64 fixed origins. */
@State(Scope.Benchmark)
public class HeidelbergState {

    public static final double LIMIT_SECONDS = 900;

    GraphHopperWalkGraph gh;
    WalkGraph graph;
    NodeSnapper snapper;
    SingleSourceSearch search;
    List<SnappedSite> kindergartens;
    Weighting ghWeighting;
    BooleanEncodedValue ghSubnetwork;
    /** Origins as {lon, lat}; all snap to the walk graph. */
    List<double[]> origins;

    @Setup
    public void setUp() {
        gh = GraphHopperWalkGraphLoader.open(Heidelberg.PBF, Path.of("target/graph-cache-bench"));
        graph = gh.walkGraph();
        snapper = new NodeSnapper(graph);
        search = new SingleSourceSearch(graph);
        kindergartens = Heidelberg.snapped(snapper, "kindergarten");
        ghWeighting = gh.hopper().createWeighting(gh.hopper().getProfile(GraphHopperWalkGraphLoader.PROFILE), new PMap());
        ghSubnetwork = gh.hopper().getEncodingManager().getBooleanEncodedValue(Subnetwork.key(GraphHopperWalkGraphLoader.PROFILE));
        // origins around Heidelberg's centre (Bismarckplatz ± ~2 km) where both graphs are dense
        Random rnd = new Random(42);
        origins = new ArrayList<>();
        while (origins.size() < 64) {
            double lon = 8.69 + (rnd.nextDouble() - 0.5) * 0.05;
            double lat = 49.405 + (rnd.nextDouble() - 0.5) * 0.03;
            if (snapper.snap(lon, lat).isPresent()) {
                origins.add(new double[]{lon, lat});
            }
        }
    }

    /** GraphHopper node of a snapped site (its edge's node A), for the per-source anchor. */
    int ghNodeOf(Snap snap) {
        return gh.ghNode(graph.edgeNodeA(snap.edge()));
    }

    @TearDown
    public void tearDown() {
        gh.close();
    }
}
