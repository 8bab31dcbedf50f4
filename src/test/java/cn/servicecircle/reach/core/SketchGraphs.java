package cn.servicecircle.reach.core;

/** Small hand-drawn graphs shared by the core tests. */
final class SketchGraphs {

    static final double LON0 = 8.69;
    static final double LAT0 = 49.41;
    /** 1 m/s, so seconds equal metres in expectations. */
    static final WalkSpeed ONE_MPS = new WalkSpeed(1.0);

    private SketchGraphs() {
    }

    /**
     * Abstract lengths (coordinates irrelevant), metres on the edges, edge ids in brackets:
     * <pre>
     *   0 --100 [0]-- 1 --100 [1]-- 2
     *   |             |
     *  50 [2]       300 [4]
     *   |             |
     *   3 --100 [3]-- 4             5 --10 [5]-- 6     (5-6 disconnected)
     * </pre>
     */
    static WalkGraph sketch() {
        WalkGraph.Builder b = WalkGraph.builder();
        for (int i = 0; i < 7; i++) {
            b.addNode(LON0 + i * 0.001, LAT0);
        }
        b.addEdge(0, 1, 100);
        b.addEdge(1, 2, 100);
        b.addEdge(0, 3, 50);
        b.addEdge(3, 4, 100);
        b.addEdge(1, 4, 300);
        b.addEdge(5, 6, 10);
        return b.build();
    }

    /** Longitude {@code eastMeters} east of {@link #LON0} at {@link #LAT0}. */
    static double lonAt(double eastMeters) {
        return LON0 + eastMeters / GeoMath.metersPerDegreeLon(LAT0);
    }

    /** Latitude {@code northMeters} north of {@link #LAT0}. */
    static double latAt(double northMeters) {
        return LAT0 + northMeters / GeoMath.METERS_PER_DEGREE;
    }

    /** A snap built by hand (coordinates unused by the searches). */
    static Snap snap(WalkGraph g, int edge, double along, double off) {
        return new Snap(edge, along, g.edgeDistanceMeters(edge), off, 0, 0);
    }
}
