package cn.servicecircle.reach;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.servicecircle.reach.core.NetworkFootprint;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.SingleSourceSearch;
import cn.servicecircle.reach.core.WalkGraph;
import cn.servicecircle.reach.graphhopper.GraphHopperWalkGraphLoader;
import jakarta.annotation.PreDestroy;

/**
 * The region's walking network, loaded in the background from the configured PBF when the service starts (the
 * graph is cached on disk). Until it is loaded, {@link #state()} is LOADING: reach endpoints answer 503 and
 * readiness is OUT_OF_SERVICE.
 */
@Component
public class WalkNetwork {
    private static final Logger log = LoggerFactory.getLogger(WalkNetwork.class);
    /** Footprint grid and outline tolerance: about 0.1 s for Heidelberg's 33,000 nodes. */
    private static final double FOOTPRINT_CELL_METERS = 100;
    private static final double FOOTPRINT_SIMPLIFY_METERS = 50;

    /** Where the network is. */
    public enum State { NONE, LOADING, READY, FAILED }

    /**
     * A loaded network.
     *
     * @param footprint the land near the network's ways (WGS84, {@link NetworkFootprint}): the region answered
     *                  with network times when the region has no outline of its own
     */
    public record Loaded(WalkGraph graph, NodeSnapper snapper, SingleSourceSearch search,
                         PreparedGeometry footprint) {
    }

    private final ReachProperties properties;
    private final CompletableFuture<Loaded> loading;
    private volatile State state;
    private volatile String failure;
    private volatile OutlineCoverage outlineCoverage;

    /**
     * How much of the region outline the network covers, measured once at start ({@link NetworkCoverageCheck}).
     *
     * @param share          area of (footprint ∩ outline) / area of the outline, 0–1
     * @param minShare       the configured bound ({@code sc.reach.min-outline-share})
     * @param outlineKm2     the outline's area, km²
     */
    public record OutlineCoverage(double share, double minShare, double outlineKm2) {
    }

    public WalkNetwork(ReachProperties properties) {
        this.properties = properties;
        if (!properties.hasNetwork()) {
            state = State.NONE;
            loading = CompletableFuture.completedFuture(null);
            return;
        }
        state = State.LOADING;
        loading = new CompletableFuture<>();
        Thread loader = new Thread(this::load, "walk-network-loader");
        loader.setDaemon(true);
        loader.start();
    }

    private void load() {
        long started = System.nanoTime();
        try {
            Path pbf = Path.of(properties.networkPbf());
            WalkGraph graph = GraphHopperWalkGraphLoader.load(pbf, Path.of(properties.graphCacheDir()));
            Loaded loaded = new Loaded(graph, new NodeSnapper(graph, properties.maxSnapMeters()),
                    new SingleSourceSearch(graph), PreparedGeometryFactory.prepare(NetworkFootprint.of(graph,
                    properties.maxSnapMeters(), FOOTPRINT_CELL_METERS, FOOTPRINT_SIMPLIFY_METERS)));
            state = State.READY;
            loading.complete(loaded);
            log.info("Walking network from {}: {} nodes, {} edges, ready in {} ms", pbf, graph.nodeCount(),
                    graph.edgeCount(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | Error e) {
            failure = e.toString();
            state = State.FAILED;
            loading.completeExceptionally(e);
            log.error("Walking network could not be loaded from {}", properties.networkPbf(), e);
        }
    }

    /** @return the current state; NONE when the region has no network (straight-line answers) */
    public State state() {
        return state;
    }

    /** @return the outline coverage once measured, else null (no network, or not measured yet) */
    public OutlineCoverage outlineCoverage() {
        return outlineCoverage;
    }

    void recordOutlineCoverage(OutlineCoverage coverage) {
        this.outlineCoverage = coverage;
    }

    /** @return the failure message when FAILED, else null */
    public String failure() {
        return failure;
    }

    /** @return the network once READY, else empty */
    public Optional<Loaded> loaded() {
        return state == State.READY ? Optional.of(loading.join()) : Optional.empty();
    }

    /** @return completes with the network (null when NONE), or exceptionally when loading failed */
    public CompletableFuture<Loaded> whenLoaded() {
        return loading;
    }

    @PreDestroy
    void stop() {
        loading.cancel(false);
    }
}
