package cn.servicecircle.site;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import cn.servicecircle.web.ApiException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/** Open feeds are counted while they run; one over the limit is refused 503 FEED_BUSY, and a closed one frees a place. */
class ChangeFeedLimitTest {

    @Test
    void feedsOverTheLimitAreRefusedUntilOneCloses() {
        // the counter needs neither the database nor the notifications
        SiteChangeStream stream = new SiteChangeStream(null, null, new ChangeFeedProperties(null, null, null, 2));
        Disposable first = stream.counted(Flux.never()).subscribe();
        Disposable second = stream.counted(Flux.never()).subscribe();
        AtomicReference<Throwable> refused = new AtomicReference<>();
        stream.counted(Flux.never()).subscribe(x -> { }, refused::set);
        assertThat(refused.get()).isInstanceOf(ApiException.class);
        assertThat(((ApiException) refused.get()).status()).isEqualTo(503);
        assertThat(((ApiException) refused.get()).code()).isEqualTo("FEED_BUSY");
        assertThat(((SiteChangeStream.Busy) refused.get()).retryAfterSeconds()).isPositive();

        first.dispose();
        AtomicReference<Throwable> again = new AtomicReference<>();
        Disposable third = stream.counted(Flux.never()).subscribe(x -> { }, again::set);
        assertThat(again.get()).as("a closed feed frees its place").isNull();
        second.dispose();
        third.dispose();
    }
}
