package cn.servicecircle.reach.core;

import java.util.Arrays;

/**
 * Immutable, compact, undirected walk graph in CSR (compressed sparse row) arrays.
 *
 * <p>Contract:
 * <ul>
 *   <li>Nodes are {@code 0 .. nodeCount()-1}, with WGS84 lon/lat in degrees.</li>
 *   <li>Edges are {@code 0 .. edgeCount()-1}, undirected, between {@link #edgeNodeA(int)} and
 *       {@link #edgeNodeB(int)} (may be equal: a loop), with a finite length
 *       {@link #edgeDistanceMeters(int)} ≥ 0 in metres. Walking time is not stored: it is
 *       {@code distanceMeters / speed} for the query's {@link WalkSpeed}.</li>
 *   <li>Adjacency: for node {@code n}, arcs {@code i} in {@code [firstArc(n), endArc(n))}; each arc
 *       has an {@link #arcEdge(int) edge} and a {@link #arcHead(int) head} (the other end). Every
 *       non-loop edge appears as one arc at each end; a loop appears once at its node.</li>
 *   <li>Geometry (optional): an edge may carry intermediate points ("pillars") between A and B.
 *       {@link #edgePointCount(int)} counts A, pillars and B (≥ 2); point 0 is A, the last is B.</li>
 * </ul>
 * Instances are safe to share between threads.
 */
public final class WalkGraph {

    private final double[] nodeLon;
    private final double[] nodeLat;
    private final int[] edgeA;
    private final int[] edgeB;
    private final double[] edgeMeters;
    private final int[] arcStart; // nodeCount + 1
    private final int[] arcEdge;
    private final int[] arcHead;
    private final int[] pillarStart; // edgeCount + 1
    private final double[] pillarLon;
    private final double[] pillarLat;

