package cn.servicecircle.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import cn.servicecircle.geodata.Csv;

/**
 * The whole-file rules every import shares (sites, population points): a CSV with a header naming known columns
 * once each and every required one, between 1 and {@code maxRows} data rows. Problems with the file as a whole are
 * 400 with a code on {@code body} (MALFORMED_CSV, EMPTY_IMPORT, TOO_MANY_ROWS) or on {@code header.<column>}
 * (UNKNOWN_COLUMN, DUPLICATE_COLUMN, MISSING_COLUMN).
 */
public final class ImportFile {
    private ImportFile() {
    }

    /**
     * A CSV import with its header read.
     *
     * @param header the column names, stripped
     * @param index  column name → position
     * @param rows   the data rows, in order (row number = position + 1)
     */
    public record Table(List<String> header, Map<String, Integer> index, List<List<String>> rows) {
    }

    /**
     * @param known       which column names are allowed
     * @param required    columns that must be present
     * @param columnsText how the allowed columns are named in a message
     */
    public static Table csv(String text, Predicate<String> known, List<String> required, String columnsText,
                            int maxRows) {
        List<List<String>> records;
        try {
            records = Csv.parse(text);
        } catch (IllegalArgumentException e) {
            throw whole("MALFORMED_CSV", "The CSV cannot be read: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw whole("EMPTY_IMPORT", "The CSV has no header and no rows");
        }
        List<String> header = records.get(0).stream().map(String::strip).toList();
        Map<String, Integer> index = new HashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (!known.test(name)) {
                problems.add(new FieldProblem("header." + name, "UNKNOWN_COLUMN", "Unknown column '" + name
                        + "'; the columns are " + columnsText));
            } else if (index.putIfAbsent(name, i) != null) {
                problems.add(new FieldProblem("header." + name, "DUPLICATE_COLUMN", "Column '" + name
                        + "' appears twice"));
            }
        }
        for (String column : required) {
            if (!index.containsKey(column)) {
                problems.add(new FieldProblem("header." + column, "MISSING_COLUMN", "Column '" + column
                        + "' is missing"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        checkCount(records.size() - 1, maxRows);
        return new Table(header, index, records.subList(1, records.size()));
    }

    /** @throws ApiException 400 TOO_MANY_ROWS or EMPTY_IMPORT */
    public static void checkCount(int count, int maxRows) {
        if (count > maxRows) {
            throw whole("TOO_MANY_ROWS", "An import holds at most " + maxRows + " rows; this one has " + count);
        }
        if (count == 0) {
            throw whole("EMPTY_IMPORT", "The import has no rows");
        }
    }

    /** A problem with the file as a whole. */
    public static ApiException whole(String code, String message) {
        return ApiException.badField("body", code, message);
    }
}
