package cn.servicecircle.reach;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.site.SiteCategory;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.QueryParams;
import reactor.core.publisher.Mono;

/** Residents' walking questions: what is near me, what can I walk to in 15 minutes. */
@RestController
public class ReachController {
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;
    /** Response header: generation of the index snapshot that answered. */
    public static final String INDEX_GENERATION = "X-Index-Generation";
    /** Response header: ISO-8601 instant; the answer holds every site change committed before it. */
    public static final String INDEX_AS_OF = "X-Index-As-Of";

    private final ReachService service;
    private final ReachProperties properties;

    public ReachController(ReachService service, ReachProperties properties) {
        this.service = service;
        this.properties = properties;
    }

    @GetMapping("/v1/nearby")
    public Mono<ReachJson.Nearby> nearby(@RequestParam(required = false) String lon,
                                         @RequestParam(required = false) String lat,
                                         @RequestParam(required = false) String coordSys,
                                         @RequestParam(required = false) String category,
                                         @RequestParam(required = false) String limit,
                                         @RequestParam(required = false) String maxMinutes,
                                         @RequestParam(required = false) String speed,
                                         ServerHttpResponse response) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        double x = QueryParams.coordinate("lon", lon, 180);
        double y = QueryParams.coordinate("lat", lat, 90);
        SiteCategory c = category == null || category.isBlank() ? null : SiteCategory.fromWire(category)
                .orElseThrow(() -> ApiException.badField("category", "UNKNOWN_CATEGORY", "Unknown category '"
                        + category + "'; allowed: childcare, school, clinic, elder_care, assistance"));
        int n = QueryParams.integer("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT);
        int minutes = QueryParams.integer("maxMinutes", maxMinutes, properties.defaultMinutes(), 1, properties.maxMinutes());
        LonLat wgs = CoordParams.toWgs84(x, y, sys);
        ReachJson.Origin origin = new ReachJson.Origin(x, y, sys.code());
        return service.nearby(wgs.lon(), wgs.lat(), c, n, minutes, walker(speed))
                .doOnNext(r -> stamp(response, r.index()))
                .map(r -> ReachJson.Nearby.of(r, origin, sys));
    }

    @GetMapping("/v1/reach")
    public Mono<ReachJson.Reach> reach(@RequestParam(required = false) String lon,
                                       @RequestParam(required = false) String lat,
                                       @RequestParam(required = false) String coordSys,
                                       @RequestParam(required = false) String minutes,
                                       @RequestParam(required = false) String speed,
                                       ServerHttpResponse response) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        double x = QueryParams.coordinate("lon", lon, 180);
        double y = QueryParams.coordinate("lat", lat, 90);
        int m = QueryParams.integer("minutes", minutes, properties.defaultMinutes(), 1, properties.maxMinutes());
        LonLat wgs = CoordParams.toWgs84(x, y, sys);
        ReachJson.Origin origin = new ReachJson.Origin(x, y, sys.code());
        return service.reach(wgs.lon(), wgs.lat(), m, walker(speed))
                .doOnNext(r -> stamp(response, r.index()))
                .map(r -> ReachJson.Reach.of(r, origin, sys));
    }

    /** Which snapshot answered, also as headers so a client or probe can tell without parsing the body. */
    private static void stamp(ServerHttpResponse response, ReachIndex.Stamp stamp) {
        response.getHeaders().set(INDEX_GENERATION, Long.toString(stamp.generation()));
        response.getHeaders().set(INDEX_AS_OF, stamp.asOf().toString());
    }

    static ReachService.Walker walker(String speed) {
        if (speed == null || speed.isBlank() || speed.equals("adult")) {
            return ReachService.Walker.ADULT;
        }
        if (speed.equals("elderly")) {
            return ReachService.Walker.ELDERLY;
        }
        throw ApiException.badField("speed", "INVALID_PARAMETER", "speed is 'adult' (default) or 'elderly'");
    }
}
