package cn.servicecircle.geodata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The geo-data CSV rules (RFC 4180, read by Commons CSV) on the cases our files contain. */
class CsvTest {

    @Test
    void quotedFieldsLineEndsBlankLinesAndBom() {
        String text = "\uFEFFid,name,note\r\n1,\"南门, 街道\",\"say \"\"hi\"\"\"\n\n2,x,\"two\nlines\"\n3,,\n";
        assertThat(Csv.parse(text)).containsExactly(List.of("id", "name", "note"),
                List.of("1", "南门, 街道", "say \"hi\""), List.of("2", "x", "two\nlines"), List.of("3", "", ""));
    }

    @Test
    void whatLineWritesParsesBack() {
        List<String> cells = Arrays.asList("a,b", "q\"q", null, "plain", "multi\nline");
        assertThat(Csv.parse(Csv.line(cells))).containsExactly(List.of("a,b", "q\"q", "", "plain", "multi\nline"));
    }

    @Test
    void anUnterminatedQuoteIsRefused() {
        assertThatThrownBy(() -> Csv.parse("a,\"b\n")).isInstanceOf(IllegalArgumentException.class);
    }
}
