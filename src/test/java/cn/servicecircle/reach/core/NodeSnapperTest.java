package cn.servicecircle.reach.core;

import static cn.servicecircle.reach.core.SketchGraphs.latAt;
import static cn.servicecircle.reach.core.SketchGraphs.lonAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Snapping on a geometric sketch (metres east/north of the origin):
 * <pre>
 *   (0,400) n2
 *      |
 *      | [1]  one edge with a pillar at (0,0):  n1 (400,0) ... pillar ... n2,
 *      |      i.e. an L of 400 m + 400 m = 800 m
 *   (0,0) +------------------- n1 (400,0)
 *
 *   n0 (-1000,0) --[0] 200 m-- n3 (-800,0)
 * </pre>
 */
class NodeSnapperTest {

    private static WalkGraph lGraph() {
        WalkGraph.Builder b = WalkGraph.builder();
        int n0 = b.addNode(lonAt(-1000), latAt(0));
        int n1 = b.addNode(lonAt(400), latAt(0));
        int n2 = b.addNode(lonAt(0), latAt(400));
        int n3 = b.addNode(lonAt(-800), latAt(0));
        b.addEdge(n0, n3, 200);
        b.addEdge(n1, n2, 800, new double[]{lonAt(0), latAt(0)});
        return b.build();
    }

    @Test
    void projectsOntoNearestSegmentWithOffsets() {
        NodeSnapper s = new NodeSnapper(lGraph());
        // 20 m south of the middle of the first leg of the L: 200 m along from n1
        Snap snap = s.snap(lonAt(200), latAt(-20)).orElseThrow();
        assertEquals(1, snap.edge());
        assertEquals(200, snap.alongMeters(), 0.5);
        assertEquals(20, snap.offEdgeMeters(), 0.05);
        assertEquals(220, snap.metersToNodeA(), 0.5);
        assertEquals(620, snap.metersToNodeB(), 0.5);
        assertEquals(latAt(0), snap.snappedLat(), 1e-9);
    }

    @Test
    void followsPillarGeometryAlongTheEdge() {
        NodeSnapper s = new NodeSnapper(lGraph());
        // 10 m west of the second leg, 100 m up: 400 + 100 = 500 m along from n1
        Snap snap = s.snap(lonAt(-10), latAt(100)).orElseThrow();
        assertEquals(1, snap.edge());
        assertEquals(500, snap.alongMeters(), 0.5);
        assertEquals(10, snap.offEdgeMeters(), 0.05);
    }

    @Test
    void farPointsDoNotSnapUnlessAllowed() {
        WalkGraph g = lGraph();
        // 350 m south of n1: beyond the 300 m default
        assertEquals(Optional.empty(), new NodeSnapper(g).snap(lonAt(400), latAt(-350)));
        Optional<Snap> wide = new NodeSnapper(g, 500).snap(lonAt(400), latAt(-350));
        assertTrue(wide.isPresent());
        assertEquals(350, wide.get().offEdgeMeters(), 0.5);
        assertEquals(0, wide.get().alongMeters(), 1e-6);
        // far outside the graph's box
        assertEquals(Optional.empty(), new NodeSnapper(g).snap(lonAt(50_000), latAt(0)));
        assertEquals(Optional.empty(), new NodeSnapper(g).snap(Double.NaN, latAt(0)));
    }

    @Test
    void picksTheNearerOfTwoEdges() {
        NodeSnapper s = new NodeSnapper(lGraph());
        Snap snap = s.snap(lonAt(-850), latAt(30)).orElseThrow();
        assertEquals(0, snap.edge());
        assertEquals(150, snap.alongMeters(), 0.5);
        assertEquals(30, snap.offEdgeMeters(), 0.05);
    }
}
