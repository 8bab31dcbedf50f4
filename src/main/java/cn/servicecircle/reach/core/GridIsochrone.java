package cn.servicecircle.reach.core;

import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * Raster isochrone builder, the default behind {@link Isochrone#build(ReachedNodes, IsochroneOptions)}.
 *
 * <p>Method:
 * <ol>
 *   <li>collect the reached street pieces, the same as {@link ConcaveHullIsochrone}: every edge
 *       with a reached end contributes the part walkable within the limit from that end
 *       ({@code [0, remA]} from A, {@code [L-remB, L]} from B, the whole edge when both parts
 *       meet); the origin's own edge contributes the part within {@code limit - offEdge} of the
 *       snapped origin; pillars are followed; a reached node without edges is a point. Pieces
 *       are projected to a local equirectangular metric frame centred on the snapped origin;</li>
 *   <li>mark every cell of a square grid ({@link IsochroneOptions#cellMeters()}) that a piece
 *       touches, by an exact grid walk of each segment (Amanatides–Woo), into rows of bits;</li>
 *   <li>closing with {@code k = }{@link IsochroneOptions#closingCells()}: dilate {@code k}
 *       times, then erode {@code k-1} times. Step {@code i} uses the 3×3 square when {@code i} is
 *       odd and the 4-neighbour cross when even (an octagon, rounder than a square); the erosions
 *       undo steps {@code k..2} in reverse order. Hence the result is the closing, by steps
 *       {@code 2..k}, of the marked cells dilated by one 3×3 square: it contains every marked cell
 *       and its 8 neighbours (street frontage), fills gaps of about {@code 2(k-1)} cells, and lies
 *       within the {@code k}-step dilation of the marked cells;</li>
 *   <li>remove diagonal-only contacts (2×2 checkerboards) by filling one empty cell of each, so
 *       that every traced ring is simple and rings share no vertex;</li>
 *   <li>trace the boundary between filled and empty cells along cell edges (filled on the left:
 *       outer rings counter-clockwise, holes clockwise), keeping corners only; give each hole to
 *       the smallest outer ring containing it; build a Polygon, or a MultiPolygon for
 *       disconnected parts;</li>
 *   <li>simplify with {@link DouglasPeuckerSimplifier} at {@link IsochroneOptions#simplifyMeters()}
 *       (it repairs the rare invalid result with {@code buffer(0)}), ×1.5 per round until at most
 *       {@link IsochroneOptions#maxVertices()} points remain; project back to WGS84, SRID 4326.</li>
 * </ol>
 * Cost is linear in the cells of the reached bounding box plus the traced boundary; no JTS
 * overlay or buffer runs unless the simplification made the polygon invalid.
 *
 * <p>Contract: the result satisfies {@link IsochroneResult} (valid, polygonal, SRID 4326, empty
 * when nothing is reachable). Before simplification every point of every reached piece is inside
 * and at least one cell (metres: {@code cellMeters}) from the boundary, and every point of the
 * polygon is within {@code (k + 1) × √2 × cellMeters} of a reached piece; simplification moves the
 * boundary by about the tolerance (≤ {@code simplifyMeters} unless the vertex cap raised it), so
 * with the default tolerance below one cell every reached node stays inside.
 * Thread-safe: each thread reuses its own buffers.
 */
final class GridIsochrone {

    /** Largest raster (cells) before the cell size is doubled: 4,194,304 cells = 512 KiB of bits. */
    static final long MAX_CELLS = 1L << 22;

    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

    // vertex out-directions (0 = none)
    private static final byte EAST = 1;
    private static final byte NORTH = 2;
    private static final byte WEST = 3;
    private static final byte SOUTH = 4;

    private GridIsochrone() {
    }

    static IsochroneResult build(ReachedNodes reached, IsochroneOptions options) {
        double[] anchor = reached.frameAnchor();
        if (anchor == null) {
            return empty(reached);
        }
        double lon0 = anchor[0];
        double lat0 = anchor[1];
        Workspace w = WORKSPACES.get();
        w.begin(lon0, lat0);
        collectPieces(reached, w);
        if (w.segCount == 0) {
            return empty(reached);
        }
        Raster r = rasterise(w, options);
        close(w, r, options.closingCells());
        removeSaddles(w.a, r.words, r.rows);
        Geometry area = trace(w, r);
        if (area.isEmpty()) {
            return empty(reached);
        }
        Geometry simplified = simplify(area, options, r.cell);
        toWgs84(simplified, r, w);
        return new IsochroneResult(simplified, reached.maxSeconds(), reached.size(), ReachMethod.NETWORK);
    }

    private static IsochroneResult empty(ReachedNodes reached) {
        return IsochroneResult.empty(reached.maxSeconds(), ReachMethod.NETWORK);
    }

    // ---------------------------------------------------------------- 1. reached pieces

    private static void collectPieces(ReachedNodes reached, Workspace w) {
        WalkGraph g = reached.graph();
        double maxMeters = reached.maxMeters();
        for (int i = 0; i < reached.size(); i++) {
            int u = reached.node(i);
            double remU = maxMeters - reached.distanceMeters(i);
            if (g.degree(u) == 0) {
                double x = w.x(g.lon(u));
                double y = w.y(g.lat(u));
                w.addSegment(x, y, x, y);
            }
            for (int arc = g.firstArc(u), end = g.endArc(u); arc < end; arc++) {
                int e = g.arcEdge(arc);
                int v = g.arcHead(arc);
                int j = v == u ? i : reached.indexOf(v);
                if (j >= 0 && j < i) {
                    continue; // handled from v, which was settled earlier
                }
                double remV = j >= 0 ? maxMeters - reached.distanceMeters(j) : -1;
                boolean uIsA = g.edgeNodeA(e) == u;
                double remA = uIsA ? remU : remV;
                double remB = uIsA ? remV : remU;
                double len = g.edgeDistanceMeters(e);
                if (remA >= 0 && remB >= 0 && remA + remB >= len) {
                    addPiece(w, g, e, 0, len);
                    continue;
                }
                if (remA >= 0) {
                    addPiece(w, g, e, 0, Math.min(len, remA));
                }
                if (remB >= 0) {
                    addPiece(w, g, e, Math.max(0, len - remB), len);
                }
            }
        }
        Snap origin = reached.origin();
        if (origin != null) {
            double r = maxMeters - origin.offEdgeMeters();
            if (r >= 0) {
                addPiece(w, g, origin.edge(), Math.max(0, origin.alongMeters() - r),
                        Math.min(origin.edgeMeters(), origin.alongMeters() + r));
            }
        }
    }

    /** Adds the part of edge {@code e} between {@code fromMeters} and {@code toMeters} (graph metres from A). */
    private static void addPiece(Workspace w, WalkGraph g, int e, double fromMeters, double toMeters) {
        int pts = g.edgePointCount(e);
        double len = g.edgeDistanceMeters(e);
        w.ensurePoints(pts);
        double[] px = w.px;
        double[] py = w.py;
        for (int i = 0; i < pts; i++) {
            px[i] = w.x(g.edgePointLon(e, i));
            py[i] = w.y(g.edgePointLat(e, i));
        }
        if (fromMeters <= 0 && toMeters >= len) {
            if (pts == 2 && px[0] == px[1] && py[0] == py[1]) {
                w.addSegment(px[0], py[0], px[0], py[0]);
            }
            for (int i = 1; i < pts; i++) {
                w.addSegment(px[i - 1], py[i - 1], px[i], py[i]);
            }
            return;
        }
        double total = 0;
        for (int i = 1; i < pts; i++) {
            total += Math.hypot(px[i] - px[i - 1], py[i] - py[i - 1]);
        }
        if (len <= 0 || total <= 0) {
            w.addSegment(px[0], py[0], px[0], py[0]);
            return;
        }
        // graph metres → geometry metres (the graph length may differ slightly from the drawn line)
        double s0 = fromMeters / len * total;
        double s1 = toMeters / len * total;
        double cum = 0;
        boolean any = false;
        for (int i = 1; i < pts; i++) {
            double seg = Math.hypot(px[i] - px[i - 1], py[i] - py[i - 1]);
            double a = cum;
            double b = cum + seg;
            cum = b;
            double lo = Math.max(s0, a);
            double hi = Math.min(s1, b);
            if (lo > hi || seg == 0) {
                continue;
            }
            double t0 = (lo - a) / seg;
            double t1 = (hi - a) / seg;
            double dx = px[i] - px[i - 1];
            double dy = py[i] - py[i - 1];
            w.addSegment(px[i - 1] + t0 * dx, py[i - 1] + t0 * dy, px[i - 1] + t1 * dx, py[i - 1] + t1 * dy);
            any = true;
        }
        if (!any) { // rounding put s0 past the end of the line
            w.addSegment(px[pts - 1], py[pts - 1], px[pts - 1], py[pts - 1]);
        }
    }

    // ---------------------------------------------------------------- 2. raster

    /** Grid geometry: cell (cx, cy) covers metric x in [x0 + cx·cell, x0 + (cx+1)·cell). */
    record Raster(double x0, double y0, double cell, int words, int cols, int rows) {
    }

    private static Raster rasterise(Workspace w, IsochroneOptions options) {
        int margin = options.closingCells() + 2; // dilation never reaches the outermost cells
        double cell = options.cellMeters();
        double spanX = w.maxX - w.minX;
        double spanY = w.maxY - w.minY;
        int words;
        int rows;
        while (true) {
            long colsNeeded = (long) Math.floor(spanX / cell) + 1 + 2L * margin;
            long rowsNeeded = (long) Math.floor(spanY / cell) + 1 + 2L * margin;
            long wordsNeeded = (colsNeeded + 63) / 64;
            if (wordsNeeded * 64 * rowsNeeded <= MAX_CELLS) {
                words = (int) wordsNeeded;
                rows = (int) rowsNeeded;
                break;
            }
            cell *= 2;
        }
        Raster r = new Raster(w.minX - margin * cell, w.minY - margin * cell, cell, words, words * 64, rows);
        w.ensureGrid(words * rows);
        long[] bits = w.a;
        Arrays.fill(bits, 0, words * rows, 0L);
        double inv = 1.0 / cell;
        double[] s = w.seg;
        for (int i = 0, n = w.segCount * 4; i < n; i += 4) {
            walkSegment(bits, words, (s[i] - r.x0) * inv, (s[i + 1] - r.y0) * inv,
                    (s[i + 2] - r.x0) * inv, (s[i + 3] - r.y0) * inv);
        }
        return r;
    }

    /**
     * Marks every cell the segment passes through (grid units, coordinates > 0): Amanatides–Woo
     * traversal, one step per crossed cell edge.
     */
    static void walkSegment(long[] bits, int words, double x0, double y0, double x1, double y1) {
        int cx = (int) x0;
        int cy = (int) y0;
        int ex = (int) x1;
        int ey = (int) y1;
        set(bits, words, cx, cy);
        int n = Math.abs(ex - cx) + Math.abs(ey - cy);
        if (n == 0) {
            return;
        }
        double dx = x1 - x0;
        double dy = y1 - y0;
        int sx = dx > 0 ? 1 : -1;
        int sy = dy > 0 ? 1 : -1;
        double tdx = dx != 0 ? 1 / Math.abs(dx) : Double.POSITIVE_INFINITY;
        double tdy = dy != 0 ? 1 / Math.abs(dy) : Double.POSITIVE_INFINITY;
        double tmx = dx > 0 ? (cx + 1 - x0) * tdx : dx < 0 ? (x0 - cx) * tdx : Double.POSITIVE_INFINITY;
        double tmy = dy > 0 ? (cy + 1 - y0) * tdy : dy < 0 ? (y0 - cy) * tdy : Double.POSITIVE_INFINITY;
        for (; n > 0; n--) {
            if (cy == ey || (cx != ex && tmx < tmy)) {
                cx += sx;
                tmx += tdx;
            } else {
                cy += sy;
                tmy += tdy;
            }
            set(bits, words, cx, cy);
        }
    }

    private static void set(long[] bits, int words, int cx, int cy) {
        bits[cy * words + (cx >>> 6)] |= 1L << cx;
    }

    static boolean get(long[] bits, int words, int cx, int cy) {
        return (bits[cy * words + (cx >>> 6)] >>> cx & 1L) != 0;
    }

    // ---------------------------------------------------------------- 3. closing

    private static void close(Workspace w, Raster r, int k) {
        for (int step = 1; step <= k; step++) {
            morph(w.a, w.b, w.h, r.words, r.rows, (step & 1) == 1, true);
            long[] t = w.a;
            w.a = w.b;
            w.b = t;
        }
        for (int step = k; step >= 2; step--) {
            morph(w.a, w.b, w.h, r.words, r.rows, (step & 1) == 1, false);
            long[] t = w.a;
            w.a = w.b;
            w.b = t;
        }
    }

    /**
     * One dilation ({@code dilate}) or erosion step by the 3×3 square ({@code square}) or the
     * 4-neighbour cross; cells outside the grid count as empty.
     */
    private static void morph(long[] src, long[] dst, long[] h, int words, int rows, boolean square, boolean dilate) {
        for (int y = 0; y < rows; y++) {
            int base = y * words;
            for (int wi = 0; wi < words; wi++) {
                long c = src[base + wi];
                long prev = wi > 0 ? src[base + wi - 1] : 0L;
                long next = wi + 1 < words ? src[base + wi + 1] : 0L;
                long fromLeft = c << 1 | prev >>> 63;   // bit x = cell x-1
                long fromRight = c >>> 1 | next << 63;  // bit x = cell x+1
                h[base + wi] = dilate ? c | fromLeft | fromRight : c & fromLeft & fromRight;
            }
        }
        long[] vertical = square ? h : src;
        for (int y = 0; y < rows; y++) {
            int base = y * words;
            for (int wi = 0; wi < words; wi++) {
                long below = y > 0 ? vertical[base - words + wi] : 0L;
                long above = y + 1 < rows ? vertical[base + words + wi] : 0L;
                long mid = h[base + wi];
                dst[base + wi] = dilate ? mid | below | above : mid & below & above;
            }
        }
    }

    // ---------------------------------------------------------------- 4. saddles

    /**
     * Fills one empty cell of every 2×2 block whose filled cells touch only diagonally. Rows are
     * processed from the top down, filling in the lower row of each pair: a fill never creates a
     * checkerboard in its own pair (the filled cell's column becomes uniform) and only the pair
     * below, not yet processed, can gain one; so one pass suffices.
     */
    static void removeSaddles(long[] bits, int words, int rows) {
        for (int y = rows - 2; y >= 0; y--) {
            int lo = y * words;
            int hi = lo + words;
            for (int wi = 0; wi < words; wi++) {
                long r0 = bits[lo + wi];
                long r1 = bits[hi + wi];
                long r0s = r0 >>> 1 | (wi + 1 < words ? bits[lo + wi + 1] : 0L) << 63; // bit x = cell x+1
                long r1s = r1 >>> 1 | (wi + 1 < words ? bits[hi + wi + 1] : 0L) << 63;
                long diag = r0 & r1s & ~r0s & ~r1; // (x,y) and (x+1,y+1) filled, the others empty
                long anti = r0s & r1 & ~r0 & ~r1s; // (x+1,y) and (x,y+1) filled
                bits[lo + wi] = r0 | diag << 1 | anti;
                if (wi + 1 < words) {
                    bits[lo + wi + 1] |= diag >>> 63;
                }
            }
        }
    }

    // ---------------------------------------------------------------- 5. boundary

    /**
     * Test hook: the outline of a raster of {@code rows} rows of {@code words} 64-bit words (bit
     * {@code x} of word {@code y·words + x/64} = cell (x, y)), in cell units (cell (x, y) is the
     * unit square at (x, y)), after {@link #removeSaddles} (which updates {@code bits}); not
     * simplified. The outermost rows and columns must be empty.
     */
    static Geometry outlineOfCells(long[] bits, int words, int rows) {
        Workspace w = new Workspace();
        w.a = bits;
        removeSaddles(bits, words, rows);
        return trace(w, new Raster(0, 0, 1, words, words * 64, rows));
    }

    private static Geometry trace(Workspace w, Raster r) {
        int words = r.words;
        int rows = r.rows;
        int vcols = r.cols + 1;
        w.ensureVertices(vcols * (rows + 1));
        byte[] dir = w.dir;
        long[] a = w.a;
        w.startCount = 0;
        if (w.dirty) {
            Arrays.fill(dir, (byte) 0);
        }
        w.dirty = true;
        // outgoing boundary edge per vertex (filled cell on the left)
        for (int y = 0; y < rows; y++) {
            int base = y * words;
            for (int wi = 0; wi < words; wi++) {
                long c = a[base + wi];
                if (c == 0) {
                    continue;
                }
                long below = y > 0 ? a[base - words + wi] : 0L;
                long above = y + 1 < rows ? a[base + words + wi] : 0L;
                long prev = wi > 0 ? a[base + wi - 1] : 0L;
                long next = wi + 1 < words ? a[base + wi + 1] : 0L;
                long left = c << 1 | prev >>> 63;
                long right = c >>> 1 | next << 63;
                int x0 = wi << 6;
                for (long m = c & ~below; m != 0; m &= m - 1) { // bottom edge: (x,y) → east
                    w.mark((y) * vcols + x0 + Long.numberOfTrailingZeros(m), EAST);
                }
                for (long m = c & ~right; m != 0; m &= m - 1) { // right edge: (x+1,y) → north
                    w.mark((y) * vcols + x0 + Long.numberOfTrailingZeros(m) + 1, NORTH);
                }
                for (long m = c & ~above; m != 0; m &= m - 1) { // top edge: (x+1,y+1) → west
                    w.mark((y + 1) * vcols + x0 + Long.numberOfTrailingZeros(m) + 1, WEST);
                }
                for (long m = c & ~left; m != 0; m &= m - 1) { // left edge: (x,y+1) → south
                    w.mark((y + 1) * vcols + x0 + Long.numberOfTrailingZeros(m), SOUTH);
                }
            }
        }
        // follow the rings, emitting corners only
        w.ringCount = 0;
        w.pointCount = 0;
        for (int s = 0; s < w.startCount; s++) {
            int v = w.starts[s];
            if (dir[v] == 0) {
                continue;
            }
            // advance to a corner
            byte d = dir[v];
            while (true) {
                int nv = step(v, d, vcols);
                byte nd = dir[nv];
                v = nv;
                if (nd != d) {
                    break;
                }
            }
            int first = v;
            w.beginRing();
            do {
                byte out = dir[v];
                w.addRingPoint(v % vcols, v / vcols);
                dir[v] = 0;
                v = step(v, out, vcols);
                while (dir[v] == out) {
                    dir[v] = 0;
                    v = step(v, out, vcols);
                }
            } while (v != first);
            w.endRing();
        }
        w.dirty = false;
        return assemble(w);
    }

    private static int step(int v, byte d, int vcols) {
        switch (d) {
            case EAST:
                return v + 1;
            case NORTH:
                return v + vcols;
            case WEST:
                return v - 1;
            default:
                return v - vcols;
        }
    }

    /** Outer rings (positive area) become shells; each hole goes to the smallest shell around it. */
    private static Geometry assemble(Workspace w) {
        GeometryFactory f = Isochrone.wgsFactory();
        int rings = w.ringCount;
        int shells = 0;
        for (int i = 0; i < rings; i++) {
            if (w.ringArea2[i] > 0) {
                shells++;
            }
        }
        int[] shellRing = new int[shells];
        int[] holeOwner = new int[rings];
        int[] holesPerShell = new int[shells];
        for (int i = 0, s = 0; i < rings; i++) {
            if (w.ringArea2[i] > 0) {
                shellRing[s++] = i;
            }
        }
        for (int i = 0; i < rings; i++) {
            holeOwner[i] = -1;
            if (w.ringArea2[i] >= 0) {
                continue;
            }
            // a cell corner next to the hole's first vertex: same side of every other ring as the hole
            double px = w.ringX[w.ringStart[i]] + 0.5;
            double py = w.ringY[w.ringStart[i]] + 0.5;
            long best = Long.MAX_VALUE;
            for (int s = 0; s < shells; s++) {
                int sr = shellRing[s];
                if (w.ringArea2[sr] < best && contains(w, sr, px, py)) {
                    best = w.ringArea2[sr];
                    holeOwner[i] = s;
                }
            }
            if (holeOwner[i] >= 0) {
                holesPerShell[holeOwner[i]]++;
            }
        }
        Polygon[] polys = new Polygon[shells];
        for (int s = 0; s < shells; s++) {
            LinearRing[] holes = new LinearRing[holesPerShell[s]];
            int h = 0;
            for (int i = 0; i < rings; i++) {
                if (holeOwner[i] == s) {
                    holes[h++] = ring(f, w, i);
                }
            }
            polys[s] = f.createPolygon(ring(f, w, shellRing[s]), holes);
        }
        return polys.length == 1 ? polys[0] : f.createMultiPolygon(polys);
    }

    private static LinearRing ring(GeometryFactory f, Workspace w, int i) {
        int from = w.ringStart[i];
        int to = w.ringStart[i + 1];
        Coordinate[] c = new Coordinate[to - from + 1];
        for (int k = from; k < to; k++) {
            c[k - from] = new Coordinate(w.ringX[k], w.ringY[k]);
        }
        c[to - from] = c[0].copy();
        return f.createLinearRing(c);
    }

    /** Even–odd test of a point off the grid lines against ring {@code i} (axis-parallel edges). */
    private static boolean contains(Workspace w, int i, double px, double py) {
        int from = w.ringStart[i];
        int to = w.ringStart[i + 1];
        boolean in = false;
        for (int k = from, prev = to - 1; k < to; prev = k++) {
            int x = w.ringX[k];
            if (x == w.ringX[prev] && x > px) { // vertical edge right of the point
                int ya = w.ringY[k];
                int yb = w.ringY[prev];
                if ((ya < py) != (yb < py)) {
                    in = !in;
                }
            }
        }
        return in;
    }

    // ---------------------------------------------------------------- 6. simplify, project

    private static Geometry simplify(Geometry gridArea, IsochroneOptions options, double cell) {
        double tolerance = options.simplifyMeters() / cell; // grid units
        Geometry out = tolerance > 0 ? DouglasPeuckerSimplifier.simplify(gridArea, tolerance) : gridArea;
        for (int round = 0; round < 40 && out.getNumPoints() > options.maxVertices(); round++) {
            tolerance = Math.max(0.25, tolerance * 1.5);
            out = DouglasPeuckerSimplifier.simplify(gridArea, tolerance);
        }
        return out;
    }

    private static void toWgs84(Geometry g, Raster r, Workspace w) {
        double lon0 = w.lon0;
        double lat0 = w.lat0;
        double lonPerCell = r.cell / w.mPerLon;
        double latPerCell = r.cell / w.mPerLat;
        double lonAt0 = lon0 + r.x0 / w.mPerLon;
        double latAt0 = lat0 + r.y0 / w.mPerLat;
        GeoMath.affineToWgs84(g, lonAt0, lonPerCell, latAt0, latPerCell);
    }

    // ---------------------------------------------------------------- buffers

    /** Per-thread reusable buffers; grown on demand, never shrunk. */
    private static final class Workspace {
        double lon0;
        double lat0;
        double mPerLon;
        final double mPerLat = GeoMath.METERS_PER_DEGREE;

        double[] seg = new double[4096]; // x0, y0, x1, y1 (metres)
        int segCount;
        double minX;
        double minY;
        double maxX;
        double maxY;
        double[] px = new double[64];
        double[] py = new double[64];

        long[] a = new long[0];
        long[] b = new long[0];
        long[] h = new long[0];

        byte[] dir = new byte[0];
        boolean dirty;
        int[] starts = new int[1024];
        int startCount;

        int[] ringX = new int[1024];
        int[] ringY = new int[1024];
        int pointCount;
        int[] ringStart = new int[65];
        long[] ringArea2 = new long[64];
        int ringCount;

        void begin(double lon0, double lat0) {
            this.lon0 = lon0;
            this.lat0 = lat0;
            this.mPerLon = GeoMath.metersPerDegreeLon(lat0);
            segCount = 0;
            minX = Double.POSITIVE_INFINITY;
            minY = Double.POSITIVE_INFINITY;
            maxX = Double.NEGATIVE_INFINITY;
            maxY = Double.NEGATIVE_INFINITY;
        }

        double x(double lon) {
            return (lon - lon0) * mPerLon;
        }

        double y(double lat) {
            return (lat - lat0) * mPerLat;
        }

        void ensurePoints(int n) {
            if (px.length < n) {
                px = new double[Math.max(n, px.length * 2)];
                py = new double[px.length];
            }
        }

        void addSegment(double x0, double y0, double x1, double y1) {
            int i = segCount * 4;
            if (i + 4 > seg.length) {
                seg = Arrays.copyOf(seg, seg.length * 2);
            }
            seg[i] = x0;
            seg[i + 1] = y0;
            seg[i + 2] = x1;
            seg[i + 3] = y1;
            segCount++;
            minX = Math.min(minX, Math.min(x0, x1));
            maxX = Math.max(maxX, Math.max(x0, x1));
            minY = Math.min(minY, Math.min(y0, y1));
            maxY = Math.max(maxY, Math.max(y0, y1));
        }

        void ensureGrid(int n) {
            if (a.length < n) {
                a = new long[n];
                b = new long[n];
                h = new long[n];
            }
        }

        void ensureVertices(int n) {
            if (dir.length < n) {
                dir = new byte[n];
                dirty = false;
            }
        }

        void mark(int vertex, byte d) {
            dir[vertex] = d;
            if (startCount == starts.length) {
                starts = Arrays.copyOf(starts, startCount * 2);
            }
            starts[startCount++] = vertex;
        }

        void beginRing() {
            if (ringCount + 2 > ringStart.length) {
                ringStart = Arrays.copyOf(ringStart, ringStart.length * 2);
                ringArea2 = Arrays.copyOf(ringArea2, ringStart.length);
            }
            ringStart[ringCount] = pointCount;
        }

        void addRingPoint(int x, int y) {
            if (pointCount == ringX.length) {
                ringX = Arrays.copyOf(ringX, pointCount * 2);
                ringY = Arrays.copyOf(ringY, pointCount * 2);
            }
            ringX[pointCount] = x;
            ringY[pointCount++] = y;
        }

        void endRing() {
            int from = ringStart[ringCount];
            long area2 = 0;
            for (int k = from, prev = pointCount - 1; k < pointCount; prev = k++) {
                area2 += (long) ringX[prev] * ringY[k] - (long) ringX[k] * ringY[prev];
            }
            ringArea2[ringCount++] = area2;
            ringStart[ringCount] = pointCount;
        }
    }
}
