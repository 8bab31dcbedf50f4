package cn.servicecircle.reach.core;

import static cn.servicecircle.reach.core.SketchGraphs.LAT0;
import static cn.servicecircle.reach.core.SketchGraphs.LON0;
import static cn.servicecircle.reach.core.SketchGraphs.ONE_MPS;
import static cn.servicecircle.reach.core.SketchGraphs.latAt;
import static cn.servicecircle.reach.core.SketchGraphs.lonAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

/**
 * The raster isochrone ({@link Isochrone#build} → {@link GridIsochrone}) on hand-drawn graphs.
 * Coordinates in the sketches are metres east/north of (LON0, LAT0); speed 1 m/s, so seconds are
 * metres. Unless a test says otherwise the options are 30 m cells, k = 2, 22 m simplification:
 * reached pieces get one to two cells of frontage.
 */
class GridIsochroneTest {

    private static final GeometryFactory GF = new GeometryFactory();
    private static final double CELL = 30;
    private static final IsochroneOptions OPT = new IsochroneOptions(CELL, 2, 22, 600);

    private static boolean covers(Geometry g, double east, double north) {
        return g.covers(GF.createPoint(new Coordinate(lonAt(east), latAt(north))));
    }

    /** Envelope in metres east/north of (LON0, LAT0). */
    private static Envelope metres(Geometry g) {
        Envelope e = g.getEnvelopeInternal();
        double mx = GeoMath.metersPerDegreeLon(LAT0);
        double my = GeoMath.METERS_PER_DEGREE;
        return new Envelope((e.getMinX() - LON0) * mx, (e.getMaxX() - LON0) * mx,
                (e.getMinY() - LAT0) * my, (e.getMaxY() - LAT0) * my);
    }

    private static void assertContract(IsochroneResult iso, IsochroneOptions opt) {
        Geometry a = iso.area();
        assertTrue(a.isValid(), "invalid " + a);
        assertEquals(4326, a.getSRID());
        assertTrue(a.getNumPoints() <= opt.maxVertices(), "points " + a.getNumPoints());
        assertEquals(ReachMethod.NETWORK, iso.method());
    }

    /**
     * One straight street, origin at its west end, limit 400 s:
     * <pre>
     *   n0 (0,0) ===reached 400 m===|------- 600 m not reached -------- n1 (1000,0)
     * </pre>
     * The street lies on a grid line, so it marks the cells of x in [0, 420), y in [0, 30) (14 × 1);
     * the closing of a straight band only adds the 3×3 frontage: x in [-30, 450), y in [-30, 60).
     * In general: length in [L + 2·cell, L + 4·cell), width in [3·cell, 4·cell].
     */
    @Test
    void straightStreetIsABandOfKnownLength() {
        WalkGraph.Builder b = WalkGraph.builder();
        int n0 = b.addNode(lonAt(0), latAt(0));
        int n1 = b.addNode(lonAt(1000), latAt(0));
        b.addEdge(n0, n1, 1000);
        ReachedNodes r = new SingleSourceSearch(b.build()).search(n0, ONE_MPS, 400);
        IsochroneResult iso = Isochrone.build(r, OPT);
        assertContract(iso, OPT);
        Geometry a = iso.area();
        assertInstanceOf(Polygon.class, a);
        assertEquals(0, ((Polygon) a).getNumInteriorRing());
        Envelope e = metres(a);
        assertTrue(e.getWidth() >= 400 + 2 * CELL - 1 && e.getWidth() < 400 + 4 * CELL, "length " + e.getWidth());
        assertTrue(e.getHeight() >= 3 * CELL - 1 && e.getHeight() <= 4 * CELL + 1, "width " + e.getHeight());
        assertEquals(480, e.getWidth(), 1);
        assertEquals(90, e.getHeight(), 1);
        for (int x = 0; x <= 400; x += 10) {
            assertTrue(covers(a, x, 0) && covers(a, x, 5) && covers(a, x, -5), "street at " + x);
        }
        assertFalse(covers(a, 460, 0));
        assertFalse(covers(a, 200, 70));
        assertFalse(covers(a, 200, -40));
    }

