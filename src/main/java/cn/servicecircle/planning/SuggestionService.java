package cn.servicecircle.planning;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Service;

import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.Cell;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.access.ServiceRule;
import cn.servicecircle.access.Siting;
import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.coverage.CoverageController;
import cn.servicecircle.coverage.CoverageService;
import cn.servicecircle.reach.core.ReachMethod;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.FieldProblem;
import reactor.core.publisher.Mono;

/**
 * Siting suggestions: validates a request, then runs the greedy MCLP ({@link Siting}) on the live snapshot and the
 * population cells coverage uses, on the reach scheduler (never the event loop).
 */
@Service
public class SuggestionService {
    /** Most new sites per request: greedy cost grows with it and planners place a handful at a time. */
    static final int MAX_COUNT = 20;
    /** Most candidates a request may list: bounds the one search per candidate (and the body). */
    static final int MAX_CANDIDATES = 2000;

    private final CoverageService population;
    private final AccessVocabulary vocabulary;

    public SuggestionService(CoverageService population, AccessVocabulary vocabulary) {
        this.population = population;
        this.vocabulary = vocabulary;
    }

    /**
     * @throws ApiException 400 listing every invalid field (UNKNOWN_GROUP, UNKNOWN_SUBTYPE, REQUIRED, OUT_OF_RANGE,
     *                      INVALID_PARAMETER, TOO_MANY_CANDIDATES; UNKNOWN_AREA once the cells are read)
     */
    public Mono<SuggestionJson> suggest(SuggestionRequest request, CoordSys sys) {
        List<FieldProblem> problems = new ArrayList<>();
        DemandGroup group = null;
        if (request.group() == null || request.group().isBlank()) {
            problems.add(new FieldProblem("group", "REQUIRED", "group is required, e.g. preschool"));
        } else {
            group = vocabulary.group(request.group()).orElse(null);
            if (group == null) {
                problems.add(new FieldProblem("group", "UNKNOWN_GROUP", "Unknown demand group '" + request.group()
                        + "'; known: " + String.join(", ", vocabulary.groups().stream().map(DemandGroup::code).toList())));
            }
        }
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > MAX_COUNT) {
            problems.add(new FieldProblem("count", "OUT_OF_RANGE", "count must be 1-" + MAX_COUNT));
        }
        ServiceRule rule = group == null ? null : rule(group, request.subtype(), problems);
        String area = request.area() == null || request.area().isBlank() ? null : request.area();
        if (area != null && !area.matches("[0-9]{6,12}")) {
            problems.add(new FieldProblem("area", "INVALID_PARAMETER", "area is a street/town code, e.g. 330203001"));
        }
        List<Siting.Candidate> given = candidates(request.candidates(), sys, problems);
        if (!problems.isEmpty()) {
            return Mono.error(ApiException.validation(problems));
        }
        DemandGroup g = group;
        return population.locatedPopulation().map(lp -> {
            List<Cell> cells = new ArrayList<>();
            for (Cell c : lp.cells()) {
                if (area == null || area.equals(c.areaCode())) {
                    cells.add(c);
                }
            }
            if (cells.isEmpty()) {
                throw ApiException.badField("area", "UNKNOWN_AREA", "No population points in area " + area);
            }
            // population points as candidates: those the method can measure from (the others are counted)
            List<Siting.Candidate> candidates = given != null ? given : cells.stream().filter(c -> c.located() != null)
                    .map(c -> new Siting.Candidate(c.id(), c.located().lon(), c.located().lat())).toList();
            int unlocatedPoints = given != null ? 0 : cells.size() - candidates.size();
            Siting.Result r = Siting.greedy(lp.snapshot().access(), g, rule, cells, candidates, count);
            List<SuggestionJson.Pick> picks = new ArrayList<>();
            for (Siting.Pick p : r.picks()) {
                picks.add(SuggestionJson.pick(picks.size() + 1, p, given != null, sys));
            }
            return new SuggestionJson(lp.snapshot().access().method().kind() == ReachMethod.NETWORK ? "network"
                    : "straight-line", new CoverageController.ReachJsonIndex(lp.snapshot().generation(),
                    lp.snapshot().asOf().toString()), g.code(), rule.category(), rule.subtype(), rule.thresholdMeters(),
                    area, given != null ? "request" : "population", SuggestionJson.round1(r.demand()),
                    SuggestionJson.round1(r.servedBefore()), SuggestionJson.round4(r.shareBefore()), r.candidates() + unlocatedPoints,
                    r.unlocatedCandidates() + unlocatedPoints, picks);
        });
    }

    /** The new sites' subtype: the requested one if it serves the group, else the group's first serving subtype. */
    private static ServiceRule rule(DemandGroup group, String subtype, List<FieldProblem> problems) {
        if (subtype == null || subtype.isBlank()) {
            return group.rules().get(0);
        }
        for (ServiceRule r : group.rules()) {
            if (r.subtype().equals(subtype)) {
                return r;
            }
        }
        problems.add(new FieldProblem("subtype", "UNKNOWN_SUBTYPE", "subtype must be one serving " + group.code() + ": "
                + String.join(", ", group.rules().stream().map(ServiceRule::subtype).toList())));
        return null;
    }

    private static List<Siting.Candidate> candidates(List<SuggestionRequest.Point> points, CoordSys sys,
                                                     List<FieldProblem> problems) {
        if (points == null) {
            return null;
        }
        if (points.isEmpty() || points.size() > MAX_CANDIDATES) {
            problems.add(new FieldProblem("candidates", points.isEmpty() ? "OUT_OF_RANGE" : "TOO_MANY_CANDIDATES",
                    "candidates: 1-" + MAX_CANDIDATES + " points, or leave it out to use the population points"));
            return null;
        }
        List<Siting.Candidate> out = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
            SuggestionRequest.Point p = points.get(i);
            String field = "candidates[" + i + "]";
            if (p == null || p.lon() == null || p.lat() == null) {
                problems.add(new FieldProblem(field, "REQUIRED", field + " needs lon and lat"));
            } else if (!(p.lon() >= -180 && p.lon() <= 180 && p.lat() >= -90 && p.lat() <= 90)) {
                problems.add(new FieldProblem(field, "OUT_OF_RANGE", field + ": lon -180..180, lat -90..90"));
            } else {
                LonLat w = CoordParams.toWgs84(p.lon(), p.lat(), sys);
                out.add(new Siting.Candidate(Integer.toString(i), w.lon(), w.lat()));
            }
        }
        return out;
    }
}
