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
    void aMalformedPipelinedRequestIsAnsweredByReactorNettyAndStillGetsAProblemBody() throws IOException {
        // the second request arrives before the first is answered, so reactor-netty (not our handler) answers it
        // with its own empty 400; the edge handler's safety net gives that answer its problem body
        try (Socket socket = RawHttp.connect(port)) {
            socket.getOutputStream().write((get("/v1/site-types") + get("/v1/site-types", "X-Note: a\u0000b"))
                    .getBytes(StandardCharsets.ISO_8859_1));
            assertThat(RawHttp.read(socket.getInputStream()).status()).isEqualTo(200);
            assertProblem(RawHttp.read(socket.getInputStream()), 400, "MALFORMED_REQUEST");
        }
    }

    @Test
    void ordinaryAnswersCarryTheSecurityHeaders() {
        Reply ok = RawHttp.exchange(port, get("/v1/site-types", "Connection: close"));
        assertThat(ok.status()).isEqualTo(200);
        assertSecurityHeaders(ok);
        assertProblem(RawHttp.exchange(port, get("/no/such/thing", "Connection: close")), 404, "NOT_FOUND");
    }
}