    /**
     * The limit cuts a partial edge; an unconnected parallel street 100 m north stays out:
     * <pre>
     *   n2 (0,100) ---------------------- n3 (1000,100)     (not connected)
     *
     *   n0 (0,0) -------|==190==o==190==|------- n1 (1000,0)
     *                           ^ origin (500,-10), 10 m off the street, limit 200 s
     * </pre>
     */
    @Test
    void cutsThePartialEdgeAtTheLimit() {
        WalkGraph.Builder b = WalkGraph.builder();
        int n0 = b.addNode(lonAt(0), latAt(0));
        int n1 = b.addNode(lonAt(1000), latAt(0));
        int n2 = b.addNode(lonAt(0), latAt(100));
        int n3 = b.addNode(lonAt(1000), latAt(100));
        b.addEdge(n0, n1, 1000);
        b.addEdge(n2, n3, 1000);
        WalkGraph g = b.build();
        Snap origin = new NodeSnapper(g).snap(lonAt(500), latAt(-10)).orElseThrow();
        ReachedNodes r = new SingleSourceSearch(g).search(origin, ONE_MPS, 200);
        assertEquals(0, r.size());
        IsochroneResult iso = Isochrone.build(r, OPT);
        assertContract(iso, OPT);
        Geometry a = iso.area();
        for (int x = 310; x <= 690; x += 10) {
            assertTrue(covers(a, x, 0), "reached street at " + x);
        }
        // frontage is at most (k + 1) cells beyond the cut, plus the simplification
        assertFalse(covers(a, 310 - 3 * CELL - 23, 0));
        assertFalse(covers(a, 690 + 3 * CELL + 23, 0));
        assertFalse(covers(a, 500, 100));
        assertEquals(0, iso.reachedNodeCount());
    }

    /**
     * Two parallel 600 m streets joined at their west ends by a link of length {@code gap}:
     * <pre>
     *   n2 (0,gap) ----------------------- n3 (600,gap)
     *   |
     *   link (gap m)
     *   |
     *   n0 (0,0) ------------------------- n1 (600,0)      origin n0, limit 5000 s (all reached)
     * </pre>
     * 30 m apart they merge into one area without holes; 300 m apart the land between them stays
     * out (a U-shaped outline).
     */
    @Test
    void parallelStreetsMergeWhenCloseAndStaySeparateWhenFar() {
        Geometry near = parallel(30);
        assertInstanceOf(Polygon.class, near);
        assertEquals(0, ((Polygon) near).getNumInteriorRing());
        for (int x = 0; x <= 600; x += 50) {
            assertTrue(covers(near, x, 15), "between the close streets at " + x);
        }

        Geometry far = parallel(300);
        assertInstanceOf(Polygon.class, far);
        for (int x = 100; x <= 600; x += 50) {
            assertTrue(covers(far, x, 0) && covers(far, x, 300), "street at " + x);
            assertFalse(covers(far, x, 150), "land between the far streets at " + x);
        }
        // the U is at most two street bands (length < 600 + 4 cells, width ≤ 4 cells) and the link
        // band; filling the land between them would make it ~690 × 390 m ≈ 269,000 m²
        double mx = GeoMath.metersPerDegreeLon(LAT0);
        double areaM2 = far.getArea() * mx * GeoMath.METERS_PER_DEGREE;
        assertTrue(areaM2 <= 2 * (600 + 4 * CELL) * 4 * CELL + 300 * 4 * CELL, "area " + areaM2);
    }

    private static Geometry parallel(double gap) {
        WalkGraph.Builder b = WalkGraph.builder();
        int n0 = b.addNode(lonAt(0), latAt(0));
        int n1 = b.addNode(lonAt(600), latAt(0));
        int n2 = b.addNode(lonAt(0), latAt(gap));
        int n3 = b.addNode(lonAt(600), latAt(gap));
        b.addEdge(n0, n1, 600);
        b.addEdge(n2, n3, 600);
        b.addEdge(n0, n2, gap);
        ReachedNodes r = new SingleSourceSearch(b.build()).search(n0, ONE_MPS, 5000);
        IsochroneResult iso = Isochrone.build(r, OPT);
        assertContract(iso, OPT);
        return iso.area();
    }

