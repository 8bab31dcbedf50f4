package cn.servicecircle.reach;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of readiness: OUT_OF_SERVICE while the walking graph loads or the site index has not been computed on it
 * yet, DOWN if loading failed.
 */
@Component
public class WalkNetworkHealthIndicator implements HealthIndicator {
    private final WalkNetwork network;
    private final ReachIndex index;

    /** @param index the site index; null to judge the network alone */
    public WalkNetworkHealthIndicator(WalkNetwork network, ReachIndex index) {
        this.network = network;
        this.index = index;
    }

    @Override
    public Health health() {
        return switch (network.state()) {
            case NONE -> Health.up().withDetail("method", "straight-line").build();
            case READY -> index != null && index.current().map(s -> s.fields().isEmpty()).orElse(true)
                    ? Health.outOfService().withDetail("indexing", true).build()
                    : withCoverage(Health.up().withDetail("method", "network")
                            .withDetail("nodes", network.loaded().orElseThrow().graph().nodeCount())).build();
            case LOADING -> Health.outOfService().withDetail("loading", true).build();
            case FAILED -> withCoverage(Health.down().withDetail("error", network.failure())).build();
        };
    }

    /** The share of the region outline the network covers, once measured at start (shown with show-details). */
    private Health.Builder withCoverage(Health.Builder health) {
        WalkNetwork.OutlineCoverage c = network.outlineCoverage();
        return c == null ? health : health.withDetail("outlineShare", Math.round(c.share() * 1000) / 1000.0)
                .withDetail("minOutlineShare", c.minShare());
    }
}
