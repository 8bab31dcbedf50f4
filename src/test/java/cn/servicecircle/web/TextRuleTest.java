package cn.servicecircle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The text rule's invisible and reordering characters, without a server. */
class TextRuleTest {

    @Test
    void invisibleOnlyTextIsBlank() {
        for (String blank : List.of("", " ", "\u00a0", "\u00a0\u00a0", "\u200b", "\u2007\u202f", "\u3000\u200b",
                "\u2060", "\u200c\u200d", "\u00ad")) {
            assertThat(TextRule.isBlank(TextRule.normalize(blank))).as("U+%04X…", blank.isEmpty() ? 0 : (int) blank.charAt(0))
                    .isTrue();
        }
        for (String text : List.of("a", "\u00a0a\u00a0", "\u200ba", "幼儿园", "\ud83d\ude00")) {
            assertThat(TextRule.isBlank(text)).as(text).isFalse();
        }
    }

    @Test
    void byteOrderMarkNoncharactersAndBidiControlsAreRefused() {
        for (String bad : List.of("\ufeffname", "a\ufffeb", "a\uffffb", "a\ufdd0b", "a\ufdefb", "a\ud83f\udffeb",
                "a\udbff\udfffb", "a\u202ab", "a\u202bb", "a\u202cb", "a\u202db", "a\u202eb", "a\u2066b", "a\u2067b",
                "a\u2068b", "a\u2069b")) {
            FieldProblem problem = TextRule.violation("name", bad);
            assertThat(problem).as("%s", bad.codePoints().mapToObj(cp -> String.format("U+%04X", cp)).toList())
                    .isNotNull();
            assertThat(problem.code()).isEqualTo(TextRule.CODE);
        }
        // what stays acceptable: a joiner inside an emoji sequence, the code points right next to the noncharacters
        for (String ok : List.of("\ud83d\udc68\u200d\ud83d\udc69", "a\ufdcfb", "a\ufdf0b", "a\ud83f\udffdb", "\u202f")) {
            assertThat(TextRule.violation("name", ok)).as(ok).isNull();
        }
    }
}
