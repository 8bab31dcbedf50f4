package cn.servicecircle.planning;

import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import cn.servicecircle.reach.ReachController;
import cn.servicecircle.web.CoordParams;
import reactor.core.publisher.Mono;

/** Planners: where new sites would serve the most residents not yet served (greedy MCLP). Read-only. */
@RestController
public class SuggestionController {
    private final SuggestionService service;

    public SuggestionController(SuggestionService service) {
        this.service = service;
    }

    @PostMapping("/v1/planning/suggestions")
    public Mono<SuggestionJson> suggestions(@RequestBody SuggestionRequest request,
                                            @RequestParam(required = false) String coordSys,
                                            ServerHttpResponse response) {
        return service.suggest(request, CoordParams.coordSys(coordSys)).doOnNext(s -> {
            response.getHeaders().set(ReachController.INDEX_GENERATION, Long.toString(s.index().generation()));
            response.getHeaders().set(ReachController.INDEX_AS_OF, s.index().asOf());
        });
    }
}
