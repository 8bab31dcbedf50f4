package cn.servicecircle.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/** Reads the (Multi)Polygon features of a GeoJSON FeatureCollection already decoded into maps and lists. */
final class GeoJsonFeatures {
    static final GeometryFactory FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    private GeoJsonFeatures() {
    }

    /** A feature: its properties and its geometry (SRID 4326 label; the coordinates are as in the file). */
    record Feature(Map<String, Object> properties, Geometry geometry) {
    }

    @SuppressWarnings("unchecked")
    static List<Feature> read(Map<String, Object> collection) {
        Object type = collection.get("type");
        List<Map<String, Object>> features = "Feature".equals(type) ? List.of(collection)
                : (List<Map<String, Object>>) collection.get("features");
        List<Feature> out = new ArrayList<>();
        for (Map<String, Object> f : features) {
            Map<String, Object> g = (Map<String, Object>) f.get("geometry");
            Map<String, Object> props = f.get("properties") == null ? Map.of()
                    : (Map<String, Object>) f.get("properties");
            out.add(new Feature(props, geometry(g)));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Geometry geometry(Map<String, Object> g) {
        String type = (String) g.get("type");
        List<Object> coords = (List<Object>) g.get("coordinates");
        return switch (type) {
            case "Polygon" -> polygon(coords);
            case "MultiPolygon" -> FACTORY.createMultiPolygon(coords.stream().map(p -> polygon((List<Object>) p))
                    .toArray(Polygon[]::new));
            default -> throw new IllegalArgumentException("Expected Polygon or MultiPolygon, got " + type);
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
    private static LinearRing ring(List<Object> positions) {
        Coordinate[] cs = new Coordinate[positions.size()];
        for (int i = 0; i < cs.length; i++) {
            List<Number> p = (List<Number>) positions.get(i);
            cs[i] = new Coordinate(p.get(0).doubleValue(), p.get(1).doubleValue());
        }
        return FACTORY.createLinearRing(cs);
    }
}
