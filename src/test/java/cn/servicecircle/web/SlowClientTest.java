package cn.servicecircle.web;

import static cn.servicecircle.web.MalformedRequestTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.RawHttp;
import cn.servicecircle.support.RawHttp.Reply;

/**
 * Slow clients are cut off by the deadlines (set to 2 s here) while other connections keep being served.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"sc.http.header-timeout-seconds=" + SlowClientTest.TIMEOUT_SECONDS,
        "sc.http.body-timeout-seconds=" + SlowClientTest.TIMEOUT_SECONDS,
        "sc.http.idle-timeout-seconds=" + SlowClientTest.TIMEOUT_SECONDS})
class SlowClientTest extends ApiTestBase {
    static final int TIMEOUT_SECONDS = 2;
    /** Slack for scheduling on a busy 2-core machine. */
    static final long MARGIN_MILLIS = 2_500;

    @LocalServerPort
    int port;

    /** Opens a connection and sends a request head one byte every 300 ms, never finishing it; returns the answer. */
    Reply trickleHeaders(long[] elapsedMillis, int index) throws IOException {
        try (Socket socket = RawHttp.connect(port)) {
            long start = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] head = "GET /v1/site-types HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; in.available() == 0 && i < 200; i++) {
                try {
                    out.write(head[i % head.length]);
                    out.flush();
                } catch (IOException closed) {
                    break; // the server closed: read what it said
                }
                sleep(300);
            }
            Reply reply = RawHttp.read(in);
            assertThat(in.read()).as("closed after the answer").isEqualTo(-1);
            elapsedMillis[index] = (System.nanoTime() - start) / 1_000_000;
            return reply;
        }
    }

    @Test
    void slowlorisConnectionsAreCutWhileOthersAreServed(CapturedOutput output) throws Exception {
        int slow = 20;
        long[] elapsed = new long[slow];
        ExecutorService pool = Executors.newFixedThreadPool(slow);
        try {
            List<Future<Reply>> replies = new ArrayList<>();
            for (int i = 0; i < slow; i++) {
                int index = i;
                replies.add(pool.submit(() -> trickleHeaders(elapsed, index)));
            }
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS + 1);
            int served = 0;
            while (System.nanoTime() < until) {
                Reply ok = RawHttp.exchange(port, MalformedRequestTest.get("/v1/site-types", "Connection: close"));
                assertThat(ok.status()).isEqualTo(200);
                served++;
                sleep(100);
            }
            assertThat(served).isGreaterThan(5);
            for (Future<Reply> reply : replies) {
                assertProblem(reply.get(30, TimeUnit.SECONDS), 408, "REQUEST_TIMEOUT")
                        .assertDocumented("GET", "/v1/site-types");
            }
        } finally {
            pool.shutdownNow();
        }
        for (long millis : elapsed) {
            assertThat(millis).isBetween(TIMEOUT_SECONDS * 1000L - 100, TIMEOUT_SECONDS * 1000L + MARGIN_MILLIS);
        }
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    @Test
    void aStalledBodyIsCutOff(CapturedOutput output) throws IOException {
        try (Socket socket = RawHttp.connect(port)) {
            long start = System.nanoTime();
            socket.getOutputStream().write(("POST /v1/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 200\r\n\r\n{\"category\":")
                    .getBytes(StandardCharsets.US_ASCII));
            Reply reply = RawHttp.read(socket.getInputStream());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertProblem(reply, 408, "REQUEST_TIMEOUT").assertDocumented("POST", "/v1/sites");
            assertThat(reply.header("Connection")).isEqualTo("close");
            assertThat(millis).isBetween(TIMEOUT_SECONDS * 1000L - 100, TIMEOUT_SECONDS * 1000L + MARGIN_MILLIS);
        }
        sleep(HttpEdgeHandler.CLOSE_DELAY_MILLIS + 500); // the cut request ends inside Spring: quietly
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    @Test
    void aStalledBodyBehindAPipelinedRequestIsCutOffToo() throws IOException {
        try (Socket socket = RawHttp.connect(port)) {
            long start = System.nanoTime();
            socket.getOutputStream().write((MalformedRequestTest.get("/v1/site-types")
                    + "POST /v1/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + TOKEN + "\r\nContent-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            assertProblem(RawHttp.read(socket.getInputStream()), 408, "REQUEST_TIMEOUT");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(TIMEOUT_SECONDS * 1000L - 100,
                    TIMEOUT_SECONDS * 1000L + MARGIN_MILLIS);
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAndASlowSecondRequestIsCut() throws IOException {
        try (Socket socket = RawHttp.connect(port)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(MalformedRequestTest.get("/v1/site-types").getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(in).status()).isEqualTo(200);
            // idle for less than the idle timeout, then a second request whose head never ends
            sleep(TIMEOUT_SECONDS * 1000L / 2);
            long start = System.nanoTime();
            out.write("GET /v1/site-types HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.US_ASCII));
            assertProblem(RawHttp.read(in), 408, "REQUEST_TIMEOUT");
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(TIMEOUT_SECONDS * 1000L - 100,
                    TIMEOUT_SECONDS * 1000L + MARGIN_MILLIS);
        }
        try (Socket socket = RawHttp.connect(port)) {
            InputStream in = socket.getInputStream();
            socket.getOutputStream().write(MalformedRequestTest.get("/v1/site-types").getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(in).status()).isEqualTo(200);
            long start = System.nanoTime();
            assertThat(in.read()).as("closed silently when idle").isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(TIMEOUT_SECONDS * 1000L - 100,
                    TIMEOUT_SECONDS * 1000L + MARGIN_MILLIS);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
