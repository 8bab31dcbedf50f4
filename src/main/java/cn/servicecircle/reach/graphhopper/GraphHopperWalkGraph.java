package cn.servicecircle.reach.graphhopper;

import cn.servicecircle.reach.core.WalkGraph;
import com.graphhopper.GraphHopper;

/**
 * A GraphHopper instance together with the {@link WalkGraph} exported from it and the node id
 * mapping between the two.
 *
 * <p>Contract: {@code ghNode(walkNode)} is the GraphHopper node of a walk node (always valid);
 * {@code walkNode(ghNode)} is -1 for GraphHopper nodes without any kept foot edge.
 * {@code importMillis} is the wall time of GraphHopper's import or cache load, {@code exportMillis}
 * the time to build the walk graph. Close it to release GraphHopper's storage; the walk graph stays
 * usable after close.
 */
public final class GraphHopperWalkGraph implements AutoCloseable {

    private final GraphHopper hopper;
    private final WalkGraph walkGraph;
    private final int[] walkToGh;
    private final int[] ghToWalk;
    private final long importMillis;
    private final long exportMillis;
    private final boolean loadedFromCache;

    GraphHopperWalkGraph(GraphHopper hopper, WalkGraph walkGraph, int[] walkToGh, int[] ghToWalk,
                         long importMillis, long exportMillis, boolean loadedFromCache) {
        this.hopper = hopper;
        this.walkGraph = walkGraph;
        this.walkToGh = walkToGh;
        this.ghToWalk = ghToWalk;
        this.importMillis = importMillis;
        this.exportMillis = exportMillis;
        this.loadedFromCache = loadedFromCache;
    }

    public GraphHopper hopper() {
        return hopper;
    }

    public WalkGraph walkGraph() {
        return walkGraph;
    }

    public int ghNode(int walkNode) {
        return walkToGh[walkNode];
    }

    public int walkNode(int ghNode) {
        return ghNode < 0 || ghNode >= ghToWalk.length ? -1 : ghToWalk[ghNode];
    }

    public long importMillis() {
        return importMillis;
    }

    public long exportMillis() {
        return exportMillis;
    }

    /** True when GraphHopper found a usable graph in the cache directory and skipped the OSM import. */
    public boolean loadedFromCache() {
        return loadedFromCache;
    }

    @Override
    public void close() {
        hopper.close();
    }
}
