package cn.servicecircle.reach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.servicecircle.area.Area;
import cn.servicecircle.area.AreaRepository;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.SiteEdgeIndex;
import cn.servicecircle.reach.core.SitePoint;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.SnappedSite;
import cn.servicecircle.reach.core.TravelTimeField;
import cn.servicecircle.reach.core.WalkSpeed;
import cn.servicecircle.site.Site;
import cn.servicecircle.site.SiteCategory;
import cn.servicecircle.site.SiteChangeFeed;
import cn.servicecircle.site.SiteChanges;
import cn.servicecircle.site.SiteRepository;
import jakarta.annotation.PreDestroy;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * In-memory index of the open sites for reach answers: per category the sites, their snapped positions on the
 * walking network and a travel-time field (one multi-source Dijkstra: every node's walking time to the nearest
 * site of the category, bounded at the largest threshold). Rebuilt off the event loop whenever a site is
 * created, edited, moved, closed or reopened (changes within 50 ms are coalesced), so edits show in reach
 * answers well within a second — also changes committed by other instances or by direct SQL, which the database
 * announces ({@link SiteChangeFeed}). Readers always see one complete immutable snapshot.
 */
@Component
public class ReachIndex {
    private static final Logger log = LoggerFactory.getLogger(ReachIndex.class);
    /** Changes this close together are folded into one rebuild. */
    static final Duration COALESCE = Duration.ofMillis(50);

    /**
     * One immutable view of the open sites.
     *
     * @param sites         every open site by id
     * @param byCategory    open sites per category (all categories present, possibly empty lists)
     * @param snapped       per category, the sites that could be snapped onto the network (empty without network)
     * @param fields        per category, time to the nearest site for every node (empty without network)
     * @param serviceArea   the district outline(s), WGS84; null when none is known
     * @param sitePoints    per category, sites as points for the straight-line method
     * @param edgeIndexes   per category, the snapped sites by edge for k-nearest searches (empty without network)
     * @param allSnapped    every snapped site, all categories (empty without network)
     * @param subtypeThresholds per category, the threshold (walking metres) of each subtype present, by subtype
     * @param maxThresholdMeters the largest threshold of any open site, walking metres (0 without sites)
     * @param generation    increases with every rebuild
     */
    public record Snapshot(Map<String, Site> sites, Map<SiteCategory, List<Site>> byCategory,
                           Map<SiteCategory, List<SnappedSite>> snapped, Map<SiteCategory, TravelTimeField> fields,
                           PreparedGeometry serviceArea, Map<SiteCategory, List<SitePoint>> sitePoints,
                           Map<SiteCategory, SiteEdgeIndex> edgeIndexes, List<SnappedSite> allSnapped,
                           Map<SiteCategory, java.util.SortedMap<String, Integer>> subtypeThresholds,
                           int maxThresholdMeters, long generation) {
    }

    private final SiteRepository sites;
    private final WalkNetwork network;
    private final ReachProperties properties;
    private final Scheduler scheduler;
    private final AtomicLong generations = new AtomicLong();
    /**
     * Read once, at the first build (after the sample load): outlines do not change at run time, site edits do.
     */
    private final Mono<Optional<PreparedGeometry>> serviceArea;
    private volatile Snapshot snapshot;
    private volatile boolean started;
    private final Disposable subscription;

    public ReachIndex(SiteRepository sites, AreaRepository areas, WalkNetwork network, ReachProperties properties,
                      SiteChanges changes, SiteChangeFeed database, ReachScheduler scheduler) {
        this.sites = sites;
        this.network = network;
        this.properties = properties;
        this.scheduler = scheduler.scheduler();
        this.serviceArea = areas.list(true).filter(a -> "district".equals(a.kind()) && a.geometry() != null)
                .collectList().map(ReachIndex::prepareServiceArea)
                .cache(v -> Duration.ofDays(3650), e -> Duration.ZERO, () -> Duration.ZERO);
        // this instance's own writes (immediate), and every committed change announced by the database
        // (other instances, imports, direct SQL); bursts are coalesced below
        this.subscription = changes.stream().map(s -> "site change")
                .mergeWith(database.notifications().map(op -> "database: " + op))
                .mergeWith(Mono.fromFuture(network.whenLoaded().thenApply(n -> "network loaded"))
                        .onErrorResume(e -> Mono.empty()).flux())
                // before startup's own build the schema or data may not exist yet; that build covers these events
                .filter(reason -> started)
                .bufferTimeout(1000, COALESCE)
                .concatMap(reasons -> rebuild(String.join(", ", reasons.stream().distinct().toList()))
                        .onErrorResume(e -> {
                            log.error("Reach index rebuild failed; keeping the previous one", e);
                            return Mono.empty();
                        }))
                .subscribe();
    }

