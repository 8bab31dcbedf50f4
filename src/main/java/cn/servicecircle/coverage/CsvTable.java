package cn.servicecircle.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;

/**
 * A header row and data rows as RFC 4180 CSV (CRLF line ends, quoting by Commons CSV). Numbers are written in plain
 * decimal notation (never an exponent), null as an empty field, so a spreadsheet reads them as the JSON has them.
 */
final class CsvTable {
    /** The media type of every CSV answer. */
    static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv;charset=utf-8");

    private CsvTable() {
    }

    /** @return the table as CSV text, header first */
    static String write(List<String> header, List<List<Object>> rows) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(header.toArray(String[]::new)).get())) {
            for (List<Object> row : rows) {
                printer.printRecord(row.stream().map(CsvTable::cell).toList());
            }
        } catch (IOException e) {
            // a StringBuilder never fails to append
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static Object cell(Object value) {
        if (value instanceof Double d) {
            return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return value == null ? "" : value;
    }
}
