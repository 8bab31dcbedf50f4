package cn.servicecircle.support;

import java.io.IOException;
import java.util.function.Consumer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP calls through WebTestClient; every response is checked against the OpenAPI contract. */
public final class Http {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final WebTestClient web;

    public Http(WebTestClient web) {
        this.web = web;
    }

    /** A response: status, headers, body parsed as JSON (null when empty). */
    public record Response(int status, HttpHeaders headers, JsonNode json, String raw) {
        public String code() {
            return json == null || json.get("code") == null ? null : json.get("code").asText();
        }
    }

    public Response get(String uri) {
        return call(HttpMethod.GET, uri, null, h -> { });
    }

    /** A GET with the test admin token (history, audit). */
    public Response getAuthorized(String uri) {
        return call(HttpMethod.GET, uri, null, auth());
    }

    public Response call(HttpMethod method, String uri, String jsonBody, Consumer<HttpHeaders> headers) {
        return call(method, uri, jsonBody, headersContentType(method), headers);
    }

    /** A call with a body of the given content type (e.g. text/csv). */
    public Response call(HttpMethod method, String uri, String requestBody, MediaType requestType,
                         Consumer<HttpHeaders> headers) {
        WebTestClient.RequestBodySpec spec = web.method(method).uri(uri).headers(headers);
        WebTestClient.RequestHeadersSpec<?> ready = requestBody == null ? spec
                : spec.contentType(requestType).bodyValue(requestBody);
        EntityExchangeResult<byte[]> result = ready.exchange().expectBody().returnResult();
        OpenApiContract.validate(result);
        byte[] body = result.getResponseBodyContent();
        String raw = body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode json;
        try {
            MediaType type = result.getResponseHeaders().getContentType();
            json = raw.isEmpty() || (type != null && !OpenApiContract.isJson(type)) ? null : MAPPER.readTree(raw);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + raw, e);
        }
        return new Response(result.getStatus().value(), result.getResponseHeaders(), json, raw);
    }

    private static MediaType headersContentType(HttpMethod method) {
        return method == HttpMethod.PATCH ? MediaType.valueOf("application/merge-patch+json") : MediaType.APPLICATION_JSON;
    }

    /** Authorization header with a planner token. */
    public static Consumer<HttpHeaders> planner() {
        return h -> h.setBearerAuth(TestTokens.planner());
    }

    /** Authorization header with the test (admin) token. */
    public static Consumer<HttpHeaders> auth() {
        return h -> h.setBearerAuth(ApiTestBase.TOKEN);
    }

    /** Authorization plus If-Match. */
    public static Consumer<HttpHeaders> authIfMatch(String etag) {
        return h -> {
            h.setBearerAuth(ApiTestBase.TOKEN);
            h.set(HttpHeaders.IF_MATCH, etag);
        };
    }

    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
