package cn.servicecircle.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.Coverage;
import cn.servicecircle.reach.ReachController;
import cn.servicecircle.web.ApiException;
import reactor.core.publisher.Mono;

/**
 * {@code GET /v1/coverage?format=csv}: the per-street figures of {@code /v1/coverage} as one CSV row per group ×
 * area, for spreadsheets. Same parameters and the same rounding as the JSON (the rows are built from its values).
 * Mapped beside {@link CoverageController} by the {@code format} parameter, so the JSON handler stays as it was.
 */
@RestController
public class CoverageExportController {
    static final List<String> HEADER = List.of("group", "areaCode", "category", "subtype", "thresholdMeters", "demand",
            "served", "share", "unlocatedDemand", "cells", "servedCells");

    private final CoverageService service;
    private final AccessVocabulary vocabulary;

    public CoverageExportController(CoverageService service, AccessVocabulary vocabulary) {
        this.service = service;
        this.vocabulary = vocabulary;
    }

    @GetMapping(value = "/v1/coverage", params = "format=csv")
    public Mono<ResponseEntity<String>> csv(@RequestParam(required = false) String group,
                                            @RequestParam(required = false) String area) {
        var groups = CoverageParams.groupsOrAll(vocabulary, group);
        String areaCode = CoverageParams.area(area);
        return service.coverage(groups).map(a -> {
            List<List<Object>> rows = new ArrayList<>();
            for (Coverage.Result r : a.results()) {
                for (String code : r.byArea().keySet()) {
                    if (areaCode == null || areaCode.equals(code)) {
                        // the area's row, then its categories, then its subtypes: the JSON's area entries flattened
                        CoverageController.AreaJson figures = CoverageController.area(r, code);
                        rows.add(row(r.group().code(), figures.total()));
                        figures.categories().forEach(t -> rows.add(row(r.group().code(), t)));
                        figures.subtypes().forEach(t -> rows.add(row(r.group().code(), t)));
                    }
                }
            }
            return ResponseEntity.ok().contentType(CsvTable.TEXT_CSV)
                    .header(ReachController.INDEX_GENERATION, Long.toString(a.stamp().generation()))
                    .header(ReachController.INDEX_AS_OF, a.stamp().asOf().toString())
                    .header("Content-Disposition", "attachment; filename=\"coverage.csv\"")
                    .body(CsvTable.write(HEADER, rows));
        });
    }

    private static List<Object> row(String group, CoverageController.TallyJson t) {
        return java.util.Arrays.asList(group, t.areaCode(), t.category(), t.subtype(), t.thresholdMeters(), t.demand(),
                t.served(), t.share(), t.unlocatedDemand(), t.cells(), t.servedCells());
    }

    /** Any other format: the JSON handler would ignore it silently, so refuse it here. */
    @GetMapping(value = "/v1/coverage", params = {"format", "format!=csv", "format!=json"})
    public Mono<ResponseEntity<String>> unknownFormat(@RequestParam String format) {
        CoverageParams.csv(format, "json");
        throw ApiException.badField("format", "INVALID_PARAMETER", "format is 'json' (default) or 'csv'");
    }
}
