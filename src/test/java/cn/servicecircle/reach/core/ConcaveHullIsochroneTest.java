package cn.servicecircle.reach.core;

import static cn.servicecircle.reach.core.SketchGraphs.latAt;
import static cn.servicecircle.reach.core.SketchGraphs.lonAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Coordinate;

/**
 * Geometric sketch (metres east/north), 1 m/s, limit 200 s:
 * <pre>
 *   n0 (0,0) ------[0] 1000 m------ n1 (1000,0)
 *
 *   n2 (0,100) ----[1] 1000 m------ n3 (1000,100)   (not connected to n0/n1)
 * </pre>
 */
class ConcaveHullIsochroneTest {

    private static final GeometryFactory GF = new GeometryFactory();

    private static WalkGraph twoStreets() {
        WalkGraph.Builder b = WalkGraph.builder();
        int n0 = b.addNode(lonAt(0), latAt(0));
        int n1 = b.addNode(lonAt(1000), latAt(0));
        int n2 = b.addNode(lonAt(0), latAt(100));
        int n3 = b.addNode(lonAt(1000), latAt(100));
        b.addEdge(n0, n1, 1000);
        b.addEdge(n2, n3, 1000);
        return b.build();
    }

    private static boolean covers(Geometry g, double east, double north) {
        return g.covers(GF.createPoint(new Coordinate(lonAt(east), latAt(north))));
    }

    @Test
    void cutsThePartialEdgeAtTheLimit() {
        WalkGraph g = twoStreets();
        Snap origin = new NodeSnapper(g).snap(lonAt(500), latAt(-10)).orElseThrow();
        ReachedNodes r = new SingleSourceSearch(g).search(origin, SketchGraphs.ONE_MPS, 200);
        assertEquals(0, r.size(), "no node within 10 + 500 m");
        IsochroneResult iso = ConcaveHullIsochrone.build(r, ConcaveHullOptions.PHONE);
        Geometry a = iso.area();
        assertTrue(a.isValid());
        assertEquals(4326, a.getSRID());
        // 190 m of street either side of the origin
        assertTrue(covers(a, 500, 0));
        assertTrue(covers(a, 320, 0));
        assertTrue(covers(a, 680, 0));
        assertFalse(covers(a, 250, 0));
        assertFalse(covers(a, 750, 0));
        // the unconnected parallel street 100 m north is outside the 35 m buffer
        assertFalse(covers(a, 500, 100));
        assertEquals(ReachMethod.NETWORK, iso.method());
    }

    @Test
    void wholeEdgesFromReachedNodesAndPartialBeyond() {
        WalkGraph g = twoStreets();
        ReachedNodes r = new SingleSourceSearch(g).search(0, SketchGraphs.ONE_MPS, 300);
        Geometry a = ConcaveHullIsochrone.build(r, ConcaveHullOptions.PHONE).area();
        assertTrue(covers(a, 0, 0));
        assertTrue(covers(a, 290, 0));
        assertFalse(covers(a, 400, 0));
        assertFalse(covers(a, 0, 100));
    }

    @Test
    void emptyWhenNothingReachable() {
        WalkGraph g = twoStreets();
        Snap origin = new Snap(0, 500, 1000, 250, lonAt(500), latAt(0));
        ReachedNodes r = new SingleSourceSearch(g).search(origin, SketchGraphs.ONE_MPS, 200);
        assertTrue(ConcaveHullIsochrone.build(r, ConcaveHullOptions.PHONE).area().isEmpty());
    }

    @Test
    void vertexCapIsHonoured() {
        // a comb: 40 teeth of 100 m on a 2 km spine makes a jagged buffer
        WalkGraph.Builder b = WalkGraph.builder();
        int prev = b.addNode(lonAt(0), latAt(0));
        for (int i = 1; i <= 40; i++) {
            int spine = b.addNode(lonAt(i * 50), latAt(0));
            b.addEdge(prev, spine, 50);
            int tooth = b.addNode(lonAt(i * 50), latAt(100 + (i % 3) * 20));
            b.addEdge(spine, tooth, 100 + (i % 3) * 20);
            prev = spine;
        }
        WalkGraph g = b.build();
        ReachedNodes r = new SingleSourceSearch(g).search(0, SketchGraphs.ONE_MPS, 5000);
        ConcaveHullOptions tight = new ConcaveHullOptions(10, 60, 20, 1, 40, 4);
        Geometry a = ConcaveHullIsochrone.build(r, tight).area();
        assertTrue(a.getNumPoints() <= 40, "points " + a.getNumPoints());
        assertTrue(a.isValid());
    }
}
