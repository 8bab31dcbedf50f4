package cn.servicecircle.reach;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.PrecisionModel;
import org.springframework.stereotype.Service;

import cn.servicecircle.access.Located;
import cn.servicecircle.access.SubtypeCheck;
import cn.servicecircle.reach.core.FieldValue;
import cn.servicecircle.reach.core.GeoMath;
import cn.servicecircle.reach.core.Isochrone;
import cn.servicecircle.reach.core.IsochroneOptions;
import cn.servicecircle.reach.core.ReachMethod;
import cn.servicecircle.reach.core.ReachedNodes;
import cn.servicecircle.reach.core.SitePoint;
import cn.servicecircle.reach.core.SiteReach;
import cn.servicecircle.reach.core.SiteTimes;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.StraightLineReach;
import cn.servicecircle.reach.core.TravelTimeField;
import cn.servicecircle.reach.core.WalkSpeed;
import cn.servicecircle.site.Site;
import cn.servicecircle.site.SiteCategory;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.FieldProblem;
import cn.servicecircle.web.ServiceUnavailableException;
import reactor.core.publisher.Mono;

/**
 * Walking reach for residents: sites by walking time and the walkable area. Uses the walking network when the
 * region has one, else straight-line distance × circuity (answers say which). All computation runs on the
 * bounded {@link ReachScheduler}.
 */
@Service
public class ReachService {
    private static final GeometryFactory WGS84 = new GeometryFactory(new PrecisionModel(), 4326);

    private final WalkNetwork network;
    private final ReachIndex index;
    private final ReachProperties properties;
    private final ReachScheduler scheduler;
    private final StraightLineReach straightLine;

    public ReachService(WalkNetwork network, ReachIndex index, ReachProperties properties, ReachScheduler scheduler) {
        this.network = network;
        this.index = index;
        this.properties = properties;
        this.scheduler = scheduler;
        this.straightLine = new StraightLineReach(properties.circuity());
    }

    /** Walking speed choice. */
    public enum Walker { ADULT, ELDERLY }

    /**
     * A site with its walking time from the origin.
     *
     * @param walkSeconds        ≥ 0
     * @param walkMeters         walking distance (network, or straight line × circuity), ≥ 0
     * @param straightLineMeters great-circle distance origin → site, ≥ 0
     */
    public record SiteTime(Site site, double walkSeconds, double walkMeters, double straightLineMeters,
                           ReachMethod method) {
    }

    /**
     * @param snapMeters distance from the origin to the walkable way it was snapped to; null for straight-line
     * @param items      sorted by walking time
     * @param beyond     without a category: the nearest site of each category that has none within maxMinutes,
     *                   up to the longest walk the service answers; empty with a category
     * @param index      the index snapshot that answered
     */
    public record Nearby(ReachMethod method, Double snapMeters, double speedKmh, List<SiteTime> items,
                         List<SiteTime> beyond, ReachIndex.Stamp index) {
    }

    /**
     * @param thresholdMet    whether some site of the category is within its subtype's threshold
     * @param nearest         the nearest site by walking time (within the search bound), null if none
     * @param nearestThresholdMeters the threshold of the nearest site's subtype, metres; null if none
     * @param sites           sites within the requested minutes, by walking time
     */
    public record CategoryReach(SiteCategory category, boolean thresholdMet, SiteTime nearest,
                                Integer nearestThresholdMeters, List<SubtypeReach> subtypes, List<SiteTime> sites) {
    }

    /**
     * One subtype's life-circle check, for every subtype the region has open sites of.
     *
     * @param thresholdMeters   the subtype's threshold, walking metres
     * @param thresholdMet      whether its nearest site is within the threshold
     * @param nearestWalkMeters walking metres to its nearest site within the search bound; null if none
     */
    public record SubtypeReach(String subtype, int thresholdMeters, boolean thresholdMet, Double nearestWalkMeters) {
    }

    /**
     * @param isochrone  walkable area within {@code minutes}, WGS84
     * @param metCount   categories whose threshold is met, 0–5
     * @param index      the index snapshot that answered
     */
    public record Reach(ReachMethod method, Double snapMeters, int minutes, double speedKmh, Geometry isochrone,
                        List<CategoryReach> categories, int metCount, ReachIndex.Stamp index) {
    }

    /** Sites by walking time from a WGS84 point; {@code category} null = the nearest site of every category. */
    public Mono<Nearby> nearby(double lon, double lat, SiteCategory category, int limit, int maxMinutes,
                               Walker walker) {
        return Mono.fromCallable(() -> computeNearby(lon, lat, category, limit, maxMinutes, walker))
                .subscribeOn(scheduler.scheduler());
    }

