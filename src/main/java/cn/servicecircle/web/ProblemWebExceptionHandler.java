package cn.servicecircle.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

import cn.servicecircle.database.DatabaseAvailability;
import cn.servicecircle.database.DatabaseFailures;
import cn.servicecircle.database.DatabaseUnavailableException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders every error, from handlers, filters and codecs alike, as RFC 9457 {@code application/problem+json}
 * with a stable {@code code}. Runs before Boot's default handler; never leaks stack traces.
 */
@Component
@Order(-2)
public class ProblemWebExceptionHandler implements WebExceptionHandler {
    /** Problem content type. */
    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    /** Code {@link #toProblem} gives a failure nothing maps: the only kind logged at ERROR, with its stack trace. */
    static final String UNEXPECTED = "INTERNAL_ERROR";

    private final ProblemJson problems;
    private final DatabaseAvailability database;

    /** @param database told when a request could not reach the database; null = nobody to tell */
    @org.springframework.beans.factory.annotation.Autowired
    public ProblemWebExceptionHandler(JsonMapper json, DatabaseAvailability database) {
        this.problems = new ProblemJson(json);
        this.database = database;
    }

    /** Without database monitoring (handlers rendered outside the application, as in unit tests). */
    public ProblemWebExceptionHandler(JsonMapper json) {
        this(json, null);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        if (clientGone(exchange, ex)) {
            // the client left, or HttpEdge cut its stalled request: there is nobody to answer
            log.debug("Client disconnected on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath());
            return Mono.empty();
        }
        if (!(ex instanceof ApiException) && DatabaseFailures.isUnavailable(ex)) {
            // an outage, not a bug: readiness follows, and the monitor logs once per outage
            if (database != null) {
                database.reportUnavailable(ex);
            }
            ex = new DatabaseUnavailableException(database == null ? 2 : database.retryAfterSeconds());
        }
        ApiException problem = toProblem(ex);
        if (problem.status() >= 500 && UNEXPECTED.equals(problem.code())) {
            log.error("Unhandled error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        } else if (problem instanceof DatabaseUnavailableException) {
            // DatabaseAvailability logs the outage once (WARN at its start, INFO at its end)
            log.debug("503 DATABASE_UNAVAILABLE on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath());
        } else if (problem.status() >= 500) {
            // a known state with its own code (the graph still loading): one line, no stack trace
            log.info("{} {} on {} {}", problem.status(), problem.code(), exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath());
        }
        String path = exchange.getRequest().getPath().value();
        ProblemLanguage.Lang lang = ProblemLanguage.of(
                exchange.getRequest().getHeaders().getFirst(HttpHeaders.ACCEPT_LANGUAGE), path);
        byte[] bytes = problems.render(problem, path, lang);
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.valueOf(problem.status()));
        HttpHeaders headers = response.getHeaders();
        headers.set(HttpHeaders.CONTENT_LANGUAGE, lang.tag());
        headers.set(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE); // the title follows it
        headers.setContentType(PROBLEM_JSON);
        headers.setContentLength(bytes.length);
        if (problem.status() == 401) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        if (ex instanceof RetryAfter ra) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(ra.retryAfterSeconds()));
        }
        DataBuffer buffer = response.bufferFactory().wrap(bytes);
        return response.writeWith(Mono.just(buffer));
    }

    /** Whether the error is the request's own connection having closed (not, say, a database connection's). */
    private static boolean clientGone(ServerWebExchange exchange, Throwable ex) {
        if (!DisconnectedClientHelper.isClientDisconnectedException(ex)) {
            return false;
        }
        Object nativeResponse = ServerHttpResponseDecorator.getNativeResponse(exchange.getResponse());
        return nativeResponse instanceof reactor.netty.Connection connection && !connection.channel().isActive();
    }

    /** Marks an exception whose response should carry a {@code Retry-After} header. */
    public interface RetryAfter {
        /** @return seconds the client should wait, ≥ 1 */
        long retryAfterSeconds();
    }

