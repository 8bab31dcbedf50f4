package cn.servicecircle.accessibility;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.access.FloatingCatchment;
import cn.servicecircle.coverage.CoverageController;
import cn.servicecircle.reach.ReachController;
import cn.servicecircle.reach.core.ReachMethod;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.QueryParams;
import reactor.core.publisher.Mono;

/** Planners: capacity within reach per resident (2SFCA), per street/town and per site. */
@RestController
public class AccessibilityController {
    private final AccessibilityService service;

    public AccessibilityController(AccessibilityService service) {
        this.service = service;
    }

    @GetMapping("/v1/accessibility")
    public Mono<AccessibilityJson> accessibility(@RequestParam(required = false) String group,
                                                 @RequestParam(required = false) String decay,
                                                 @RequestParam(required = false) String area,
                                                 @RequestParam(required = false) String catchmentMeters,
                                                 ServerHttpResponse response) {
        List<FloatingCatchment.Measure> measures = group == null || group.isBlank() ? service.measures()
                : List.of(service.measure(group).orElseThrow(() -> ApiException.badField("group", "UNKNOWN_GROUP",
                "No accessibility measure for '" + group + "'; known: " + String.join(", ",
                        service.measures().stream().map(FloatingCatchment.Measure::code).toList()))));
        FloatingCatchment.Decay d;
        if (decay == null || decay.equals("none")) {
            d = FloatingCatchment.Decay.NONE;
        } else if (decay.equals("gaussian")) {
            d = FloatingCatchment.Decay.GAUSSIAN;
        } else {
            throw ApiException.badField("decay", "INVALID_PARAMETER", "decay must be none or gaussian");
        }
        String areaCode = area == null || area.isBlank() ? null : area;
        if (areaCode != null && !areaCode.matches("[0-9]{6,12}")) {
            throw ApiException.badField("area", "INVALID_PARAMETER", "area is a street/town code, e.g. 330203001");
        }
        Integer catchment = catchmentMeters == null || catchmentMeters.isBlank() ? null
                : QueryParams.integer("catchmentMeters", catchmentMeters, 0, 50, 5000);
        return service.accessibility(measures, d, catchment).map(a -> {
            response.getHeaders().set(ReachController.INDEX_GENERATION, Long.toString(a.snapshot().generation()));
            response.getHeaders().set(ReachController.INDEX_AS_OF, a.snapshot().asOf().toString());
            List<AccessibilityJson.Measure> out = new ArrayList<>();
            for (FloatingCatchment.Result r : a.results()) {
                out.add(AccessibilityJson.of(r, areaCode));
            }
            return new AccessibilityJson(a.snapshot().access().method().kind() == ReachMethod.NETWORK ? "network"
                    : "straight-line", new CoverageController.ReachJsonIndex(a.snapshot().generation(),
                    a.snapshot().asOf().toString()), out);
        });
    }
}
