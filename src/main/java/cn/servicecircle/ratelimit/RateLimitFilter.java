package cn.servicecircle.ratelimit;

import java.net.InetSocketAddress;
import java.security.Principal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.ProblemWebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * 429 RATE_LIMITED (problem+json, Retry-After) when a client exceeds {@link RateLimitProperties} on a public
 * endpoint. Runs after Spring Security, so the client of a request with a valid token is its subject (a forged token
 * never gets here); otherwise the connection's address (a proxy in front must then pass the real one on its own
 * connection; forwarded headers are not trusted). Writes and role-only routes are not limited here: they need a
 * token an identity provider issued.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitFilter implements WebFilter, Ordered {
    private final RateLimitProperties properties;
    private final RateLimiter limiter;

    public RateLimitFilter(RateLimitProperties properties) {
        this.properties = properties;
        this.limiter = new RateLimiter(properties.perMinute(), properties.burst(), properties.maxClients(),
                System::nanoTime);
    }

    /** 429 with Retry-After. */
    static final class TooManyRequests extends ApiException implements ProblemWebExceptionHandler.RetryAfter {
        private final long seconds;

        TooManyRequests(long seconds) {
            super(429, "RATE_LIMITED", "Too many requests from this client; retry after " + seconds + " s");
            this.seconds = seconds;
        }

        @Override
        public long retryAfterSeconds() {
            return seconds;
        }
    }

    @Override
    public int getOrder() {
        return 0; // after the security chain (-100)
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!properties.enabled() || !isPublic(exchange)) {
            return chain.filter(exchange);
        }
        // only a verified token names a client; an anonymous request (Security's "anonymousUser") counts by address,
        // or every resident would share one bucket
        return exchange.getPrincipal()
                .filter(p -> !(p instanceof org.springframework.security.authentication.AnonymousAuthenticationToken))
                .map(Principal::getName).map(name -> "sub:" + name)
                .defaultIfEmpty(address(exchange))
                .flatMap(client -> {
                    long wait = limiter.acquire(client);
                    return wait == 0 ? chain.filter(exchange) : Mono.error(new TooManyRequests(wait));
                });
    }

    static boolean isPublic(ServerWebExchange exchange) {
        HttpMethod m = exchange.getRequest().getMethod();
        String path = exchange.getRequest().getPath().value();
        return path.startsWith("/v1/") && (m == HttpMethod.GET || m == HttpMethod.HEAD
                || (m == HttpMethod.POST && path.equals("/v1/planning/scenarios")));
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return "ip:" + (remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress());
    }
}
