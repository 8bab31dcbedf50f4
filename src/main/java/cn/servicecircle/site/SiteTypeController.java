package cn.servicecircle.site;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import reactor.core.publisher.Mono;

/** The category/subtype vocabulary, so clients need not hard-code it. */
@RestController
public class SiteTypeController {
    private final SiteRepository sites;

    public SiteTypeController(SiteRepository sites) {
        this.sites = sites;
    }

    /** A list of site types. */
    public record SiteTypeList(List<SiteRepository.SiteType> items) {
    }

    @GetMapping("/v1/site-types")
    public Mono<SiteTypeList> list() {
        return sites.types().collectList().map(SiteTypeList::new);
    }
}
