package cn.servicecircle.reach;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The refresher's promise: whatever the rate of changes and whatever the rebuilds do (fail, throw, hang), the
 * snapshot ends up holding the last change, with few rebuilds, and staleness tells the truth meanwhile.
 * The "source" here is a counter; a rebuild "reads" it when it starts, as the real one reads the database.
 */
class SnapshotRefresherTest {
    final Scheduler scheduler = Schedulers.newParallel("refresher-test", 2);
    final AtomicLong source = new AtomicLong();
    final AtomicLong published = new AtomicLong(-1);
    final AtomicInteger started = new AtomicInteger();

    @AfterEach
    void stop() {
        scheduler.dispose();
    }

    /** A rebuild that reads the source at start, takes {@code millis}, then publishes what it read. */
    Mono<?> rebuild(long millis) {
        return Mono.defer(() -> {
            started.incrementAndGet();
            long read = source.get();
            return Mono.delay(Duration.ofMillis(millis), scheduler).doOnNext(t -> published.set(read));
        });
    }

    SnapshotRefresher refresher(java.util.function.Supplier<Mono<?>> rebuild) {
        return new SnapshotRefresher(rebuild, scheduler, Duration.ofMillis(5), Duration.ofMillis(10),
                Duration.ofMillis(80), Duration.ofMillis(500), System::nanoTime);
    }

    @Test
    void aBurstFromManyThreadsEndsWithTheLastChangePublishedAfterFewRebuilds() throws Exception {
        SnapshotRefresher r = refresher(() -> rebuild(15));
        int threads = 8;
        int perThread = 5_000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    source.incrementAndGet(); // commit, then announce
                    r.request();
                    if (i % 500 == 0) {
                        Thread.onSpinWait();
                    }
                }
            });
            w.start();
            writers.add(w);
        }
        go.countDown();
        for (Thread w : writers) {
            w.join();
        }
        assertThat(r.stalenessNanos()).as("changes are pending right after the burst").isPositive();
        await(() -> r.stalenessNanos() == 0, 2_000);
        assertThat(published.get()).as("the snapshot holds the last change").isEqualTo((long) threads * perThread);
        assertThat(started.get()).as("latest wins: far fewer rebuilds than changes").isLessThan(200);
        assertThat(r.consecutiveFailures()).isZero();
    }

    @Test
    void failuresAreRetriedWithBackoffUntilARebuildSucceeds() throws Exception {
        AtomicInteger failuresLeft = new AtomicInteger(6);
        SnapshotRefresher r = refresher(() -> failuresLeft.getAndDecrement() > 0
                ? Mono.error(new IllegalStateException("database away")) : rebuild(1));
        source.set(7);
        r.request();
        await(() -> r.consecutiveFailures() >= 3, 2_000);
        assertThat(r.stalenessNanos()).as("stale while failing").isPositive();
        assertThat(published.get()).isEqualTo(-1);
        await(() -> r.stalenessNanos() == 0, 3_000);
        assertThat(published.get()).isEqualTo(7);
        assertThat(r.consecutiveFailures()).isZero();
        assertThat(r.failures()).isEqualTo(6);
        // and it still follows changes afterwards
        source.set(8);
        r.request();
        await(() -> published.get() == 8, 1_000);
    }

    @Test
    void aRebuildThatThrowsOrHangsDoesNotStopTheFollowing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        SnapshotRefresher r = refresher(() -> switch (calls.getAndIncrement()) {
            case 0 -> throw new IllegalStateException("thrown, not signalled");
            case 1 -> Mono.never(); // a hung database: the timeout (500 ms here) counts it as failed
            default -> rebuild(1);
        });
        source.set(3);
        r.request();
        await(() -> published.get() == 3, 3_000);
        assertThat(r.failures()).isEqualTo(2);
        assertThat(r.stalenessNanos()).isZero();
    }

    @Test
    void aChangeDuringARebuildCausesOneMoreRebuild() throws Exception {
        SnapshotRefresher r = refresher(() -> rebuild(200));
        source.set(1);
        r.request();
        await(() -> started.get() == 1, 1_000);
        source.set(2); // committed after the first rebuild read the source
        r.request();
        r.request();
        await(() -> r.stalenessNanos() == 0, 2_000);
        assertThat(published.get()).isEqualTo(2);
        assertThat(started.get()).isEqualTo(2);
    }

    @Test
    void stalenessMeasuresTheOldestUnpublishedChange() throws Exception {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        CountDownLatch release = new CountDownLatch(1);
        SnapshotRefresher r = new SnapshotRefresher(() -> Mono.fromRunnable(() -> { }).then(
                Mono.fromCallable(() -> {
                    release.await();
                    return 1;
                }).subscribeOn(Schedulers.boundedElastic())), scheduler, Duration.ZERO, Duration.ofMillis(10),
                Duration.ofMillis(50), Duration.ofSeconds(10), now::get);
        assertThat(r.stalenessNanos()).isZero();
        r.request();
        now.addAndGet(3_000_000_000L);
        r.request(); // a later change does not reset the age of the oldest
        assertThat(r.stalenessNanos()).isEqualTo(3_000_000_000L);
        release.countDown();
        await(() -> r.stalenessNanos() == 0 || r.rebuilds() >= 2, 2_000);
        await(() -> r.stalenessNanos() == 0, 2_000);
    }

    /** After an outage the first sign of life (a committed write, the feed reconnecting) must not wait out a backoff. */
    @Test
    void aChangeDuringABackoffRetriesAtOnce() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
        SnapshotRefresher r = new SnapshotRefresher(() -> down.get() ? Mono.error(new IllegalStateException("down"))
                : rebuild(1), scheduler, Duration.ofMillis(5), Duration.ofMillis(100), Duration.ofSeconds(30),
                Duration.ofSeconds(5), System::nanoTime);
        source.set(1);
        r.request();
        await(() -> r.consecutiveFailures() >= 5, 5_000); // backoff now 1.6 s and growing toward 30 s
        down.set(false);
        source.set(2);
        long t0 = System.nanoTime();
        r.request();
        await(() -> published.get() == 2, 1_000);
        assertThat((System.nanoTime() - t0) / 1e6).as("ms until the change is in").isLessThan(500);
        assertThat(r.stalenessNanos()).isZero();
    }

    static void await(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + millis + " ms");
            }
            Thread.sleep(2);
        }
    }
}
