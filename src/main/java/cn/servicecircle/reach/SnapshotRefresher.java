package cn.servicecircle.reach;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import cn.servicecircle.database.DatabaseFailures;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Keeps a derived snapshot following its source, and cannot stop doing so.
 *
 * <p>Contract: {@link #request} only marks the snapshot dirty (never blocks, never fails, any thread, any rate).
 * At most one rebuild runs at a time; when it ends and the mark is set, one more follows ("latest wins": any number
 * of changes during a rebuild cost one further rebuild, never a queue). A failed or timed-out rebuild is retried
 * with exponential backoff (from {@code firstBackoff} to {@code maxBackoff}) until one succeeds, so no burst, error
 * or database outage ends the loop. A rebuild covers every change requested before it started, because a rebuild
 * reads its source only after it starts.
 *
 * <p>Staleness is the age of the oldest change not yet covered by a successful rebuild (0 when none), which is what
 * readiness and the metrics report.
 */
final class SnapshotRefresher {
    private static final Logger log = LoggerFactory.getLogger(SnapshotRefresher.class);
    private static final long NONE = Long.MIN_VALUE;

    private final Supplier<Mono<?>> rebuild;
    private final Scheduler scheduler;
    private final long coalesceMillis;
    private final long firstBackoffMillis;
    private final long maxBackoffMillis;
    private final Duration rebuildTimeout;
    private final LongSupplier nanoClock;

    // all guarded by this
    private long pendingSinceNanos = NONE;
    private long inFlightSinceNanos = NONE;
    private boolean running;
    /** a failed rebuild's retry is waiting out its backoff */
    private boolean backingOff;
    /** identifies the one scheduled run that may proceed; an older one (superseded) does nothing */
    private long token;
    private int consecutiveFailures;
    private long rebuilds;
    private long failures;

    /**
     * @param rebuild        reads the source and publishes a new snapshot; completes (with any value or empty) once
     *                       the snapshot is visible, errors when it is not
     * @param scheduler      where rebuilds are started and retries are timed
     * @param coalesce       delay before a rebuild, so a burst of changes folds into one, ≥ 0
     * @param firstBackoff   delay before the first retry after a failure, &gt; 0
     * @param maxBackoff     the largest delay between retries, ≥ firstBackoff
     * @param rebuildTimeout a rebuild taking longer counts as failed (a hung database must not hold the loop)
     * @param nanoClock      monotonic nanoseconds ({@code System::nanoTime} outside tests)
     */
    SnapshotRefresher(Supplier<Mono<?>> rebuild, Scheduler scheduler, Duration coalesce, Duration firstBackoff,
                      Duration maxBackoff, Duration rebuildTimeout, LongSupplier nanoClock) {
        this.rebuild = rebuild;
        this.scheduler = scheduler;
        this.coalesceMillis = coalesce.toMillis();
        this.firstBackoffMillis = Math.max(1, firstBackoff.toMillis());
        this.maxBackoffMillis = Math.max(firstBackoffMillis, maxBackoff.toMillis());
        this.rebuildTimeout = rebuildTimeout;
        this.nanoClock = nanoClock;
    }

    /**
     * Marks the snapshot dirty; starts a rebuild unless one is running or scheduled. A change announced while a
     * failed rebuild waits out its backoff cuts the wait short: the source answered (a write committed, the change
     * feed reconnected), so it is likely back. Never blocks or throws.
     */
    void request() {
        long run;
        synchronized (this) {
            if (pendingSinceNanos == NONE) {
                pendingSinceNanos = nanoClock.getAsLong();
            }
            if (running && !backingOff) {
                return;
            }
            running = true;
            backingOff = false;
            run = ++token;
        }
        schedule(run, coalesceMillis);
    }

    /** @return nanoseconds since the oldest change not yet in a published snapshot; 0 when up to date */
    synchronized long stalenessNanos() {
        long oldest = oldest(pendingSinceNanos, inFlightSinceNanos);
        return oldest == NONE ? 0 : Math.max(0, nanoClock.getAsLong() - oldest);
    }

    /** @return failed rebuilds since the last successful one (0 when the last one succeeded) */
    synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    /** @return successful rebuilds so far */
    synchronized long rebuilds() {
        return rebuilds;
    }

    /** @return failed rebuilds so far */
    synchronized long failures() {
        return failures;
    }

    private void schedule(long run, long delayMillis) {
        try {
            scheduler.schedule(() -> runOnce(run), delayMillis, TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            // the scheduler refuses work only when it is shut down (application stopping): nothing left to follow
            log.debug("Refresher not scheduled: {}", e.toString());
            synchronized (this) {
                running = false;
            }
        }
    }

    private void runOnce(long run) {
        synchronized (this) {
            if (run != token) {
                return; // superseded: a change cut this run's backoff short and scheduled another
            }
            backingOff = false;
            // everything requested so far is read by this rebuild
            inFlightSinceNanos = oldest(inFlightSinceNanos, pendingSinceNanos);
            pendingSinceNanos = NONE;
        }
        Mono<?> build;
        try {
            build = rebuild.get().timeout(rebuildTimeout);
        } catch (RuntimeException e) {
            finished(e);
            return;
        }
        build.subscribe(v -> { }, this::finished, () -> finished(null));
    }

    private void finished(Throwable error) {
        long next;
        long run;
        int failed;
        synchronized (this) {
            if (error == null) {
                inFlightSinceNanos = NONE;
                if (consecutiveFailures > 0) {
                    log.info("Reach index rebuilt again after {} failed attempt(s)", consecutiveFailures);
                }
                consecutiveFailures = 0;
                rebuilds++;
            } else {
                // the changes this rebuild was to cover are still pending
                pendingSinceNanos = oldest(pendingSinceNanos, inFlightSinceNanos);
                inFlightSinceNanos = NONE;
                consecutiveFailures++;
                failures++;
            }
            failed = consecutiveFailures;
            if (pendingSinceNanos == NONE) {
                running = false;
                return;
            }
            next = error == null ? coalesceMillis : backoffMillis(consecutiveFailures);
            backingOff = error != null;
            run = ++token;
        }
        if (error != null) {
            if (failed == 1 && DatabaseFailures.isUnavailable(error)) {
                // the database monitor reports the outage itself, once
                log.info("Reach index rebuild waits for the database; answering from the previous snapshot");
            } else if (failed == 1) {
                // one line per failure streak, not one per attempt
                log.warn("Reach index rebuild failed; answering from the previous snapshot and retrying with backoff "
                        + "(up to {} ms): {}", maxBackoffMillis, error.toString());
            } else {
                log.debug("Reach index rebuild failed again (attempt {})", failed, error);
            }
        }
        schedule(run, next);
    }

    private long backoffMillis(int failures) {
        long delay = firstBackoffMillis << Math.min(failures - 1, 20);
        return Math.min(delay, maxBackoffMillis);
    }

    private static long oldest(long a, long b) {
        if (a == NONE) {
            return b;
        }
        return b == NONE ? a : Math.min(a, b);
    }
}
