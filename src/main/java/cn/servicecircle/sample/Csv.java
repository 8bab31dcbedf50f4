package cn.servicecircle.sample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small RFC 4180 CSV reader: quoted fields, doubled quotes, a header row, UTF-8 BOM tolerated. */
final class Csv {
    private Csv() {
    }

    /**
     * @param text whole file content
     * @return rows as header → value maps, in file order; empty cells are null
     * @throws IllegalArgumentException when a row has a different number of fields than the header
     */
    static List<Map<String, String>> parse(String text) {
        List<List<String>> rows = records(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (rows.isEmpty()) {
            return List.of();
        }
        List<String> header = rows.get(0);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() == 1 && r.get(0).isEmpty()) {
                continue;
            }
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("CSV row " + (i + 1) + " has " + r.size() + " fields, header has "
                        + header.size());
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (int c = 0; c < header.size(); c++) {
                String v = r.get(c);
                m.put(header.get(c).trim(), v.isEmpty() ? null : v);
            }
            out.add(m);
        }
        return out;
    }

    private static List<List<String>> records(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(ch);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
