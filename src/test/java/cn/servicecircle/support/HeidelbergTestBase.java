package cn.servicecircle.support;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole service for the heidelberg region (real OSM walking network and sites) on a random port, with its own
 * fresh database beside the Haishu test database. Subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ENABLED_PROPERTY, TestTokens.SECRET_PROPERTY, TestTokens.ISSUER_PROPERTY,
                TestTokens.RATE_LIMIT_OFF,
                "sc.reach.graph-cache-dir=target/graph-cache"})
@AutoConfigureWebTestClient(timeout = "30s")
@ActiveProfiles("heidelberg")
public abstract class HeidelbergTestBase {
    @Autowired
    protected WebTestClient web;

    /** Waits (≤ 60 s) until readiness is UP: graph loaded and the site index computed on it. */
    @org.junit.jupiter.api.BeforeEach
    void awaitReadiness() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            int status = web.get().uri("/actuator/health/readiness").exchange().returnResult(String.class)
                    .getStatus().value();
            if (status == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the heidelberg service did not become ready within 60 s");
    }

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerSibling(registry, "heidelberg");
    }
}
