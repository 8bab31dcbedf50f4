package cn.servicecircle.coverage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

import cn.servicecircle.access.AccessMethod;
import cn.servicecircle.access.AccessSnapshot;
import cn.servicecircle.access.AgeBands;
import cn.servicecircle.access.Cell;
import cn.servicecircle.access.Coverage;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.population.PopulationPoint;
import cn.servicecircle.population.PopulationRepository;
import cn.servicecircle.reach.ReachIndex;
import cn.servicecircle.reach.ReachScheduler;
import cn.servicecircle.web.ServiceUnavailableException;
import reactor.core.publisher.Mono;

/**
 * Planners' coverage: the access model's rule applied to every population cell, on the live index snapshot.
 * Cells are located once per method (they do not move); results are kept per snapshot generation and group, so
 * after a site edit the first request recomputes (one pass over the cells) and the rest reuse it. After a
 * {@link cn.servicecircle.population.PopulationChanged} event (an import) the points are re-read and the results
 * recomputed. CPU work runs on
 * the bounded reach scheduler.
 */
@Service
public class CoverageService {
    private final ReachIndex index;
    private final ReachScheduler scheduler;
    private final PopulationRepository population;
    /** The population as read, with the version it was read at; replaced by {@link #populationChanged}. */
    private volatile Mono<Read> points;
    private final java.util.concurrent.atomic.AtomicLong populationVersion = new java.util.concurrent.atomic.AtomicLong();
    private final Map<String, Coverage.Result> results = new ConcurrentHashMap<>();
    private volatile String resultsPrefix = "";
    private volatile LocatedCells located;

    /** Points as read after population change {@code version}. */
    private record Read(long version, List<PopulationPoint> points) {
    }

    private record LocatedCells(AccessMethod method, List<PopulationPoint> points, List<Cell> cells) {
    }

    /**
     * The coverage of some groups on one snapshot.
     *
     * @param stamp   the index snapshot used
     * @param method  network or straight line
     * @param results per requested group, in request order
     */
    public record Answer(ReachIndex.Stamp stamp, cn.servicecircle.reach.core.ReachMethod method,
                         List<Coverage.Result> results) {
    }

    public CoverageService(ReachIndex index, PopulationRepository population, ReachScheduler scheduler) {
        this.index = index;
        this.scheduler = scheduler;
        this.population = population;
        this.points = read(0);
    }

    /**
     * Population changes when a dataset is (re)loaded or an import commits: re-read every few minutes, at once after
     * {@link #populationChanged}; never cache a failure.
     */
    private Mono<Read> read(long version) {
        return population.all().collectList().map(pts -> new Read(version, pts))
                .cache(v -> Duration.ofMinutes(5), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    /**
     * Forgets the cached population and every result computed from it: the next request re-reads the points. A
     * request already computing on the old points may finish with them, but its result is not kept for later ones.
     */
    @org.springframework.context.event.EventListener
    public void populationChanged(cn.servicecircle.population.PopulationChanged event) {
        points = read(populationVersion.incrementAndGet());
    }

    /**
     * The population as the live snapshot's method sees it.
     *
     * @param points the population points as read (WGS84)
     * @param cells  the same points located for the method, same order and ids
     */
    public record Population(List<PopulationPoint> points, List<Cell> cells) {
    }

    /**
     * Work on one live snapshot and the population located for its method.
     *
     * @param <T> the answer
     */
    @FunctionalInterface
    public interface Work<T> {
        /** @param live the live coverage of a group on {@code snap}, cached per generation */
        T apply(ReachIndex.Snapshot snap, Population population, java.util.function.Function<DemandGroup,
                Coverage.Result> live);
    }

    /** @throws ServiceUnavailableException 503 INDEX_LOADING until the index has a snapshot with the access model */
    public Mono<Answer> coverage(List<DemandGroup> groups) {
        return compute((snap, population, live) -> {
            List<Coverage.Result> out = new ArrayList<>();
            for (DemandGroup g : groups) {
                out.add(live.apply(g));
            }
            return new Answer(snap.stamp(), snap.access().method().kind(), out);
        });
    }

    /**
     * Runs {@code work} on the reach scheduler (never the event loop) with the current snapshot, so gap maps and
     * what-ifs read the same cells and cached results as coverage.
     *
     * @throws ServiceUnavailableException 503 INDEX_LOADING until the index has a snapshot with the access model
     */
    public <T> Mono<T> compute(Work<T> work) {
        ReachIndex.Snapshot snap = index.current().filter(s -> s.access() != null).orElseThrow(() ->
                new ServiceUnavailableException("INDEX_LOADING", "The site index is being built", 2));
        return points.publishOn(scheduler.scheduler()).map(read -> {
            List<PopulationPoint> pts = read.points();
            Population population = new Population(pts, cells(snap.access(), pts));
            return work.apply(snap, population, g -> result(snap, read.version(), g, population.cells()));
        });
    }

    /**
     * The live snapshot and the population cells located for its method: the inputs other planners' figures
     * (siting, 2SFCA) share with coverage, so every figure reads the same cells. Emitted on the reach scheduler.
     *
     * @param snapshot the index snapshot, with the access model
     * @param cells    every population point, located once per method
     */
    public record LocatedPopulation(ReachIndex.Snapshot snapshot, List<Cell> cells) {
    }

    /** @throws ServiceUnavailableException 503 INDEX_LOADING until the index has a snapshot with the access model */
    public Mono<LocatedPopulation> locatedPopulation() {
        ReachIndex.Snapshot snap = index.current().filter(s -> s.access() != null).orElseThrow(() ->
                new ServiceUnavailableException("INDEX_LOADING", "The site index is being built", 2));
        return points.publishOn(scheduler.scheduler())
                .map(read -> new LocatedPopulation(snap, cells(snap.access(), read.points())));
    }

    private Coverage.Result result(ReachIndex.Snapshot snap, long version, DemandGroup group, List<Cell> cells) {
        String prefix = snap.generation() + "/" + version + ":";
        if (!resultsPrefix.equals(prefix)) {
            // keyed by generation and population version, so a request still on an older snapshot or older points
            // never stores into the newer one's
            resultsPrefix = prefix;
            results.keySet().removeIf(k -> !k.startsWith(prefix));
        }
        return results.computeIfAbsent(prefix + group.code(), k -> Coverage.of(snap.access(), group, cells));
    }

    private List<Cell> cells(AccessSnapshot access, List<PopulationPoint> pts) {
        LocatedCells l = located;
        if (l != null && l.method() == access.method() && l.points() == pts) {
            return l.cells();
        }
        List<Cell> cells = new ArrayList<>(pts.size());
        for (PopulationPoint p : pts) {
            cells.add(new Cell(p.id(), p.areaCode(), access.method().locate(p.lon(), p.lat()).orElse(null),
                    new AgeBands(p.age0to2(), p.age3to5(), p.age6to14(), p.age15to59(), p.age60to64(), p.age65plus()),
                    p.source()));
        }
        List<Cell> frozen = List.copyOf(cells);
        located = new LocatedCells(access.method(), pts, frozen);
        return frozen;
    }
}
