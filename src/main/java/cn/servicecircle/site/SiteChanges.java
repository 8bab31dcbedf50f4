package cn.servicecircle.site;

import org.springframework.stereotype.Component;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * In-process stream of committed site changes (created, edited, moved, closed, reopened), for features that keep
 * derived state such as walking-time fields. Best effort: a slow subscriber misses events, so subscribers should
 * treat an event as "something changed" and re-read (the reach index's subscriber only marks itself dirty, and also
 * polls the table's change mark).
 */
@Component
public class SiteChanges {
    private final Sinks.Many<Site> sink = Sinks.many().multicast().directBestEffort();

    /**
     * Publishes a committed change. Serialized: the sink refuses concurrent emissions (FAIL_NON_SERIALIZED), and a
     * refused event would be a lost change announcement.
     */
    public synchronized void publish(Site site) {
        sink.tryEmitNext(site);
    }

    /** @return hot stream of changed sites (state after the change) */
    public Flux<Site> stream() {
        return sink.asFlux();
    }
}
