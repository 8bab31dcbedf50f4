package cn.servicecircle.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * The database and how its availability is watched.
 *
 * @param url                  {@code postgresql://user[:password]@host[:port]/database}, for R2DBC and Flyway
 *                             (see {@code config.DatabaseUrlEnvironmentPostProcessor})
 * @param probeIntervalMillis  how often the availability probe runs ({@code SELECT 1}), milliseconds, 100–60000
 * @param probeTimeoutMillis   a probe taking longer counts as "unavailable", milliseconds, 100–60000
 * @param retryAfterSeconds    the {@code Retry-After} sent with 503 DATABASE_UNAVAILABLE, seconds, 1–300
 * @param requestDeadlineSeconds a request (other than the in-memory reach answers) still unanswered after this long
 *                             gets 503 DATABASE_UNAVAILABLE: the database accepted it but does not answer, seconds,
 *                             2–300
 */
@Validated
@ConfigurationProperties("sc.db")
public record DatabaseProperties(@NotBlank String url,
                                 @Min(100) @Max(60000) int probeIntervalMillis,
                                 @Min(100) @Max(60000) int probeTimeoutMillis,
                                 @Min(1) @Max(300) int retryAfterSeconds,
                                 @Min(2) @Max(300) int requestDeadlineSeconds) {
}
