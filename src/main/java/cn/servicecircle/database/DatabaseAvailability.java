package cn.servicecircle.database;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Whether the database answers, watched by a probe ({@code SELECT 1} through the pool every
 * {@code sc.db.probe-interval-millis}) and by requests that fail to reach it. Readiness indicator
 * {@code database}: OUT_OF_SERVICE while unavailable, back UP by itself at the first successful probe. Logs one WARN
 * when an outage starts and one INFO when it ends, never one line per failed request.
 */
@Component("database")
public class DatabaseAvailability implements HealthIndicator {
    private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);

    private final DatabaseProbeRepository db;
    private final DatabaseProperties properties;
    private final Disposable probes;
    private volatile Instant downSince;
    private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger slowProbes = new java.util.concurrent.atomic.AtomicInteger();

    public DatabaseAvailability(DatabaseProbeRepository db, DatabaseProperties properties) {
        this.db = db;
        this.properties = properties;
        // A connection attempt that fails after its caller gave up (pool or probe timeout) is "dropped" by Reactor,
        // which logs it at ERROR with a stack trace by default: during an outage that is noise, the outage is
        // already reported here once. Anything else dropped stays a WARN, without the trace.
        Hooks.resetOnErrorDropped();
        Hooks.onErrorDropped(e -> {
            if (DatabaseFailures.isUnavailable(e)) {
                log.debug("Dropped after its caller gave up: {}", e.toString());
            } else {
                log.warn("Error after its caller gave up: {}", e.toString());
            }
        });
        Duration interval = Duration.ofMillis(properties.probeIntervalMillis());
        this.probes = Flux.interval(interval, interval, Schedulers.parallel())
                .onBackpressureDrop()
                .concatMap(tick -> probe(), 1)
                .subscribe();
    }

    /** @return whether the database answered the last probe and no request has failed to reach it since */
    public boolean available() {
        return downSince == null;
    }

    /** @return seconds a client should wait before retrying while the database is unavailable, ≥ 1 */
    public long retryAfterSeconds() {
        return properties.retryAfterSeconds();
    }

    /**
     * A request could not reach the database: readiness follows at once instead of at the next probe, and the
     * next probe decides when it is back.
     */
    public void reportUnavailable(Throwable cause) {
        markDown(cause);
    }

    private Mono<Void> probe() {
        if (!probing.compareAndSet(false, true)) {
            return Mono.empty(); // the previous probe has not answered yet (its timer already judged it)
        }
        // The timer judges the probe without cancelling it: cancelling a statement in flight can leave a pooled
        // connection unusable, so a slow probe is left to finish (or fail) on its own.
        return Mono.create(sink -> {
            java.util.concurrent.atomic.AtomicBoolean judged = new java.util.concurrent.atomic.AtomicBoolean();
            Disposable timer = Mono.delay(Duration.ofMillis(properties.probeTimeoutMillis())).subscribe(t -> {
                if (judged.compareAndSet(false, true)) {
                    // one slow answer is load (a graph import, a busy machine); two in a row is an outage
                    if (slowProbes.incrementAndGet() >= 2) {
                        markDown(new java.util.concurrent.TimeoutException("no answer to two probes within "
                                + properties.probeTimeoutMillis() + " ms each"));
                    }
                    sink.success();
                }
            });
            db.ping().subscribe(v -> { }, e -> {
                probing.set(false);
                timer.dispose();
                if (judged.compareAndSet(false, true)) {
                    markDown(e);
                    sink.success();
                }
            }, () -> {
                probing.set(false);
                timer.dispose();
                slowProbes.set(0);
                markUp();
                if (judged.compareAndSet(false, true)) {
                    sink.success();
                }
            });
        });
    }

    private synchronized void markDown(Throwable cause) {
        if (downSince == null) {
            downSince = Instant.now();
            log.warn("Database unavailable: {} — requests that need it answer 503 DATABASE_UNAVAILABLE; "
                    + "readiness is OUT_OF_SERVICE until it answers again", describe(cause));
        }
    }

    private synchronized void markUp() {
        if (downSince != null) {
            log.info("Database available again after {} ms", Duration.between(downSince, Instant.now()).toMillis());
            downSince = null;
        }
    }

    private static String describe(Throwable e) {
        Throwable root = DatabaseFailures.causes(e).reduce((outer, inner) -> inner).orElse(e);
        return root == e ? e.toString() : e.getClass().getSimpleName() + " (" + root + ")";
    }

    @Override
    public Health health() {
        Instant since = downSince;
        return since == null ? Health.up().build()
                : Health.outOfService().withDetail("unavailableSince", since.toString()).build();
    }

    @PreDestroy
    void stop() {
        probes.dispose();
    }
}
