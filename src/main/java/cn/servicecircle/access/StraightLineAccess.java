package cn.servicecircle.access;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import cn.servicecircle.reach.core.GeoMath;
import cn.servicecircle.reach.core.ReachMethod;

/**
 * Walking metres as great-circle metres × circuity (network length over straight-line length), for regions
 * without a walking network. Every point can be located. Scans the sites: regions that use it have hundreds.
 */
public final class StraightLineAccess implements AccessMethod {
    private final double circuity;

    /** @param circuity network/straight-line length ratio, 1.0–3.0 */
    public StraightLineAccess(double circuity) {
        if (!(circuity >= 1.0 && circuity <= 3.0)) {
            throw new IllegalArgumentException("circuity must be within 1.0-3.0, was " + circuity);
        }
        this.circuity = circuity;
    }

    @Override
    public ReachMethod kind() {
        return ReachMethod.STRAIGHT_LINE;
    }

    @Override
    public Optional<Located> locate(double lon, double lat) {
        return Optional.of(new Located(lon, lat, null));
    }

    @Override
    public LocatedSites locateSites(List<ServicePoint> sites) {
        List<ServicePoint> copy = List.copyOf(sites);
        return () -> copy;
    }

    @Override
    public NearestField nearestField(LocatedSites sites, double boundMeters) {
        List<ServicePoint> list = sites.sites();
        return point -> {
            SiteDistance best = null;
            for (ServicePoint s : list) {
                double m = meters(point, s);
                if (m <= boundMeters && (best == null || m < best.walkMeters()
                        || (m == best.walkMeters() && s.siteId().compareTo(best.siteId()) < 0))) {
                    best = new SiteDistance(s.siteId(), m);
                }
            }
            return best;
        };
    }

    @Override
    public List<SiteDistance> within(Located origin, LocatedSites sites, double maxMeters) {
        List<SiteDistance> out = new ArrayList<>();
        for (ServicePoint s : sites.sites()) {
            double m = meters(origin, s);
            if (m <= maxMeters) {
                out.add(new SiteDistance(s.siteId(), m));
            }
        }
        out.sort(Comparator.comparingDouble(SiteDistance::walkMeters).thenComparing(SiteDistance::siteId));
        return out;
    }

    private double meters(Located p, ServicePoint s) {
        return GeoMath.haversineMeters(p.lon(), p.lat(), s.lon(), s.lat()) * circuity;
    }
}