    static ApiException toProblem(Throwable ex) {
        if (ex instanceof ApiException api) {
            return api;
        }
        if (hasCause(ex, DataBufferLimitException.class)) {
            return new ApiException(413, "PAYLOAD_TOO_LARGE", "The request body exceeds the size limit");
        }
        if (ex instanceof UnsupportedMediaTypeStatusException
                || ex instanceof ResponseStatusException rse415 && rse415.getStatusCode().value() == 415) {
            return new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "Send application/json");
        }
        if (ex instanceof MethodNotAllowedException) {
            return new ApiException(405, "METHOD_NOT_ALLOWED", "Method not allowed on this resource");
        }
        if (ex instanceof NotAcceptableStatusException) {
            return new ApiException(406, "NOT_ACCEPTABLE", "Cannot produce the requested media type");
        }
        ApiException duplicate = duplicateKey(ex);
        if (duplicate != null) {
            return duplicate;
        }
        if (ex instanceof ServerWebInputException input) {
            if (hasCause(ex, DecodingException.class) || input.getMethodParameter() == null) {
                return new ApiException(400, "MALFORMED_JSON", "The request body is not valid JSON for this resource");
            }
            String name = input.getMethodParameter().getParameterName();
            return new ApiException(400, "INVALID_PARAMETER", "Invalid value for parameter '" + name + "'",
                    List.of(new FieldProblem(String.valueOf(name), "INVALID_PARAMETER", "Invalid value")));
        }
        if (ex instanceof ResponseStatusException rse) {
            int status = rse.getStatusCode().value();
            if (status == 404) {
                return new ApiException(404, "NOT_FOUND", "No such resource");
            }
            return new ApiException(status, "HTTP_" + status, rse.getReason() == null ? "Request failed" : rse.getReason());
        }
        if (sqlStateClass(ex, "22")) {
            // a data exception (bad encoding, value out of range) the validation did not foresee: still the input
            return new ApiException(400, "INVALID_VALUE", "A value in the request cannot be stored");
        }
        if (ex instanceof DuplicateKeyException) {
            return new ApiException(409, "DUPLICATE", "A record with the same unique key already exists");
        }
        if (ex instanceof DataIntegrityViolationException) {
            return new ApiException(422, "CONSTRAINT_VIOLATION", "The data violates a database constraint");
        }
        return new ApiException(500, "INTERNAL_ERROR", "Unexpected error");
    }

    /**
     * 400 DUPLICATE_KEY when the body had a key twice in one object (StreamReadFeature.STRICT_DUPLICATE_DETECTION),
     * naming it as a dotted path ({@code location.lon}); null for any other failure.
     */
    private static ApiException duplicateKey(Throwable ex) {
        StreamReadException dup = causes(ex).filter(StreamReadException.class::isInstance)
                .map(StreamReadException.class::cast)
                .filter(e -> e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate Object property"))
                .findFirst().orElse(null);
        if (dup == null) {
            return null;
        }
        String field;
        JsonParser parser = dup.processor();
        if (parser != null && parser.streamReadContext() != null) {
            // the parser stopped at the repeated name: its context is the path to it
            field = parser.streamReadContext().pathAsPointer().toString().substring(1).replace('/', '.');
        } else {
            String m = dup.getOriginalMessage();
            field = m.substring(m.indexOf('"') + 1, Math.max(m.indexOf('"') + 1, m.lastIndexOf('"')));
        }
        return new ApiException(400, "DUPLICATE_KEY", "The key '" + field + "' appears twice in one JSON object",
                List.of(new FieldProblem(field, "DUPLICATE_KEY", "Each key may appear once per object")));
    }

    private static boolean sqlStateClass(Throwable ex, String sqlStateClass) {
        return causes(ex).anyMatch(t -> t instanceof io.r2dbc.spi.R2dbcException r && r.getSqlState() != null
                && r.getSqlState().startsWith(sqlStateClass));
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        return causes(ex).anyMatch(type::isInstance);
    }

    /** The exception and its causes, outermost first: the one cause walk of the project. */
    private static java.util.stream.Stream<Throwable> causes(Throwable ex) {
        return DatabaseFailures.causes(ex);
    }

}
