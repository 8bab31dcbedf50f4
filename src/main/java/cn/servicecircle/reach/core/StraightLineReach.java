package cn.servicecircle.reach.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Fallback for places without a usable walk network (the origin does not snap): walk time =
 * haversine distance × circuity / speed. Answers carry {@link ReachMethod#STRAIGHT_LINE}.
 *
 * <p>Contract: {@code circuity} in [1, 3] (default {@value #DEFAULT_CIRCUITY}, the median
 * network/straight-line ratio measured in bench/detour); {@code distanceMeters} in results is the circuity-scaled distance,
 * so {@code walkSeconds × speed = distanceMeters} as for network answers. Immutable.
 */
public final class StraightLineReach {

    public static final double DEFAULT_CIRCUITY = 1.35;
    private static final int CIRCLE_VERTICES = 64;

    private final double circuity;

    public StraightLineReach() {
        this(DEFAULT_CIRCUITY);
    }

    public StraightLineReach(double circuity) {
        if (!(circuity >= 1 && circuity <= 3)) {
            throw new IllegalArgumentException("circuity must be in [1, 3], was " + circuity);
        }
        this.circuity = circuity;
    }

    public double circuity() {
        return circuity;
    }

    /** Circuity-scaled metres between two WGS84 points. */
    public double walkMeters(double fromLon, double fromLat, double toLon, double toLat) {
        return GeoMath.haversineMeters(fromLon, fromLat, toLon, toLat) * circuity;
    }

    /** Sites within {@code maxSeconds}, sorted by time then id; same shape as {@link SiteTimes}. */
    public List<SiteReach> within(double lon, double lat, List<SitePoint> sites, WalkSpeed speed, double maxSeconds) {
        double maxMeters = speed.meters(maxSeconds);
        List<SiteReach> out = new ArrayList<>();
        for (SitePoint s : sites) {
            double m = walkMeters(lon, lat, s.lon(), s.lat());
            if (m <= maxMeters) {
                out.add(new SiteReach(s.siteId(), speed.seconds(m), m, ReachMethod.STRAIGHT_LINE));
            }
        }
        out.sort(Comparator.comparingDouble(SiteReach::walkSeconds).thenComparing(SiteReach::siteId));
        return out;
    }

    /** A {@value #CIRCLE_VERTICES}-gon of radius {@code maxSeconds × speed / circuity} metres. */
    public IsochroneResult isochrone(double lon, double lat, WalkSpeed speed, double maxSeconds) {
        double radius = speed.meters(maxSeconds) / circuity;
        if (!(radius > 0)) {
            return IsochroneResult.empty(maxSeconds, ReachMethod.STRAIGHT_LINE);
        }
        double mPerLon = GeoMath.metersPerDegreeLon(lat);
        Coordinate[] ring = new Coordinate[CIRCLE_VERTICES + 1];
        for (int i = 0; i < CIRCLE_VERTICES; i++) {
            double a = 2 * Math.PI * i / CIRCLE_VERTICES;
            ring[i] = new Coordinate(lon + radius * Math.cos(a) / mPerLon, lat + radius * Math.sin(a) / GeoMath.METERS_PER_DEGREE);
        }
        ring[CIRCLE_VERTICES] = ring[0].copy();
        Geometry circle = Isochrone.wgsFactory().createPolygon(ring);
        return new IsochroneResult(circle, maxSeconds, 0, ReachMethod.STRAIGHT_LINE);
    }
}
