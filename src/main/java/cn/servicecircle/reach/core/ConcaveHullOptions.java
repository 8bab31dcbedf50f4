package cn.servicecircle.reach.core;

/**
 * How an isochrone polygon is drawn from the reached network (see {@link ConcaveHullIsochrone}).
 *
 * <p>Contract: {@code densifyMeters} in (0, 500] (spacing of sample points along reached streets);
 * {@code hullMaxEdgeMeters} in (0, 5000] (longest concave-hull edge: gaps wider than this between
 * reached streets stay outside); {@code bufferMeters} in (0, 500] (margin added around the hull);
 * {@code simplifyMeters} in [0, 500]; {@code maxVertices} ≥ 16; {@code quadrantSegments} in
 * [1, 16] (buffer arc resolution).
 */
public record ConcaveHullOptions(double densifyMeters, double hullMaxEdgeMeters, double bufferMeters,
                               double simplifyMeters, int maxVertices, int quadrantSegments) {

    /**
     * For phones: samples every 25 m, hull edges ≤ 60 m, 25 m margin, 10 m simplification,
     * ≤ 600 vertices, 2 segments per quarter circle. Measured on 30 random 15-minute Heidelberg
     * isochrones: ~6.5 ms each (first, untuned run) and 11 of 967 nodes that need over 22.5 min
     * inside the polygon (bridges over reached paths, the far side of fences and rails); with
     * 40/100/35 it was ~14 ms and 23 of 1,082.
     */
    public static final ConcaveHullOptions PHONE = new ConcaveHullOptions(25, 60, 25, 10, 600, 2);

    public ConcaveHullOptions {
        if (!(densifyMeters > 0 && densifyMeters <= 500)) {
            throw new IllegalArgumentException("densifyMeters must be in (0, 500], was " + densifyMeters);
        }
        if (!(hullMaxEdgeMeters > 0 && hullMaxEdgeMeters <= 5000)) {
            throw new IllegalArgumentException("hullMaxEdgeMeters must be in (0, 5000], was " + hullMaxEdgeMeters);
        }
        if (!(bufferMeters > 0 && bufferMeters <= 500)) {
            throw new IllegalArgumentException("bufferMeters must be in (0, 500], was " + bufferMeters);
        }
        if (!(simplifyMeters >= 0 && simplifyMeters <= 500)) {
            throw new IllegalArgumentException("simplifyMeters must be in [0, 500], was " + simplifyMeters);
        }
        if (maxVertices < 16) {
            throw new IllegalArgumentException("maxVertices must be >= 16, was " + maxVertices);
        }
        if (quadrantSegments < 1 || quadrantSegments > 16) {
            throw new IllegalArgumentException("quadrantSegments must be in [1, 16]");
        }
    }
}
