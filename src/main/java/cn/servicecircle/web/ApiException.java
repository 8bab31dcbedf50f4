package cn.servicecircle.web;

import java.util.List;

/**
 * A failure the client can act on, rendered as RFC 9457 problem+json with a stable {@code code}.
 * Carries no framework type so features outside the web layer may throw it.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldProblem> errors;

    /**
     * @param status HTTP status, 400–599
     * @param code   stable upper-snake code, e.g. {@code SITE_NOT_FOUND}
     * @param detail human-readable detail for this occurrence
     * @param errors offending fields, possibly empty, never null
     */
    public ApiException(int status, String code, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    /** 400 with one offending field. */
    public static ApiException badField(String field, String code, String message) {
        return new ApiException(400, code, message, List.of(new FieldProblem(field, code, message)));
    }

    /** 400 VALIDATION_FAILED listing every offending field; a single problem keeps its own code. */
    public static ApiException validation(List<FieldProblem> problems) {
        if (problems.size() == 1) {
            FieldProblem p = problems.get(0);
            return new ApiException(400, p.code(), p.message(), problems);
        }
        return new ApiException(400, "VALIDATION_FAILED", problems.size() + " fields are invalid", problems);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
