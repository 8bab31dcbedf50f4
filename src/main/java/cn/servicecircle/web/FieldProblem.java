package cn.servicecircle.web;

/**
 * One offending input field.
 *
 * @param field   JSON pointer-like dotted path of the field ({@code location.lon}) or query parameter name; never null
 * @param code    stable machine-readable code, e.g. {@code REQUIRED}, {@code OUT_OF_RANGE}; never null
 * @param message human-readable explanation (English); never null
 */
public record FieldProblem(String field, String code, String message) {
}
