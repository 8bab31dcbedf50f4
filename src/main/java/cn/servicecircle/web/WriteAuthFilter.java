package cn.servicecircle.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Writes under {@code /v1/} need {@code Authorization: Bearer <token>} with a configured token. The actor of the
 * token is put in the exchange attribute {@link #ACTOR} for the audit trail. Reads stay public.
 */
@Component
public class WriteAuthFilter implements WebFilter, Ordered {
    /** Exchange attribute holding the authenticated actor name (String). */
    public static final String ACTOR = "sc.actor";

    /** POSTs that only compute an answer from their body (saving nothing), so they need no token. */
    static final java.util.Set<String> COMPUTATIONS = java.util.Set.of("/v1/planning/scenarios");

    private final AuthProperties properties;

    public WriteAuthFilter(AuthProperties properties) {
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean write = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH
                || method == HttpMethod.DELETE;
        String path = exchange.getRequest().getPath().value();
        if (!write || !path.startsWith("/v1/") || COMPUTATIONS.contains(path)) {
            return chain.filter(exchange);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Mono.error(new ApiException(401, "UNAUTHENTICATED", "Writes need an 'Authorization: Bearer <token>' header"));
        }
        Optional<String> actor = actorFor(header.substring(7).trim());
        if (actor.isEmpty()) {
            return Mono.error(new ApiException(401, "INVALID_TOKEN", "The bearer token is not valid"));
        }
        exchange.getAttributes().put(ACTOR, actor.get());
        return chain.filter(exchange);
    }

    private Optional<String> actorFor(String presented) {
        byte[] given = presented.getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (AuthProperties.Token t : properties.tokens()) {
            // constant-time comparison; keep looping so timing does not reveal which token matched
            if (MessageDigest.isEqual(given, t.token().getBytes(StandardCharsets.UTF_8))) {
                found = t.actor();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The actor set by this filter; only call on write routes. */
    public static String actor(ServerWebExchange exchange) {
        String actor = exchange.getAttribute(ACTOR);
        if (actor == null) {
            throw new ApiException(401, "UNAUTHENTICATED", "Writes need a bearer token");
        }
        return actor;
    }
}
