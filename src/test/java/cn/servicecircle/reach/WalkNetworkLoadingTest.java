package cn.servicecircle.reach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import cn.servicecircle.web.ProblemWebExceptionHandler;
import cn.servicecircle.web.ServiceUnavailableException;
import tools.jackson.databind.json.JsonMapper;

/** While the graph loads: 503 + Retry-After from reach, readiness OUT_OF_SERVICE; a broken PBF: DOWN. */
class WalkNetworkLoadingTest {

    static ReachProperties properties(String pbf, Path cache) {
        return new ReachProperties(pbf, cache.toString(), 4.0, 3.0, 1.3, 300, 15, 60,
                Map.of("school", Map.of("default", 500)), 1, 0.5);
    }

    @Test
    void answersServiceUnavailableUntilTheGraphIsLoaded() throws Exception {
        Path cache = Files.createTempDirectory("graph-cache");
        ReachProperties props = properties("geo-data/heidelberg/heidelberg.test.pbf", cache);
        WalkNetwork network = new WalkNetwork(props); // fresh cache: a full import, seconds
        WalkNetworkHealthIndicator health = new WalkNetworkHealthIndicator(network, null);
        assertThat(network.state()).isEqualTo(WalkNetwork.State.LOADING);
        assertThat(health.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        ReachScheduler scheduler = new ReachScheduler(props);
        ReachService service = new ReachService(network, null, props, scheduler);
        assertThatThrownBy(() -> service.nearby(8.69, 49.41, null, 5, 15, ReachService.Walker.ADULT).block())
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.code()).isEqualTo("NETWORK_LOADING");
                });
        // rendered as problem+json with Retry-After
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/v1/reach"));
        new ProblemWebExceptionHandler(JsonMapper.builder().build())
                .handle(exchange, new ServiceUnavailableException("NETWORK_LOADING", "loading", 5)).block();
        assertThat(exchange.getResponse().getStatusCode().value()).isEqualTo(503);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/problem+json");

        network.whenLoaded().get();
        assertThat(network.state()).isEqualTo(WalkNetwork.State.READY);
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        scheduler.stop();
    }

    @Test
    void aMissingNetworkFileIsDown() throws Exception {
        ReachProperties props = properties("geo-data/heidelberg/no-such.pbf", Files.createTempDirectory("gc"));
        WalkNetwork network = new WalkNetwork(props);
        try {
            network.whenLoaded().join();
        } catch (RuntimeException expected) {
            // loading failed, as it should
        }
        assertThat(network.state()).isEqualTo(WalkNetwork.State.FAILED);
        assertThat(new WalkNetworkHealthIndicator(network, null).health().getStatus()).isEqualTo(Status.DOWN);
    }
}
