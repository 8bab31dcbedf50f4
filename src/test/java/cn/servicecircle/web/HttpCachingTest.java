package cn.servicecircle.web;

import static cn.servicecircle.support.Http.auth;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;
import cn.servicecircle.support.PublicApiData;

/**
 * Served API docs and HTTP caching, over real HTTP: every GET answer carries an ETag and a Cache-Control, a repeated
 * GET with If-None-Match costs a 304 without a body, an edit changes the tag, and JSON travels gzipped when asked.
 */
class HttpCachingTest extends ApiTestBase {

    WebTestClient client() {
        return web.mutate().codecs(c -> c.defaultCodecs().maxInMemorySize(16 << 20)).build();
    }

    EntityExchangeResult<byte[]> get(String uri, String ifNoneMatch) {
        return client().get().uri(uri).headers(h -> {
            if (ifNoneMatch != null) {
                h.set(HttpHeaders.IF_NONE_MATCH, ifNoneMatch);
            }
        }).exchange().expectBody(byte[].class).returnResult();
    }

    @Test
    void everyGetAnswersWithATagAndARepeatCostsA304() {
        String site = PublicApiData.openSites(PublicApiData.bigHttp(web)).get(0).get("id").asText();
        List<String> uris = List.of("/v1/site-types", "/v1/areas", "/v1/areas/330203?geometry=true",
                "/v1/sites?limit=5", "/v1/sites/" + site, "/v1/nearby?lon=121.5436&lat=29.87",
                "/v1/reach?lon=121.5436&lat=29.87", "/v1/coverage?group=preschool", "/v1/coverage?format=csv&group=infants",
                "/v1/gaps?group=preschool&limit=3", "/v1/accessibility?group=preschool", "/v1/population",
                "/v1/indicators?year=2025", "/openapi.yaml", "/v3/api-docs", "/docs/");
        List<String> cacheControls = new ArrayList<>();
        for (String uri : uris) {
            EntityExchangeResult<byte[]> first = get(uri, null);
            assertThat(first.getStatus().value()).as(uri).isEqualTo(200);
            String etag = first.getResponseHeaders().getETag();
            assertThat(etag).as("ETag of %s", uri).isNotBlank();
            String cacheControl = first.getResponseHeaders().getCacheControl();
            assertThat(cacheControl).as("Cache-Control of %s", uri).isNotBlank();
            cacheControls.add(uri + " → " + cacheControl);

            EntityExchangeResult<byte[]> again = get(uri, etag);
            assertThat(again.getStatus().value()).as("repeat of %s", uri).isEqualTo(304);
            assertThat(again.getResponseBody()).as("304 of %s has no body", uri).isNullOrEmpty();
            assertThat(again.getResponseHeaders().getETag()).isEqualTo(etag);

            assertThat(get(uri, "W/\"something-else\", \"x\"").getStatus().value()).as("other tag on %s", uri)
                    .isEqualTo(200);
            assertThat(get(uri, "\"a\", " + etag).getStatus().value()).as("tag in a list on %s", uri).isEqualTo(304);
        }
        assertThat(cacheControls).contains("/v1/areas → public, max-age=3600", "/v1/sites?limit=5 → no-cache",
                "/v1/nearby?lon=121.5436&lat=29.87 → public, max-age=10", "/openapi.yaml → max-age=300, public");
        // errors are not cached
        EntityExchangeResult<byte[]> error = get("/v1/coverage?group=teenagers", "*");
        assertThat(error.getStatus().value()).isEqualTo(400);
        assertThat(error.getResponseHeaders().getETag()).isNull();
    }

