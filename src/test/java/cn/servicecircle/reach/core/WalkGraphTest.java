package cn.servicecircle.reach.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkGraphTest {

    @Test
    void csrListsEachEdgeAtBothEnds() {
        WalkGraph g = SketchGraphs.sketch();
        assertEquals(7, g.nodeCount());
        assertEquals(6, g.edgeCount());
        assertEquals(List.of(0, 2, 4), neighbours(g, 1).stream().sorted().toList());
        assertEquals(List.of(1, 3), neighbours(g, 0).stream().sorted().toList());
        assertEquals(List.of(5), neighbours(g, 6));
        assertEquals(300, g.edgeDistanceMeters(4));
        assertEquals(4, g.otherNode(4, 1));
        assertEquals(1, g.otherNode(4, 4));
    }

    @Test
    void loopAppearsOnceAndPillarsAreOrdered() {
        WalkGraph.Builder b = WalkGraph.builder();
        int a = b.addNode(1, 2);
        int c = b.addNode(3, 4);
        b.addEdge(a, a, 5);
        int e = b.addEdge(a, c, 10, new double[]{1.5, 2.5, 2.5, 3.5});
        WalkGraph g = b.build();
        assertEquals(2, g.degree(a));
        assertEquals(4, g.edgePointCount(e));
        assertEquals(1.0, g.edgePointLon(e, 0));
        assertEquals(1.5, g.edgePointLon(e, 1));
        assertEquals(3.5, g.edgePointLat(e, 2));
        assertEquals(4.0, g.edgePointLat(e, 3));
        assertEquals(2, g.edgePointCount(0));
    }

    @Test
    void builderRejectsBadInput() {
        WalkGraph.Builder b = WalkGraph.builder();
        b.addNode(0, 0);
        assertThrows(IllegalArgumentException.class, () -> b.addNode(200, 0));
        assertThrows(IllegalArgumentException.class, () -> b.addEdge(0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> b.addEdge(0, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> b.addEdge(0, 0, Double.NaN));
    }

    static List<Integer> neighbours(WalkGraph g, int n) {
        List<Integer> out = new ArrayList<>();
        for (int a = g.firstArc(n); a < g.endArc(n); a++) {
            out.add(g.arcHead(a));
        }
        return out;
    }
}
