package cn.servicecircle.reach;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.servicecircle.access.AccessMethod;
import cn.servicecircle.access.AccessSnapshot;
import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.NetworkAccess;
import cn.servicecircle.access.ServicePoint;
import cn.servicecircle.access.StraightLineAccess;
import cn.servicecircle.area.Area;
import cn.servicecircle.area.AreaRepository;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.SiteEdgeIndex;
import cn.servicecircle.reach.core.SitePoint;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.SnappedSite;
import cn.servicecircle.reach.core.TravelTimeField;
import cn.servicecircle.reach.core.WalkSpeed;
import cn.servicecircle.site.Capacity;
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
 * created, edited, moved, closed or reopened — also changes committed by other instances or by direct SQL, which
 * the database announces ({@link SiteChangeFeed}). Readers always see one complete immutable snapshot.
 *
 * <p>Freshness cannot die: a change only marks the index dirty and a {@link SnapshotRefresher} rebuilds (one at a
 * time, latest wins, failures retried with backoff), so no burst, error or outage ends the following. Staleness
 * (age of the oldest change not yet in the snapshot) is reported to readiness and as a metric.
 */
@Component
public class ReachIndex {
    private static final Logger log = LoggerFactory.getLogger(ReachIndex.class);

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
     * @param maxThresholdMeters the largest threshold of any open site, walking metres (0 without sites)
     * @param generation    increases with every rebuild
     * @param asOf          when the sites were read from the database: the snapshot holds every change committed
     *                      before this instant
     * @param access        the life-circle rule applied to these sites (network, or straight line where the region
     *                      has none); null while a configured network is still loading
     */
    public record Snapshot(Map<String, Site> sites, Map<SiteCategory, List<Site>> byCategory,
                           Map<SiteCategory, List<SnappedSite>> snapped, Map<SiteCategory, TravelTimeField> fields,
                           PreparedGeometry serviceArea, Map<SiteCategory, List<SitePoint>> sitePoints,
                           Map<SiteCategory, SiteEdgeIndex> edgeIndexes, List<SnappedSite> allSnapped,
                           int maxThresholdMeters, long generation, Instant asOf, AccessSnapshot access) {

        /** @return which snapshot answered: generation and read time */
        public Stamp stamp() {
            return new Stamp(generation, asOf);
        }
    }

    /**
     * Identifies the snapshot an answer came from.
     *
     * @param generation increases with every rebuild, ≥ 1
     * @param asOf       the snapshot holds every site change committed before this instant
     */
    public record Stamp(long generation, Instant asOf) {
    }

    private final SiteRepository sites;
    private final WalkNetwork network;
    private final ReachProperties properties;
    private final ReachIndexProperties indexProperties;
    private final AccessVocabulary vocabulary;
    private final AccessMethod straightLine;
    private AccessMethod networkMethod;
    private WalkNetwork.Loaded networkMethodFor;
    private final Scheduler scheduler;
    private final AtomicLong generations = new AtomicLong();
    /**
     * Read once, at the first build (after the sample load): outlines do not change at run time, site edits do.
     */
    private final Mono<Optional<PreparedGeometry>> serviceArea;
    private final SnapshotRefresher refresher;
    private volatile Snapshot snapshot;
    /** the site table's change mark read just before the visible snapshot's sites */
    private volatile String snapshotMark;
    private final java.util.concurrent.atomic.AtomicBoolean watermarkCheck = new java.util.concurrent.atomic.AtomicBoolean();
    private Disposable watermark;
    private volatile boolean started;
    private final Disposable subscription;
    private Disposable reconcile;

