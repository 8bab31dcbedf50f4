package cn.servicecircle.geodata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 4180 CSV as used by every CSV under {@code geo-data}: UTF-8 without BOM, LF line ends, one
 * header row, fields quoted only when they contain a comma, a double quote or a line break (quotes
 * doubled). An empty cell means null.
 */
public final class Csv {
    private Csv() {}

    /** One CSV line with its trailing LF; null cells are written empty. */
    public static String line(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String c = cells.get(i);
            if (c == null) {
                continue;
            }
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                b.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                b.append(c);
            }
        }
        return b.append('\n').toString();
    }

    /** Reads RFC 4180 with Apache Commons CSV; blank lines are skipped, CRLF and LF both end a row. */
    private static final org.apache.commons.csv.CSVFormat FORMAT = org.apache.commons.csv.CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(true).get();

    /**
     * Parses CSV text into rows of cells (a leading BOM is ignored; CRLF accepted).
     *
     * @throws IllegalArgumentException when the text is not CSV (e.g. an unterminated quoted field)
     */
    public static List<List<String>> parse(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> rows = new ArrayList<>();
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(t, FORMAT)) {
            for (org.apache.commons.csv.CSVRecord r : parser) {
                rows.add(r.toList());
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw new IllegalArgumentException("CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * Reads a CSV file into records keyed by header name (insertion-ordered); every row must have
     * as many cells as the header.
     */
    public static List<Map<String, String>> readRecords(Path file) throws IOException {
        List<List<String>> rows = parse(Files.readString(file, StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("CSV without header: " + file);
        }
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() != header.size()) {
                throw new IllegalArgumentException(file + " row " + r + ": " + row.size()
                        + " cells, header has " + header.size());
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                m.put(header.get(i), row.get(i));
            }
            out.add(m);
        }
        return out;
    }
}
