package cn.servicecircle.sample;

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

    /** Reads every feature of a FeatureCollection text. */
    @SuppressWarnings("unchecked")
    public static List<Feature> readFeatures(String text) {
        Map<String, Object> root = (Map<String, Object>) MiniJson.parse(text);
        List<Feature> out = new ArrayList<>();
        for (Object o : (List<Object>) root.get("features")) {
            Map<String, Object> f = (Map<String, Object>) o;
            Map<String, Object> props = (Map<String, Object>) f.get("properties");
            out.add(new Feature(props == null ? Map.of() : props,
                    geometry((Map<String, Object>) f.get("geometry"))));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Geometry geometry(Map<String, Object> g) {
        String type = (String) g.get("type");
        List<Object> coords = (List<Object>) g.get("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(coords);
            case "MultiPolygon" -> {
                Polygon[] ps = new Polygon[coords.size()];
                for (int i = 0; i < ps.length; i++) {
                    ps[i] = polygon((List<Object>) coords.get(i));
                }
                yield FACTORY.createMultiPolygon(ps);
            }
            default -> throw new IllegalArgumentException("unsupported geometry type " + type);
        };
    }

    @SuppressWarnings("unchecked")
    private static Polygon polygon(List<Object> rings) {
        LinearRing shell = ring((List<Object>) rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring((List<Object>) rings.get(i));
        }
        return FACTORY.createPolygon(shell, holes);
    }

    @SuppressWarnings("unchecked")
    private static LinearRing ring(List<Object> pts) {
        Coordinate[] cs = new Coordinate[pts.size()];
        for (int i = 0; i < cs.length; i++) {
            List<Object> p = (List<Object>) pts.get(i);
            cs[i] = new Coordinate((Double) p.get(0), (Double) p.get(1));
        }
        return FACTORY.createLinearRing(cs);
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
