package cn.servicecircle.reach.core;

import static cn.servicecircle.reach.core.SketchGraphs.ONE_MPS;
import static cn.servicecircle.reach.core.SketchGraphs.snap;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-source search and site times on {@link SketchGraphs#sketch()} (1 m/s). */
class SingleSourceSearchTest {

    private final WalkGraph g = SketchGraphs.sketch();
    private final SingleSourceSearch search = new SingleSourceSearch(g);

    @Test
    void fromNodeInSettleOrder() {
        ReachedNodes r = search.search(0, ONE_MPS, 900);
        assertArrayEquals(new int[]{0, 3, 1, 4, 2}, r.nodes());
        assertEquals(150, r.walkSecondsTo(4));
        assertEquals(200, r.walkSecondsTo(2));
        assertEquals(Double.POSITIVE_INFINITY, r.walkSecondsTo(5));
    }

    @Test
    void boundedAndReusableWorkspace() {
        ReachedNodes r = search.search(0, ONE_MPS, 120);
        assertArrayEquals(new int[]{0, 3, 1}, r.nodes());
        // a second search on the same thread must not see the first one's labels
        ReachedNodes r2 = search.search(6, ONE_MPS, 120);
        assertArrayEquals(new int[]{6, 5}, r2.nodes());
        assertEquals(10, r2.walkSecondsTo(5));
        assertEquals(-1, r2.indexOf(0));
    }

    @Test
    void fromSnapAddsApproachAndAlong() {
        // origin on edge 4 (1-4, 300 m), 100 m from node 1, 10 m off the street
        ReachedNodes r = search.search(snap(g, 4, 100, 10), ONE_MPS, 900);
        assertEquals(110, r.walkSecondsTo(1));
        assertEquals(210, r.walkSecondsTo(4));
        assertEquals(210, r.walkSecondsTo(0));
        assertEquals(260, r.walkSecondsTo(3));
        assertEquals(210, r.walkSecondsTo(2)); // 110 + 100
        // approach alone beyond the limit: nothing reachable
        assertEquals(0, search.search(snap(g, 4, 100, 10), ONE_MPS, 9).size());
    }

    @Test
    void siteTimesUseSameEdgeShortcutAndLimit() {
        ReachedNodes r = search.search(snap(g, 4, 100, 10), ONE_MPS, 300);
        List<SnappedSite> sites = List.of(
                new SnappedSite("same-edge", snap(g, 4, 250, 0)), // direct 10 + 150 = 160 (via ends: 260)
                new SnappedSite("near-0", snap(g, 0, 20, 5)),     // via node 1: 110 + 80 + 5 = 195 (via node 0: 235)
                new SnappedSite("far-3", snap(g, 3, 60, 0)),      // via 3: 260 + 60 = 320, via 4: 210 + 40 = 250
                new SnappedSite("island", snap(g, 5, 5, 0)));     // unreachable
        List<SiteReach> out = SiteTimes.within(r, sites);
        assertEquals(List.of("same-edge", "near-0", "far-3"), out.stream().map(SiteReach::siteId).toList());
        assertEquals(160, out.get(0).walkSeconds(), 1e-12);
        assertEquals(195, out.get(1).walkSeconds(), 1e-12);
        assertEquals(250, out.get(2).walkSeconds(), 1e-12);
        assertEquals(250, out.get(2).distanceMeters(), 1e-12);
        assertTrue(out.stream().allMatch(s -> s.method() == ReachMethod.NETWORK));
        assertEquals(List.of("same-edge", "near-0"),
                SiteTimes.within(search.search(snap(g, 4, 100, 10), ONE_MPS, 240), sites)
                        .stream().map(SiteReach::siteId).toList());
    }

    @Test
    void metersAreSecondsTimesSpeed() {
        ReachedNodes r = search.search(0, WalkSpeed.ELDERLY, 900);
        for (int i = 0; i < r.size(); i++) {
            assertEquals(r.distanceMeters(i), r.walkSeconds(i) * WalkSpeed.ELDERLY.metersPerSecond(), 1e-9);
        }
        assertEquals(150 / (3.0 / 3.6), r.walkSecondsTo(4), 1e-9);
    }
}
