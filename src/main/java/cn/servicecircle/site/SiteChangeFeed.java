package cn.servicecircle.site;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import cn.servicecircle.database.DatabaseFailures;
import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.postgresql.api.PostgresqlResult;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Committed site changes announced by the database (channel {@code site_changed}, migration V2), so that changes
 * made by other instances, imports or direct SQL reach this instance too. Listens on one dedicated connection
 * (outside the pool); reconnects with backoff. Each (re)connection first emits {@code "listening"}, since changes
 * may have been missed while disconnected: subscribers treat every element as "re-read".
 */
@Component
public class SiteChangeFeed {
    static final String CHANNEL = "site_changed";
    private static final Logger log = LoggerFactory.getLogger(SiteChangeFeed.class);

    private final Flux<String> notifications;

    @SuppressWarnings("unchecked")
    public SiteChangeFeed(ConnectionFactory connectionFactory) {
        // LISTEN must stay on one connection for good: take the driver's factory from under the pool
        ConnectionFactory direct = connectionFactory instanceof Wrapped<?> w
                ? ((Wrapped<ConnectionFactory>) w).unwrap() : connectionFactory;
        AtomicInteger failures = new AtomicInteger();
        this.notifications = Flux.usingWhen(Mono.from(direct.create()), SiteChangeFeed::listen, Connection::close)
                .doOnNext(n -> {
                    if ("listening".equals(n) && failures.getAndSet(0) > 0) {
                        log.info("Site change feed listening again");
                    }
                })
                .doOnError(e -> {
                    // one line per outage, not one per reconnection attempt
                    if (failures.getAndIncrement() == 0) {
                        if (DatabaseFailures.isUnavailable(e)) {
                            // the database monitor reports the outage itself, once
                            log.info("Site change feed lost its connection; reconnecting");
                        } else {
                            log.warn("Site change feed lost its connection; reconnecting: {}", e.toString());
                        }
                    }
                })
                // a short ceiling: after an outage the index must learn of missed changes within seconds
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(2)))
                .share();
    }

    private static Flux<String> listen(Connection connection) {
        if (!(connection instanceof PostgresqlConnection pg)) {
            return Flux.error(new IllegalStateException("site change feed needs r2dbc-postgresql, got "
                    + connection.getClass().getName()));
        }
        return pg.createStatement("LISTEN " + CHANNEL).execute().flatMap(PostgresqlResult::getRowsUpdated)
                .then(Mono.just("listening"))
                .concatWith(pg.getNotifications().map(n -> n.getParameter() == null ? "" : n.getParameter()))
                // the stream may end quietly when the connection closes: that is a lost connection too
                .concatWith(Mono.error(() -> new IllegalStateException("notification stream ended")));
    }

    /** @return hot stream: "listening" on every (re)connection, then the operation of each committed change */
    public Flux<String> notifications() {
        return notifications;
    }
}
