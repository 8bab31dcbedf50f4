package cn.servicecircle.planning;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.stereotype.Service;

import cn.servicecircle.access.AccessSnapshot;
import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.Coverage;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.access.ServicePoint;
import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coverage.CoverageService;
import cn.servicecircle.reach.ReachIndex;
import cn.servicecircle.reach.core.ReachMethod;
import cn.servicecircle.site.SiteRepository;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.FieldProblem;
import reactor.core.publisher.Mono;

/**
 * What-if: coverage with some sites added, moved or closed, beside the live one. The changes are applied to a copy
 * of the live access snapshot ({@link AccessSnapshot#with}); nothing is saved and the live index is not touched, so
 * this is a computation, not a write. The copy is rebuilt per request on the reach scheduler (one pass over the
 * cells per group, plus the nearest-site fields of every subtype), never on the event loop.
 */
@Service
public class ScenarioService {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final CoverageService coverage;
    private final AccessVocabulary vocabulary;
    private final Mono<Set<String>> subtypes;

    /**
     * The comparison of every requested group on one snapshot.
     *
     * @param stamp  the live snapshot the scenario was applied to
     * @param method network or straight line
     * @param groups per requested group, in request order
     */
    public record Answer(ReachIndex.Stamp stamp, ReachMethod method, Scenario scenario,
                         List<ScenarioComparison.Result> groups) {
    }

    public ScenarioService(CoverageService coverage, AccessVocabulary vocabulary, SiteRepository sites) {
        this.coverage = coverage;
        this.vocabulary = vocabulary;
        // the registry's subtypes change only with a dataset load; a failure (database away) is not cached
        this.subtypes = sites.subtypes().cache(v -> Duration.ofHours(1), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    /**
     * @param body a decoded what-if (see {@link ScenarioParser})
     * @throws ApiException 400 for a malformed body; 422 SITE_NOT_FOUND for a moved or closed id that is not an
     *                      open site, OUTSIDE_SERVICE_AREA for a location outside the district, POINT_NOT_ROUTABLE
     *                      for one the walking network cannot reach
     */
    public Mono<Answer> run(Map<String, Object> body, CoordSys sys) {
        return subtypes.map(known -> new ScenarioParser(vocabulary, known, sys).parse(body))
                .flatMap(scenario -> coverage.compute((snap, population, live) -> {
                    AccessSnapshot after = whatIf(snap, scenario);
                    List<ScenarioComparison.Result> out = new ArrayList<>();
                    for (DemandGroup g : scenario.groups()) {
                        out.add(ScenarioComparison.of(live.apply(g), Coverage.of(after, g, population.cells())));
                    }
                    return new Answer(snap.stamp(), snap.access().method().kind(), scenario, out);
                }));
    }

    /** @return the live snapshot's copy with the scenario applied; the live one is unchanged */
    private static AccessSnapshot whatIf(ReachIndex.Snapshot snap, Scenario scenario) {
        AccessSnapshot live = snap.access();
        List<FieldProblem> problems = new ArrayList<>();
        List<ServicePoint> upsert = new ArrayList<>();
        for (int i = 0; i < scenario.add().size(); i++) {
            Scenario.NewSite s = scenario.add().get(i);
            if (placeable(snap, "add[" + i + "].location", s.lon(), s.lat(), problems)) {
                // ids no stored site can have (those are UUIDs), so an added site never replaces an open one
                upsert.add(new ServicePoint("scenario-add-" + i, s.category(), s.subtype(), s.lon(), s.lat()));
            }
        }
        for (int i = 0; i < scenario.move().size(); i++) {
            Scenario.Move m = scenario.move().get(i);
            ServicePoint site = live.sites().get(m.siteId());
            if (site == null) {
                problems.add(notFound("move[" + i + "].id", m.siteId()));
            } else if (placeable(snap, "move[" + i + "].location", m.lon(), m.lat(), problems)) {
                upsert.add(new ServicePoint(site.siteId(), site.category(), site.subtype(), m.lon(), m.lat()));
            }
        }
        for (int i = 0; i < scenario.close().size(); i++) {
            if (!live.sites().containsKey(scenario.close().get(i))) {
                problems.add(notFound("close[" + i + "]", scenario.close().get(i)));
            }
        }
        if (!problems.isEmpty()) {
            String code = problems.stream().map(FieldProblem::code).distinct().count() == 1 ? problems.get(0).code()
                    : "SCENARIO_NOT_APPLICABLE";
            throw new ApiException(422, code, problems.size() == 1 ? problems.get(0).message()
                    : problems.size() + " changes cannot be applied to the open sites", problems);
        }
        return live.with(upsert, scenario.close());
    }

    private static FieldProblem notFound(String field, String id) {
        return new FieldProblem(field, "SITE_NOT_FOUND", "No open site has id '" + id + "'");
    }

    /** @return whether a site can stand there: inside the district (when its outline is known) and locatable */
    private static boolean placeable(ReachIndex.Snapshot snap, String field, double lon, double lat,
                                     List<FieldProblem> problems) {
        if (snap.serviceArea() != null && !snap.serviceArea().covers(WGS84.createPoint(new Coordinate(lon, lat)))) {
            problems.add(new FieldProblem(field, "OUTSIDE_SERVICE_AREA", "Not inside the district (check coordSys)"));
            return false;
        }
        if (snap.access().method().locate(lon, lat).isEmpty()) {
            problems.add(new FieldProblem(field, "POINT_NOT_ROUTABLE", "Too far from any walkable way"));
            return false;
        }
        return true;
    }
}
