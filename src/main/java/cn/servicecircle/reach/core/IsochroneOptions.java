package cn.servicecircle.reach.core;

/**
 * How an isochrone polygon is drawn from the reached network.
 *
 * <p>Contract: {@code bufferMeters} in (0, 500]; {@code simplifyMeters} in [0, 500];
 * {@code maxVertices} ≥ 16; {@code maxHoleAreaSquareMeters} ≥ 0 (holes smaller than this are
 * filled: the inside of a street block is walkable in practice); {@code quadrantSegments} in
 * [1, 16] (JTS buffer arc resolution).
 */
public record IsochroneOptions(double bufferMeters, double simplifyMeters, int maxVertices,
                               double maxHoleAreaSquareMeters, int quadrantSegments) {

    /** 35 m buffer, 10 m simplification, ≤ 600 vertices, holes under 2 ha filled, 2 segments per quadrant. */
    public static final IsochroneOptions PHONE = new IsochroneOptions(35, 10, 600, 20_000, 2);

    public IsochroneOptions {
        if (!(bufferMeters > 0 && bufferMeters <= 500)) {
            throw new IllegalArgumentException("bufferMeters must be in (0, 500], was " + bufferMeters);
        }
        if (!(simplifyMeters >= 0 && simplifyMeters <= 500)) {
            throw new IllegalArgumentException("simplifyMeters must be in [0, 500], was " + simplifyMeters);
        }
        if (maxVertices < 16) {
            throw new IllegalArgumentException("maxVertices must be >= 16, was " + maxVertices);
        }
        if (!(maxHoleAreaSquareMeters >= 0)) {
            throw new IllegalArgumentException("maxHoleAreaSquareMeters must be >= 0");
        }
        if (quadrantSegments < 1 || quadrantSegments > 16) {
            throw new IllegalArgumentException("quadrantSegments must be in [1, 16]");
        }
    }
}
