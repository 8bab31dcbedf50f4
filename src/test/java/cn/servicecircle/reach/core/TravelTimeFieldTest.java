package cn.servicecircle.reach.core;

import static cn.servicecircle.reach.core.SketchGraphs.ONE_MPS;
import static cn.servicecircle.reach.core.SketchGraphs.snap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi-source field on {@link SketchGraphs#sketch()} (1 m/s: seconds = metres). */
class TravelTimeFieldTest {

    private final WalkGraph g = SketchGraphs.sketch();
    /** Site "a" exactly at node 0 (start of edge 0), site "b" exactly at node 2 (end of edge 1). */
    private final SnappedSite a = new SnappedSite("a", snap(g, 0, 0, 0));
    private final SnappedSite b = new SnappedSite("b", snap(g, 1, 100, 0));

    @Test
    void nearestSiteAndSecondsPerNode() {
        TravelTimeField f = TravelTimeField.compute(g, List.of(a, b), ONE_MPS, 900);
        assertEquals(0, f.walkSeconds(0));
        assertEquals("a", f.siteId(0));
        assertEquals(0, f.walkSeconds(2));
        assertEquals("b", f.siteId(2));
        assertEquals(50, f.walkSeconds(3));
        assertEquals(150, f.walkSeconds(4));
        assertEquals("a", f.siteId(4));
        assertEquals(5, f.reachedNodeCount());
    }

    @Test
    void tieGoesToLowestSiteIndex() {
        // node 1 is 100 s from both a and b
        TravelTimeField ab = TravelTimeField.compute(g, List.of(a, b), ONE_MPS, 900);
        assertEquals(100, ab.walkSeconds(1));
        assertEquals("a", ab.siteId(1));
        TravelTimeField ba = TravelTimeField.compute(g, List.of(b, a), ONE_MPS, 900);
        assertEquals(100, ba.walkSeconds(1));
        assertEquals("b", ba.siteId(1));
        assertEquals(0, ba.siteIndex(1));
    }

    @Test
    void boundIsInclusiveAndCutsBeyond() {
        TravelTimeField f = TravelTimeField.compute(g, List.of(a, b), ONE_MPS, 120);
        assertEquals(Double.POSITIVE_INFINITY, f.walkSeconds(4));
        assertEquals(-1, f.siteIndex(4));
        assertNull(f.siteId(4));
        assertEquals(100, f.walkSeconds(1));
        TravelTimeField exact = TravelTimeField.compute(g, List.of(a, b), ONE_MPS, 150);
        assertEquals(150, exact.walkSeconds(4));
    }

    @Test
    void disconnectedPartStaysUnreached() {
        TravelTimeField f = TravelTimeField.compute(g, List.of(a, b), ONE_MPS, 1e6);
        assertEquals(Double.POSITIVE_INFINITY, f.walkSeconds(5));
        assertEquals(Double.POSITIVE_INFINITY, f.walkSeconds(6));
        assertEquals(-1, f.siteIndex(6));
    }

    @Test
    void snapOffsetsSeedBothEndsAndPointsUseTheSameEdge() {
        // site c on edge 3 (3-4) 30 m from node 3, 20 m off the street
        SnappedSite c = new SnappedSite("c", snap(g, 3, 30, 20));
        TravelTimeField f = TravelTimeField.compute(g, List.of(c), ONE_MPS, 900);
        assertEquals(50, f.walkSeconds(3));
        assertEquals(90, f.walkSeconds(4));
        assertEquals(100, f.walkSeconds(0));
        assertEquals(200, f.walkSeconds(1));
        // a resident on the same edge at 80 m, 5 m off: directly 20 + 50 + 5 = 75
        FieldValue v = f.at(snap(g, 3, 80, 5));
        assertEquals(75, v.walkSeconds(), 1e-12);
        assertEquals("c", v.siteId());
        // a resident on edge 0 at 40 m from node 0, 0 off: via node 0 = 140, via node 1 = 260
        assertEquals(140, f.at(snap(g, 0, 40, 0)).walkSeconds(), 1e-12);
    }

    @Test
    void speedScalesSecondsNotMeters() {
        WalkSpeed half = new WalkSpeed(0.5);
        TravelTimeField f = TravelTimeField.compute(g, List.of(a), half, 900);
        assertEquals(300, f.walkSeconds(4));
        assertEquals(150, f.distanceMeters(4));
        // 900 s at 0.5 m/s = 450 m: node 2 (200 m) in, nothing else changes
        assertEquals(400, f.walkSeconds(2));
    }

    @Test
    void noSitesMeansNothingReached() {
        TravelTimeField f = TravelTimeField.compute(g, List.of(), ONE_MPS, 900);
        assertEquals(0, f.reachedNodeCount());
        assertFalse(f.at(snap(g, 0, 10, 0)).reached());
    }
}
