package cn.servicecircle.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import cn.servicecircle.reach.core.FieldValue;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.ReachMethod;
import cn.servicecircle.reach.core.SingleSourceSearch;
import cn.servicecircle.reach.core.SiteReach;
import cn.servicecircle.reach.core.SiteTimes;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.SnappedSite;
import cn.servicecircle.reach.core.TravelTimeField;
import cn.servicecircle.reach.core.WalkSpeed;

/**
 * Walking metres along the region's walking network: points and sites join it at the nearest walkable way (within
 * the snapper's distance, the approach walked), and distances are shortest paths. "Nearest of a set" is one
 * multi-source Dijkstra; "within" one bounded single-source search.
 */
public final class NetworkAccess implements AccessMethod {
    /** Searches run on metres: at 1 m/s a field's seconds are its metres. */
    private static final WalkSpeed METERS = new WalkSpeed(1.0);

    private final NodeSnapper snapper;
    private final SingleSourceSearch search;

    public NetworkAccess(NodeSnapper snapper, SingleSourceSearch search) {
        this.snapper = snapper;
        this.search = search;
    }

    @Override
    public ReachMethod kind() {
        return ReachMethod.NETWORK;
    }

    @Override
    public Optional<Located> locate(double lon, double lat) {
        return snapper.snap(lon, lat).map(s -> new Located(lon, lat, s));
    }

    /** Sites with their place on the network. */
    record NetworkSites(List<ServicePoint> sites, List<SnappedSite> snapped) implements LocatedSites {
    }

    @Override
    public LocatedSites locateSites(List<ServicePoint> sites) {
        List<ServicePoint> kept = new ArrayList<>();
        List<SnappedSite> snapped = new ArrayList<>();
        for (ServicePoint s : sites) {
            Optional<Snap> snap = snapper.snap(s.lon(), s.lat());
            if (snap.isPresent()) {
                kept.add(s);
                snapped.add(new SnappedSite(s.siteId(), snap.get()));
            }
        }
        return new NetworkSites(List.copyOf(kept), List.copyOf(snapped));
    }

    @Override
    public NearestField nearestField(LocatedSites sites, double boundMeters) {
        TravelTimeField field = TravelTimeField.compute(snapper.graph(), own(sites).snapped(), METERS, boundMeters);
        return point -> {
            if (point.snap() == null) {
                return null;
            }
            FieldValue v = field.at(point.snap());
            return v.reached() ? new SiteDistance(v.siteId(), v.distanceMeters()) : null;
        };
    }

    @Override
    public List<SiteDistance> within(Located origin, LocatedSites sites, double maxMeters) {
        if (origin.snap() == null) {
            return List.of();
        }
        List<SiteDistance> out = new ArrayList<>();
        for (SiteReach r : SiteTimes.within(search.search(origin.snap(), METERS, maxMeters), own(sites).snapped())) {
            out.add(new SiteDistance(r.siteId(), r.distanceMeters()));
        }
        out.sort(Comparator.comparingDouble(SiteDistance::walkMeters).thenComparing(SiteDistance::siteId));
        return out;
    }

    private static NetworkSites own(LocatedSites sites) {
        if (sites instanceof NetworkSites n) {
            return n;
        }
        throw new IllegalArgumentException("sites were not located by a network method");
    }
}
