package cn.servicecircle.web;

/** 503 with a {@code Retry-After}: the service is up but a resource it needs (e.g. the walking graph) is not ready. */
public class ServiceUnavailableException extends ApiException implements ProblemWebExceptionHandler.RetryAfter {
    private final long retryAfterSeconds;

    /**
     * @param code              stable code, e.g. {@code NETWORK_LOADING}
     * @param detail            human-readable detail
     * @param retryAfterSeconds seconds until a retry may succeed, ≥ 1
     */
    public ServiceUnavailableException(String code, String detail, long retryAfterSeconds) {
        super(503, code, detail);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    @Override
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
