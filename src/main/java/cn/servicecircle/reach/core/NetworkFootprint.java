package cn.servicecircle.reach.core;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.simplify.DouglasPeuckerSimplifier;

/**
 * The area a walking network serves, for regions whose only boundary is their network: the land near its ways,
 * with holes filled (a park or a forest between ways belongs to the region; a point there is "not routable", not
 * "outside"). Unlike the convex hull it leaves out the land between detached parts of the network: the Heidelberg
 * test network has a strand of ways 50 km to the west, and its convex hull covered Mannheim, where it has no way.
 *
 * <p>Method: in a local equirectangular metric frame centred on the network (scale error well below 1 % across a
 * city), mark every cell of a square grid a way passes through ({@link GridIsochrone#walkSegment}), dilate by a disk
 * large enough that every point within {@code marginMeters} of a way is in a marked cell even after simplification,
 * trace the cells' outline ({@link GridIsochrone#outlineOfCells}), drop holes, simplify.
 *
 * <p>Contract: every point within {@code marginMeters} of a way is covered; no covered point is farther than
 * {@code marginMeters + 2 × simplifyMeters + 4 × cellMeters} from a way.
 */
public final class NetworkFootprint {
    private NetworkFootprint() {
    }

    /**
     * @param marginMeters   distance around every way that must be covered, &gt; 0 (the snapping distance)
     * @param cellMeters     grid cell, &gt; 0; smaller is tighter and slower
     * @param simplifyMeters Douglas–Peucker tolerance of the outline, ≥ 0
     * @return Polygon or MultiPolygon without holes, WGS84 (SRID 4326); empty for a graph without edges
     */
    public static Geometry of(WalkGraph graph, double marginMeters, double cellMeters, double simplifyMeters) {
        if (graph.edgeCount() == 0) {
            return new GeometryFactory(new PrecisionModel(), 4326).createPolygon();
        }
        double lon0 = 0;
        double lat0 = 0;
        for (int n = 0; n < graph.nodeCount(); n++) {
            lon0 += graph.lon(n) / graph.nodeCount();
            lat0 += graph.lat(n) / graph.nodeCount();
        }
        double xScale = GeoMath.metersPerDegreeLon(lat0) / cellMeters; // cells per degree
        double yScale = GeoMath.METERS_PER_DEGREE / cellMeters;
        // a point within the margin (plus what simplification may shave off) of a way point lies within this many
        // cells (centre to centre) of the way point's cell
        int radius = (int) Math.ceil((marginMeters + simplifyMeters) / cellMeters + Math.sqrt(2));
        double minX = Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        // every way point, not only the nodes: a long mountain track's pillars stick out kilometres beyond its
        // nodes (Andorra); the grid stays aligned to the same integer lattice, so the bounds do not move the result
        for (int e = 0; e < graph.edgeCount(); e++) {
            for (int i = 0; i < graph.edgePointCount(e); i++) {
                minX = Math.min(minX, (graph.edgePointLon(e, i) - lon0) * xScale);
                maxX = Math.max(maxX, (graph.edgePointLon(e, i) - lon0) * xScale);
                minY = Math.min(minY, (graph.edgePointLat(e, i) - lat0) * yScale);
                maxY = Math.max(maxY, (graph.edgePointLat(e, i) - lat0) * yScale);
            }
        }
        // the outermost cells must stay empty for the tracer
        int pad = radius + 4;
        double x0 = Math.floor(minX) - pad;
        double y0 = Math.floor(minY) - pad;
        int cols = (int) (Math.ceil(maxX) - x0) + pad + 1;
        int rows = (int) (Math.ceil(maxY) - y0) + pad + 1;
        int words = (cols + 63) / 64;
        long[] ways = new long[words * rows];
        for (int e = 0; e < graph.edgeCount(); e++) {
            double px = (graph.edgePointLon(e, 0) - lon0) * xScale - x0;
            double py = (graph.edgePointLat(e, 0) - lat0) * yScale - y0;
            for (int i = 1; i < graph.edgePointCount(e); i++) {
                double qx = (graph.edgePointLon(e, i) - lon0) * xScale - x0;
                double qy = (graph.edgePointLat(e, i) - lat0) * yScale - y0;
                GridIsochrone.walkSegment(ways, words, px, py, qx, qy);
                px = qx;
                py = qy;
            }
        }
        long[] grown = dilate(ways, words, cols, rows, radius);
        Geometry cells = GridIsochrone.outlineOfCells(grown, words, rows);
        GeometryFactory f = cells.getFactory();
        List<Polygon> filled = new ArrayList<>();
        for (int i = 0; i < cells.getNumGeometries(); i++) {
            filled.add(f.createPolygon(((Polygon) cells.getGeometryN(i)).getExteriorRing().getCoordinates()));
        }
        Geometry outline = f.buildGeometry(filled).union();
        if (simplifyMeters > 0) {
            outline = DouglasPeuckerSimplifier.simplify(outline, simplifyMeters / cellMeters);
        }
        GeoMath.affineToWgs84(outline, lon0 + x0 / xScale, 1 / xScale, lat0 + y0 / yScale, 1 / yScale);
        return outline;
    }

    /** Marks every cell within {@code radius} cells (centre to centre) of a marked cell. */
    private static long[] dilate(long[] bits, int words, int cols, int rows, int radius) {
        long[] out = new long[bits.length];
        for (int y = 0; y < rows; y++) {
            for (int x = 0; x < cols; x++) {
                if (!GridIsochrone.get(bits, words, x, y)) {
                    continue;
                }
                for (int dy = -radius; dy <= radius; dy++) {
                    int half = (int) Math.floor(Math.sqrt((double) radius * radius - (double) dy * dy));
                    for (int dx = -half; dx <= half; dx++) {
                        int cx = x + dx;
                        int cy = y + dy;
                        if (cx >= 0 && cx < cols && cy >= 0 && cy < rows) {
                            out[cy * words + (cx >>> 6)] |= 1L << (cx & 63);
                        }
                    }
                }
            }
        }
        return out;
    }
}
