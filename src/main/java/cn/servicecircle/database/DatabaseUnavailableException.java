package cn.servicecircle.database;

import cn.servicecircle.web.ServiceUnavailableException;

/** 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After}: the request needs the database, which cannot be reached. */
public final class DatabaseUnavailableException extends ServiceUnavailableException {
    /** @param retryAfterSeconds seconds until a retry may succeed, ≥ 1 */
    public DatabaseUnavailableException(long retryAfterSeconds) {
        super("DATABASE_UNAVAILABLE", "The database is unavailable; retry shortly", retryAfterSeconds);
    }
}
