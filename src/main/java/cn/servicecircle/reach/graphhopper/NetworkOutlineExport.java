package cn.servicecircle.reach.graphhopper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

import cn.servicecircle.reach.core.NetworkFootprint;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.WalkGraph;

/**
 * Writes a region outline for a network-only region (no official boundary at hand): the network's
 * {@link NetworkFootprint} (the land near its ways, holes filled; not the convex hull, which covers whole towns
 * between detached parts of the network), as a one-feature GeoJSON FeatureCollection (WGS84, Polygon or
 * MultiPolygon).
 * Usage: {@code NetworkOutlineExport <pbf> <cacheDir> <out.geojson> <code> <nameZh> <nameEn>}.
 */
public final class NetworkOutlineExport {
    /** Every point the snapper accepts (default snapping distance) must be inside the region. */
    static final double MARGIN_METERS = NodeSnapper.DEFAULT_MAX_SNAP_METERS;
    static final double CELL_METERS = 100;
    static final double SIMPLIFY_METERS = 50;

    private NetworkOutlineExport() {
    }

    /** @return the network's footprint, WGS84 */
    public static Geometry outline(WalkGraph graph) {
        return NetworkFootprint.of(graph, MARGIN_METERS, CELL_METERS, SIMPLIFY_METERS);
    }

    public static void main(String[] args) throws IOException {
        WalkGraph graph = GraphHopperWalkGraphLoader.load(Path.of(args[0]), Path.of(args[1]));
        Geometry outline = outline(graph);
        StringBuilder polygons = new StringBuilder();
        for (int i = 0; i < outline.getNumGeometries(); i++) {
            StringBuilder ring = new StringBuilder();
            for (Coordinate c : ((Polygon) outline.getGeometryN(i)).getExteriorRing().getCoordinates()) {
                ring.append(ring.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.6f,%.6f]", c.x, c.y));
            }
            polygons.append(i == 0 ? "" : ",").append("[[").append(ring).append("]]");
        }
        String json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
                + "\"code\":\"" + args[3] + "\",\"name_zh\":\"" + args[4] + "\",\"name_en\":\"" + args[5] + "\","
                + "\"derivation\":\"covers every point within " + (int) MARGIN_METERS + " m of a way of the walking "
                + "network of " + Path.of(args[0]).getFileName() + " (" + (int) CELL_METERS + " m grid cells, about "
                + "0.6 km beyond the outermost ways; holes filled; simplified at " + (int) SIMPLIFY_METERS
                + " m; NetworkFootprint)\"},"
                + "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" + polygons + "]}}]}\n";
        Files.writeString(Path.of(args[2]), json, StandardCharsets.UTF_8);
    }
}