    /** The walkable area within {@code minutes} from a WGS84 point, the sites in it and the thresholds met. */
    public Mono<Reach> reach(double lon, double lat, int minutes, Walker walker) {
        return Mono.fromCallable(() -> computeReach(lon, lat, minutes, walker)).subscribeOn(scheduler.scheduler());
    }

    private Nearby computeNearby(double lon, double lat, SiteCategory category, int limit, int maxMinutes,
                                 Walker walker) {
        ReachIndex.Snapshot snap = snapshot();
        WalkSpeed speed = speed(walker);
        double maxSeconds = maxMinutes * 60.0;
        Origin origin = origin(snap, lon, lat);
        List<SiteTime> items = new ArrayList<>();
        List<SiteTime> beyond = new ArrayList<>();
        // without a category every category gets its nearest site; one farther than maxMinutes is still named
        // (up to the longest walk the service answers), so "nothing near" also says how far the nearest is
        double farthestSeconds = Math.max(maxSeconds, properties.maxMinutes() * 60.0);
        if (origin.snap == null) {
            for (SiteCategory c : categories(category)) {
                List<SiteReach> within = straightLine.within(lon, lat, snap.sitePoints().get(c), speed,
                        category == null ? farthestSeconds : maxSeconds);
                List<SiteReach> chosen = category == null ? within.stream().limit(1).toList() : within;
                chosen.forEach(r -> (r.walkSeconds() <= maxSeconds ? items : beyond).add(time(snap, r, lon, lat)));
            }
        } else if (category == null) {
            for (SiteCategory c : SiteCategory.values()) {
                TravelTimeField field = snap.fields().get(c);
                FieldValue v = field.at(origin.snap);
                double seconds = speed.seconds(v.distanceMeters());
                if (v.reached() && seconds <= farthestSeconds) {
                    Site site = snap.sites().get(v.siteId());
                    (seconds <= maxSeconds ? items : beyond).add(new SiteTime(site, seconds, v.distanceMeters(),
                            GeoMath.haversineMeters(lon, lat, site.lon(), site.lat()), ReachMethod.NETWORK));
                }
            }
        } else {
            // k nearest: the search stops once nothing unsettled can beat the k-th site found
            WalkNetwork.Loaded net = network.loaded().orElseThrow();
            for (SiteReach r : net.search().nearestSites(origin.snap, speed, maxSeconds,
                    snap.edgeIndexes().get(category), limit)) {
                items.add(time(snap, r, lon, lat));
            }
        }
        items.sort(Comparator.comparingDouble(SiteTime::walkSeconds));
        List<SiteTime> limited = items.size() > limit ? List.copyOf(items.subList(0, limit)) : List.copyOf(items);
        beyond.sort(Comparator.comparingDouble(SiteTime::walkSeconds));
        return new Nearby(origin.method(), origin.snapMeters(), speed.kmh(), limited, List.copyOf(beyond),
                snap.stamp());
    }

