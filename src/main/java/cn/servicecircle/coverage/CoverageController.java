package cn.servicecircle.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.Coverage;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.access.ServiceRule;
import cn.servicecircle.reach.ReachController;
import cn.servicecircle.reach.core.ReachMethod;
import reactor.core.publisher.Mono;

/** Planners: how many residents of each demand group are served, per street/town and for the district. */
@RestController
public class CoverageController {
    private final CoverageService service;
    private final AccessVocabulary vocabulary;

    public CoverageController(CoverageService service, AccessVocabulary vocabulary) {
        this.service = service;
        this.vocabulary = vocabulary;
    }

    /** A serving subtype and its threshold. */
    public record RuleJson(String category, String subtype, int thresholdMeters) {
        static RuleJson of(ServiceRule r) {
            return new RuleJson(r.category(), r.subtype(), r.thresholdMeters());
        }
    }

    /**
     * Served demand in one area, the region, or for one serving subtype.
     *
     * @param demand          residents of the group (fractional where a census band is split), rounded to 0.1
     * @param served          of them within a threshold, rounded to 0.1
     * @param share           served / demand, 0–1, 4 decimals; 0 without demand
     * @param unlocatedDemand of the unserved, those where the method cannot measure from (far from any way)
     */
    public record TallyJson(String areaCode, String category, String subtype, Integer thresholdMeters, double demand,
                            double served, double share, double unlocatedDemand, int cells, int servedCells) {
        static TallyJson of(String area, String category, String subtype, Integer threshold, Coverage.Tally t) {
            return new TallyJson(area, category, subtype, threshold, round1(t.demand()), round1(t.served()),
                    CoverageParams.round4(t.share()), round1(t.unlocatedDemand()), t.cells(), t.servedCells());
        }
    }

    /**
     * One area's coverage and its breakdown.
     *
     * @param total      the area's residents of the group, served by any serving subtype
     * @param categories per serving category: served by any of its subtypes
     * @param subtypes   per serving subtype: served within that subtype's threshold
     */
    public record AreaJson(String areaCode, TallyJson total, List<TallyJson> categories, List<TallyJson> subtypes) {
    }

    /**
     * One group's coverage.
     *
     * @param total      the district, or the area asked for
     * @param categories the same scope per serving category
     * @param subtypes   the same scope per serving subtype
     * @param areas      every area (or the one asked for), each with its own breakdown
     */
    public record GroupJson(String code, String nameZh, String nameEn, String ages, List<RuleJson> serves,
                            TallyJson total, List<TallyJson> categories, List<TallyJson> subtypes,
                            List<AreaJson> areas, List<String> populationSources) {
    }

    /** GET /v1/coverage. */
    public record CoverageJson(String method, ReachJsonIndex index, List<GroupJson> groups) {
    }

    /** The snapshot the figures come from (as in reach answers). */
    public record ReachJsonIndex(long generation, String asOf) {
    }

    @GetMapping("/v1/coverage")
    public Mono<CoverageJson> coverage(@RequestParam(required = false) String group,
                                       @RequestParam(required = false) String area,
                                       ServerHttpResponse response) {
        List<DemandGroup> groups = CoverageParams.groupsOrAll(vocabulary, group);
        String areaCode = CoverageParams.area(area);
        return service.coverage(groups).map(a -> {
            response.getHeaders().set(ReachController.INDEX_GENERATION, Long.toString(a.stamp().generation()));
            response.getHeaders().set(ReachController.INDEX_AS_OF, a.stamp().asOf().toString());
            List<GroupJson> out = new ArrayList<>();
            for (Coverage.Result r : a.results()) {
                out.add(group(r, areaCode));
            }
            return new CoverageJson(a.method() == ReachMethod.NETWORK ? "network" : "straight-line",
                    new ReachJsonIndex(a.stamp().generation(), a.stamp().asOf().toString()), out);
        });
    }

    private static GroupJson group(Coverage.Result r, String areaCode) {
        DemandGroup g = r.group();
        List<AreaJson> areas = new ArrayList<>();
        for (String code : r.byArea().keySet()) {
            if (areaCode == null || areaCode.equals(code)) {
                areas.add(area(r, code));
            }
        }
        TallyJson total;
        List<TallyJson> categories;
        List<TallyJson> subtypes;
        if (areaCode == null) {
            total = TallyJson.of(null, null, null, null, r.total());
            categories = categories(g, null, r.byCategory());
            subtypes = subtypes(g, null, r.bySubtype());
        } else {
            AreaJson a = area(r, areaCode);
            total = a.total();
            categories = a.categories();
            subtypes = a.subtypes();
        }
        TreeSet<String> sources = new TreeSet<>();
        r.cells().forEach(c -> {
            if (areaCode == null || areaCode.equals(c.cell().areaCode())) {
                sources.add(c.cell().source());
            }
        });
        return new GroupJson(g.code(), g.nameZh(), g.nameEn(), g.ages().toString(),
                g.rules().stream().map(RuleJson::of).toList(), total, categories, subtypes, areas,
                List.copyOf(sources));
    }

    /** An area's figures; an area without residents of the group gets zero tallies for every category and subtype. */
    static AreaJson area(Coverage.Result r, String code) {
        return new AreaJson(code, TallyJson.of(code, null, null, null, r.byArea().getOrDefault(code, ZERO)),
                categories(r.group(), code, r.byAreaCategory().getOrDefault(code, Map.of())),
                subtypes(r.group(), code, r.byAreaSubtype().getOrDefault(code, Map.of())));
    }

    private static final Coverage.Tally ZERO = new Coverage.Tally(0, 0, 0, 0, 0);

    /** One tally per serving category, in the order of the group's rules. */
    private static List<TallyJson> categories(DemandGroup g, String area, Map<String, Coverage.Tally> tallies) {
        return g.rules().stream().map(ServiceRule::category).distinct()
                .map(c -> TallyJson.of(area, c, null, null, tallies.getOrDefault(c, ZERO))).toList();
    }

    /** One tally per serving subtype, in the order of the group's rules. */
    private static List<TallyJson> subtypes(DemandGroup g, String area, Map<String, Coverage.Tally> tallies) {
        return g.rules().stream().map(rule -> TallyJson.of(area, rule.category(), rule.subtype(),
                rule.thresholdMeters(), tallies.getOrDefault(rule.category() + "/" + rule.subtype(), ZERO))).toList();
    }

    private static double round1(double v) {
        return CoverageParams.round1(v);
    }
}
