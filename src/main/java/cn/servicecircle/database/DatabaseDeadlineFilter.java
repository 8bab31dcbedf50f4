package cn.servicecircle.database;

import java.time.Duration;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * A request that needs the database gets an answer within {@code sc.db.request-deadline-seconds} even when the
 * database accepts connections but stops answering (a hung or overloaded server): 503 DATABASE_UNAVAILABLE with
 * Retry-After. Pool and connect timeouts already bound a stopped server; this bounds statements already sent on
 * an open connection. Residents' reach answers come from memory and are exempt.
 */
@Component
public class DatabaseDeadlineFilter implements WebFilter, Ordered {
    /**
     * Served from the in-memory index, never waiting on the database; and the change feed, a stream without end
     * whose every query has the pool's statement timeout.
     */
    private static final Set<String> EXEMPT = Set.of("/v1/nearby", "/v1/reach", "/v1/changes");

    private final DatabaseProperties properties;

    public DatabaseDeadlineFilter(DatabaseProperties properties) {
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!path.startsWith("/v1/") || EXEMPT.contains(path)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange).timeout(Duration.ofSeconds(properties.requestDeadlineSeconds()),
                Mono.error(() -> new DatabaseUnavailableException(properties.retryAfterSeconds())));
    }
}