    private Reach computeReach(double lon, double lat, int minutes, Walker walker) {
        ReachIndex.Snapshot snap = snapshot();
        WalkSpeed speed = speed(walker);
        double seconds = minutes * 60.0;
        double boundSeconds = Math.max(seconds, speed.seconds(snap.maxThresholdMeters()));
        Origin origin = origin(snap, lon, lat);
        List<SiteTime> all = new ArrayList<>();
        Geometry area;
        if (origin.snap == null) {
            for (SiteCategory c : SiteCategory.values()) {
                straightLine.within(lon, lat, snap.sitePoints().get(c), speed, boundSeconds)
                        .forEach(r -> all.add(time(snap, r, lon, lat)));
            }
            area = straightLine.isochrone(lon, lat, speed, seconds).area();
        } else {
            WalkNetwork.Loaded net = network.loaded().orElseThrow();
            ReachedNodes bounded = net.search().search(origin.snap, speed, boundSeconds);
            SiteTimes.within(bounded, snap.allSnapped()).forEach(r -> all.add(time(snap, r, lon, lat)));
            ReachedNodes exact = boundSeconds > seconds ? net.search().search(origin.snap, speed, seconds) : bounded;
            area = Isochrone.build(exact, IsochroneOptions.PHONE).area();
        }
        all.sort(Comparator.comparingDouble(SiteTime::walkSeconds));
        Map<SiteCategory, List<SiteTime>> byCategory = new EnumMap<>(SiteCategory.class);
        for (SiteCategory c : SiteCategory.values()) {
            byCategory.put(c, new ArrayList<>());
        }
        all.forEach(t -> byCategory.get(t.site().category()).add(t));
        List<CategoryReach> categories = new ArrayList<>();
        int met = 0;
        // the life-circle check is the access model's rule, the same one planners' coverage applies
        Located at = new Located(lon, lat, origin.snap);
        double askedMeters = speed.meters(seconds);
        for (SiteCategory c : SiteCategory.values()) {
            List<SiteTime> times = byCategory.get(c);
            List<SubtypeReach> subtypes = new ArrayList<>();
            boolean ok = false;
            for (SubtypeCheck check : snap.access().checks(at, c.wire())) {
                // a smaller circle than the subtype's threshold asks for less: met within both (5 min ≈ 333 m)
                boolean within = check.met() && check.nearest().walkMeters() <= askedMeters;
                ok |= within;
                subtypes.add(new SubtypeReach(check.subtype(), check.thresholdMeters(), within,
                        check.nearest() == null ? null : check.nearest().walkMeters()));
            }
            met += ok ? 1 : 0;
            SiteTime nearest = times.isEmpty() ? null : times.get(0);
            categories.add(new CategoryReach(c, ok, nearest, nearest == null ? null : threshold(snap, nearest.site()),
                    List.copyOf(subtypes), times.stream().filter(t -> t.walkSeconds() <= seconds).toList()));
        }
        return new Reach(origin.method(), origin.snapMeters(), minutes, speed.kmh(), area, categories, met, snap.stamp());
    }

    private record Origin(Snap snap, ReachMethod method, Double snapMeters) {
    }

    private Origin origin(ReachIndex.Snapshot snap, double lon, double lat) {
        Point p = WGS84.createPoint(new Coordinate(lon, lat));
        Optional<WalkNetwork.Loaded> net = network.loaded();
        boolean inside = snap.serviceArea() != null ? snap.serviceArea().covers(p)
                : net.map(n -> n.footprint().covers(p)).orElse(true);
        if (!inside) {
            throw new ApiException(422, "OUTSIDE_SERVICE_AREA", "The point is outside the service area",
                    List.of(new FieldProblem("lon", "OUTSIDE_SERVICE_AREA", "Not inside the region (check coordSys)")));
        }
        if (net.isEmpty()) {
            return new Origin(null, ReachMethod.STRAIGHT_LINE, null);
        }
        Snap s = net.get().snapper().snap(lon, lat).orElseThrow(() -> new ApiException(422, "POINT_NOT_ROUTABLE",
                "No walkable way within " + properties.maxSnapMeters() + " m of the point",
                List.of(new FieldProblem("lon", "POINT_NOT_ROUTABLE", "Too far from any walkable way"))));
        return new Origin(s, ReachMethod.NETWORK, s.offEdgeMeters());
    }

    private ReachIndex.Snapshot snapshot() {
        if (network.state() == WalkNetwork.State.LOADING) {
            throw new ServiceUnavailableException("NETWORK_LOADING", "The walking network is still loading", 5);
        }
        if (network.state() == WalkNetwork.State.FAILED) {
            throw new ServiceUnavailableException("NETWORK_UNAVAILABLE", "The walking network failed to load", 60);
        }
        ReachIndex.Snapshot snap = index.current().orElseThrow(() ->
                new ServiceUnavailableException("INDEX_LOADING", "The site index is being built", 2));
        if (snap.access() == null || (network.state() == WalkNetwork.State.READY && snap.fields().isEmpty())) {
            throw new ServiceUnavailableException("INDEX_LOADING", "The site index is being built", 2);
        }
        return snap;
    }

    private SiteTime time(ReachIndex.Snapshot snap, SiteReach r, double lon, double lat) {
        Site site = snap.sites().get(r.siteId());
        return new SiteTime(site, r.walkSeconds(), r.distanceMeters(),
                GeoMath.haversineMeters(lon, lat, site.lon(), site.lat()), r.method());
    }

    private static int threshold(ReachIndex.Snapshot snap, Site s) {
        return snap.access().vocabulary().thresholdMeters(s.category().wire(), s.subtype());
    }

    private WalkSpeed speed(Walker walker) {
        return WalkSpeed.ofKmh(walker == Walker.ELDERLY ? properties.elderlySpeedKmh() : properties.adultSpeedKmh());
    }

    private static List<SiteCategory> categories(SiteCategory category) {
        return category == null ? List.of(SiteCategory.values()) : List.of(category);
    }
}
