package cn.servicecircle.reach.core;

/**
 * How the default isochrone polygon is drawn from the reached network (see {@link Isochrone} and
 * {@link GridIsochrone}); the concave-hull alternative has its own {@link ConcaveHullOptions}.
 *
 * <p>Contract:
 * <ul>
 *   <li>{@code cellMeters} in [1, 500]: side of a square raster cell in metres (local metric frame
 *       around the origin). Every point of a reached street piece lies in a marked cell. The
 *       builder doubles it when the grid would exceed {@link GridIsochrone#MAX_CELLS} cells
 *       (only for very long limits), so it is a lower bound on the cell actually used.</li>
 *   <li>{@code closingCells} {@code k} in [1, 8]: the marked cells are dilated {@code k} times and
 *       eroded {@code k-1} times (see {@link GridIsochrone}); the result always contains every
 *       marked cell and its 8 neighbours (street frontage of at least one cell) and fills
 *       unreached gaps up to about {@code 2(k-1)} cells wide between dilated streets.</li>
 *   <li>{@code simplifyMeters} in [0, 500]: Douglas–Peucker tolerance in metres that removes the
 *       cell staircase; raised ×1.5 per round while the polygon has more than {@code maxVertices}
 *       points.</li>
 *   <li>{@code maxVertices} ≥ 16: cap on {@code Geometry.getNumPoints()} of the result (closing
 *       points included).</li>
 * </ul>
 *
 * @param cellMeters     raster cell side, metres
 * @param closingCells   dilation steps k (erosion steps are k-1), cells
 * @param simplifyMeters Douglas–Peucker tolerance, metres
 * @param maxVertices    vertex cap of the output geometry, points
 */
public record IsochroneOptions(double cellMeters, int closingCells, double simplifyMeters, int maxVertices) {

    /**
     * For phones: 15 m cells, k = 5 (every reached street piece with 15–30 m of frontage; gaps of
     * about 8 cells = 120 m between the widened streets filled), 11 m simplification (≈ 0.75 cell
     * removes a 45° staircase), ≤ 600 vertices. Chosen on 40 random 15-minute Heidelberg reaches
     * (tuning run, seed 99) against 30/2 and 20/4: 0 of 21,299 reached nodes outside for all, nodes
     * needing over 22.5 min inside 1.2 % (30/2: 3.0 %, 20/4: 1.8 %; concave hull: 1.1 %), ~114
     * points per polygon (hull: ~104). Speed: bench/README.md.
     */
    public static final IsochroneOptions PHONE = new IsochroneOptions(15, 5, 11, 600);

    public IsochroneOptions {
        if (!(cellMeters >= 1 && cellMeters <= 500)) {
            throw new IllegalArgumentException("cellMeters must be in [1, 500], was " + cellMeters);
        }
        if (closingCells < 1 || closingCells > 8) {
            throw new IllegalArgumentException("closingCells must be in [1, 8], was " + closingCells);
        }
        if (!(simplifyMeters >= 0 && simplifyMeters <= 500)) {
            throw new IllegalArgumentException("simplifyMeters must be in [0, 500], was " + simplifyMeters);
        }
        if (maxVertices < 16) {
            throw new IllegalArgumentException("maxVertices must be >= 16, was " + maxVertices);
        }
    }
}