    public ReachIndex(SiteRepository sites, AreaRepository areas, WalkNetwork network, ReachProperties properties,
                      ReachIndexProperties indexProperties, AccessVocabulary vocabulary, SiteChanges changes,
                      SiteChangeFeed database, ReachScheduler scheduler) {
        this.vocabulary = vocabulary;
        this.straightLine = new StraightLineAccess(properties.circuity());
        this.sites = sites;
        this.network = network;
        this.properties = properties;
        this.indexProperties = indexProperties;
        this.scheduler = scheduler.scheduler();
        this.serviceArea = areas.list(true).filter(a -> "district".equals(a.kind()) && a.geometry() != null)
                .collectList().map(ReachIndex::prepareServiceArea)
                .cache(v -> Duration.ofDays(3650), e -> Duration.ZERO, () -> Duration.ZERO);
        this.refresher = new SnapshotRefresher(this::rebuild, this.scheduler,
                Duration.ofMillis(indexProperties.coalesceMillis()), Duration.ofMillis(100),
                Duration.ofSeconds(indexProperties.retryMaxSeconds()),
                Duration.ofSeconds(indexProperties.rebuildTimeoutSeconds()), System::nanoTime);
        // this instance's own writes (immediate), and every committed change announced by the database
        // (other instances, imports, direct SQL); each only marks the index dirty
        this.subscription = changes.stream().map(s -> "site change")
                .mergeWith(database.notifications().map(op -> "database: " + op))
                .mergeWith(Mono.fromFuture(network.whenLoaded().thenApply(n -> "network loaded"))
                        .onErrorResume(e -> Mono.empty()).flux())
                .subscribe(this::changed, e -> log.error("Site change stream ended; the periodic rebuild remains", e));
    }

    private void changed(String reason) {
        // before startup's own build the schema or data may not exist yet; that build covers these events
        if (started) {
            log.trace("Reach index marked dirty: {}", reason);
            refresher.request();
        }
    }