    /**
     * A square loop of streets of side {@code side} (corners n0..n3), all reached:
     * <pre>
     *   n3 ---- n2
     *   |        |
     *   n0 ---- n1      origin n0
     * </pre>
     * A 60 m block is filled; a 400 m block keeps its unreached inside as a hole.
     */
    @Test
    void smallBlocksAreFilledLargeBlocksKeepAHole() {
        Geometry small = block(60);
        assertInstanceOf(Polygon.class, small);
        assertEquals(0, ((Polygon) small).getNumInteriorRing());
        assertTrue(covers(small, 30, 30));

        Geometry large = block(400);
        assertInstanceOf(Polygon.class, large);
        assertEquals(1, ((Polygon) large).getNumInteriorRing());
        assertFalse(covers(large, 200, 200));
        assertTrue(covers(large, 200, 0) && covers(large, 400, 200) && covers(large, 0, 200));
    }

    private static Geometry block(double side) {
        WalkGraph.Builder b = WalkGraph.builder();
        int n0 = b.addNode(lonAt(0), latAt(0));
        int n1 = b.addNode(lonAt(side), latAt(0));
        int n2 = b.addNode(lonAt(side), latAt(side));
        int n3 = b.addNode(lonAt(0), latAt(side));
        b.addEdge(n0, n1, side);
        b.addEdge(n1, n2, side);
        b.addEdge(n2, n3, side);
        b.addEdge(n3, n0, side);
        ReachedNodes r = new SingleSourceSearch(b.build()).search(n0, ONE_MPS, 5000);
        IsochroneResult iso = Isochrone.build(r, OPT);
        assertContract(iso, OPT);
        return iso.area();
    }

    /** A pillar bend is followed: the reached piece goes north then east, not diagonally. */
    @Test
    void followsPillars() {
        WalkGraph.Builder b = WalkGraph.builder();
        int n0 = b.addNode(lonAt(0), latAt(0));
        int n1 = b.addNode(lonAt(400), latAt(400));
        b.addEdge(n0, n1, 800, new double[]{lonAt(0), latAt(400)});
        ReachedNodes r = new SingleSourceSearch(b.build()).search(n0, ONE_MPS, 600);
        Geometry a = Isochrone.build(r, OPT).area();
        assertTrue(covers(a, 0, 200) && covers(a, 0, 400) && covers(a, 190, 400));
        assertFalse(covers(a, 200, 200), "the chord is not walked");
        assertFalse(covers(a, 350, 400), "beyond the 600 m cut");
    }

    @Test
    void emptyWhenNothingReachable() {
        WalkGraph.Builder b = WalkGraph.builder();
        b.addNode(lonAt(0), latAt(0));
        b.addNode(lonAt(1000), latAt(0));
        b.addEdge(0, 1, 1000);
        WalkGraph g = b.build();
        Snap origin = new Snap(0, 500, 1000, 250, lonAt(500), latAt(0));
        IsochroneResult iso = Isochrone.build(new SingleSourceSearch(g).search(origin, ONE_MPS, 200), OPT);
        assertTrue(iso.area().isEmpty());
        assertEquals(4326, iso.area().getSRID());
    }

    /** A lone reached node (no edges) is one cell plus frontage. */
    @Test
    void isolatedOriginNodeIsASmallSquare() {
        WalkGraph.Builder b = WalkGraph.builder();
        b.addNode(lonAt(0), latAt(0));
        ReachedNodes r = new SingleSourceSearch(b.build()).search(0, ONE_MPS, 100);
        Geometry a = Isochrone.build(r, OPT).area();
        assertTrue(covers(a, 0, 0));
        Envelope e = metres(a);
        assertEquals(3 * CELL, e.getWidth(), 1);
        assertEquals(3 * CELL, e.getHeight(), 1);
    }

    @Test
    void vertexCapIsHonoured() {
        // a comb: 40 teeth of 100–140 m on a 2 km spine, fine cells make a long jagged outline
        WalkGraph.Builder b = WalkGraph.builder();
        int prev = b.addNode(lonAt(0), latAt(0));
        for (int i = 1; i <= 40; i++) {
            int spine = b.addNode(lonAt(i * 50), latAt(0));
            b.addEdge(prev, spine, 50);
            int tooth = b.addNode(lonAt(i * 50), latAt(100 + (i % 3) * 20));
            b.addEdge(spine, tooth, 100 + (i % 3) * 20);
            prev = spine;
        }
        ReachedNodes r = new SingleSourceSearch(b.build()).search(0, ONE_MPS, 5000);
        IsochroneOptions fine = new IsochroneOptions(5, 1, 0, 600);
        assertTrue(Isochrone.build(r, fine).area().getNumPoints() > 40, "the cap must matter");
        IsochroneOptions tight = new IsochroneOptions(5, 1, 0, 40);
        IsochroneResult iso = Isochrone.build(r, tight);
        assertContract(iso, tight);
    }