    private WalkGraph(Builder b) {
        int n = b.nodeCount;
        int m = b.edgeCount;
        nodeLon = Arrays.copyOf(b.nodeLon, n);
        nodeLat = Arrays.copyOf(b.nodeLat, n);
        edgeA = Arrays.copyOf(b.edgeA, m);
        edgeB = Arrays.copyOf(b.edgeB, m);
        edgeMeters = Arrays.copyOf(b.edgeMeters, m);
        pillarStart = Arrays.copyOf(b.pillarStart, m + 1);
        pillarLon = Arrays.copyOf(b.pillarLon, b.pillarCount);
        pillarLat = Arrays.copyOf(b.pillarLat, b.pillarCount);

        arcStart = new int[n + 1];
        for (int e = 0; e < m; e++) {
            arcStart[edgeA[e] + 1]++;
            if (edgeA[e] != edgeB[e]) {
                arcStart[edgeB[e] + 1]++;
            }
        }
        for (int i = 0; i < n; i++) {
            arcStart[i + 1] += arcStart[i];
        }
        int arcs = arcStart[n];
        arcEdge = new int[arcs];
        arcHead = new int[arcs];
        int[] fill = Arrays.copyOf(arcStart, n);
        for (int e = 0; e < m; e++) {
            int a = edgeA[e];
            int bb = edgeB[e];
            arcEdge[fill[a]] = e;
            arcHead[fill[a]++] = bb;
            if (a != bb) {
                arcEdge[fill[bb]] = e;
                arcHead[fill[bb]++] = a;
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** @return the convex hull of all nodes, WGS84 (SRID 4326); empty for a graph without nodes */
    public org.locationtech.jts.geom.Geometry convexHull() {
        org.locationtech.jts.geom.Coordinate[] cs = new org.locationtech.jts.geom.Coordinate[nodeCount()];
        for (int n = 0; n < cs.length; n++) {
            cs[n] = new org.locationtech.jts.geom.Coordinate(lon(n), lat(n));
        }
        return new org.locationtech.jts.geom.GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 4326)
                .createMultiPointFromCoords(cs).convexHull();
    }

    public int nodeCount() {
        return nodeLon.length;
    }

    public int edgeCount() {
        return edgeA.length;
    }

    /** Longitude of {@code node}, WGS84 degrees. */
    public double lon(int node) {
        return nodeLon[node];
    }

    /** Latitude of {@code node}, WGS84 degrees. */
    public double lat(int node) {
        return nodeLat[node];
    }

    public int edgeNodeA(int edge) {
        return edgeA[edge];
    }

    public int edgeNodeB(int edge) {
        return edgeB[edge];
    }

    /** Length of {@code edge} in metres, finite and ≥ 0. */
    public double edgeDistanceMeters(int edge) {
        return edgeMeters[edge];
    }

    /** The end of {@code edge} that is not {@code node} (or {@code node} for a loop). */
    public int otherNode(int edge, int node) {
        return edgeA[edge] == node ? edgeB[edge] : edgeA[edge];
    }

    public int firstArc(int node) {
        return arcStart[node];
    }

    /** Exclusive end of {@code node}'s arcs. */
    public int endArc(int node) {
        return arcStart[node + 1];
    }

    public int arcEdge(int arc) {
        return arcEdge[arc];
    }

    public int arcHead(int arc) {
        return arcHead[arc];
    }

    /** Degree of {@code node} (a loop counts once). */
    public int degree(int node) {
        return arcStart[node + 1] - arcStart[node];
    }

    /** Points of the edge polyline: A, the pillars, B; always ≥ 2. */
    public int edgePointCount(int edge) {
        return 2 + pillarStart[edge + 1] - pillarStart[edge];
    }

    /** Longitude of point {@code i} of the edge polyline ({@code 0} = A, {@code edgePointCount-1} = B). */
    public double edgePointLon(int edge, int i) {
        if (i == 0) {
            return nodeLon[edgeA[edge]];
        }
        int pillars = pillarStart[edge + 1] - pillarStart[edge];
        return i > pillars ? nodeLon[edgeB[edge]] : pillarLon[pillarStart[edge] + i - 1];
    }

    /** Latitude of point {@code i} of the edge polyline. */
    public double edgePointLat(int edge, int i) {
        if (i == 0) {
            return nodeLat[edgeA[edge]];
        }
        int pillars = pillarStart[edge + 1] - pillarStart[edge];
        return i > pillars ? nodeLat[edgeB[edge]] : pillarLat[pillarStart[edge] + i - 1];
    }

    /** Builds a {@link WalkGraph}; not thread-safe, use once. */
    public static final class Builder {
        private double[] nodeLon = new double[16];
        private double[] nodeLat = new double[16];
        private int nodeCount;
        private int[] edgeA = new int[16];
        private int[] edgeB = new int[16];
        private double[] edgeMeters = new double[16];
        private int[] pillarStart = new int[17];
        private int edgeCount;
        private double[] pillarLon = new double[16];
        private double[] pillarLat = new double[16];
        private int pillarCount;

        private Builder() {
        }

        /**
         * Adds a node and returns its id (consecutive from 0).
         *
         * @param lon WGS84 longitude in [-180, 180]
         * @param lat WGS84 latitude in [-90, 90]
         */
        public int addNode(double lon, double lat) {
            if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) {
                throw new IllegalArgumentException("bad coordinate lon=" + lon + " lat=" + lat);
            }
            if (nodeCount == nodeLon.length) {
                nodeLon = Arrays.copyOf(nodeLon, nodeCount * 2);
                nodeLat = Arrays.copyOf(nodeLat, nodeCount * 2);
            }
            nodeLon[nodeCount] = lon;
            nodeLat[nodeCount] = lat;
            return nodeCount++;
        }

        /** Adds a straight edge; returns its id. See {@link #addEdge(int, int, double, double[])}. */
        public int addEdge(int nodeA, int nodeB, double distanceMeters) {
            return addEdge(nodeA, nodeB, distanceMeters, null);
        }

        /**
         * Adds an undirected edge and returns its id (consecutive from 0).
         *
         * @param distanceMeters finite, ≥ 0
         * @param pillarLonLat   nullable; intermediate points from A to B as
         *                       {@code [lon0, lat0, lon1, lat1, ...]} (WGS84 degrees)
         */
        public int addEdge(int nodeA, int nodeB, double distanceMeters, double[] pillarLonLat) {
            if (nodeA < 0 || nodeA >= nodeCount || nodeB < 0 || nodeB >= nodeCount) {
                throw new IllegalArgumentException("unknown node in edge " + nodeA + "-" + nodeB);
            }
            if (!(distanceMeters >= 0) || Double.isInfinite(distanceMeters)) {
                throw new IllegalArgumentException("distanceMeters must be finite and >= 0, was " + distanceMeters);
            }
            if (pillarLonLat != null && pillarLonLat.length % 2 != 0) {
                throw new IllegalArgumentException("pillarLonLat needs lon/lat pairs");
            }
            if (edgeCount == edgeA.length) {
                edgeA = Arrays.copyOf(edgeA, edgeCount * 2);
                edgeB = Arrays.copyOf(edgeB, edgeCount * 2);
                edgeMeters = Arrays.copyOf(edgeMeters, edgeCount * 2);
                pillarStart = Arrays.copyOf(pillarStart, edgeCount * 2 + 1);
            }
            int pillars = pillarLonLat == null ? 0 : pillarLonLat.length / 2;
            if (pillarCount + pillars > pillarLon.length) {
                int cap = Math.max(pillarLon.length * 2, pillarCount + pillars);
                pillarLon = Arrays.copyOf(pillarLon, cap);
                pillarLat = Arrays.copyOf(pillarLat, cap);
            }
            for (int i = 0; i < pillars; i++) {
                pillarLon[pillarCount] = pillarLonLat[2 * i];
                pillarLat[pillarCount++] = pillarLonLat[2 * i + 1];
            }
            edgeA[edgeCount] = nodeA;
            edgeB[edgeCount] = nodeB;
            edgeMeters[edgeCount] = distanceMeters;
            pillarStart[edgeCount + 1] = pillarCount;
            return edgeCount++;
        }

        public int nodeCount() {
            return nodeCount;
        }

        public WalkGraph build() {
            return new WalkGraph(this);
        }
    }
}
