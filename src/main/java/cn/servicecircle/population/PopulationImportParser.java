package cn.servicecircle.population;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.FieldProblem;
import cn.servicecircle.web.ImportFile;
import cn.servicecircle.web.TextRule;
import tools.jackson.databind.JsonNode;

/**
 * Parses a population import (CSV or GeoJSON) into rows, checking everything that needs no database: every row is
 * checked in full and every problem of every row is reported, not just the first.
 *
 * <p>Contract:
 * <ul>
 *   <li>CSV: RFC 4180 with a header naming each of {@link #COLUMNS} once, in any order, plus optionally
 *       {@code area_code}; any other column is 400 UNKNOWN_COLUMN, a missing one 400 MISSING_COLUMN. A leading BOM
 *       is ignored, blank lines are skipped. Row numbers count data records from 1.</li>
 *   <li>GeoJSON: a FeatureCollection whose features have a Point geometry ({@code [lon, lat]}, an altitude is
 *       ignored) and properties named like the CSV columns; counts and coordinates are JSON numbers, {@code id}
 *       a string or an integer; other properties are ignored. Row numbers count features from 1.</li>
 *   <li>Per row: id TextRule-clean, 1–60 code points after normalisation, unique in the file; lon −180…180, lat
 *       −90…90 (in the request's coordSys, then converted to WGS84); each count an integer 0–{@value #MAX_BAND};
 *       area_code (optional; blank means absent) TextRule-clean, at most 20 code points.</li>
 *   <li>At most {@value #MAX_ROWS} rows (more: 400 TOO_MANY_ROWS); none: 400 EMPTY_IMPORT.</li>
 * </ul>
 * Plain computation, no I/O: callers run it off the event loop for large bodies.
 */
public final class PopulationImportParser {
    /** Most rows one import may hold. */
    public static final int MAX_ROWS = 10_000;
    /** Largest count of one band at one point (six of them still fit the table's integer total). */
    public static final int MAX_BAND = 10_000_000;
    /** The count columns, in band order. */
    public static final List<String> BANDS = List.of("age_0_2", "age_3_5", "age_6_14", "age_15_59", "age_60_64",
            "age_65_plus");
    /** Required columns / properties. */
    public static final List<String> COLUMNS = List.of("id", "lon", "lat", "age_0_2", "age_3_5", "age_6_14",
            "age_15_59", "age_60_64", "age_65_plus");
    /** The optional column / property. */
    public static final String AREA_CODE = "area_code";

    private PopulationImportParser() {
    }

    /**
     * Rows that passed the row-local checks, and the problems of the others.
     *
     * @param rows     valid rows, in file order
     * @param problems every problem found, by row then field order
     * @param total    rows in the file (valid or not)
     */
    public record Parsed(List<ImportRow> rows, List<ImportProblem> problems, int total) {
    }

    /**
     * @param text CSV text (already decoded)
     * @throws ApiException 400 for a file that is not a readable import as a whole (header, size, quoting)
     */
    public static Parsed csv(String text, CoordSys sys) {
        ImportFile.Table table = ImportFile.csv(text, name -> COLUMNS.contains(name) || name.equals(AREA_CODE), COLUMNS,
                String.join(",", COLUMNS) + "[," + AREA_CODE + "]", MAX_ROWS);
        List<String> header = table.header();
        Map<String, Integer> index = table.index();
        int count = table.rows().size();
        Checker checker = new Checker(sys);
        for (int r = 1; r <= count; r++) {
            List<String> cells = table.rows().get(r - 1);
            Map<String, Value> values = new LinkedHashMap<>();
            if (cells.size() != header.size()) {
                String id = index.get("id") < cells.size() ? cells.get(index.get("id")) : null;
                checker.problem(r, id, "row", "WRONG_COLUMN_COUNT", "The row has " + cells.size()
                        + " fields, the header " + header.size());
                continue;
            }
            index.forEach((name, i) -> values.put(name, Value.text(cells.get(i))));
            checker.row(r, values);
        }
        return checker.done(count);
    }

