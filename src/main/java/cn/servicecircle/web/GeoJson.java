package cn.servicecircle.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * JTS geometry to a GeoJSON (RFC 7946) geometry object as plain maps and lists, ready for any JSON encoder.
 * Coordinates are rounded to 6 decimals (≈ 0.1 m), enough for a phone and a third of the bytes.
 */
public final class GeoJson {
    private GeoJson() {
    }

    /** @return the GeoJSON geometry object; null for a null geometry */
    public static Map<String, Object> geometry(Geometry g) {
        if (g == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (g instanceof Point p) {
            out.put("type", "Point");
            out.put("coordinates", position(p.getCoordinate()));
        } else if (g instanceof Polygon p) {
            out.put("type", "Polygon");
            out.put("coordinates", rings(p));
        } else if (g instanceof MultiPolygon mp) {
            out.put("type", "MultiPolygon");
            List<Object> polys = new ArrayList<>();
            for (int i = 0; i < mp.getNumGeometries(); i++) {
                polys.add(rings((Polygon) mp.getGeometryN(i)));
            }
            out.put("coordinates", polys);
        } else if (g instanceof LineString ls) {
            out.put("type", "LineString");
            out.put("coordinates", positions(ls.getCoordinates()));
        } else if (g instanceof MultiLineString mls) {
            out.put("type", "MultiLineString");
            List<Object> lines = new ArrayList<>();
            for (int i = 0; i < mls.getNumGeometries(); i++) {
                lines.add(positions(mls.getGeometryN(i).getCoordinates()));
            }
            out.put("coordinates", lines);
        } else if (g instanceof MultiPoint mp) {
            out.put("type", "MultiPoint");
            out.put("coordinates", positions(mp.getCoordinates()));
        } else if (g instanceof GeometryCollection gc) {
            out.put("type", "GeometryCollection");
            List<Object> parts = new ArrayList<>();
            for (int i = 0; i < gc.getNumGeometries(); i++) {
                parts.add(geometry(gc.getGeometryN(i)));
            }
            out.put("geometries", parts);
        } else {
            throw new IllegalArgumentException("Unsupported geometry " + g.getGeometryType());
        }
        return out;
    }

    /**
     * @param at         the point, already in the answer's coordinate system; rounded to 6 decimals
     * @param properties the feature's properties, kept in their order
     * @return a GeoJSON Point feature
     */
    public static Map<String, Object> pointFeature(cn.servicecircle.coord.LonLat at, Map<String, Object> properties) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("type", "Feature");
        f.put("geometry", Map.of("type", "Point", "coordinates", List.of(round6(at.lon()), round6(at.lat()))));
        f.put("properties", properties);
        return f;
    }

    private static List<Object> rings(Polygon p) {
        List<Object> rings = new ArrayList<>();
        rings.add(positions(p.getExteriorRing().getCoordinates()));
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            rings.add(positions(p.getInteriorRingN(i).getCoordinates()));
        }
        return rings;
    }

    private static List<Object> positions(Coordinate[] cs) {
        List<Object> out = new ArrayList<>(cs.length);
        for (Coordinate c : cs) {
            out.add(position(c));
        }
        return out;
    }

    private static List<Double> position(Coordinate c) {
        return List.of(round6(c.x), round6(c.y));
    }

    /** @return the value rounded to 6 decimals */
    public static double round6(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
