package cn.servicecircle.reach.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.SnappedSite;
import cn.servicecircle.reach.core.TravelTimeField;
import cn.servicecircle.reach.core.WalkGraph;
import cn.servicecircle.reach.core.WalkSpeed;
import cn.servicecircle.reach.graphhopper.GraphHopperWalkGraphLoader;
import cn.servicecircle.reach.Heidelberg;

/**
 * The coverage field against pgRouting on the same edges (bench/pgrouting/run.sh): every kindergarten starts at the
 * node A of the edge it snaps to (pgRouting starts at vertices), cost = metres, undirected, 300 m. {@code main}
 * writes the edge table, the start vertices and our covered node set for the script; the JMH benchmark times our
 * side (the script times pgr_drivingDistance right after it, in the same run).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PgRoutingComparison {
    static final double LIMIT_METERS = 300;
    static final WalkSpeed METERS = new WalkSpeed(1.0);

    WalkGraph graph;
    List<SnappedSite> starts;

    @Setup
    public void setUp() {
        graph = GraphHopperWalkGraphLoader.load(Heidelberg.PBF, Path.of("target/graph-cache-bench"));
        starts = starts(graph);
    }

    /** Kindergartens moved onto the node A of their edge, so both sides start at the same vertices. */
    static List<SnappedSite> starts(WalkGraph graph) {
        NodeSnapper snapper = new NodeSnapper(graph);
        List<SnappedSite> out = new ArrayList<>();
        for (SnappedSite s : Heidelberg.snapped(snapper, "kindergarten")) {
            int e = s.snap().edge();
            int a = graph.edgeNodeA(e);
            out.add(new SnappedSite(s.siteId(), new Snap(e, 0, graph.edgeDistanceMeters(e), 0, graph.lon(a), graph.lat(a))));
        }
        return out;
    }

    @Benchmark
    public TravelTimeField engineFieldFromAllKindergartens() {
        return TravelTimeField.compute(graph, starts, METERS, LIMIT_METERS);
    }

    /** Writes edges.csv, starts.txt and ours.csv (node, metres) into the given folder. */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        WalkGraph graph = GraphHopperWalkGraphLoader.load(Heidelberg.PBF, Path.of("target/graph-cache-bench"));
        StringBuilder edges = new StringBuilder();
        for (int e = 0; e < graph.edgeCount(); e++) {
            edges.append(String.format(Locale.ROOT, "%d,%d,%d,%.6f%n", e + 1, graph.edgeNodeA(e) + 1,
                    graph.edgeNodeB(e) + 1, graph.edgeDistanceMeters(e)));
        }
        Files.writeString(out.resolve("edges.csv"), edges, StandardCharsets.UTF_8);
        List<SnappedSite> starts = starts(graph);
        StringBuilder ids = new StringBuilder();
        for (SnappedSite s : starts) {
            ids.append(ids.length() == 0 ? "" : ",").append(graph.edgeNodeA(s.snap().edge()) + 1);
        }
        Files.writeString(out.resolve("starts.txt"), ids + "\n", StandardCharsets.UTF_8);
        TravelTimeField field = TravelTimeField.compute(graph, starts, METERS, LIMIT_METERS);
        StringBuilder ours = new StringBuilder();
        for (int n = 0; n < graph.nodeCount(); n++) {
            if (field.distanceMeters(n) <= LIMIT_METERS) {
                ours.append(String.format(Locale.ROOT, "%d,%.6f%n", n + 1, field.distanceMeters(n)));
            }
        }
        Files.writeString(out.resolve("ours.csv"), ours, StandardCharsets.UTF_8);
    }
}
