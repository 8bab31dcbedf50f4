package cn.servicecircle.indicator;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import cn.servicecircle.web.QueryParams;
import cn.servicecircle.security.Actor;
import cn.servicecircle.security.Actors;
import reactor.core.publisher.Mono;

/** HTTP surface of the plan's indicators: parse, call one service method, map. */
@RestController
@RequestMapping("/v1/indicators")
public class IndicatorController {
    /** The plan's years are Chinese calendar years. */
    static final ZoneId PLAN_ZONE = ZoneId.of("Asia/Shanghai");

    private final IndicatorService service;

    public IndicatorController(IndicatorService service) {
        this.service = service;
    }

    /** Every indicator in {@code year} (2022–2027; default: this year, held within the plan). */
    @GetMapping
    public Mono<IndicatorJson.ItemList> list(@RequestParam(required = false) String year) {
        int y = IndicatorInput.year(year, defaultYear());
        return service.list(y).map(views -> new IndicatorJson.ItemList(y,
                views.stream().map(IndicatorJson.Item::of).toList()));
    }

    /** One indicator with its targets, every year 2022–2027 and every report; 404 INDICATOR_NOT_FOUND. */
    @GetMapping("/{code}")
    public Mono<IndicatorJson.Detail> get(@PathVariable String code) {
        return service.detail(code).map(IndicatorJson.Detail::of);
    }

    /**
     * Appends a reported value (planner or admin token); 400 for a year outside 2022–2027 or a bad
     * body, 404 unknown code, 409 computed indicator, 422 unit not accepted.
     */
    @PutMapping("/{code}/values/{year}")
    public Mono<IndicatorJson.Reported> report(@PathVariable String code, @PathVariable String year,
                                               @RequestBody Map<String, Object> body,
                                               @AuthenticationPrincipal Actor actor, ServerWebExchange exchange) {
        int y = IndicatorInput.year(year, -1);
        IndicatorInput.Report input = IndicatorInput.report(body);
        return service.report(code, y, input, Actors.require(actor), 
                        QueryParams.reason(exchange.getRequest().getURI().getRawQuery()))
                .map(r -> new IndicatorJson.Reported(r.recorded(), IndicatorJson.Item.of(r.view())));
    }

    static int defaultYear() {
        int now = LocalDate.now(PLAN_ZONE).getYear();
        return Math.max(Indicator.FIRST_YEAR, Math.min(Indicator.LAST_YEAR, now));
    }
}
