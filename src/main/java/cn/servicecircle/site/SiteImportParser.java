package cn.servicecircle.site;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import cn.servicecircle.web.ImportFile;
import tools.jackson.databind.JsonNode;

/**
 * Reads a sites file into flat rows ({@link SiteRows} columns) with 1-based row numbers; the rows are validated
 * afterwards by the API's own {@link SiteInputParser}. CSV: a header naming columns of {@link SiteRows#COLUMNS}
 * ({@code external_id, category, subtype, name, lon, lat} required). GeoJSON: a FeatureCollection of Point features
 * whose properties are named like the columns (lon/lat from the geometry).
 *
 * <p>Whole-file problems are 400: MALFORMED_CSV, EMPTY_IMPORT, TOO_MANY_ROWS (over {@value #MAX_ROWS}), header
 * problems (UNKNOWN_COLUMN, DUPLICATE_COLUMN, MISSING_COLUMN), NOT_A_FEATURE_COLLECTION. Row problems are reported
 * per row: WRONG_COLUMN_COUNT, NOT_A_FEATURE, NOT_A_POINT, UNKNOWN_FIELD.
 */
public final class SiteImportParser {
    public static final int MAX_ROWS = 10_000;
    static final List<String> REQUIRED = List.of("external_id", "category", "subtype", "name", "lon", "lat");

    private SiteImportParser() {
    }

    /** One row of the file: its number and cells (column → text or JSON value; null = empty). */
    public record Row(int row, Map<String, Object> cells) {
        /** @return the external id as given, null when missing */
        public String externalId() {
            Object id = cells.get("external_id");
            return id == null ? null : String.valueOf(id);
        }
    }

    /**
     * @param rows     readable rows, in file order
     * @param problems problems of rows that could not be read at all
     * @param total    rows in the file
     */
    public record Parsed(List<Row> rows, List<SiteImportService.Problem> problems, int total) {
    }

    public static Parsed csv(String text) {
        ImportFile.Table table = ImportFile.csv(text, SiteRows.COLUMNS::contains, REQUIRED,
                String.join(",", new java.util.TreeSet<>(SiteRows.COLUMNS)), MAX_ROWS);
        List<String> header = table.header();
        Map<String, Integer> index = table.index();
        int count = table.rows().size();
        List<Row> rows = new ArrayList<>();
        List<SiteImportService.Problem> problems = new ArrayList<>();
        for (int r = 1; r <= count; r++) {
            List<String> cells = table.rows().get(r - 1);
            if (cells.size() != header.size()) {
                Integer id = index.get("external_id");
                problems.add(new SiteImportService.Problem(r, id < cells.size() ? cells.get(id) : null, "row",
                        "WRONG_COLUMN_COUNT", "The row has " + cells.size() + " fields, the header " + header.size()));
                continue;
            }
            Map<String, Object> values = new HashMap<>();
            index.forEach((name, i) -> values.put(name, cells.get(i).isEmpty() ? null : cells.get(i)));
            rows.add(new Row(r, values));
        }
        return new Parsed(rows, problems, count);
    }

    public static Parsed geoJson(JsonNode root) {
        if (root == null || !root.isObject() || !"FeatureCollection".equals(root.path("type").stringValue(null))
                || root.get("features") == null || !root.get("features").isArray()) {
            throw ImportFile.whole("NOT_A_FEATURE_COLLECTION", "The body must be a GeoJSON FeatureCollection with a 'features' array");
        }
        JsonNode features = root.get("features");
        ImportFile.checkCount(features.size(), MAX_ROWS);
        List<Row> rows = new ArrayList<>();
        List<SiteImportService.Problem> problems = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            int row = i + 1;
            JsonNode f = features.get(i);
            JsonNode props = f.isObject() ? f.get("properties") : null;
            JsonNode idNode = props != null && props.isObject() ? props.get("external_id") : null;
            String rawId = idNode != null && (idNode.isString() || idNode.isIntegralNumber()) ? idNode.asString() : null;
            if (!f.isObject() || !"Feature".equals(f.path("type").stringValue(null)) || props == null || !props.isObject()) {
                problems.add(new SiteImportService.Problem(row, rawId, "feature", "NOT_A_FEATURE",
                        "Each element of 'features' must be a GeoJSON Feature with a 'properties' object"));
                continue;
            }
            JsonNode geometry = f.get("geometry");
            JsonNode coords = geometry != null && geometry.isObject() ? geometry.get("coordinates") : null;
            if (geometry == null || !"Point".equals(geometry.path("type").stringValue(null)) || coords == null
                    || !coords.isArray() || coords.size() < 2 || coords.size() > 3
                    || !coords.get(0).isNumber() || !coords.get(1).isNumber()) {
                problems.add(new SiteImportService.Problem(row, rawId, "geometry", "NOT_A_POINT",
                        "The geometry must be a GeoJSON Point [lon, lat] of two numbers (a site is a point)"));
                continue;
            }
            Map<String, Object> values = new HashMap<>();
            List<String> unknown = new ArrayList<>();
            for (var e : props.properties()) {
                if (!SiteRows.COLUMNS.contains(e.getKey()) || e.getKey().equals("lon") || e.getKey().equals("lat")) {
                    unknown.add(e.getKey());
                } else {
                    values.put(e.getKey(), plain(e.getValue()));
                }
            }
            if (!unknown.isEmpty()) {
                problems.add(new SiteImportService.Problem(row, rawId, unknown.get(0), "UNKNOWN_FIELD",
                        "Unknown properties " + unknown + "; the properties are named like the CSV columns"));
                continue;
            }
            values.put("lon", coords.get(0).numberValue());
            values.put("lat", coords.get(1).numberValue());
            rows.add(new Row(row, values));
        }
        return new Parsed(rows, problems, features.size());
    }

    /** A JSON value as the parser's body takes it: strings, numbers, booleans; objects/arrays as text (refused). */
    private static Object plain(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isNumber()) {
            return v.numberValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        return v; // reported by the parser as a wrong type
    }

}
