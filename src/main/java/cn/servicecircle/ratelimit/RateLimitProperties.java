package cn.servicecircle.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * Rate limits of the public endpoints (reads under /v1 and the what-if computation), per client: the token's
 * subject when a valid token is sent, else the connection's address.
 *
 * @param enabled    off in throughput benchmarks and tests that measure load
 * @param perMinute  sustained requests per minute per client
 * @param burst      requests a client may make at once
 * @param maxClients clients tracked before idle ones are forgotten
 */
@Validated
@ConfigurationProperties("sc.rate-limit")
public record RateLimitProperties(boolean enabled, @Min(1) @Max(1_000_000) int perMinute, @Min(1) @Max(100_000) int burst,
                                  @Min(1) @Max(10_000_000) int maxClients) {
}
