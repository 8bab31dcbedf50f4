package cn.servicecircle.reach.graphhopper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

import cn.servicecircle.reach.core.WalkGraph;

/**
 * Writes a region outline for a network-only region (no official boundary at hand): the convex hull of the walk
 * graph's nodes, grown by {@link #MARGIN_DEGREES}, as a one-feature GeoJSON FeatureCollection (WGS84).
 * Usage: {@code NetworkOutlineExport <pbf> <cacheDir> <out.geojson> <code> <nameZh> <nameEn>}.
 */
public final class NetworkOutlineExport {
    /** ≈ 300 m north–south at 49° N: the default snapping distance. */
    static final double MARGIN_DEGREES = 0.003;

    private NetworkOutlineExport() {
    }

    /** @return the grown convex hull of the graph's nodes, WGS84 */
    public static Geometry outline(WalkGraph graph) {
        return graph.convexHull().buffer(MARGIN_DEGREES, 2);
    }

    public static void main(String[] args) throws IOException {
        WalkGraph graph = GraphHopperWalkGraphLoader.load(Path.of(args[0]), Path.of(args[1]));
        Polygon outline = (Polygon) outline(graph);
        StringBuilder ring = new StringBuilder();
        for (Coordinate c : outline.getExteriorRing().getCoordinates()) {
            ring.append(ring.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "[%.6f,%.6f]", c.x, c.y));
        }
        String json = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{"
                + "\"code\":\"" + args[3] + "\",\"name_zh\":\"" + args[4] + "\",\"name_en\":\"" + args[5] + "\","
                + "\"derivation\":\"convex hull of the walking-network nodes of " + Path.of(args[0]).getFileName()
                + ", grown by " + MARGIN_DEGREES + " degrees\"},"
                + "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}}]}\n";
        Files.writeString(Path.of(args[2]), json, StandardCharsets.UTF_8);
    }
}
