package cn.servicecircle.reach;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Part of readiness: OUT_OF_SERVICE before the first snapshot and while a site change older than
 * {@code sc.reach.index.max-staleness-seconds} is not yet in the snapshot (an instance answering from an old
 * snapshot must not take traffic). Also publishes the metrics {@code sc.reach.index.staleness} (seconds),
 * {@code sc.reach.index.generation} and {@code sc.reach.index.rebuild.failures}.
 */
@Component("reachIndexFreshness")
public class ReachIndexHealthIndicator implements HealthIndicator {
    private final ReachIndex index;
    private final ReachIndexProperties properties;

    public ReachIndexHealthIndicator(ReachIndex index, ReachIndexProperties properties, MeterRegistry meters) {
        this.index = index;
        this.properties = properties;
        Gauge.builder("sc.reach.index.staleness", index, ReachIndex::stalenessSeconds).baseUnit("seconds")
                .description("Age of the oldest site change not yet in the reach index snapshot").register(meters);
        Gauge.builder("sc.reach.index.generation", index,
                        i -> i.current().map(ReachIndex.Snapshot::generation).orElse(0L))
                .description("Generation of the reach index snapshot answering requests").register(meters);
        FunctionCounter.builder("sc.reach.index.rebuild.failures", index, ReachIndex::failedRebuilds)
                .description("Failed reach index rebuilds (each is retried)").register(meters);
    }

    @Override
    public Health health() {
        var snap = index.current();
        if (snap.isEmpty()) {
            return Health.outOfService().withDetail("building", true).build();
        }
        double stale = index.stalenessSeconds();
        Health.Builder h = stale > properties.maxStalenessSeconds() ? Health.outOfService() : Health.up();
        return h.withDetail("generation", snap.get().generation()).withDetail("asOf", snap.get().asOf().toString())
                .withDetail("stalenessSeconds", Math.round(stale * 10) / 10.0)
                .withDetail("failedAttempts", index.consecutiveFailures()).build();
    }
}
