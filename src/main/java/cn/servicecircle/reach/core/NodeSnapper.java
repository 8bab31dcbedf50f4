package cn.servicecircle.reach.core;

import java.util.Arrays;
import java.util.Optional;

/**
 * Attaches a lon/lat to the walk graph: nearest point on the nearest edge segment (pillar geometry
 * included), within a maximum snap distance.
 *
 * <p>Index: a uniform lon/lat grid (cells of about {@value #CELL_METERS} m) listing every edge
 * segment whose bounding box touches the cell; a query scans the cells within the max snap
 * distance. Distances use a local equirectangular projection around the query point (error well
 * below 0.1 % at 300 m).
 *
 * <p>Contract: {@link #snap(double, double)} returns empty when no edge lies within
 * {@link #maxSnapMeters()} (the HTTP layer maps that to 422 POINT_NOT_ROUTABLE). Ties between
 * equally near segments go to the lower edge id. Immutable and thread-safe.
 */
public final class NodeSnapper {

    /** Default maximum snap distance in metres. */
    public static final double DEFAULT_MAX_SNAP_METERS = 300.0;
    static final double CELL_METERS = 150.0;

    private final WalkGraph graph;
    private final double maxSnapMeters;
    private final double minLon;
    private final double minLat;
    private final double cellDegLon;
    private final double cellDegLat;
    private final int cols;
    private final int rows;
    private final int[] cellStart;
    private final int[] cellEdge;
    private final int[] cellSegment;
    private final double[] edgePolylineMeters; // haversine length of each edge polyline

    public NodeSnapper(WalkGraph graph) {
        this(graph, DEFAULT_MAX_SNAP_METERS);
    }

    /** @param maxSnapMeters maximum distance from a query point to the network, in (0, 10000] m */
    public NodeSnapper(WalkGraph graph, double maxSnapMeters) {
        if (!(maxSnapMeters > 0 && maxSnapMeters <= 10_000)) {
            throw new IllegalArgumentException("maxSnapMeters must be in (0, 10000], was " + maxSnapMeters);
        }
        this.graph = graph;
        this.maxSnapMeters = maxSnapMeters;
        int m = graph.edgeCount();
        double loLon = Double.POSITIVE_INFINITY, loLat = Double.POSITIVE_INFINITY;
        double hiLon = Double.NEGATIVE_INFINITY, hiLat = Double.NEGATIVE_INFINITY;
        for (int n = 0; n < graph.nodeCount(); n++) {
            loLon = Math.min(loLon, graph.lon(n));
            hiLon = Math.max(hiLon, graph.lon(n));
            loLat = Math.min(loLat, graph.lat(n));
            hiLat = Math.max(hiLat, graph.lat(n));
        }
        edgePolylineMeters = new double[m];
        for (int e = 0; e < m; e++) {
            int pts = graph.edgePointCount(e);
            double len = 0;
            for (int i = 1; i < pts; i++) {
                len += GeoMath.haversineMeters(graph.edgePointLon(e, i - 1), graph.edgePointLat(e, i - 1),
                        graph.edgePointLon(e, i), graph.edgePointLat(e, i));
            }
            edgePolylineMeters[e] = len;
            for (int i = 0; i < pts; i++) { // pillars may lie outside the node bbox
                loLon = Math.min(loLon, graph.edgePointLon(e, i));
                hiLon = Math.max(hiLon, graph.edgePointLon(e, i));
                loLat = Math.min(loLat, graph.edgePointLat(e, i));
                hiLat = Math.max(hiLat, graph.edgePointLat(e, i));
            }
        }
        if (m == 0) {
            loLon = loLat = hiLon = hiLat = 0;
        }
        double midLat = (loLat + hiLat) / 2;
        minLon = loLon;
        minLat = loLat;
        cellDegLat = CELL_METERS / GeoMath.METERS_PER_DEGREE;
        cellDegLon = CELL_METERS / Math.max(1.0, GeoMath.metersPerDegreeLon(midLat));
        cols = Math.max(1, (int) Math.floor((hiLon - loLon) / cellDegLon) + 1);
        rows = Math.max(1, (int) Math.floor((hiLat - loLat) / cellDegLat) + 1);
        if ((long) cols * rows > 50_000_000L) {
            throw new IllegalArgumentException("graph extent too large for the snapping grid: " + cols + "x" + rows);
        }
        // two passes: count, then fill (CSR per cell)
        cellStart = new int[cols * rows + 1];
        int[] cellEdgeTmp = null;
        int[] cellSegmentTmp = null;
        for (int pass = 0; pass < 2; pass++) {
            int[] fill = pass == 1 ? Arrays.copyOf(cellStart, cols * rows) : null;
            for (int e = 0; e < m; e++) {
                int pts = graph.edgePointCount(e);
                for (int s = 0; s + 1 < pts; s++) {
                    double lon0 = graph.edgePointLon(e, s), lat0 = graph.edgePointLat(e, s);
                    double lon1 = graph.edgePointLon(e, s + 1), lat1 = graph.edgePointLat(e, s + 1);
                    int c0 = col(Math.min(lon0, lon1)), c1 = col(Math.max(lon0, lon1));
                    int r0 = row(Math.min(lat0, lat1)), r1 = row(Math.max(lat0, lat1));
                    for (int r = r0; r <= r1; r++) {
                        for (int c = c0; c <= c1; c++) {
                            int cell = r * cols + c;
                            if (pass == 0) {
                                cellStart[cell + 1]++;
                            } else {
                                int slot = fill[cell]++;
                                cellEdgeTmp[slot] = e;
                                cellSegmentTmp[slot] = s;
                            }
                        }
                    }
                }
            }
            if (pass == 0) {
                for (int i = 0; i < cols * rows; i++) {
                    cellStart[i + 1] += cellStart[i];
                }
                cellEdgeTmp = new int[cellStart[cols * rows]];
                cellSegmentTmp = new int[cellStart[cols * rows]];
            }
        }
        cellEdge = cellEdgeTmp;
        cellSegment = cellSegmentTmp;
    }

