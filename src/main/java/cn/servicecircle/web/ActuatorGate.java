package cn.servicecircle.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Only the health status and the liveness and readiness probes are public under the actuator base path; every
 * other path there is 404 NOT_FOUND problem+json before the actuator sees it.
 * <p>
 * Whether a request is "under the actuator" is decided the way Spring routes it, not on the raw bytes: each path
 * segment percent-decoded and without its {@code ;} parameters ({@code /%61ctuator/env} and {@code /actuator;x/env}
 * reach the actuator too), and then normalised (empty and {@code .} segments dropped, {@code ..} applied), so no
 * other spelling of an actuator path slips past. Such a request passes only when its raw path is exactly one of
 * the three public paths: any other spelling of them ({@code /actuator/health/}, {@code /actuator/health;x=1},
 * {@code /actuator/%68ealth}, {@code /actuator/health/a%2fb}) is 404 as well.
 */
@Component
public class ActuatorGate implements WebFilter, Ordered {
    private final List<String> base;
    private final Set<String> open;

    public ActuatorGate(@Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        this.base = normalizedSegments(PathContainer.parsePath(basePath));
        this.open = Set.of(basePath + "/health", basePath + "/health/liveness", basePath + "/health/readiness");
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        List<String> segments = normalizedSegments(path);
        boolean underActuator = segments.size() >= base.size() && segments.subList(0, base.size()).equals(base);
        if (underActuator && !open.contains(path.value())) {
            return Mono.error(ProblemWebExceptionHandler.toProblem(new ResponseStatusException(HttpStatus.NOT_FOUND)));
        }
        return chain.filter(exchange);
    }

    /** The path's segments as routing sees them (decoded, without parameters), with dot segments applied. */
    static List<String> normalizedSegments(PathContainer path) {
        List<String> out = new ArrayList<>();
        for (PathContainer.Element element : path.elements()) {
            if (!(element instanceof PathContainer.PathSegment segment)) {
                continue; // a separator
            }
            String value = segment.valueToMatch();
            if (value.isEmpty() || value.equals(".")) {
                continue;
            }
            if (value.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(value);
        }
        return out;
    }
}
