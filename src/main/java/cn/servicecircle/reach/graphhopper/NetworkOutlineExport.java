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
        Files.writeString(Path.of(args[2]), featureCollection(outline(graph), args[3], args[4], args[5],
                derivation(Path.of(args[0]))), StandardCharsets.UTF_8);
    }

    /** @return how a footprint outline of the PBF was made, for the file's {@code derivation} property */
    public static String derivation(Path pbf) {
        return "covers every point within " + (int) MARGIN_METERS + " m of a way of the walking network of "
                + pbf.getFileName() + " (" + (int) CELL_METERS + " m grid cells, about 0.6 km beyond the outermost "
                + "ways; holes filled; simplified at " + (int) SIMPLIFY_METERS + " m; NetworkFootprint)";
    }

    /**
     * A region outline file: a one-feature GeoJSON FeatureCollection (MultiPolygon, WGS84, 6 decimals) with the
     * properties the loader reads ({@code code}, {@code name_zh}, {@code name_en}) and {@code derivation}.
     */
    public static String featureCollection(Geometry outline, String code, String nameZh, String nameEn,
                                           String derivation) {
        StringBuilder polygons = new StringBuilder();
        for (int i = 0; i < outline.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) outline.getGeometryN(i);
            StringBuilder rings = new StringBuilder(ring(polygon.getExteriorRing().getCoordinates()));
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                rings.append(',').append(ring(polygon.getInteriorRingN(h).getCoordinates()));
            }
            polygons.append(i == 0 ? "" : ",").append('[').append(rings).append(']');
        }
        return "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
                + "\"code\":" + jsonString(code) + ",\"name_zh\":" + jsonString(nameZh) + ",\"name_en\":"
                + jsonString(nameEn) + ",\"derivation\":" + jsonString(derivation) + "},"
                + "\"geometry\":{\"type\":\"MultiPolygon\",\"coordinates\":[" + polygons + "]}}]}\n";
    }

    private static String ring(Coordinate[] coordinates) {
        StringBuilder ring = new StringBuilder();
        for (Coordinate c : coordinates) {
            ring.append(ring.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.6f,%.6f]", c.x, c.y));
        }
        return "[" + ring + "]";
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
