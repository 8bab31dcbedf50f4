package cn.servicecircle.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.servicecircle.ServiceCircleApplication;

/**
 * The whole service started as {@code SC_REGION=<region> bin/serve} starts it (the region is the active profile, its
 * settings come from {@code <data-dir>/<region>/application-<region>.yaml}), on a free port and a fresh sibling
 * database, for tests that start regions a shared Spring test context cannot (temporary data folders, a start that
 * must fail). Health details are shown so tests can read them.
 */
public final class RegionApp {
    public static final Path CACHE = Path.of("target/graph-cache-regions");

    private RegionApp() {
    }

    /** Starts the service; throws what the start throws. Callers close the context. */
    public static ConfigurableApplicationContext start(String region, Path dataDir, String database, String... more) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=" + region,
                "--sc.sample.data-dir=" + dataDir, "--sc.db.url=" + TestDatabase.sibling(database),
                "--server.port=0", "--sc.reach.graph-cache-dir=" + CACHE,
                "--sc.auth.tokens[0].token=" + ApiTestBase.TOKEN, "--sc.auth.tokens[0].actor=test-office",
                "--management.endpoint.health.show-details=always",
                "--management.endpoint.health.show-components=always"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(ServiceCircleApplication.class).run(args.toArray(String[]::new));
    }

    /** A client of the started service, once its readiness is UP (≤ 60 s). */
    public static WebTestClient readyClient(ConfigurableApplicationContext context) throws InterruptedException {
        WebTestClient client = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:"
                + context.getEnvironment().getProperty("local.server.port")).build();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (client.get().uri("/actuator/health/readiness").exchange().returnResult(String.class).getStatus()
                .value() != 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready within 60 s");
            }
            Thread.sleep(50);
        }
        return client;
    }

    /** The walkNetwork component's health details (not through the contract check: the actuator is not in it). */
    public static JsonNode walkNetworkDetails(WebTestClient client) {
        try {
            return new ObjectMapper().readTree(client.get().uri("/actuator/health").exchange()
                    .expectBody(String.class).returnResult().getResponseBody())
                    .get("components").get("walkNetwork").get("details");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
