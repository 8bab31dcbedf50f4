package cn.servicecircle.docs;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The planner's map at {@code /map/}: a page, its script and style, and MapLibre GL JS (its CSP build, bundled from
 * npm at build time), all read into memory at start. The page draws only this service's tiles and JSON, so its
 * Content-Security-Policy allows nothing from elsewhere; MapLibre's worker is a file from here, not a blob.
 */
@RestController
public class MapPageController {
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; worker-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

    /** Path under /map/ → content type and bytes. */
    private final Map<String, ResponseEntity<byte[]>> files = new LinkedHashMap<>();

    public MapPageController() {
        add("", "map/index.html", "text/html;charset=utf-8", true);
        add("map.js", "map/map.js", "text/javascript;charset=utf-8", false);
        add("map.css", "map/map.css", "text/css;charset=utf-8", false);
        add("vendor/maplibre-gl-csp.js", "map/vendor/maplibre-gl-csp.js", "text/javascript;charset=utf-8", false);
        // a worker obeys the policy its own script arrives with: it fetches the tiles
        add("vendor/maplibre-gl-csp-worker.js", "map/vendor/maplibre-gl-csp-worker.js", "text/javascript;charset=utf-8",
                true);
        add("vendor/maplibre-gl.css", "map/vendor/maplibre-gl.css", "text/css;charset=utf-8", false);
        add("vendor/LICENSE.txt", "map/vendor/LICENSE.txt", "text/plain;charset=utf-8", false);
    }

    /** @param page whether it is a document or worker, which gets the page's policy instead of the data one */
    private void add(String path, String resource, String type, boolean page) {
        byte[] body = ApiDocsController.read(resource);
        ResponseEntity.BodyBuilder b = ResponseEntity.ok().contentType(MediaType.parseMediaType(type)).cacheControl(CACHE);
        if (page) {
            b.header("Content-Security-Policy", PAGE_POLICY);
        }
        files.put(path, b.body(body));
    }

    @GetMapping("/map/")
    public ResponseEntity<byte[]> page() {
        return files.get("");
    }

    @GetMapping({"/map/{file}", "/map/vendor/{file}"})
    public ResponseEntity<byte[]> file(@PathVariable String file,
                                       org.springframework.http.server.reactive.ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value().substring("/map/".length());
        ResponseEntity<byte[]> f = files.get(path);
        return f != null && !path.isEmpty() ? f : ResponseEntity.notFound().build();
    }

    @GetMapping("/map")
    public ResponseEntity<Void> toPage() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/map/")).build();
    }
}
