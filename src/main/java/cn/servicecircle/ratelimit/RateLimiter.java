package cn.servicecircle.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets per client: each client may make {@code burst} requests at once and {@code perMinute} requests a
 * minute sustained. Plain Java and thread-safe; the clock is injected (nanoseconds). Idle clients are forgotten when
 * more than {@code maxClients} are tracked, so a flood of addresses cannot grow it without bound.
 */
public final class RateLimiter {
    private final double tokensPerNano;
    private final double burst;
    private final int maxClients;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    /**
     * @param perMinute  sustained requests per minute per client, ≥ 1
     * @param burst      requests a client may make at once, ≥ 1
     * @param maxClients clients tracked before idle ones are dropped, ≥ 1
     */
    public RateLimiter(int perMinute, int burst, int maxClients, LongSupplier nanos) {
        this.tokensPerNano = perMinute / 60e9;
        this.burst = burst;
        this.maxClients = maxClients;
        this.nanos = nanos;
    }

    /**
     * Takes one request's token for {@code client}.
     *
     * @return 0 when allowed, else the whole seconds (≥ 1) until the next request would be
     */
    public long acquire(String client) {
        long now = nanos.getAsLong();
        if (buckets.size() >= maxClients) {
            forgetIdle(now);
        }
        Bucket b = buckets.computeIfAbsent(client, k -> new Bucket(burst, now));
        synchronized (b) {
            b.tokens = Math.min(burst, b.tokens + (now - b.at) * tokensPerNano);
            b.at = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - b.tokens) / tokensPerNano / 1e9));
        }
    }

    /** Drops clients whose bucket has refilled (they have been idle long enough to lose nothing). */
    private void forgetIdle(long now) {
        buckets.entrySet().removeIf(e -> {
            Bucket b = e.getValue();
            synchronized (b) {
                return b.tokens + (now - b.at) * tokensPerNano >= burst;
            }
        });
    }
}
