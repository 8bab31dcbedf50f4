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
 *       U+2029 (line breaks too), lone surrogates (a high surrogate not followed by a low one, or a low one not
 *       preceded by a high one: not a character, PostgreSQL would store it as '?'), the byte order mark U+FEFF (a
 *       file-encoding artefact, invisible in a name), the bidirectional embedding, override and isolate controls
 *       U+202A–U+202E and U+2066–U+2069 (they reorder how the text around them is shown, so a name could display
 *       as something it is not), and noncharacters (U+FDD0–U+FDEF and every code point ending in FFFE or FFFF:
 *       reserved for internal use, never text);</li>
 *   <li>refused anywhere in the text, also at its ends: a trailing newline is refused, not trimmed, so the rule
 *       does not depend on where the character sits;</li>
 *   <li>accepted text is NFC-normalised (a decomposed "e" + U+0301 becomes "é", so equal-looking names compare
 *       and search equal) and then stripped of leading and trailing white space as {@link String#strip()} sees
 *       it (spaces including the ideographic space U+3000; not the no-break spaces). Inner white space is kept.</li>
 *   <li>text is {@linkplain #isBlank blank} — so absent for an optional field and missing for a required one — when
 *       it holds nothing but white space of any kind (also the no-break spaces U+00A0, U+2007, U+202F) and
 *       invisible format characters (e.g. the zero-width space U+200B, U+2060): a name nobody can see is no name.</li>
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
                    int cp = Character.toCodePoint(c, raw.charAt(i + 1));
                    if (isNoncharacter(cp)) {
                        return problem(field, "a noncharacter", cp, position);
                    }
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
            } else if (c == '\uFEFF') {
                what = "a byte order mark";
            } else if ((c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')) {
                what = "a bidirectional control";
            } else if (isNoncharacter(c)) {
                what = "a noncharacter";
            }
            if (what != null) {
                return problem(field, what, c, position);
            }
        }
        return null;
    }

    private static FieldProblem problem(String field, String what, int codePoint, int position) {
        String message = String.format("'%s' contains %s (U+%04X) at character %d; text is single-line "
                + "without control characters", field, what, codePoint, position + 1);
        return new FieldProblem(field, CODE, message);
    }

    /** Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of every plane. */
    private static boolean isNoncharacter(int codePoint) {
        return (codePoint >= 0xFDD0 && codePoint <= 0xFDEF) || (codePoint & 0xFFFE) == 0xFFFE;
    }

    /**
     * Whether the text shows nothing: it is empty or holds only white space ({@link Character#isWhitespace} or a
     * Unicode space separator, so also the no-break spaces) and format characters (category Cf, e.g. U+200B). A
     * required field with such a value is missing; an optional one is absent.
     *
     * @param text any text, not null
     */
    public static boolean isBlank(String text) {
        return text.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
                || Character.getType(cp) == Character.FORMAT);
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