    /**
     * @param root the parsed JSON body
     * @throws ApiException 400 NOT_A_FEATURE_COLLECTION, TOO_MANY_ROWS or EMPTY_IMPORT
     */
    public static Parsed geoJson(JsonNode root, CoordSys sys) {
        if (root == null || !root.isObject() || root.get("type") == null
                || !"FeatureCollection".equals(root.get("type").stringValue(null))
                || root.get("features") == null || !root.get("features").isArray()) {
            throw whole("NOT_A_FEATURE_COLLECTION", "The body must be a GeoJSON FeatureCollection with a "
                    + "'features' array");
        }
        JsonNode features = root.get("features");
        checkCount(features.size());
        Checker checker = new Checker(sys);
        for (int i = 0; i < features.size(); i++) {
            int row = i + 1;
            JsonNode f = features.get(i);
            JsonNode props = f.isObject() ? f.get("properties") : null;
            JsonNode idNode = props != null && props.isObject() ? props.get("id") : null;
            String rawId = idNode != null && (idNode.isString() || idNode.isIntegralNumber()) ? idNode.asString() : null;
            JsonNode geometry = f.isObject() ? f.get("geometry") : null;
            JsonNode coords = geometry != null && geometry.isObject() ? geometry.get("coordinates") : null;
            if (!f.isObject() || !"Feature".equals(f.path("type").stringValue(null)) || props == null
                    || !props.isObject()) {
                checker.problem(row, rawId, "feature", "NOT_A_FEATURE", "Each element of 'features' must be a "
                        + "GeoJSON Feature with a 'properties' object");
                continue;
            }
            if (geometry == null || !"Point".equals(geometry.path("type").stringValue(null)) || coords == null
                    || !coords.isArray() || coords.size() < 2 || coords.size() > 3) {
                checker.problem(row, rawId, "geometry", "NOT_A_POINT", "The geometry must be a GeoJSON Point "
                        + "[lon, lat]");
                continue;
            }
            Map<String, Value> values = new LinkedHashMap<>();
            for (String name : COLUMNS) {
                JsonNode node = switch (name) {
                    case "lon" -> coords.get(0);
                    case "lat" -> coords.get(1);
                    default -> props.get(name);
                };
                values.put(name, Value.of(node, name.equals("id")));
            }
            if (props.get(AREA_CODE) != null) {
                values.put(AREA_CODE, Value.of(props.get(AREA_CODE), true));
            }
            checker.row(row, values);
        }
        return checker.done(features.size());
    }

    private static void checkCount(int count) {
        ImportFile.checkCount(count, MAX_ROWS);
    }

    private static ApiException whole(String code, String message) {
        return ImportFile.whole(code, message);
    }

    /** A raw cell: text, or a JSON value of the wrong kind (reported with {@code wrongKind}). */
    private record Value(String text, String wrongKind) {
        static Value text(String text) {
            return new Value(text, null);
        }

        static Value of(JsonNode node, boolean textual) {
            if (node == null || node.isNull()) {
                return new Value(null, null);
            }
            if (textual) {
                return node.isString() || node.isIntegralNumber() ? new Value(node.asString(), null)
                        : new Value(null, "must be a string");
            }
            return node.isNumber() ? new Value(node.asString(), null)
                    : new Value(null, "must be a JSON number");
        }
    }

    /** Row-local validation shared by both formats. */
    private static final class Checker {
        private final CoordSys sys;
        private final List<ImportRow> rows = new ArrayList<>();
        private final List<ImportProblem> problems = new ArrayList<>();
        private final Map<String, Integer> firstRowOfId = new HashMap<>();

        Checker(CoordSys sys) {
            this.sys = sys;
        }

        void problem(int row, String id, String field, String code, String message) {
            problems.add(new ImportProblem(row, id, field, code, message));
        }