    /** First build once the sample data is in (runners have finished). */
    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        started = true;
        rebuild("startup").block(Duration.ofMinutes(2));
    }

    /** @return the current snapshot, empty before the first build */
    public Optional<Snapshot> current() {
        return Optional.ofNullable(snapshot);
    }

    /** Reloads sites and outlines and recomputes fields; completes when the new snapshot is visible. */
    public Mono<Snapshot> rebuild(String reason) {
        return Mono.zip(sites.openSites().collectList(), serviceArea)
                .publishOn(scheduler)
                .map(t -> build(t.getT1(), t.getT2().orElse(null)))
                .doOnNext(s -> {
                    snapshot = s;
                    log.debug("Reach index generation {} ({}): {} open sites", s.generation(), reason, s.sites().size());
                });
    }

    /** The district outline(s), unioned and prepared, WGS84; empty when the region has none. */
    private static Optional<PreparedGeometry> prepareServiceArea(List<Area> districts) {
        if (districts.isEmpty()) {
            return Optional.empty();
        }
        Geometry union = districts.get(0).geometry();
        for (int i = 1; i < districts.size(); i++) {
            union = union.union(districts.get(i).geometry());
        }
        return Optional.of(PreparedGeometryFactory.prepare(union));
    }

    private Snapshot build(List<Site> open, PreparedGeometry area) {
        long started = System.nanoTime();
        Map<String, Site> byId = new HashMap<>();
        Map<SiteCategory, List<Site>> byCategory = new EnumMap<>(SiteCategory.class);
        Map<SiteCategory, List<SitePoint>> points = new EnumMap<>(SiteCategory.class);
        for (SiteCategory c : SiteCategory.values()) {
            byCategory.put(c, new ArrayList<>());
            points.put(c, new ArrayList<>());
        }
        for (Site s : open) {
            byId.put(s.id().toString(), s);
            byCategory.get(s.category()).add(s);
            points.get(s.category()).add(new SitePoint(s.id().toString(), s.lon(), s.lat()));
        }
        Map<SiteCategory, List<SnappedSite>> snapped = new EnumMap<>(SiteCategory.class);
        Map<SiteCategory, TravelTimeField> fields = new EnumMap<>(SiteCategory.class);
        Map<SiteCategory, SiteEdgeIndex> edgeIndexes = new EnumMap<>(SiteCategory.class);
        Optional<WalkNetwork.Loaded> net = network.loaded();
        if (net.isPresent()) {
            NodeSnapper snapper = net.get().snapper();
            WalkSpeed adult = WalkSpeed.ofKmh(properties.adultSpeedKmh());
            for (SiteCategory c : SiteCategory.values()) {
                List<SnappedSite> list = new ArrayList<>();
                int maxThreshold = 0;
                for (Site s : byCategory.get(c)) {
                    Optional<Snap> snap = snapper.snap(s.lon(), s.lat());
                    snap.ifPresent(p -> list.add(new SnappedSite(s.id().toString(), p)));
                    maxThreshold = Math.max(maxThreshold, properties.thresholdMetersFor(c.wire(), s.subtype()));
                }
                snapped.put(c, List.copyOf(list));
                edgeIndexes.put(c, SiteEdgeIndex.of(list, net.get().graph().edgeCount()));
                double boundSeconds = Math.max(adult.seconds(maxThreshold), properties.maxMinutes() * 60.0);
                fields.put(c, TravelTimeField.compute(net.get().graph(), list, adult, boundSeconds));
            }
        }
        Map<SiteCategory, java.util.SortedMap<String, Integer>> thresholds = new EnumMap<>(SiteCategory.class);
        int maxThreshold = 0;
        for (SiteCategory c : SiteCategory.values()) {
            java.util.TreeMap<String, Integer> bySubtype = new java.util.TreeMap<>();
            for (Site site : byCategory.get(c)) {
                int meters = properties.thresholdMetersFor(c.wire(), site.subtype());
                bySubtype.putIfAbsent(site.subtype(), meters);
                maxThreshold = Math.max(maxThreshold, meters);
            }
            thresholds.put(c, java.util.Collections.unmodifiableSortedMap(bySubtype));
        }
        List<SnappedSite> allSnapped = new ArrayList<>();
        snapped.values().forEach(allSnapped::addAll);
        Snapshot s = new Snapshot(Map.copyOf(byId), freeze(byCategory), snapped, fields, area, freeze(points),
                edgeIndexes, List.copyOf(allSnapped), thresholds, maxThreshold, generations.incrementAndGet());
        log.info("Reach index generation {}: {} open sites, {} ms", s.generation(), open.size(),
                (System.nanoTime() - started) / 1_000_000);
        return s;
    }

    private static <T> Map<SiteCategory, List<T>> freeze(Map<SiteCategory, List<T>> m) {
        Map<SiteCategory, List<T>> out = new EnumMap<>(SiteCategory.class);
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    @PreDestroy
    void stop() {
        subscription.dispose();
    }
}
