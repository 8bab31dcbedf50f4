package cn.servicecircle.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The token buckets against a clock the test moves (nanoseconds). */
class RateLimiterTest {
    @Test
    void aBurstThenOneRequestPerRefillAndClientsAreSeparate() {
        AtomicLong clock = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(60, 3, 1000, clock::get); // one a second, three at once
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).as("fourth at once: wait one second").isEqualTo(1);
        assertThat(limiter.acquire("b")).as("another client has its own bucket").isZero();
        clock.addAndGet(500_000_000L);
        assertThat(limiter.acquire("a")).as("half a token is not a request").isEqualTo(1);
        clock.addAndGet(600_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(1);
        clock.addAndGet(3_600_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("a")).as("refills to the burst, not beyond").isZero();
        }
        assertThat(limiter.acquire("a")).isEqualTo(1);
    }

    @Test
    void slowRatesAnswerTheWholeSecondsToWait() {
        AtomicLong clock = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(1, 1, 10, clock::get); // one a minute
        assertThat(limiter.acquire("c")).isZero();
        assertThat(limiter.acquire("c")).isEqualTo(60);
        clock.addAndGet(59_500_000_000L);
        assertThat(limiter.acquire("c")).isEqualTo(1);
    }

    @Test
    void idleClientsAreForgottenWhenTooManyAreTracked() {
        AtomicLong clock = new AtomicLong(0);
        RateLimiter limiter = new RateLimiter(60, 1, 2, clock::get);
        limiter.acquire("x");
        limiter.acquire("y");
        clock.addAndGet(2_000_000_000L); // both refilled: idle
        assertThat(limiter.acquire("z")).isZero();
        assertThat(limiter.acquire("x")).as("x was forgotten, so it starts with a full bucket").isZero();
        assertThat(limiter.acquire("x")).isEqualTo(1);
    }
}
