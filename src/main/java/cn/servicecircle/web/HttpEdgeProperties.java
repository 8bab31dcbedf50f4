package cn.servicecircle.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How long a client may take, per connection, enforced by {@link HttpEdge} below Spring.
 *
 * @param headerTimeoutSeconds from a connection's opening (or, on a kept-alive connection, the next request's
 *                             first byte) until the request headers are complete; then 408 REQUEST_TIMEOUT and
 *                             the connection is closed. A whole deadline, not an inactivity timer, so a client
 *                             trickling a byte every few seconds is cut off too (slowloris).
 * @param bodyTimeoutSeconds   from the end of the headers until the request body is complete; then 408
 *                             REQUEST_TIMEOUT (or a plain close when the answer has already started)
 * @param idleTimeoutSeconds   how long a kept-alive connection may wait for its next request; then it is closed
 *                             without an answer
 */
@Validated
@ConfigurationProperties("sc.http")
public record HttpEdgeProperties(@Min(1) @Max(600) int headerTimeoutSeconds,
                                 @Min(1) @Max(3600) int bodyTimeoutSeconds,
                                 @Min(1) @Max(3600) int idleTimeoutSeconds) {
}
