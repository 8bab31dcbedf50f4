package cn.servicecircle.site;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.security.Actor;
import cn.servicecircle.security.Actors;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.QueryParams;
import cn.servicecircle.web.UploadBody;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/sites/import?coordSys&dryRun&reason}: sites from CSV or GeoJSON (offices in their areas, admins;
 * rules in {@link SiteImportParser} and {@link SiteImportService}). The body is read here up to
 * {@code sc.sites.import-max-bytes} (413 beyond); parsing runs on the parallel scheduler, never the event loop.
 */
@RestController
public class SiteImportController {
    private final SiteImportService service;
    private final JsonMapper json;
    private final int maxBytes;

    public SiteImportController(SiteImportService service, JsonMapper json,
                                @Value("${sc.sites.import-max-bytes:8MB}") DataSize maxBytes) {
        this.service = service;
        this.json = json;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE, maxBytes.toBytes());
    }

    @PostMapping("/v1/sites/import")
    public Mono<SiteImportService.Result> importSites(ServerHttpRequest request,
                                                     @RequestParam(required = false) String coordSys,
                                                     @RequestParam(required = false) String dryRun,
                                                     @AuthenticationPrincipal Actor actor) {
        Actor caller = Actors.require(actor);
        CoordSys sys = CoordParams.coordSys(coordSys);
        if (dryRun != null && !dryRun.equals("true") && !dryRun.equals("false")) {
            throw ApiException.badField("dryRun", "INVALID_PARAMETER", "dryRun is true or false");
        }
        boolean dry = "true".equals(dryRun);
        String reason = QueryParams.reason(request.getURI().getRawQuery());
        boolean csv = UploadBody.isCsv(request.getHeaders().getContentType());
        return UploadBody.read(request, maxBytes)
                .publishOn(Schedulers.parallel())
                .map(bytes -> csv ? SiteImportParser.csv(UploadBody.utf8(bytes))
                        : SiteImportParser.geoJson(UploadBody.json(json, bytes)))
                .flatMap(parsed -> service.run(parsed, sys, dry, caller, reason));
    }
}
