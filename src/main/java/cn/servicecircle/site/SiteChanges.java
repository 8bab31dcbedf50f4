package cn.servicecircle.site;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * In-process stream of committed site changes (created, edited, moved, closed, reopened), for features that keep
 * derived state such as walking-time fields. Best effort: a slow subscriber misses events, so subscribers should
 * treat an event as "something changed" and re-read.
 */
@Component
public class SiteChanges {
    private final Sinks.Many<Site> sink = Sinks.many().multicast().directBestEffort();

    /** Publishes a committed change. */
    public void publish(Site site) {
        sink.tryEmitNext(site);
    }

    /** @return hot stream of changed sites (state after the change) */
    public Flux<Site> stream() {
        return sink.asFlux();
    }
}
