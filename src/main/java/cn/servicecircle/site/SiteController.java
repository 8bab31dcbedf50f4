package cn.servicecircle.site;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.security.Actor;
import cn.servicecircle.security.Actors;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.FieldProblem;
import cn.servicecircle.web.QueryParams;
import reactor.core.publisher.Mono;

/** HTTP surface of the site registry: parse, call one service method, map. */
@RestController
@RequestMapping("/v1/sites")
public class SiteController {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private final SiteService service;

    public SiteController(SiteService service) {
        this.service = service;
    }

    /** A page of sites. */
    public record SitePage(List<SiteJson> items, long total, String nextCursor) {
    }

    @GetMapping
    public Mono<SitePage> list(@RequestParam(required = false) String category,
                               @RequestParam(required = false) String subtype,
                               @RequestParam(required = false) String area,
                               @RequestParam(required = false) String bbox,
                               @RequestParam(required = false) String q,
                               @RequestParam(required = false) String status,
                               @RequestParam(required = false) String limit,
                               @RequestParam(required = false) String cursor,
                               @RequestParam(required = false) String coordSys) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        SiteQuery query = new SiteQuery(category(category), blankToNull(subtype), blankToNull(area), bbox(bbox, sys),
                blankToNull(q), includeClosed(status),
                QueryParams.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT), cursor(cursor));
        return service.list(query).map(page -> new SitePage(
                page.items().stream().map(s -> SiteJson.of(s, sys)).toList(), page.total(),
                page.next() == null ? null : encodeCursor(page.next())));
    }

    @GetMapping("/{id}")
    public Mono<ResponseEntity<SiteJson>> get(@PathVariable String id,
                                              @RequestParam(required = false) String coordSys,
                                              @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false)
                                              String ifNoneMatch) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        return service.get(id(id)).map(site -> {
            Preconditions none = Preconditions.ifNoneMatch(ifNoneMatch);
            if (none != null && none.matches(site.version())) {
                return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag(site)).<SiteJson>build();
            }
            return ResponseEntity.ok().eTag(etag(site)).body(SiteJson.of(site, sys));
        });
    }

    @PostMapping
    public Mono<ResponseEntity<SiteJson>> create(@RequestBody Map<String, Object> body,
                                                 @RequestParam(required = false) String coordSys,
                                                 @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        return service.create(body, sys, Actors.require(actor), reason(exchange))
                .map(site -> ResponseEntity.created(URI.create("/v1/sites/" + site.id())).eTag(etag(site))
                        .body(SiteJson.of(site, sys)));
    }

    @PutMapping("/{id}")
    public Mono<ResponseEntity<SiteJson>> replace(@PathVariable String id, @RequestBody Map<String, Object> body,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                  String ifMatch,
                                                  @RequestParam(required = false) String coordSys,
                                                   @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        return service.replace(id(id), Preconditions.ifMatch(ifMatch), body, sys, Actors.require(actor), reason(exchange))
                .map(site -> ResponseEntity.ok().eTag(etag(site)).body(SiteJson.of(site, sys)));
    }

    @PatchMapping(value = "/{id}", consumes = {"application/merge-patch+json", "application/json"})
    public Mono<ResponseEntity<SiteJson>> patch(@PathVariable String id, @RequestBody Map<String, Object> patch,
                                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                String ifMatch,
                                                @RequestParam(required = false) String coordSys,
                                                @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        return service.patch(id(id), Preconditions.ifMatch(ifMatch), patch, sys, Actors.require(actor), reason(exchange))
                .map(site -> ResponseEntity.ok().eTag(etag(site)).body(SiteJson.of(site, sys)));
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<SiteJson>> close(@PathVariable String id,
                                                @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                String ifMatch,
                                                @RequestParam(required = false) String coordSys,
                                                @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        return service.close(id(id), Preconditions.ifMatch(ifMatch), Actors.require(actor), reason(exchange))
                .map(site -> ResponseEntity.ok().eTag(etag(site)).body(SiteJson.of(site, sys)));
    }

    @GetMapping("/{id}/history")
    public Mono<Map<String, Object>> history(@PathVariable String id,
                                             @RequestParam(required = false) String coordSys) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        UUID uuid = id(id);
        return service.history(uuid).map(r -> inCoordSys(r, sys)).collectList()
                .map(revisions -> Map.of("siteId", uuid, "coordSys", sys.code(), "revisions", revisions));
    }

    /** A revision with the lon/lat of its snapshots expressed in {@code sys}. */
    static SiteRevision inCoordSys(SiteRevision r, CoordSys sys) {
        return new SiteRevision(r.version(), r.action(), snapshotIn(r.before(), sys), snapshotIn(r.after(), sys),
                r.actor(), r.actorRole(), r.actorSubject(), r.reason(), r.changedAt());
    }

    private static Map<String, Object> snapshotIn(Map<String, Object> snapshot, CoordSys sys) {
        if (snapshot == null || !(snapshot.get("lon") instanceof Number lon) || !(snapshot.get("lat") instanceof Number lat)) {
            return snapshot;
        }
        LonLat p = CoordParams.fromWgs84(lon.doubleValue(), lat.doubleValue(), sys);
        Map<String, Object> out = new java.util.LinkedHashMap<>(snapshot);
        out.put("lon", cn.servicecircle.web.GeoJson.round6(p.lon()));
        out.put("lat", cn.servicecircle.web.GeoJson.round6(p.lat()));
        return out;
    }

    static String etag(Site site) {
        return "\"" + site.version() + "\"";
    }

    static UUID id(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ApiException(404, "SITE_NOT_FOUND", "No site with id " + id);
        }
    }

    /** The {@code reason} query parameter, decoded strictly from the raw query; null when absent or blank. */
    static String reason(ServerWebExchange exchange) {
        return QueryParams.reason(exchange.getRequest().getURI().getRawQuery());
    }

    static SiteCategory category(String category) {
        if (category == null || category.isBlank()) {
            return null;
        }
        return SiteCategory.fromWire(category).orElseThrow(() -> ApiException.badField("category", "UNKNOWN_CATEGORY",
                "Unknown category '" + category + "'; allowed: childcare, school, clinic, elder_care, assistance"));
    }

    static boolean includeClosed(String status) {
        if (status == null || status.isBlank() || status.equals("open")) {
            return false;
        }
        if (status.equals("all")) {
            return true;
        }
        throw ApiException.badField("status", "INVALID_PARAMETER", "status is 'open' (default) or 'all'");
    }

    /** @return WGS84 {minLon, minLat, maxLon, maxLat}, or null */
    static double[] bbox(String bbox, CoordSys sys) {
        if (bbox == null || bbox.isBlank()) {
            return null;
        }
        String[] parts = bbox.split(",");
        try {
            if (parts.length == 4) {
                double[] b = new double[4];
                for (int i = 0; i < 4; i++) {
                    b[i] = Double.parseDouble(parts[i].trim());
                }
                boolean valid = b[0] >= -180 && b[2] <= 180 && b[1] >= -90 && b[3] <= 90 && b[0] <= b[2] && b[1] <= b[3];
                if (valid) {
                    LonLat min = CoordParams.toWgs84(b[0], b[1], sys);
                    LonLat max = CoordParams.toWgs84(b[2], b[3], sys);
                    return new double[] {min.lon(), min.lat(), max.lon(), max.lat()};
                }
            }
        } catch (NumberFormatException e) {
            // fall through to the problem below
        }
        throw new ApiException(400, "INVALID_PARAMETER", "bbox is minLon,minLat,maxLon,maxLat in degrees",
                List.of(new FieldProblem("bbox", "INVALID_PARAMETER", "bbox is minLon,minLat,maxLon,maxLat")));
    }

    static String encodeCursor(SiteQuery.Cursor c) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((c.id() + "|" + c.name()).getBytes(StandardCharsets.UTF_8));
    }

    static SiteQuery.Cursor cursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = s.indexOf('|');
            if (s.indexOf('\u0000') >= 0) {
                throw new IllegalArgumentException("NUL in cursor");
            }
            return new SiteQuery.Cursor(s.substring(bar + 1), UUID.fromString(s.substring(0, bar)));
        } catch (IllegalArgumentException | StringIndexOutOfBoundsException e) {
            throw ApiException.badField("cursor", "INVALID_PARAMETER", "cursor must be a nextCursor value from a previous page");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
