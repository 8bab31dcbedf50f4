package cn.servicecircle.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.servicecircle.support.Http;
import cn.servicecircle.support.Http.Response;
import cn.servicecircle.support.TestDatabase;
import cn.servicecircle.support.TestTokens;

/** Public endpoints over real HTTP with small limits: a burst of 5, then one request a second per client. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {TestTokens.ENABLED_PROPERTY, TestTokens.SECRET_PROPERTY, TestTokens.ISSUER_PROPERTY,
                "sc.rate-limit.enabled=true", "sc.rate-limit.per-minute=60", "sc.rate-limit.burst=5"})
@AutoConfigureWebTestClient(timeout = "30s")
class RateLimitApiTest {
    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
    }

    @Test
    void aClientOverItsLimitGets429WithRetryAfterAndOthersAreServed() throws InterruptedException {
        Http http = new Http(web);
        int ok = 0;
        Response limited = null;
        for (int i = 0; i < 8 && limited == null; i++) {
            Response r = http.get("/v1/site-types");
            if (r.status() == 200) {
                ok++;
            } else {
                limited = r;
            }
        }
        assertThat(ok).as("the burst").isBetween(5, 6);
        assertThat(limited).isNotNull();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(String.valueOf(limited.headers().getContentType())).startsWith("application/problem+json");
        assertThat(Long.parseLong(limited.headers().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1L, 2L);

        // another client (a token's subject) has its own budget; writes are not limited here
        String planner = TestTokens.planner();
        assertThat(http.call(HttpMethod.GET, "/v1/site-types", null, TestTokens.bearer(planner)).status()).isEqualTo(200);
        // after Retry-After the first client is served again
        Thread.sleep(1000L * Long.parseLong(limited.headers().getFirst(HttpHeaders.RETRY_AFTER)) + 100);
        assertThat(http.get("/v1/site-types").status()).isEqualTo(200);
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    int port;

    /** Status of an anonymous GET sent from {@code localAddress} (any 127.x.y.z is this machine). */
    int anonymousGetFrom(String localAddress) throws java.io.IOException {
        try (java.net.Socket s = new java.net.Socket()) {
            s.bind(new java.net.InetSocketAddress(localAddress, 0));
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET /v1/site-types HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    /** Anonymous residents are told apart by address: one over its limit does not stop another. */
    @Test
    void anonymousClientsHaveABudgetEachByAddress() throws Exception {
        int limitedAt = -1;
        for (int i = 0; i < 8 && limitedAt < 0; i++) {
            if (anonymousGetFrom("127.0.0.3") == 429) {
                limitedAt = i;
            }
        }
        assertThat(limitedAt).as("127.0.0.3 runs out after its burst").isBetween(5, 6);
        assertThat(anonymousGetFrom("127.0.0.4")).as("another anonymous client").isEqualTo(200);
    }
}
