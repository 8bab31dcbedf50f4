package cn.servicecircle.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import tools.jackson.databind.json.JsonMapper;

/** Only failures nothing maps are logged at ERROR with a stack trace; a known 5xx state is one short line. */
class ProblemLoggingTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(ProblemWebExceptionHandler.class);
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level level;

    @BeforeEach
    void capture() {
        level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.setAdditive(false); // the deliberate ERROR below is not a failure: keep it out of the build output
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
        logger.setAdditive(true);
        logger.setLevel(level);
    }

    private int render(Throwable ex) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/reach"));
        new ProblemWebExceptionHandler(JsonMapper.builder().build()).handle(exchange, ex).block();
        return exchange.getResponse().getStatusCode().value();
    }

    @Test
    void theGraphStillLoadingIsOneLineWithoutStackTrace() {
        assertThat(render(new ServiceUnavailableException("NETWORK_LOADING", "loading", 5))).isEqualTo(503);
        assertThat(events.list).hasSize(1);
        ILoggingEvent e = events.list.get(0);
        assertThat(e.getLevel()).isEqualTo(Level.INFO);
        assertThat(e.getThrowableProxy()).isNull();
        assertThat(e.getFormattedMessage()).contains("NETWORK_LOADING");
    }

    @Test
    void anUnexpectedFailureIsAnErrorWithItsStackTrace() {
        assertThat(render(new IllegalStateException("bug"))).isEqualTo(500);
        assertThat(events.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getThrowableProxy().getMessage()).isEqualTo("bug");
        });
    }

    @Test
    void clientErrorsAreNotLogged() {
        assertThat(render(new ApiException(422, "OUTSIDE_SERVICE_AREA", "outside"))).isEqualTo(422);
        assertThat(events.list).isEmpty();
    }
}
