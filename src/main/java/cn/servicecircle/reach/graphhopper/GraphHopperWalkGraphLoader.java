package cn.servicecircle.reach.graphhopper;

import cn.servicecircle.reach.core.WalkGraph;
import com.graphhopper.GraphHopper;
import com.graphhopper.config.Profile;
import com.graphhopper.json.Statement;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.Subnetwork;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.NodeAccess;
import com.graphhopper.util.FetchMode;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.GHUtility;
import com.graphhopper.util.PMap;
import com.graphhopper.util.PointList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Loads an OSM PBF with GraphHopper 11's foot profile and exports it to a {@link WalkGraph}.
 *
 * <p>GraphHopper setup (DESIGN §4): profile {@value #PROFILE} with the bundled custom model
 * {@code foot.json} plus one statement of ours, {@value #NO_FERRY}: GraphHopper's foot profile accepts ferry
 * (and shuttle-train) ways, and a boat line is not a walk (ADR 0009); encoded values {@value #ENCODED_VALUES};
 * {@code setSortGraph(false)} (the 11.0 graph sort crashed on Helsinki); GraphHopper's default removal of small
 * subnetworks (min network size {@value #MIN_NETWORK_SIZE}), computed on that weighting, so land reached only by
 * boat is a subnetwork of its own. The GraphHopper graph is cached in
 * {@code cacheDir/<pbf file name>-<size>-<mtime>-<profile hash>/} and reused on the next start; a changed PBF or
 * profile gets a new folder (old ones are left for the operator to delete).
 *
 * <p>Export rule: an edge is kept iff the foot weighting is finite in at least one direction and
 * GraphHopper did not mark it as part of a removed subnetwork for the foot profile. Kept edges
 * become undirected walk edges with GraphHopper's distance (metres) and pillar geometry; nodes
 * without kept edges are dropped and the rest renumbered densely in GraphHopper order. The walk
 * graph ignores GraphHopper's speeds and priorities: time comes from the query's walking speed.
 */
public final class GraphHopperWalkGraphLoader {

    public static final String PROFILE = "foot";
    public static final String ENCODED_VALUES = "foot_access, foot_priority, foot_average_speed, foot_road_access, "
            + "hike_rating, mtb_rating, country, road_class, road_environment";
    /** The priority statement that keeps boats out of the walk graph. */
    public static final String NO_FERRY = "road_environment == FERRY";
    public static final int MIN_NETWORK_SIZE = 200;

    private GraphHopperWalkGraphLoader() {
    }

    /**
     * Imports (or loads from the cache) and exports the walk graph; GraphHopper is closed afterwards.
     *
     * @param pbf      an OSM PBF file, must exist
     * @param cacheDir directory for GraphHopper's graph cache, created when missing
     */
    public static WalkGraph load(Path pbf, Path cacheDir) {
        try (GraphHopperWalkGraph g = open(pbf, cacheDir)) {
            return g.walkGraph();
        }
    }

    /** Like {@link #load}, but keeps GraphHopper open (benchmarks, cross-checks). Caller closes. */
    public static GraphHopperWalkGraph open(Path pbf, Path cacheDir) {
        return open(pbf, cacheDir, MIN_NETWORK_SIZE);
    }

    /**
     * Like {@link #open(Path, Path)} with another minimum subnetwork size (0 keeps every component: hand-drawn test
     * graphs are smaller than any real subnetwork). {@code pbf} may also be OSM XML ({@code .osm}).
     */
    static GraphHopperWalkGraph open(Path pbf, Path cacheDir, int minNetworkSize) {
        if (!Files.isRegularFile(pbf)) {
            throw new IllegalArgumentException("no OSM file at " + pbf);
        }
        Path location;
        try {
            String key = pbf.getFileName() + "-" + Files.size(pbf) + "-" + Files.getLastModifiedTime(pbf).toMillis()
                    + "-" + Integer.toHexString((ENCODED_VALUES + footProfile().getCustomModel()).hashCode())
                    + (minNetworkSize == MIN_NETWORK_SIZE ? "" : "-min" + minNetworkSize);
            location = cacheDir.resolve(key.replaceAll("[^A-Za-z0-9._-]", "_"));
            Files.createDirectories(location);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean cached = Files.exists(location.resolve("properties"));
        GraphHopper hopper = new GraphHopper();
        hopper.setOSMFile(pbf.toString());
        hopper.setGraphHopperLocation(location.toString());
        hopper.setEncodedValuesString(ENCODED_VALUES);
        hopper.setProfiles(footProfile());
        hopper.setSortGraph(false);
        hopper.setMinNetworkSize(minNetworkSize);
        hopper.setStoreOnFlush(true);
        long t0 = System.nanoTime();
        hopper.importOrLoad();
        long t1 = System.nanoTime();
        Export ex = export(hopper);
        long t2 = System.nanoTime();
        return new GraphHopperWalkGraph(hopper, ex.graph, ex.walkToGh, ex.ghToWalk,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, cached);
    }

    /** The foot profile: GraphHopper's bundled {@code foot.json} custom model, ferries excluded. */
    public static Profile footProfile() {
        CustomModel model = GHUtility.loadCustomModelFromJar("foot.json");
        model.addToPriority(Statement.If(NO_FERRY, Statement.Op.MULTIPLY, "0"));
        return new Profile(PROFILE).setCustomModel(model);
    }

    private record Export(WalkGraph graph, int[] walkToGh, int[] ghToWalk) {
    }

    private static Export export(GraphHopper hopper) {
        BaseGraph bg = hopper.getBaseGraph();
        Weighting weighting = hopper.createWeighting(hopper.getProfile(PROFILE), new PMap());
        BooleanEncodedValue inSubnetwork = hopper.getEncodingManager().getBooleanEncodedValue(Subnetwork.key(PROFILE));
        int ghNodes = bg.getNodes();
        boolean[] keptEdge = new boolean[bg.getEdges()];
        int[] ghToWalk = new int[ghNodes];
        Arrays.fill(ghToWalk, -1);
        AllEdgesIterator it = bg.getAllEdges();
        while (it.next()) {
            if (it.get(inSubnetwork)) {
                continue;
            }
            boolean fwd = Double.isFinite(weighting.calcEdgeWeight(it, false));
            boolean bwd = Double.isFinite(weighting.calcEdgeWeight(it, true));
            if (fwd || bwd) {
                keptEdge[it.getEdge()] = true;
                ghToWalk[it.getBaseNode()] = 0;
                ghToWalk[it.getAdjNode()] = 0;
            }
        }
        NodeAccess na = bg.getNodeAccess();
        WalkGraph.Builder b = WalkGraph.builder();
        int[] walkToGh = new int[ghNodes];
        for (int n = 0; n < ghNodes; n++) {
            if (ghToWalk[n] == 0) {
                int id = b.addNode(na.getLon(n), na.getLat(n));
                ghToWalk[n] = id;
                walkToGh[id] = n;
            }
        }
        it = bg.getAllEdges();
        while (it.next()) {
            if (!keptEdge[it.getEdge()]) {
                continue;
            }
            PointList pillars = it.fetchWayGeometry(FetchMode.PILLAR_ONLY);
            double[] lonLat = null;
            if (!pillars.isEmpty()) {
                lonLat = new double[pillars.size() * 2];
                for (int i = 0; i < pillars.size(); i++) {
                    lonLat[2 * i] = pillars.getLon(i);
                    lonLat[2 * i + 1] = pillars.getLat(i);
                }
            }
            b.addEdge(ghToWalk[it.getBaseNode()], ghToWalk[it.getAdjNode()], it.getDistance(), lonLat);
        }
        WalkGraph graph = b.build();
        return new Export(graph, Arrays.copyOf(walkToGh, graph.nodeCount()), ghToWalk);
    }
}