    /**
     * The cell tracer on random rasters (fixed seed): the outline is valid, its area equals the
     * number of filled cells after saddle removal, and it covers exactly the filled cell centres.
     * Includes checkerboards (diagonal contacts), islands in holes and several parts.
     */
    @Test
    void tracedOutlineIsExactlyTheFilledCells() {
        Random rnd = new Random(20261129L);
        int words = 1;
        int rows = 40;
        int multi = 0;
        int holes = 0;
        for (int round = 0; round < 100; round++) {
            long[] bits = new long[words * rows];
            double density = 0.2 + 0.6 * rnd.nextDouble();
            for (int y = 1; y < rows - 1; y++) {
                for (int x = 1; x < words * 64 - 1; x++) {
                    if (rnd.nextDouble() < density) {
                        bits[y * words + (x >>> 6)] |= 1L << x;
                    }
                }
            }
            int before = count(bits);
            Geometry out = GridIsochrone.outlineOfCells(bits, words, rows);
            assertTrue(out.isValid(), "round " + round);
            PreparedGeometry prepared = PreparedGeometryFactory.prepare(out);
            int filled = count(bits);
            assertTrue(filled >= before);
            assertEquals(filled, out.getArea(), 1e-9, "round " + round);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < words * 64; x++) {
                    boolean cell = GridIsochrone.get(bits, words, x, y);
                    boolean in = prepared.contains(GF.createPoint(new Coordinate(x + 0.5, y + 0.5)));
                    assertEquals(cell, in, "cell " + x + "," + y + " round " + round);
                }
            }
            multi += out instanceof MultiPolygon ? 1 : 0;
            for (int i = 0; i < out.getNumGeometries(); i++) {
                holes += ((Polygon) out.getGeometryN(i)).getNumInteriorRing();
            }
        }
        assertTrue(multi > 25 && holes > 25, "cases exercised: multi " + multi + ", holes " + holes);
    }

    /** Island in a lake in an island: the inner island is a separate polygon, the lake a hole. */
    @Test
    void nestedIslandIsItsOwnPolygon() {
        int words = 1;
        int rows = 12;
        long[] bits = new long[rows];
        for (int y = 1; y <= 10; y++) {
            for (int x = 1; x <= 10; x++) {
                boolean ring = x <= 2 || x >= 9 || y <= 2 || y >= 9;
                boolean island = x >= 5 && x <= 6 && y >= 5 && y <= 6;
                if (ring || island) {
                    bits[y] |= 1L << x;
                }
            }
        }
        Geometry out = GridIsochrone.outlineOfCells(bits, words, rows);
        assertTrue(out.isValid());
        assertEquals(2, out.getNumGeometries());
        assertEquals(100 - 36 + 4, out.getArea(), 1e-9);
        assertTrue(out.contains(GF.createPoint(new Coordinate(5.5, 5.5))));
        assertFalse(out.contains(GF.createPoint(new Coordinate(3.5, 3.5))));
    }

    private static int count(long[] bits) {
        int n = 0;
        for (long b : bits) {
            n += Long.bitCount(b);
        }
        return n;
    }

    @Test
    void optionsAreChecked() {
        assertThrowsIae(() -> new IsochroneOptions(0.5, 2, 10, 600));
        assertThrowsIae(() -> new IsochroneOptions(30, 0, 10, 600));
        assertThrowsIae(() -> new IsochroneOptions(30, 9, 10, 600));
        assertThrowsIae(() -> new IsochroneOptions(30, 2, -1, 600));
        assertThrowsIae(() -> new IsochroneOptions(30, 2, 10, 15));
    }

    private static void assertThrowsIae(Runnable r) {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
    }
}
