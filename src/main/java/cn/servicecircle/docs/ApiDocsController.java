package cn.servicecircle.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import tools.jackson.databind.json.JsonMapper;

/**
 * The API contract as served: {@code api-spec/openapi.yaml} itself (packaged into the jar by the build, never
 * copied), as YAML and as JSON, and Swagger UI on it at {@code /docs/} (the UI from the swagger-ui webjar, so nothing
 * comes from a CDN). The pages carry their own Content-Security-Policy: scripts and styles from this origin only.
 */
@RestController
public class ApiDocsController {
    static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=utf-8");
    static final MediaType HTML = MediaType.parseMediaType("text/html;charset=utf-8");
    static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=utf-8");
    /** Swagger UI sets styles inline and draws icons from data: URIs; scripts only from here. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    private final byte[] yaml;
    private final byte[] json;
    private final byte[] page;
    private final byte[] script;
    /** Swagger UI's files by name, read once at start (reading a jar on the event loop would block it). */
    private final Map<String, byte[]> swaggerUi = new LinkedHashMap<>();

    public ApiDocsController(JsonMapper mapper) {
        this.yaml = read("api-spec/openapi.yaml");
        this.json = mapper.writeValueAsBytes(plain(new Yaml(new SafeConstructor(new LoaderOptions()))
                .load(new String(yaml, StandardCharsets.UTF_8))));
        this.page = read("docs/index.html");
        this.script = read("docs/init.js");
        org.webjars.WebJarVersionLocator webjars = new org.webjars.WebJarVersionLocator();
        for (String file : List.of("swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js")) {
            String path = webjars.fullPath("swagger-ui", file);
            if (path == null) {
                throw new IllegalStateException("swagger-ui webjar without " + file);
            }
            swaggerUi.put(file, read(path));
        }
    }

    /** A file the build put on the classpath, read whole (at start only: never on the event loop). */
    static byte[] read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("missing from the build: " + path, e);
        }
    }

    /** YAML's implicit timestamps would become epoch numbers in JSON: keep every scalar as the file writes it. */
    private static Object plain(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), plain(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(plain(v)));
            return out;
        }
        if (node instanceof java.util.Date d) {
            return DateTimeFormatter.ISO_INSTANT.format(d.toInstant());
        }
        return node;
    }

    @GetMapping("/openapi.yaml")
    public ResponseEntity<byte[]> yaml() {
        return ResponseEntity.ok().contentType(YAML).cacheControl(CACHE).body(yaml);
    }

    @GetMapping("/v3/api-docs")
    public ResponseEntity<byte[]> json() {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CACHE).body(json);
    }

    @GetMapping("/docs/")
    public ResponseEntity<byte[]> page() {
        return ResponseEntity.ok().contentType(HTML).cacheControl(CACHE)
                .header("Content-Security-Policy", PAGE_POLICY).body(page);
    }

    @GetMapping("/docs/init.js")
    public ResponseEntity<byte[]> script() {
        return ResponseEntity.ok().contentType(JAVASCRIPT).cacheControl(CACHE).body(script);
    }

    /** Swagger UI itself, as the webjar ships it. */
    @GetMapping("/docs/swagger-ui/{file}")
    public ResponseEntity<byte[]> swaggerUi(@org.springframework.web.bind.annotation.PathVariable String file) {
        byte[] body = swaggerUi.get(file);
        if (body == null) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(file.endsWith(".css") ? MediaType.parseMediaType("text/css;charset=utf-8")
                : JAVASCRIPT).cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePublic()).body(body);
    }

    /** The addresses people try first lead to the page. */
    @GetMapping({"/docs", "/swagger-ui.html", "/swagger-ui/", "/swagger-ui/index.html"})
    public ResponseEntity<Void> toPage() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/docs/")).build();
    }
}
