package cn.servicecircle.population;

import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.FieldProblem;
import cn.servicecircle.web.UploadBody;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /v1/population/import}: population points from a CSV or GeoJSON file (token needed; see
 * {@link PopulationImportParser} and {@link PopulationImportService} for the rules).
 *
 * <p>Contract: the body is read here rather than by a codec, up to {@code sc.population.import-max-bytes} (more:
 * 413 PAYLOAD_TOO_LARGE), so this endpoint alone may exceed the 64 KiB of {@code spring.http.codecs}. The body is
 * UTF-8 (else 400 INVALID_ENCODING); parsing runs on the parallel scheduler, never the event loop. Content types:
 * {@code text/csv}, {@code application/geo+json}, {@code application/json}; any other is 415.
 */
@RestController
public class PopulationImportController {
    private final PopulationImportService service;
    private final JsonMapper json;
    private final int maxBytes;
    private final Clock clock;

    public PopulationImportController(PopulationImportService service, JsonMapper json,
                                      @Value("${sc.population.import-max-bytes:4MB}") DataSize maxBytes) {
        this.service = service;
        this.json = json;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE, maxBytes.toBytes());
        this.clock = Clock.systemUTC();
    }

    @PostMapping("/v1/population/import")
    public Mono<PopulationImportService.Result> importPoints(ServerHttpRequest request,
                                                            @RequestParam(required = false) String coordSys,
                                                            @RequestParam(required = false) String dryRun,
                                                            @RequestParam(required = false) String mode,
                                                            @RequestParam(required = false) String asOfYear) {
        List<FieldProblem> problems = new ArrayList<>();
        CoordSys sys = CoordSys.WGS84;
        try {
            sys = CoordParams.coordSys(coordSys);
        } catch (ApiException e) {
            problems.addAll(e.errors());
        }
        boolean dry = false;
        if (dryRun != null && !dryRun.equals("false")) {
            if (dryRun.equals("true")) {
                dry = true;
            } else {
                problems.add(new FieldProblem("dryRun", "INVALID_PARAMETER", "dryRun is true or false"));
            }
        }
        if (mode != null && !mode.equals("upsert")) {
            problems.add(new FieldProblem("mode", "INVALID_PARAMETER", "mode is 'upsert' (the only mode so far)"));
        }
        int year = Year.now(clock).getValue();
        if (asOfYear != null) {
            try {
                year = Integer.parseInt(asOfYear);
            } catch (NumberFormatException e) {
                year = -1;
            }
            if (year < 1950 || year > 2100) {
                problems.add(new FieldProblem("asOfYear", "INVALID_PARAMETER", "asOfYear is a year 1950–2100"));
            }
        }
        boolean csv;
        try {
            csv = UploadBody.isCsv(request.getHeaders().getContentType());
        } catch (ApiException e) {
            return Mono.error(e);
        }
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.validation(problems));
        }
        CoordSys system = sys;
        boolean isDry = dry;
        int y = year;
        return UploadBody.read(request, maxBytes)
                .publishOn(Schedulers.parallel())
                .map(bytes -> csv ? PopulationImportParser.csv(UploadBody.utf8(bytes), system)
                        : PopulationImportParser.geoJson(UploadBody.json(json, bytes), system))
                .flatMap(parsed -> service.run(parsed, system.code(), y, isDry));
    }
}
