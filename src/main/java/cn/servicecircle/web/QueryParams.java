package cn.servicecircle.web;

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
     * The {@code reason} parameter of a write, kept in a history: under the {@link TextRule}, at most
     * {@value #MAX_REASON} characters.
     *
     * @return the normalised text; null when absent or blank
     * @throws ApiException 400 INVALID_TEXT, or TOO_LONG
     */
    public static String reason(String raw) {
        String text = TextRule.require("reason", raw);
        if (text != null && TextRule.length(text) > MAX_REASON) {
            throw ApiException.badField("reason", "TOO_LONG", "reason is longer than " + MAX_REASON + " characters");
        }
        return text == null || text.isEmpty() ? null : text;
    }
}
