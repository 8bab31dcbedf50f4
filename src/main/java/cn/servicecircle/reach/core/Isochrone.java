package cn.servicecircle.reach.core;

import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Entry point for isochrone polygons: callers (the HTTP layer) use
 * {@code Isochrone.build(reached, IsochroneOptions.PHONE)}.
 *
 * <p>The default method is the raster builder {@link GridIsochrone} (reached street pieces → cells
 * → closing → traced cell boundary → Douglas–Peucker). The older concave-hull builder stays
 * available as {@link ConcaveHullIsochrone#build(ReachedNodes, ConcaveHullOptions)}, e.g. as the
 * benchmark anchor; it is ~10–20× slower (bench/README.md).
 *
 * <p>Contract: as {@link GridIsochrone#build(ReachedNodes, IsochroneOptions)}. Thread-safe.
 */
public final class Isochrone {

    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private Isochrone() {
    }

    /**
     * Isochrone polygon of a bounded search, WGS84 (SRID 4326).
     *
     * @param reached result of a {@link SingleSourceSearch} (its limit, speed and origin are used)
     * @param options raster options, usually {@link IsochroneOptions#PHONE}
     */
    public static IsochroneResult build(ReachedNodes reached, IsochroneOptions options) {
        return GridIsochrone.build(reached, options);
    }

    /** Factory for WGS84 lon/lat geometries (SRID 4326, floating precision); shareable. */
    static GeometryFactory wgsFactory() {
        return WGS84;
    }
}
