package cn.servicecircle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import cn.servicecircle.support.ApiTestBase;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Many requests, answered and refused, one after another on one kept-alive connection. Reactor Netty 1.3.6 lost
 * one within the first few hundred: a request arriving before the previous request's operations had ended was
 * buffered, answered at once when they ended (a 400 thrown in the controller), and then nobody asked the channel
 * to read again, so the next request sat unread until the client gave up (the 30 s WebTestClient timeouts in CI).
 */
class KeepAliveTest extends ApiTestBase {
    @LocalServerPort
    int port;

    @Test
    void manySequentialRequestsOnOneConnectionAreAllAnswered() {
        ConnectionProvider one = ConnectionProvider.builder("keep-alive-test").maxConnections(1).build();
        try {
            WebTestClient client = WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create(one)))
                    .baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(5)).build();
            for (int i = 0; i < 250; i++) {
                client.get().uri("/v1/coverage?group=teenagers").exchange().expectStatus().isEqualTo(400)
                        .expectBody().returnResult();
                client.get().uri("/v1/coverage?area=x%27+OR+1%3D1").exchange().expectStatus().isEqualTo(400)
                        .expectBody().returnResult();
                client.get().uri("/v1/site-types").exchange().expectStatus().isOk().expectBody().returnResult();
            }
        } finally {
            one.dispose();
        }
    }
}