    /** First build once the sample data is in (runners have finished); waits for it at most two minutes. */
    @EventListener(ApplicationReadyEvent.class)
    public void onReady() throws InterruptedException {
        started = true;
        refresher.request();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (snapshot == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        if (indexProperties.watermarkMillis() > 0) {
            long every = indexProperties.watermarkMillis();
            watermark = scheduler.schedulePeriodically(this::checkWatermark, every, every, TimeUnit.MILLISECONDS);
        }
        if (indexProperties.reconcileSeconds() > 0) {
            long period = indexProperties.reconcileSeconds();
            reconcile = scheduler.schedulePeriodically(refresher::request, period, period, TimeUnit.SECONDS);
        }
    }

    /** @return the current snapshot, empty before the first build */
    public Optional<Snapshot> current() {
        return Optional.ofNullable(snapshot);
    }

    /** @return seconds since the oldest site change that is not yet in the snapshot; 0 when up to date */
    public double stalenessSeconds() {
        return refresher.stalenessNanos() / 1e9;
    }

    /** @return failed rebuilds since the last successful one */
    public int consecutiveFailures() {
        return refresher.consecutiveFailures();
    }

    /** @return failed rebuilds since start */
    public long failedRebuilds() {
        return refresher.failures();
    }

    /** Marks the index dirty, as a site change does; the rebuild follows asynchronously. */
    public void requestRebuild() {
        refresher.request();
    }

    /** Reloads sites and outlines and recomputes fields; completes when the new snapshot is visible. */
    Mono<Snapshot> rebuild() {
        return Mono.defer(() -> {
            Instant asOf = Instant.now();
            // the mark first: a change between the two reads only costs one more rebuild, never a missed one
            return sites.changeMark().flatMap(mark -> Mono.zip(sites.openSites().collectList(), serviceArea)
                    .publishOn(scheduler)
                    .map(t -> build(t.getT1(), t.getT2().orElse(null), asOf))
                    .doOnNext(s -> publish(s, mark)));
        });
    }

    /** Makes a snapshot visible unless a newer one already is (a rebuild that timed out may still finish late). */
    private synchronized void publish(Snapshot s, String mark) {
        if (snapshot == null || !s.asOf().isBefore(snapshot.asOf())) {
            snapshot = s;
            snapshotMark = mark;
        }
    }

    /** Compares the site table's change mark with the snapshot's; a difference is a change nobody announced. */
    private void checkWatermark() {
        if (!watermarkCheck.compareAndSet(false, true)) {
            return;
        }
        sites.changeMark().doFinally(signal -> watermarkCheck.set(false)).subscribe(mark -> {
            if (!mark.equals(snapshotMark)) {
                log.debug("Site table changed without an announcement (mark {} vs {})", mark, snapshotMark);
                refresher.request();
            }
        }, e -> log.trace("Change mark not read: {}", e.toString()));
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

    private Snapshot build(List<Site> open, PreparedGeometry area, Instant asOf) {
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
                    maxThreshold = Math.max(maxThreshold, vocabulary.thresholdMeters(c.wire(), s.subtype()));
                }
                snapped.put(c, List.copyOf(list));
                edgeIndexes.put(c, SiteEdgeIndex.of(list, net.get().graph().edgeCount()));
                double boundSeconds = Math.max(adult.seconds(maxThreshold), properties.maxMinutes() * 60.0);
                fields.put(c, TravelTimeField.compute(net.get().graph(), list, adult, boundSeconds));
            }
        }
        int maxThreshold = 0;
        for (Site site : open) {
            maxThreshold = Math.max(maxThreshold, vocabulary.thresholdMeters(site.category().wire(), site.subtype()));
        }
        AccessSnapshot access = accessSnapshot(open, net);
        List<SnappedSite> allSnapped = new ArrayList<>();
        snapped.values().forEach(allSnapped::addAll);
        Snapshot s = new Snapshot(Map.copyOf(byId), freeze(byCategory), snapped, fields, area, freeze(points),
                edgeIndexes, List.copyOf(allSnapped), maxThreshold, generations.incrementAndGet(), asOf, access);
        log.info("Reach index generation {}: {} open sites, {} ms", s.generation(), open.size(),
                (System.nanoTime() - started) / 1_000_000);
        return s;
    }

    /** The same rule for residents and planners: on the network once loaded, else straight line if there is none. */
    private AccessSnapshot accessSnapshot(List<Site> open, Optional<WalkNetwork.Loaded> net) {
        AccessMethod method;
        if (net.isPresent()) {
            method = networkMethod(net.get());
        } else if (!properties.hasNetwork()) {
            method = straightLine;
        } else {
            return null;
        }
        List<ServicePoint> points = new ArrayList<>(open.size());
        for (Site s : open) {
            points.add(new ServicePoint(s.id().toString(), s.category().wire(), s.subtype(), s.lon(), s.lat(),
                    capacity(s.capacity())));
        }
        return AccessSnapshot.build(method, vocabulary, points, reportBoundMeters());
    }

    /** Site capacity as the access model names it (2SFCA reads it); unknown figures stay absent. */
    private static Map<String, Integer> capacity(Capacity c) {
        Map<String, Integer> m = new HashMap<>();
        m.put("slots", c.slots());
        m.put("inclusiveSlots", c.inclusiveSlots());
        m.put("beds", c.beds());
        m.put("seats", c.seats());
        m.put("staff", c.staff());
        return m;
    }

    /** One method per loaded network, so what is located with it (population cells) stays valid across rebuilds. */
    private synchronized AccessMethod networkMethod(WalkNetwork.Loaded net) {
        if (networkMethodFor != net) {
            networkMethod = new NetworkAccess(net.snapper(), net.search());
            networkMethodFor = net;
        }
        return networkMethod;
    }

    /** Nearest sites are reported up to the longest walk a request may ask for, at the adult speed, metres. */
    double reportBoundMeters() {
        return WalkSpeed.ofKmh(properties.adultSpeedKmh()).meters(properties.maxMinutes() * 60.0);
    }

    private static <T> Map<SiteCategory, List<T>> freeze(Map<SiteCategory, List<T>> m) {
        Map<SiteCategory, List<T>> out = new EnumMap<>(SiteCategory.class);
        m.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    @PreDestroy
    void stop() {
        subscription.dispose();
        if (reconcile != null) {
            reconcile.dispose();
        }
        if (watermark != null) {
            watermark.dispose();
        }
    }
}
