package cn.servicecircle.web;

import java.text.Normalizer;

/**
 * The one rule for text the service stores from a request: every text field of a site (name, address,
 * openingHours, phone, externalId, areaCode, category, subtype, status) and the {@code reason} kept in history.
 *
 * <p>All these fields are single-line, so the rule is the same for each:
 * <ul>
 *   <li>refused (400 {@value #CODE} naming the field): C0 controls U+0000–U+001F <em>including TAB, CR and LF</em>
 *       (no field holds tabular or multi-line text, and a line break in a name breaks every list that shows it),
 *       DEL U+007F, C1 controls U+0080–U+009F (e.g. U+0085 NEXT LINE), the line and paragraph separators U+2028 and
 *       U+2029 (line breaks too), and lone surrogates (a high surrogate not followed by a low one, or a low one not
 *       preceded by a high one: not a character, PostgreSQL would store it as '?');</li>
 *   <li>refused anywhere in the text, also at its ends: a trailing newline is refused, not trimmed, so the rule
 *       does not depend on where the character sits;</li>
 *   <li>accepted text is NFC-normalised (a decomposed "e" + U+0301 becomes "é", so equal-looking names compare
 *       and search equal) and then stripped of leading and trailing white space as {@link String#strip()} sees
 *       it (spaces including the ideographic space U+3000; not the no-break spaces). Inner white space is kept.</li>
 * </ul>
 * Lengths and formats are the caller's business and are checked on the normalised text.
 *
 * <p>Plain Java, no framework types: the sample loader applies the same rule to the files it loads.
 */
public final class TextRule {
    /** Stable problem code of refused text. */
    public static final String CODE = "INVALID_TEXT";

    private TextRule() {
    }

    /**
     * @param field name reported in the problem (dotted path or query parameter)
     * @param raw   the text as received, not null
     * @return the problem with the text, or null when it is acceptable
     */
    public static FieldProblem violation(String field, String raw) {
        int position = 0; // in code points, 1-based in the message
        for (int i = 0; i < raw.length(); i++, position++) {
            char c = raw.charAt(i);
            String what = null;
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
                    i++; // a proper pair: one supplementary character
                    continue;
                }
                what = "a lone surrogate";
            } else if (Character.isLowSurrogate(c)) {
                what = "a lone surrogate";
            } else if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) {
                what = "a control character";
            } else if (c == '\u2028' || c == '\u2029') {
                what = "a line break";
            }
            if (what != null) {
                String message = String.format("'%s' contains %s (U+%04X) at character %d; text is single-line "
                        + "without control characters", field, what, (int) c, position + 1);
                return new FieldProblem(field, CODE, message);
            }
        }
        return null;
    }

    /**
     * @param raw text without a {@link #violation}, not null
     * @return the text NFC-normalised, then stripped of leading and trailing white space (possibly empty)
     */
    public static String normalize(String raw) {
        String nfc = Normalizer.isNormalized(raw, Normalizer.Form.NFC) ? raw
                : Normalizer.normalize(raw, Normalizer.Form.NFC);
        return nfc.strip();
    }

    /**
     * Checks and normalises in one step, for single values outside a body (query parameters, loaded files).
     *
     * @return the normalised text; null for null
     * @throws ApiException 400 {@value #CODE} naming {@code field}
     */
    public static String require(String field, String raw) {
        if (raw == null) {
            return null;
        }
        FieldProblem problem = violation(field, raw);
        if (problem != null) {
            throw ApiException.badField(field, CODE, problem.message());
        }
        return normalize(raw);
    }

    /** @return the length as PostgreSQL's {@code length()} counts it: in code points */
    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }
}
