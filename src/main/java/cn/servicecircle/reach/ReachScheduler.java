package cn.servicecircle.reach;

import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** Bounded scheduler for routing work (one thread per core by default), so Netty's event loop never computes. */
@Component
public class ReachScheduler {
    private final Scheduler scheduler;

    public ReachScheduler(ReachProperties properties) {
        int threads = properties.workers() > 0 ? properties.workers() : Runtime.getRuntime().availableProcessors();
        this.scheduler = Schedulers.newParallel("reach", threads, true);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @PreDestroy
    void stop() {
        scheduler.dispose();
    }
}