    private int col(double lon) {
        return Math.max(0, Math.min(cols - 1, (int) Math.floor((lon - minLon) / cellDegLon)));
    }

    private int row(double lat) {
        return Math.max(0, Math.min(rows - 1, (int) Math.floor((lat - minLat) / cellDegLat)));
    }

    public double maxSnapMeters() {
        return maxSnapMeters;
    }

    public WalkGraph graph() {
        return graph;
    }

    /**
     * Nearest point on the network.
     *
     * @param lon WGS84 longitude, degrees
     * @param lat WGS84 latitude, degrees
     * @return the snap, or empty when the nearest edge is farther than {@link #maxSnapMeters()}
     * (or the coordinate is not finite)
     */
    public Optional<Snap> snap(double lon, double lat) {
        if (!Double.isFinite(lon) || !Double.isFinite(lat) || graph.edgeCount() == 0) {
            return Optional.empty();
        }
        double mPerLon = GeoMath.metersPerDegreeLon(lat);
        double mPerLat = GeoMath.METERS_PER_DEGREE;
        double dLon = maxSnapMeters / Math.max(1.0, mPerLon);
        double dLat = maxSnapMeters / mPerLat;
        if (lon + dLon < minLon || lat + dLat < minLat
                || lon - dLon > minLon + cols * cellDegLon || lat - dLat > minLat + rows * cellDegLat) {
            return Optional.empty();
        }
        int c0 = col(lon - dLon), c1 = col(lon + dLon);
        int r0 = row(lat - dLat), r1 = row(lat + dLat);
        double best = maxSnapMeters * maxSnapMeters;
        int bestEdge = -1, bestSeg = -1;
        double bestT = 0;
        for (int r = r0; r <= r1; r++) {
            for (int c = c0; c <= c1; c++) {
                int cell = r * cols + c;
                for (int k = cellStart[cell]; k < cellStart[cell + 1]; k++) {
                    int e = cellEdge[k];
                    int s = cellSegment[k];
                    double ax = (graph.edgePointLon(e, s) - lon) * mPerLon;
                    double ay = (graph.edgePointLat(e, s) - lat) * mPerLat;
                    double bx = (graph.edgePointLon(e, s + 1) - lon) * mPerLon;
                    double by = (graph.edgePointLat(e, s + 1) - lat) * mPerLat;
                    double vx = bx - ax, vy = by - ay;
                    double len2 = vx * vx + vy * vy;
                    double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, -(ax * vx + ay * vy) / len2));
                    double px = ax + t * vx, py = ay + t * vy;
                    double d2 = px * px + py * py;
                    if (d2 < best || (d2 == best && bestEdge >= 0 && e < bestEdge)) {
                        best = d2;
                        bestEdge = e;
                        bestSeg = s;
                        bestT = t;
                    }
                }
            }
        }
        if (bestEdge < 0) {
            return Optional.empty();
        }
        return Optional.of(toSnap(bestEdge, bestSeg, bestT, Math.sqrt(best)));
    }

    private Snap toSnap(int e, int seg, double t, double offMeters) {
        double lon0 = graph.edgePointLon(e, seg), lat0 = graph.edgePointLat(e, seg);
        double lon1 = graph.edgePointLon(e, seg + 1), lat1 = graph.edgePointLat(e, seg + 1);
        double before = 0;
        for (int i = 1; i <= seg; i++) {
            before += GeoMath.haversineMeters(graph.edgePointLon(e, i - 1), graph.edgePointLat(e, i - 1),
                    graph.edgePointLon(e, i), graph.edgePointLat(e, i));
        }
        double segLen = GeoMath.haversineMeters(lon0, lat0, lon1, lat1);
        double polyLen = edgePolylineMeters[e];
        double edgeMeters = graph.edgeDistanceMeters(e);
        double fraction = polyLen > 0 ? (before + t * segLen) / polyLen : 0;
        double along = Math.max(0, Math.min(edgeMeters, fraction * edgeMeters));
        return new Snap(e, along, edgeMeters, offMeters, lon0 + t * (lon1 - lon0), lat0 + t * (lat1 - lat0));
    }
}
