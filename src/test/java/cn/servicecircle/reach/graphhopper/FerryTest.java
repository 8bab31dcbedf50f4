package cn.servicecircle.reach.graphhopper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.servicecircle.reach.BruteForceDijkstra;
import cn.servicecircle.reach.Heidelberg;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.WalkGraph;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.RoadEnvironment;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.storage.BaseGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ferries (and shuttle trains) are boats, not walking edges: on a hand-drawn river and on the real Heidelberg file. */
class FerryTest {

    /*
     * Hand-drawn, about 49.4 N:
     *
     *   1 ---------- 2 ---------- 3      north bank footway (1-2-3)
     *                :            |
     *                : boat       |      3-6 a footbridge (222 m)
     *                :            |
     *   4 ---------- 5 ---------- 6      south bank footway (4-5-6)
     *
     * 2..5 is the crossing under test (222 m across the river); 2-3 and 5-6 are 725 m each.
     */
    private static String river(String crossingTags) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <osm version="0.6" generator="service-circle test">
                  <node id="1" version="1" lat="49.4010" lon="8.700"/>
                  <node id="2" version="1" lat="49.4010" lon="8.710"/>
                  <node id="3" version="1" lat="49.4010" lon="8.720"/>
                  <node id="4" version="1" lat="49.3990" lon="8.700"/>
                  <node id="5" version="1" lat="49.3990" lon="8.710"/>
                  <node id="6" version="1" lat="49.3990" lon="8.720"/>
                  <way id="10" version="1"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="footway"/></way>
                  <way id="11" version="1"><nd ref="4"/><nd ref="5"/><nd ref="6"/><tag k="highway" v="footway"/></way>
                  <way id="12" version="1"><nd ref="3"/><nd ref="6"/><tag k="highway" v="footway"/><tag k="bridge" v="yes"/></way>
                  <way id="13" version="1"><nd ref="2"/><nd ref="5"/>%s</way>
                </osm>
                """.formatted(crossingTags);
    }

    /** Walking metres from node 2 to node 5 of the drawing with the given tags on the crossing way. */
    private static double crossingMeters(Path dir, String name, String crossingTags) throws IOException {
        Path osm = dir.resolve(name + ".osm");
        Files.writeString(osm, river(crossingTags));
        try (GraphHopperWalkGraph gh = GraphHopperWalkGraphLoader.open(osm, dir.resolve("cache"), 0)) {
            WalkGraph g = gh.walkGraph();
            NodeSnapper snapper = new NodeSnapper(g);
            Snap from = snapper.snap(8.710, 49.4010).orElseThrow();
            Snap to = snapper.snap(8.710, 49.3990).orElseThrow();
            assertEquals(0, from.offEdgeMeters(), 0.01);
            double[] seconds = BruteForceDijkstra.seconds(g, 1.0, from);
            int node = g.edgeNodeA(to.edge());
            double viaA = seconds[node] + to.metersToNodeA();
            double viaB = seconds[g.edgeNodeB(to.edge())] + to.metersToNodeB();
            return Math.min(viaA, viaB);
        }
    }

    @Test
    void aFerryOnAHandDrawnRiverIsNotWalked(@TempDir Path dir) throws IOException {
        double bridge = crossingMeters(dir, "footbridge", "<tag k=\"highway\" v=\"footway\"/>");
        double ferry = crossingMeters(dir, "ferry", "<tag k=\"route\" v=\"ferry\"/>");
        double shuttle = crossingMeters(dir, "shuttle", "<tag k=\"route\" v=\"shuttle_train\"/>");
        double footFerry = crossingMeters(dir, "footferry", "<tag k=\"route\" v=\"ferry\"/><tag k=\"foot\" v=\"yes\"/>");
        assertEquals(222.4, bridge, 1.0, "control: a footbridge at the same place is walked straight across");
        double detour = 725.0 + 222.4 + 725.0;
        assertEquals(detour, ferry, 5.0, "the ferry is not walked: the way round by the footbridge");
        assertEquals(detour, shuttle, 5.0);
        assertEquals(detour, footFerry, 5.0, "foot=yes on a ferry means pedestrians may board, not walk on water");
    }

    @Test
    void heidelbergsNeckarBoatsAreNotWalkingEdges() {
        try (GraphHopperWalkGraph gh = GraphHopperWalkGraphLoader.open(Heidelberg.PBF, Heidelberg.CACHE)) {
            BaseGraph bg = gh.hopper().getBaseGraph();
            EnumEncodedValue<RoadEnvironment> env = gh.hopper().getEncodingManager()
                    .getEnumEncodedValue(RoadEnvironment.KEY, RoadEnvironment.class);
            WalkGraph g = gh.walkGraph();
            int ferries = 0;
            double ferryMeters = 0;
            double longestDetour = 0;
            AllEdgesIterator it = bg.getAllEdges();
            while (it.next()) {
                if (it.get(env) != RoadEnvironment.FERRY) {
                    continue;
                }
                ferries++;
                ferryMeters += it.getDistance();
                int a = gh.walkNode(it.getBaseNode());
                int b = gh.walkNode(it.getAdjNode());
                if (a < 0 || b < 0 || a == b) {
                    continue; // a landing stage that is not on the walking network: nothing to walk anyway
                }
                // no walk edge joins the two landings with the boat's length
                for (int arc = g.firstArc(a); arc < g.endArc(a); arc++) {
                    if (g.arcHead(arc) == b) {
                        assertTrue(Math.abs(g.edgeDistanceMeters(g.arcEdge(arc)) - it.getDistance()) > 0.5,
                                "ferry edge " + it.getEdge() + " exported as a walk edge");
                    }
                }
                // walking between the landings is a land path, never the boat's metres
                double[] m = BruteForceDijkstra.seconds(g, 1.0, new int[]{a}, new double[]{0});
                assertTrue(!(Math.abs(m[b] - it.getDistance()) < 0.5), "landings " + a + "-" + b + ": walk " + m[b]
                        + " m, boat " + it.getDistance() + " m");
                longestDetour = Math.max(longestDetour, m[b] / it.getDistance());
            }
            // the boat across the Neckar (about 200 m) is a walk of several times that by the nearest bridge
            assertTrue(longestDetour > 3, "largest walk/boat ratio between landings: " + longestDetour);
            // the file's 6 route=ferry ways (Neckar boat lines), split at their shared landings
            assertTrue(ferries >= 6, "ferry edges in GraphHopper's graph: " + ferries);
            assertTrue(ferryMeters > 3_000, "boat metres: " + ferryMeters);
        }
    }
}
