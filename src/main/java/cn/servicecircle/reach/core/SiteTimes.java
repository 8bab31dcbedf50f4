package cn.servicecircle.reach.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Walking seconds and metres from a single-source search's origin to each site, for "/v1/nearby"
 * ordering and "sites inside the isochrone".
 *
 * <p>Contract: a site's time is the minimum of (a) via node A of its edge, (b) via node B, and
 * (c) directly along the edge when the origin snapped to the same edge; the site's own approach
 * ({@link Snap#offEdgeMeters()}) is added. Only sites with time ≤ the search's {@code maxSeconds}
 * are returned, sorted by {@code walkSeconds}, then by {@code siteId}. Method is
 * {@link ReachMethod#NETWORK}. Sites the caller could not snap are the caller's business.
 */
public final class SiteTimes {

    private SiteTimes() {
    }

    public static List<SiteReach> within(ReachedNodes reached, List<SnappedSite> sites) {
        WalkGraph g = reached.graph();
        double maxMeters = reached.maxMeters();
        Snap origin = reached.origin();
        List<SiteReach> out = new ArrayList<>();
        for (SnappedSite site : sites) {
            Snap s = site.snap();
            int e = s.edge();
            double best = Math.min(
                    reached.distanceMetersTo(g.edgeNodeA(e)) + s.metersToNodeA(),
                    reached.distanceMetersTo(g.edgeNodeB(e)) + s.metersToNodeB());
            if (origin != null) {
                best = Math.min(best, origin.sameEdgeMetersTo(s));
            }
            if (best <= maxMeters) {
                out.add(new SiteReach(site.siteId(), reached.speed().seconds(best), best, ReachMethod.NETWORK));
            }
        }
        out.sort(Comparator.comparingDouble(SiteReach::walkSeconds).thenComparing(SiteReach::siteId));
        return out;
    }
}
