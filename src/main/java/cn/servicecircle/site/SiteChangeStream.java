package cn.servicecircle.site;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

import cn.servicecircle.web.ApiException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Committed site revisions in the order they become final, for clients that keep caches fresh: a replay from where the client stopped,
 * then every new revision as the database announces it (and a periodic look, see
 * {@link ChangeFeedProperties#pollMillis()}). Every stream ends when the service shuts down, so a graceful stop does
 * not wait on open feeds.
 */
@Service
public class SiteChangeStream {
    /** Revisions read per query while catching up. */
    static final int PAGE = 500;

    private final SiteRepository repository;
    private final SiteChangeFeed feed;
    private final ChangeFeedProperties properties;
    private final Sinks.Empty<Void> closing = Sinks.empty();
    private final java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger();

    /** Too many feeds open: each polls the database, so one more waits. */
    static final class Busy extends ApiException implements cn.servicecircle.web.ProblemWebExceptionHandler.RetryAfter {
        Busy(int max) {
            super(503, "FEED_BUSY", "All " + max + " change feeds are open; retry shortly");
        }

        @Override
        public long retryAfterSeconds() {
            return 5;
        }
    }

    public SiteChangeStream(SiteRepository repository, SiteChangeFeed feed, ChangeFeedProperties properties) {
        this.repository = repository;
        this.feed = feed;
        this.properties = properties;
    }

    @EventListener(ContextClosedEvent.class)
    void close() {
        closing.tryEmitEmpty();
    }

    /**
     * Where a client starts: after revision {@code lastEventId} when it resumes, else after the last revision already
     * final (only changes from now on).
     *
     * @param lastEventId the last revision id the client saw, ≥ 0 (0: from the beginning); null for a fresh start
     * @return the feed position to stream after
     * @throws ApiException 410 CHANGES_GONE when the client is further behind than the replay window, or names a
     *                      revision this database never had (its cache must be rebuilt from {@code /v1/sites})
     */
    public Mono<SiteChange.Position> start(Long lastEventId) {
        if (lastEventId == null) {
            return repository.finalPosition();
        }
        return repository.latestRevisionId().flatMap(latest -> {
            if (lastEventId > latest) {
                return Mono.error(gone("Revision " + lastEventId + " is newer than any here (" + latest + ")"));
            }
            if (latest - lastEventId > properties.replayRevisions()) {
                return Mono.error(gone("Revision " + lastEventId + " is more than " + properties.replayRevisions()
                        + " revisions behind the newest (" + latest + ")"));
            }
            if (lastEventId == 0) {
                return Mono.just(SiteChange.Position.START);
            }
            return repository.positionOf(lastEventId).switchIfEmpty(Mono.error(() ->
                    gone("There is no revision " + lastEventId + " here")));
        });
    }

    private static ApiException gone(String why) {
        return new ApiException(410, "CHANGES_GONE", why
                + ": re-read /v1/sites and follow the feed again without Last-Event-ID");
    }

    /**
     * Every revision after {@code after}, in the order they become final (writing transaction, then id; ids may go
     * down when an older transaction commits late), without end (until shutdown).
     */
    public Flux<SiteChange> after(SiteChange.Position after) {
        AtomicReference<SiteChange.Position> last = new AtomicReference<>(after);
        Flux<Object> triggers = Flux.<Object>just("start")
                .concatWith(Flux.merge(feed.notifications(), Flux.interval(Duration.ofMillis(properties.pollMillis()))))
                // a burst of notifications while a read runs needs one more read, not one per notification
                .onBackpressureLatest();
        return triggers.concatMap(t -> drain(last), 1).takeUntilOther(closing.asMono());
    }

    /** Reads pages until caught up, advancing {@code last} past each revision handed out. */
    private Flux<SiteChange> drain(AtomicReference<SiteChange.Position> last) {
        return Flux.defer(() -> repository.revisionsAfter(last.get(), PAGE).collectList())
                .expand(page -> page.size() < PAGE ? Mono.empty()
                        : repository.revisionsAfter(page.get(page.size() - 1).position(), PAGE).collectList())
                .flatMapIterable((List<SiteChange> page) -> page)
                .doOnNext(c -> last.set(c.position()));
    }

    /**
     * Counts {@code feed} against {@link ChangeFeedProperties#maxStreams()} while it runs.
     *
     * @throws Busy 503 FEED_BUSY (with Retry-After) when that many are open already
     */
    public <T> Flux<T> counted(Flux<T> feed) {
        return Flux.defer(() -> {
            if (open.incrementAndGet() > properties.maxStreams()) {
                open.decrementAndGet();
                return Flux.error(new Busy(properties.maxStreams()));
            }
            return feed.doFinally(signal -> open.decrementAndGet());
        });
    }

    /** A comment line every heartbeat, until shutdown. */
    public Flux<Long> heartbeats() {
        return Flux.interval(Duration.ofSeconds(properties.heartbeatSeconds())).takeUntilOther(closing.asMono());
    }
}
