package cn.servicecircle;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * BlockHound is installed for every test (blockhound-junit-platform): blocking on a non-blocking thread fails. This
 * proves the guard is on, so the API tests passing means no handler, filter or reach computation blocks.
 */
class BlockHoundActiveTest {
    @Test
    void nettysAllocatorAllowanceIsRegistered() {
        java.util.List<String> found = new java.util.ArrayList<>();
        java.util.ServiceLoader.load(reactor.blockhound.integration.BlockHoundIntegration.class)
                .forEach(i -> found.add(i.getClass().getName()));
        org.assertj.core.api.Assertions.assertThat(found)
                .contains("cn.servicecircle.support.NettyAllocatorBlockHoundIntegration");
    }

    @Test
    void blockingOnAParallelThreadIsCaught() {
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
                .doOnNext(x -> {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                })
                .subscribeOn(Schedulers.parallel())
                .block()).hasMessageContaining("Blocking call");
    }
}
