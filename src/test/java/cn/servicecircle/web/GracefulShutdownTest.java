package cn.servicecircle.web;

import static cn.servicecircle.web.MalformedRequestTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import cn.servicecircle.ServiceCircleApplication;
import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.TestTokens;
import cn.servicecircle.support.RawHttp;
import cn.servicecircle.support.TestDatabase;

/**
 * Graceful shutdown serves a request whose body completes meanwhile, and is not held by one whose body never
 * does: that one gets 503 SHUTTING_DOWN after the 1 s grace, long before the shutdown phase's timeout.
 * Starts its own instance (the shared test contexts must stay up).
 */
class GracefulShutdownTest {
    static final String PHASE_TIMEOUT_SECONDS = "20";

    static Socket startPost(int port) throws IOException {
        Socket socket = RawHttp.connect(port);
        socket.getOutputStream().write(("POST /v1/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + ApiTestBase.TOKEN + "\r\nContent-Length: 2\r\n\r\n{")
                .getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    @Test
    void aHalfSentRequestDoesNotHoldShutdownWhileARealOneIsServed() throws Exception {
        // command-line arguments: they win over application.yaml
        ConfigurableApplicationContext app = new SpringApplicationBuilder(ServiceCircleApplication.class)
                .run("--server.port=0", "--sc.db.url=" + TestDatabase.url(),
                        TestTokens.ARGS.get(0), TestTokens.ARGS.get(1), TestTokens.ARGS.get(2), "--" + TestTokens.RATE_LIMIT_OFF,
                        "--spring.lifecycle.timeout-per-shutdown-phase=" + PHASE_TIMEOUT_SECONDS + "s");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        try (Socket stalled = startPost(port); Socket finishing = startPost(port)) {
            Thread.sleep(300); // both requests are in the server, waiting for their bodies
            long start = System.nanoTime();
            CompletableFuture<Void> closing = CompletableFuture.runAsync(app::close);
            Thread.sleep(300);
            OutputStream out = finishing.getOutputStream();
            out.write('}');
            out.flush();
            // a real request, completed after shutdown began, is served: {} is an invalid site, answered by the app
            RawHttp.Reply served = RawHttp.read(finishing.getInputStream());
            assertThat(served.status()).as(served.body()).isEqualTo(400);
            assertThat(served.code()).isNotEqualTo("SHUTTING_DOWN");
            assertProblem(RawHttp.read(stalled.getInputStream()), 503, "SHUTTING_DOWN")
                    .assertDocumented("POST", "/v1/sites");
            closing.get(Long.parseLong(PHASE_TIMEOUT_SECONDS) + 10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).as("shutdown took %d ms", millis).isLessThan(6_000);
        } finally {
            app.close();
        }
    }
}
