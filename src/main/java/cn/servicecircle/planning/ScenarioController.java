package cn.servicecircle.planning;

import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.reach.ReachController;
import cn.servicecircle.reach.core.ReachMethod;
import cn.servicecircle.web.CoordParams;
import reactor.core.publisher.Mono;

/**
 * Planners: "what if we opened, moved or closed these sites?" — coverage before and after per demand group, per
 * street/town and for the district. A POST because the scenario is a body, but a computation: nothing is saved,
 * no token is needed, and the live index is unchanged.
 */
@RestController
public class ScenarioController {
    private final ScenarioService service;

    public ScenarioController(ScenarioService service) {
        this.service = service;
    }

    /**
     * Served demand before and after in one area or the district.
     *
     * @param demand       residents of the group, rounded to 0.1
     * @param servedBefore of them served by the open sites, rounded to 0.1
     * @param servedAfter  of them served with the scenario, rounded to 0.1
     * @param shareBefore  servedBefore / demand, 0–1, 4 decimals (0 without demand)
     * @param shareAfter   servedAfter / demand, 0–1, 4 decimals
     * @param delta        servedAfter − servedBefore, residents, rounded to 0.1 from the unrounded figures
     */
    public record ChangeJson(String areaCode, double demand, double servedBefore, double servedAfter,
                             double shareBefore, double shareAfter, double delta) {
        static ChangeJson of(ScenarioComparison.Change c) {
            return new ChangeJson(c.areaCode(), round1(c.demand()), round1(c.servedBefore()), round1(c.servedAfter()),
                    round4(c.shareBefore()), round4(c.shareAfter()), round1(c.delta()));
        }
    }

    /** One group's comparison. */
    public record GroupJson(String code, ChangeJson total, List<ChangeJson> areas) {
    }

    /** How many changes the scenario applied. */
    public record ChangesJson(int added, int moved, int closed) {
    }

    /** The live snapshot the scenario was applied to. */
    public record IndexJson(long generation, String asOf) {
    }

    /** POST /v1/planning/scenarios. {@code saved} is always false: a reminder for readers of the answer. */
    public record ScenarioJson(String method, IndexJson index, ChangesJson changes, boolean saved,
                               List<GroupJson> groups) {
    }

    @PostMapping("/v1/planning/scenarios")
    public Mono<ResponseEntity<ScenarioJson>> evaluate(@RequestBody Map<String, Object> body,
                                                       @RequestParam(required = false) String coordSys) {
        CoordSys sys = CoordParams.coordSys(coordSys);
        return service.run(body, sys).map(a -> ResponseEntity.ok()
                .header(ReachController.INDEX_GENERATION, Long.toString(a.stamp().generation()))
                .header(ReachController.INDEX_AS_OF, a.stamp().asOf().toString())
                .body(new ScenarioJson(a.method() == ReachMethod.NETWORK ? "network" : "straight-line",
                        new IndexJson(a.stamp().generation(), a.stamp().asOf().toString()),
                        new ChangesJson(a.scenario().add().size(), a.scenario().move().size(),
                                a.scenario().close().size()), false,
                        a.groups().stream().map(g -> new GroupJson(g.group().code(), ChangeJson.of(g.total()),
                                g.areas().stream().map(ChangeJson::of).toList())).toList())));
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static double round4(double share) {
        return Math.round(share * 10_000) / 10_000.0;
    }
}
