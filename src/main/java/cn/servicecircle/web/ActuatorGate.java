package cn.servicecircle.web;

import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Only the health status and the liveness and readiness probes are public under the actuator base path; every
 * other path there (other endpoints, health components, encoded slashes, trailing slashes) is 404 NOT_FOUND
 * problem+json before the actuator sees it. Matches the raw path, so {@code /actuator/health/a%2fb} is not a
 * probe.
 */
@Component
public class ActuatorGate implements WebFilter, Ordered {
    private final String basePath;
    private final Set<String> open;

    public ActuatorGate(@Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        this.basePath = basePath;
        this.open = Set.of(basePath + "/health", basePath + "/health/liveness", basePath + "/health/readiness");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        boolean underActuator = path.equals(basePath) || path.startsWith(basePath + "/");
        if (underActuator && !open.contains(path)) {
            return Mono.error(ProblemWebExceptionHandler.toProblem(new ResponseStatusException(HttpStatus.NOT_FOUND)));
        }
        return chain.filter(exchange);
    }
}