    @Test
    void anEditChangesTheTagOfTheListsThatShowIt() throws InterruptedException {
        String tag = UUID.randomUUID().toString();
        String name = "缓存测试 " + tag;
        String uri = "/v1/sites?q=" + tag;
        String before = get(uri, null).getResponseHeaders().getETag();
        Http http = new Http(web);
        Http.Response created = http.call(HttpMethod.POST, "/v1/sites", """
                {"category":"clinic","subtype":"community_health_station","name":"%s",
                 "location":{"lon":121.5436,"lat":29.8700}}""".formatted(name), auth());
        assertThat(created.status()).isEqualTo(201);
        EntityExchangeResult<byte[]> after = get(uri, before);
        assertThat(after.getStatus().value()).isEqualTo(200);
        assertThat(after.getResponseHeaders().getETag()).isNotEqualTo(before);
        assertThat(new String(after.getResponseBody(), StandardCharsets.UTF_8)).contains(name);

        // coverage is keyed by the index generation: once the index follows the edit, its tag moves too
        String coverageTag = null;
        String generation = null;
        for (int i = 0; i < 50; i++) {
            EntityExchangeResult<byte[]> c = get("/v1/coverage?group=everyone", null);
            if (coverageTag != null && !c.getResponseHeaders().getFirst("X-Index-Generation").equals(generation)) {
                assertThat(c.getResponseHeaders().getETag()).isNotEqualTo(coverageTag);
                return;
            }
            coverageTag = c.getResponseHeaders().getETag();
            generation = c.getResponseHeaders().getFirst("X-Index-Generation");
            if (i == 0) {
                http.call(HttpMethod.PATCH, "/v1/sites/" + created.json().get("id").asText(), "{\"status\":\"closed\"}",
                        Http.authIfMatch(created.headers().getETag()));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the index generation did not move after an edit");
    }

    @LocalServerPort
    int port;

    /** The JDK client, since the test client would unzip on its own and hide the encoding. */
    @Test
    void jsonIsGzippedWhenTheClientAcceptsIt() throws IOException, InterruptedException {
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newHttpClient();
        for (String uri : List.of("/v1/areas?geometry=true", "/v1/reach?lon=121.5436&lat=29.87")) {
            byte[] plain = get(uri, null).getResponseBody();
            java.net.http.HttpResponse<byte[]> zipped = jdk.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + port + uri)).header("Accept-Encoding", "gzip").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(zipped.headers().firstValue("Content-Encoding")).as(uri).hasValue("gzip");
            byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes();
            assertThat(unzipped).as(uri).isEqualTo(plain);
            System.out.printf("gzip %s: %d → %d bytes (%.0f %% saved)%n", uri, plain.length, zipped.body().length,
                    100.0 * (plain.length - zipped.body().length) / plain.length);
            assertThat(zipped.body().length).as(uri).isLessThan(plain.length / 2);
        }
    }

    @Test
    void theDocsServeTheContractFileItself() throws IOException {
        String file = Files.readString(Path.of("api-spec/openapi.yaml"), StandardCharsets.UTF_8);
        EntityExchangeResult<byte[]> yaml = get("/openapi.yaml", null);
        assertThat(yaml.getResponseHeaders().getContentType().toString()).startsWith("application/yaml");
        assertThat(new String(yaml.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo(file);

        JsonNode json = new ObjectMapper().readTree(get("/v3/api-docs", null).getResponseBody());
        JsonNode fromFile = new YAMLMapper().readTree(file);
        assertThat(json).isEqualTo(fromFile);
        assertThat(new TreeSet<String>(fieldNames(json.get("paths")))).contains("/v1/coverage", "/v1/sites");

        EntityExchangeResult<byte[]> page = get("/docs/", null);
        assertThat(page.getResponseHeaders().getContentType().toString()).startsWith("text/html");
        String html = new String(page.getResponseBody(), StandardCharsets.UTF_8);
        assertThat(page.getResponseHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'");
        for (String asset : List.of("/docs/swagger-ui/swagger-ui-bundle.js", "/docs/swagger-ui/swagger-ui.css",
                "/docs/swagger-ui/swagger-ui-standalone-preset.js", "/docs/init.js")) {
            assertThat(html).contains(asset);
            EntityExchangeResult<byte[]> a = get(asset, null);
            assertThat(a.getStatus().value()).as(asset).isEqualTo(200);
            assertThat(a.getResponseBody().length).as(asset).isGreaterThan(100);
        }
        assertThat(new String(get("/docs/init.js", null).getResponseBody(), StandardCharsets.UTF_8))
                .contains("url: \"/openapi.yaml\"");
        for (String start : List.of("/swagger-ui.html", "/docs")) {
            EntityExchangeResult<byte[]> r = get(start, null);
            assertThat(r.getStatus().value()).as(start).isEqualTo(302);
            assertThat(r.getResponseHeaders().getLocation().toString()).isEqualTo("/docs/");
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
