package cn.servicecircle.coverage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.reach.ReachController;
import cn.servicecircle.reach.core.ReachMethod;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.GeoJson;
import cn.servicecircle.web.QueryParams;
import reactor.core.publisher.Mono;

/**
 * Planners: where a demand group is not served. {@code GET /v1/gaps} answers a GeoJSON FeatureCollection (one
 * point feature per unserved population point, largest uncovered demand first) with a per-area summary, or the
 * same features as CSV ({@code format=csv}).
 */
@RestController
public class GapsController {
    /** Gaps returned when {@code limit} is not given. */
    static final int DEFAULT_LIMIT = 500;
    /** Most gaps one answer holds (the Haishu sample has 2,380 points, so one call can export them all). */
    static final int MAX_LIMIT = 5000;
    static final List<String> CSV_HEADER = List.of("group", "id", "areaCode", "lon", "lat", "uncoveredDemand",
            "nearestWalkMeters", "source");

    private final CoverageService service;
    private final AccessVocabulary vocabulary;

    public GapsController(CoverageService service, AccessVocabulary vocabulary) {
        this.service = service;
        this.vocabulary = vocabulary;
    }

    /**
     * Uncovered demand in one area or the region.
     *
     * @param demand          residents of the group, rounded to 0.1
     * @param uncoveredDemand of them not served, rounded to 0.1
     * @param uncoveredShare  uncovered / demand, 0–1, 4 decimals; 0 without demand
     */
    public record AreaGapJson(String areaCode, double demand, double uncoveredDemand, double uncoveredShare) {
        static AreaGapJson of(Gaps.AreaGap a) {
            return new AreaGapJson(a.areaCode(), CoverageParams.round1(a.demand()),
                    CoverageParams.round1(a.uncoveredDemand()), CoverageParams.round4(a.uncoveredShare()));
        }
    }

    @GetMapping("/v1/gaps")
    public Mono<ResponseEntity<Object>> gaps(@RequestParam(required = false) String group,
                                             @RequestParam(required = false) String area,
                                             @RequestParam(required = false) String limit,
                                             @RequestParam(required = false) String coordSys,
                                             @RequestParam(required = false) String format) {
        if (group == null || group.isBlank()) {
            throw ApiException.badField("group", "REQUIRED", "group is required: a demand group code, e.g. preschool");
        }
        DemandGroup g = CoverageParams.group(vocabulary, group);
        String areaCode = CoverageParams.area(area);
        int max = QueryParams.integer("limit", limit, DEFAULT_LIMIT, 0, MAX_LIMIT);
        CoordSys sys = CoordParams.coordSys(coordSys);
        boolean csv = CoverageParams.csv(format, "geojson");
        return service.compute((snap, population, live) -> {
            Gaps.Result r = Gaps.of(live.apply(g), population.points(), areaCode, max);
            String method = snap.access().method().kind() == ReachMethod.NETWORK ? "network" : "straight-line";
            Object body = csv ? csv(r, sys) : geoJson(r, sys, method, snap.stamp().generation(),
                    snap.stamp().asOf().toString());
            return ResponseEntity.ok().contentType(csv ? CsvTable.TEXT_CSV : MediaType.APPLICATION_JSON)
                    .header(ReachController.INDEX_GENERATION, Long.toString(snap.stamp().generation()))
                    .header(ReachController.INDEX_AS_OF, snap.stamp().asOf().toString())
                    .body(body);
        });
    }

    private static Map<String, Object> geoJson(Gaps.Result r, CoordSys sys, String method, long generation,
                                               String asOf) {
        List<Object> features = new ArrayList<>(r.gaps().size());
        for (Gaps.Gap gap : r.gaps()) {
            LonLat at = CoordParams.fromWgs84(gap.point().lon(), gap.point().lat(), sys);
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("id", gap.point().id());
            props.put("areaCode", gap.point().areaCode());
            props.put("uncoveredDemand", CoverageParams.round1(gap.uncoveredDemand()));
            props.put("nearestWalkMeters", gap.nearestMeters() == null ? null : CoverageParams.round1(gap.nearestMeters()));
            props.put("source", gap.point().source());
            features.add(GeoJson.pointFeature(at, props));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "FeatureCollection");
        out.put("group", r.group().code());
        out.put("method", method);
        out.put("index", new CoverageController.ReachJsonIndex(generation, asOf));
        out.put("coordSys", sys.code());
        out.put("total", AreaGapJson.of(r.total()));
        out.put("areas", r.areas().stream().map(AreaGapJson::of).toList());
        out.put("gapCount", r.gapCount());
        out.put("features", features);
        return out;
    }

    private static String csv(Gaps.Result r, CoordSys sys) {
        List<List<Object>> rows = new ArrayList<>(r.gaps().size());
        for (Gaps.Gap gap : r.gaps()) {
            LonLat at = CoordParams.fromWgs84(gap.point().lon(), gap.point().lat(), sys);
            List<Object> row = new ArrayList<>();
            row.add(r.group().code());
            row.add(gap.point().id());
            row.add(gap.point().areaCode());
            row.add(GeoJson.round6(at.lon()));
            row.add(GeoJson.round6(at.lat()));
            row.add(CoverageParams.round1(gap.uncoveredDemand()));
            row.add(gap.nearestMeters() == null ? null : CoverageParams.round1(gap.nearestMeters()));
            row.add(gap.point().source());
            rows.add(row);
        }
        return CsvTable.write(CSV_HEADER, rows);
    }
}
