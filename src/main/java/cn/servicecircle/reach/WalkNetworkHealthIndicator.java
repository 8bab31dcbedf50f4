package cn.servicecircle.reach;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** Part of readiness: OUT_OF_SERVICE while the walking graph loads, DOWN if it failed. */
@Component
public class WalkNetworkHealthIndicator implements HealthIndicator {
    private final WalkNetwork network;

    public WalkNetworkHealthIndicator(WalkNetwork network) {
        this.network = network;
    }

    @Override
    public Health health() {
        return switch (network.state()) {
            case NONE -> Health.up().withDetail("method", "straight-line").build();
            case READY -> Health.up().withDetail("method", "network")
                    .withDetail("nodes", network.loaded().orElseThrow().graph().nodeCount()).build();
            case LOADING -> Health.outOfService().withDetail("loading", true).build();
            case FAILED -> Health.down().withDetail("error", network.failure()).build();
        };
    }
}