        void row(int row, Map<String, Value> values) {
            int before = problems.size();
            Value rawIdValue = values.get("id");
            String rawId = rawIdValue == null ? null : rawIdValue.text();
            String id = text(row, rawId, "id", rawIdValue, 60, true);
            if (id != null) {
                Integer first = firstRowOfId.putIfAbsent(id, row);
                if (first != null) {
                    problem(row, rawId, "id", "DUPLICATE_ID", "Id '" + id + "' is already used by row " + first);
                }
            }
            BigDecimal lon = number(row, rawId, "lon", values.get("lon"));
            BigDecimal lat = number(row, rawId, "lat", values.get("lat"));
            if (lon != null && lon.abs().compareTo(BigDecimal.valueOf(180)) > 0) {
                problem(row, rawId, "lon", "OUT_OF_RANGE", "lon must be between -180 and 180");
                lon = null;
            }
            if (lat != null && lat.abs().compareTo(BigDecimal.valueOf(90)) > 0) {
                problem(row, rawId, "lat", "OUT_OF_RANGE", "lat must be between -90 and 90");
                lat = null;
            }
            int[] bands = new int[BANDS.size()];
            for (int b = 0; b < bands.length; b++) {
                String name = BANDS.get(b);
                BigDecimal n = number(row, rawId, name, values.get(name));
                if (n == null) {
                    continue;
                }
                if (n.signum() < 0 || n.compareTo(BigDecimal.valueOf(MAX_BAND)) > 0) {
                    problem(row, rawId, name, "OUT_OF_RANGE", name + " must be between 0 and " + MAX_BAND);
                } else if (n.stripTrailingZeros().scale() > 0) {
                    problem(row, rawId, name, "NOT_AN_INTEGER", name + " must be a whole number of residents");
                } else {
                    bands[b] = n.intValueExact();
                }
            }
            String areaCode = text(row, rawId, AREA_CODE, values.get(AREA_CODE), 20, false);
            if (problems.size() == before) {
                LonLat wgs84 = CoordParams.toWgs84(lon.doubleValue(), lat.doubleValue(), sys);
                rows.add(new ImportRow(row, id, wgs84.lon(), wgs84.lat(), bands, areaCode));
            }
        }

        /** @return the normalised text, null when absent (a problem is added when required) or invalid */
        private String text(int row, String rawId, String field, Value value, int maxLength, boolean required) {
            if (value != null && value.wrongKind() != null) {
                problem(row, rawId, field, "INVALID_TEXT", field + " " + value.wrongKind());
                return null;
            }
            String raw = value == null ? null : value.text();
            if (raw == null || TextRule.isBlank(raw)) {
                if (required) {
                    problem(row, rawId, field, "REQUIRED", field + " is required");
                }
                return null;
            }
            FieldProblem bad = TextRule.violation(field, raw);
            if (bad != null) {
                problem(row, rawId, field, bad.code(), bad.message());
                return null;
            }
            String text = TextRule.normalize(raw);
            if (TextRule.length(text) > maxLength) {
                problem(row, rawId, field, "INVALID_LENGTH", field + " has at most " + maxLength + " characters");
                return null;
            }
            return text;
        }

        /** @return the number, null when missing or unreadable (a problem is added) */
        private BigDecimal number(int row, String rawId, String field, Value value) {
            if (value != null && value.wrongKind() != null) {
                problem(row, rawId, field, "INVALID_NUMBER", field + " " + value.wrongKind());
                return null;
            }
            String raw = value == null || value.text() == null ? null : value.text().strip();
            if (raw == null || raw.isEmpty()) {
                problem(row, rawId, field, "REQUIRED", field + " is required");
                return null;
            }
            try {
                if (raw.length() > 64) {
                    throw new NumberFormatException();
                }
                return new BigDecimal(raw);
            } catch (NumberFormatException e) {
                problem(row, rawId, field, "INVALID_NUMBER", field + " must be a decimal number");
                return null;
            }
        }

        Parsed done(int total) {
            return new Parsed(List.copyOf(rows), List.copyOf(problems), total);
        }
    }
}
