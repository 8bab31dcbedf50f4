package cn.servicecircle.web;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Parsing of query parameters into values or a 400 problem naming the parameter. */
public final class QueryParams {
    private QueryParams() {
    }

    /**
     * @param limit largest absolute value accepted, degrees (180 for longitude, 90 for latitude)
     * @return the required coordinate, degrees
     * @throws ApiException 400 REQUIRED when absent, OUT_OF_RANGE when not a number within ±limit
     */
    public static double coordinate(String name, String value, double limit) {
        if (value == null || value.isBlank()) {
            throw ApiException.badField(name, "REQUIRED", "'" + name + "' is required (degrees)");
        }
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isFinite(d) && d >= -limit && d <= limit) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ApiException(400, "OUT_OF_RANGE", "'" + name + "' must be a number within ±" + (int) limit,
                List.of(new FieldProblem(name, "OUT_OF_RANGE", "Degrees within ±" + (int) limit)));
    }

    /**
     * @return the whole number, {@code fallback} when absent or blank
     * @throws ApiException 400 INVALID_PARAMETER when not a whole number in [min, max]
     */
    public static int integer(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.badField(name, "INVALID_PARAMETER", "'" + name + "' is a whole number from " + min + " to " + max);
    }

    /** Longest {@code reason} accepted, in code points (the history column's limit). */
    public static final int MAX_REASON = 500;

    /**
     * The {@code reason} parameter of a write, kept in a history: read from the raw query (not from Spring's
     * decoded parameters, which turn undecodable bytes into U+FFFD and join repeated values), percent-decoded as
     * strict UTF-8 ({@code +} is a space, as for every other parameter), then under the {@link TextRule}, at most
     * {@value #MAX_REASON} characters.
     *
     * @param rawQuery the request's query as sent (still percent-encoded); null when there is none
     * @return the normalised text; null when absent or blank
     * @throws ApiException 400 INVALID_TEXT (also for bytes that are not UTF-8, an encoded surrogate or a broken
     *                      percent escape), INVALID_PARAMETER when given more than once, or TOO_LONG
     */
    public static String reason(String rawQuery) {
        String raw = null;
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (!isReason(eq < 0 ? pair : pair.substring(0, eq))) {
                continue;
            }
            if (raw != null) {
                // a history keeps one reason; silently joining or dropping one would store what nobody wrote
                throw ApiException.badField("reason", "INVALID_PARAMETER", "reason may be given only once");
            }
            raw = strictDecode(eq < 0 ? "" : pair.substring(eq + 1));
        }
        String text = TextRule.require("reason", raw);
        if (text != null && TextRule.length(text) > MAX_REASON) {
            throw ApiException.badField("reason", "TOO_LONG", "reason is longer than " + MAX_REASON + " characters");
        }
        return text == null || TextRule.isBlank(text) ? null : text;
    }

    /** Whether a raw parameter name is {@code reason}, spelled as Spring would decode it ({@code r%65ason} too). */
    private static boolean isReason(String rawName) {
        try {
            return "reason".equals(URLDecoder.decode(rawName, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return false; // a broken escape: not this name (HttpEdge refuses such targets before they get here)
        }
    }

    /** Percent-decodes a query value; the bytes must be UTF-8 (no replacement characters), escapes well-formed. */
    private static String strictDecode(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int hi = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int lo = hi < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (lo < 0) {
                    throw ApiException.badField("reason", TextRule.CODE, "reason has a broken percent escape");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                bytes.write(c == '+' ? ' ' : c); // the request target is ASCII: HttpEdge refuses anything else
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            // Java's decoder reports UTF-8-encoded surrogates (ED A0 80) as malformed too: they are not characters
            throw ApiException.badField("reason", TextRule.CODE, "reason is not valid UTF-8 once percent-decoded");
        }
    }
}
