package cn.servicecircle.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.RawHttp;
import cn.servicecircle.support.RawHttp.Reply;

/**
 * Requests broken below HTTP semantics, sent byte for byte over a socket: each gets problem+json with a stable
 * code and the security headers, never an empty body or a reset, and nothing is logged at ERROR.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedRequestTest extends ApiTestBase {
    @LocalServerPort
    int port;

    static String get(String target, String... headerLines) {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Asserts the answer is a problem with this status and code, carrying the security headers. */
    static Reply assertProblem(Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(reply.code()).isEqualTo(code);
        assertThat(reply.json().get("status").asInt()).isEqualTo(status);
        assertSecurityHeaders(reply);
        return reply;
    }

    static void assertSecurityHeaders(Reply reply) {
        assertThat(reply.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(reply.header("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
        assertThat(reply.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(reply.headers()).doesNotContainKey("server");
    }

    @Test
    void controlCharactersInAHeaderAreMalformed(CapturedOutput output) {
        for (char c : new char[] {'\u0000', '\u000b', '\u000c'}) {
            Reply reply = RawHttp.exchange(port, get("/v1/site-types", "X-Note: a" + c + "b"));
            assertProblem(reply, 400, "MALFORMED_REQUEST").assertDocumented("GET", "/v1/site-types");
            assertThat(reply.header("Connection")).isEqualTo("close");
        }
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    @Test
    void garbageRequestLineIsMalformed() {
        assertProblem(RawHttp.exchange(port, "GARBAGE\r\n\r\n"), 400, "MALFORMED_REQUEST");
        assertProblem(RawHttp.exchange(port, "GET / HTTP/9.x\r\nHost: a\r\n\r\n"), 400, "MALFORMED_REQUEST");
    }

    @Test
    void unparseableUrisAreInvalid(CapturedOutput output) {
        assertProblem(RawHttp.exchange(port, get("/v1/sites/{}")), 400, "INVALID_URI");
        byte[] chinese = get("/v1/sites?q=海曙").getBytes(StandardCharsets.UTF_8);
        assertProblem(RawHttp.exchange(port, chinese), 400, "INVALID_URI").assertDocumented("GET", "/v1/sites");
        assertProblem(RawHttp.exchange(port, get("/v1/sites?q=%zz")), 400, "INVALID_URI");
        assertThat(output.getAll()).doesNotContain(" ERROR ");
    }

    @Test
    void aUrlOverTheLimitIsTooLong() {
        assertProblem(RawHttp.exchange(port, get("/v1/sites?q=" + "a".repeat(5 * 1024))), 414, "URI_TOO_LONG")
                .assertDocumented("GET", "/v1/sites");
    }

    @Test
    void headersOverTheLimitAreTooLarge() {
        assertProblem(RawHttp.exchange(port, get("/v1/site-types", "X-Big: " + "b".repeat(9 * 1024))), 431,
                "HEADERS_TOO_LARGE").assertDocumented("GET", "/v1/site-types");
    }

    @Test
    void aHugeAuthorizationHeaderGetsAFullAnswerNotAReset() {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        byte[] head = ("POST /v1/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nAuthorization: Bearer " + "t".repeat(64 * 1024) + "\r\n\r\n{}")
                .getBytes(StandardCharsets.US_ASCII);
        request.writeBytes(head);
        assertProblem(RawHttp.exchange(port, request.toByteArray()), 431, "HEADERS_TOO_LARGE")
                .assertDocumented("POST", "/v1/sites");
    }

    @Test
    void aMalformedPipelinedRequestIsAnsweredInOrderWithItsOwnInstance() throws IOException {
        // the second request arrives before the first is answered: its problem waits for the first answer
        try (Socket socket = RawHttp.connect(port)) {
            socket.getOutputStream().write((get("/v1/site-types") + get("/v1/site-types", "X-Note: a\u0000b"))
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            Reply bad = assertProblem(RawHttp.read(socket.getInputStream()), 400, "MALFORMED_REQUEST");
            assertThat(bad.header("Connection")).isEqualTo("close");
            assertThat(socket.getInputStream().read()).as("closed after the problem").isEqualTo(-1);
        }
    }

    @Test
    void pipelinedRequestsRefusedBelowSpringGetTheirOwnProblemAndTheConnectionCloses() throws IOException {
        String tooLong = get("/v1/areas?" + "a".repeat(5000));
        for (String[] second : new String[][] {{tooLong, "414", "URI_TOO_LONG"}, {get("/v1/x{y}"), "400", "INVALID_URI"},
                {"GET /v1/site-types HTTP/9.9\r\nHost: a\r\n\r\n", "400", "MALFORMED_REQUEST"}}) {
            try (Socket socket = RawHttp.connect(port)) {
                socket.getOutputStream().write((get("/v1/site-types") + second[0]).getBytes(StandardCharsets.ISO_8859_1));
                assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
                Reply reply = assertProblem(RawHttp.read(socket.getInputStream()), Integer.parseInt(second[1]), second[2]);
                assertThat(reply.json().get("instance").asText()).as("not the first request's path").isEqualTo("/");
                assertThat(reply.header("Connection")).isEqualTo("close");
                assertThat(socket.getInputStream().read()).as("closed after the problem").isEqualTo(-1);
            }
        }
    }

    @Test
    void aRefusalOnAKeptAliveConnectionNamesItsOwnRequest() throws IOException {
        try (Socket socket = RawHttp.connect(port)) {
            socket.getOutputStream().write(get("/v1/site-types").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            socket.getOutputStream().write(get("/v1/areas?" + "a".repeat(5000)).getBytes(StandardCharsets.ISO_8859_1));
            Reply reply = assertProblem(RawHttp.read(socket.getInputStream()), 414, "URI_TOO_LONG");
            assertThat(reply.json().get("instance").asText()).isEqualTo("/");
        }
        try (Socket socket = RawHttp.connect(port)) {
            // a 404 written by Spring after an earlier answer on the connection names its own path
            socket.getOutputStream().write(get("/v1/site-types").getBytes(StandardCharsets.ISO_8859_1));
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            socket.getOutputStream().write(get("/no/such/thing").getBytes(StandardCharsets.ISO_8859_1));
            Reply reply = assertProblem(RawHttp.read(socket.getInputStream()), 404, "NOT_FOUND");
            assertThat(reply.json().get("instance").asText()).isEqualTo("/no/such/thing");
        }
    }

    @Test
    void anUnknownHttpVersionIsRefusedInHttp11AndCloses() throws IOException {
        try (Socket socket = RawHttp.connect(port)) {
            socket.getOutputStream().write("GET / HTTP/9.9\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            byte[] all = socket.getInputStream().readAllBytes(); // the server closes
            String text = new String(all, StandardCharsets.UTF_8);
            assertThat(text).startsWith("HTTP/1.1 400 ");
            Reply reply = RawHttp.read(new java.io.ByteArrayInputStream(all));
            assertProblem(reply, 400, "MALFORMED_REQUEST");
            assertThat(reply.header("Connection")).isEqualTo("close");
        }
    }

    /** A write whose chunked body breaks at its first chunk-size line. */
    static String brokenChunkedPost(String authorization) {
        return "POST /v1/sites HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" + authorization
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";
    }

    @Test
    void aBrokenChunkedBodyGetsExactlyOneAnswerAndNoErrorLog(CapturedOutput output) throws Exception {
        try (Socket socket = RawHttp.connect(port)) {
            socket.getOutputStream().write(brokenChunkedPost("Authorization: Bearer " + TOKEN + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            Reply reply = assertProblem(RawHttp.read(socket.getInputStream()), 400, "MALFORMED_REQUEST");
            assertThat(reply.json().get("instance").asText()).isEqualTo("/v1/sites");
            assertThat(socket.getInputStream().read()).as("nothing after the one answer").isEqualTo(-1);
        }
        try (Socket socket = RawHttp.connect(port)) {
            socket.getOutputStream().write(brokenChunkedPost("").getBytes(StandardCharsets.ISO_8859_1));
            assertProblem(RawHttp.read(socket.getInputStream()), 401, "UNAUTHENTICATED");
            assertThat(socket.getInputStream().read()).as("no unsolicited second answer").isEqualTo(-1);
        }
        Thread.sleep(500); // Spring learns of the closed connection after the answer: give it time to log
        assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("already sent");
    }

    @Test
    void ordinaryAnswersCarryTheSecurityHeaders() {
        Reply ok = RawHttp.exchange(port, get("/v1/site-types", "Connection: close"));
        assertThat(ok.status()).isEqualTo(200);
        assertSecurityHeaders(ok);
        assertProblem(RawHttp.exchange(port, get("/no/such/thing", "Connection: close")), 404, "NOT_FOUND");
    }
}
