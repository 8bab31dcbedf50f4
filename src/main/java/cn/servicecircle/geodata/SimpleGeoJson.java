package cn.servicecircle.geodata;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Minimal GeoJSON for (Multi)Polygon features, enough for the sample data.
 *
 * <p>Contract: coordinates are [lon, lat] in degrees; the resulting JTS geometries carry SRID 4326
 * whatever datum the file is in (the file name says: {@code *.gcj02.geojson} is GCJ-02, everything
 * else WGS84). Only Polygon and MultiPolygon geometries are supported.
 */
public final class SimpleGeoJson {
    /** Factory for all sample geometries: floating precision, SRID 4326. */
    public static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private SimpleGeoJson() {}

    /** One feature: its properties (never null) and its geometry (never null). */
    public record Feature(Map<String, Object> properties, Geometry geometry) {}

    /** Parses the geo-data files' JSON (Jackson; numbers as the JSON has them: Integer, Long or Double). */
    static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /**
     * Reads every feature of a FeatureCollection text: properties as a map (Jackson), the geometry by JTS's
     * {@link org.locationtech.jts.io.geojson.GeoJsonReader}; Polygon and MultiPolygon only (outlines).
     *
     * @throws IllegalArgumentException for another geometry type or unreadable GeoJSON
     */
    @SuppressWarnings("unchecked")
    public static List<Feature> readFeatures(String text) {
        tools.jackson.databind.JsonNode root = JSON.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
        org.locationtech.jts.io.geojson.GeoJsonReader reader = new org.locationtech.jts.io.geojson.GeoJsonReader(FACTORY);
        List<Feature> out = new ArrayList<>();
        for (tools.jackson.databind.JsonNode f : root.get("features")) {
            tools.jackson.databind.JsonNode props = f.get("properties");
            Map<String, Object> properties = props == null || props.isNull() ? Map.of()
                    : JSON.convertValue(props, Map.class);
            String type = f.path("geometry").path("type").asString();
            if (!type.equals("Polygon") && !type.equals("MultiPolygon")) {
                throw new IllegalArgumentException("unsupported geometry type " + type);
            }
            try {
                Geometry g = reader.read(JSON.writeValueAsString(f.get("geometry")));
                g.setSRID(4326);
                out.add(new Feature(properties, g));
            } catch (org.locationtech.jts.io.ParseException e) {
                throw new IllegalArgumentException("unreadable GeoJSON geometry: " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** Fixed-decimal text of a number, half-up rounding of its exact binary value. */
    public static String decimal(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** Writes a Polygon or MultiPolygon as a GeoJSON geometry object with fixed decimals. */
    public static String geometryJson(Geometry g, int decimals) {
        StringBuilder b = new StringBuilder();
        if (g instanceof Polygon p) {
            b.append("{\"type\":\"Polygon\",\"coordinates\":");
            polygonJson(b, p, decimals);
        } else if (g instanceof MultiPolygon mp) {
            b.append("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                polygonJson(b, (Polygon) mp.getGeometryN(i), decimals);
            }
            b.append(']');
        } else {
            throw new IllegalArgumentException("not polygonal: " + g.getGeometryType());
        }
        return b.append('}').toString();
    }

    private static void polygonJson(StringBuilder b, Polygon p, int decimals) {
        b.append('[');
        ringJson(b, p.getExteriorRing().getCoordinates(), decimals);
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            b.append(',');
            ringJson(b, p.getInteriorRingN(i).getCoordinates(), decimals);
        }
        b.append(']');
    }

    private static void ringJson(StringBuilder b, Coordinate[] cs, int decimals) {
        b.append('[');
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append('[').append(decimal(cs[i].x, decimals)).append(',').append(decimal(cs[i].y, decimals)).append(']');
        }
        b.append(']');
    }
}
