package cn.servicecircle.reach;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.CoordTransforms;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.reach.core.ReachMethod;
import cn.servicecircle.site.Site;
import cn.servicecircle.site.SiteJson;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.GeoJson;

/** Response bodies of /v1/nearby and /v1/reach (api-spec schemas Nearby, Reach). */
public final class ReachJson {
    private ReachJson() {
    }

    /** The query point as given. */
    public record Origin(double lon, double lat, String coordSys) {
    }

    /** A site, compact, in the request's coordinate system. */
    public record SiteSummary(UUID id, String name, String category, String subtype, SiteJson.Location location,
                              String areaCode, boolean inclusive, String openingHours, String phone, String source) {
        static SiteSummary of(Site s, CoordSys sys) {
            LonLat p = CoordParams.fromWgs84(s.lon(), s.lat(), sys);
            return new SiteSummary(s.id(), s.name(), s.category().wire(), s.subtype(),
                    new SiteJson.Location(GeoJson.round6(p.lon()), GeoJson.round6(p.lat()), sys.code()),
                    s.areaCode(), s.inclusive(), s.openingHours(), s.phone(), s.source());
        }
    }

    /**
     * Where the walk most likely lies when it is only estimated from the straight line: the middle half of the
     * measured detour factors (network metres / straight-line metres for origin-site pairs 200–2,000 m apart on
     * Heidelberg, Helsinki and Andorra, p25 1.24 and p75 1.51; bench/detour/results-2026-11-29.md).
     *
     * @param low  straight-line metres × 1.24
     * @param high straight-line metres × 1.51
     */
    public record MetersRange(long low, long high) {
        static final double DETOUR_P25 = 1.24;
        static final double DETOUR_P75 = 1.51;

        static MetersRange around(double straightLineMeters) {
            return new MetersRange(Math.round(straightLineMeters * DETOUR_P25), Math.round(straightLineMeters * DETOUR_P75));
        }
    }

    /**
     * A site with its walking time.
     *
     * @param walkMetersRange only for the straight-line method (an estimate): where half of real walks of this
     *                        straight-line length fall; null when measured on the network
     */
    public record SiteTimeJson(SiteSummary site, double walkMinutes, long walkSeconds, long walkMeters,
                               long straightLineMeters, String method, MetersRange walkMetersRange) {
        static SiteTimeJson of(ReachService.SiteTime t, CoordSys sys) {
            return new SiteTimeJson(SiteSummary.of(t.site(), sys), Math.round(t.walkSeconds() / 6.0) / 10.0,
                    Math.round(t.walkSeconds()), Math.round(t.walkMeters()), Math.round(t.straightLineMeters()),
                    methodName(t.method()), t.method() == ReachMethod.STRAIGHT_LINE
                            ? MetersRange.around(t.straightLineMeters()) : null);
        }
    }

    /**
     * The index snapshot an answer came from.
     *
     * @param generation increases with every rebuild of the index
     * @param asOf       ISO-8601 instant: every site change committed before it is in the answer
     */
    public record IndexJson(long generation, String asOf) {
        static IndexJson of(ReachIndex.Stamp stamp) {
            return new IndexJson(stamp.generation(), stamp.asOf().toString());
        }
    }

    /** GET /v1/nearby. */
    public record Nearby(Origin origin, String method, Long snapMeters, double walkSpeedKmh, List<SiteTimeJson> items,
                         List<SiteTimeJson> nearestBeyondMaxMinutes, IndexJson index) {
        static Nearby of(ReachService.Nearby n, Origin origin, CoordSys sys) {
            return new Nearby(origin, methodName(n.method()), n.snapMeters() == null ? null : Math.round(n.snapMeters()),
                    n.speedKmh(), n.items().stream().map(t -> SiteTimeJson.of(t, sys)).toList(),
                    n.beyond().stream().map(t -> SiteTimeJson.of(t, sys)).toList(), IndexJson.of(n.index()));
        }
    }

    /** One category in a reach answer. */
    public record CategoryJson(String category, boolean thresholdMet, Integer nearestThresholdMeters,
                               SiteTimeJson nearest, List<SubtypeJson> subtypes, List<SiteTimeJson> sites) {
    }

    /** One subtype's life-circle check. */
    public record SubtypeJson(String subtype, int thresholdMeters, boolean thresholdMet, Long nearestWalkMeters) {
        static SubtypeJson of(ReachService.SubtypeReach r) {
            return new SubtypeJson(r.subtype(), r.thresholdMeters(), r.thresholdMet(),
                    r.nearestWalkMeters() == null ? null : Math.round(r.nearestWalkMeters()));
        }
    }

    /** Life-circle score: categories whose threshold is met. */
    public record Score(int met, int of) {
    }

    /** GET /v1/reach. */
    public record Reach(Origin origin, String method, Long snapMeters, int minutes, double walkSpeedKmh,
                        Map<String, Object> isochrone, List<CategoryJson> categories, Score score, IndexJson index) {
        static Reach of(ReachService.Reach r, Origin origin, CoordSys sys) {
            List<CategoryJson> categories = r.categories().stream().map(c -> new CategoryJson(c.category().wire(),
                    c.thresholdMet(), c.nearestThresholdMeters(),
                    c.nearest() == null ? null : SiteTimeJson.of(c.nearest(), sys),
                    c.subtypes().stream().map(SubtypeJson::of).toList(),
                    c.sites().stream().map(t -> SiteTimeJson.of(t, sys)).toList())).toList();
            return new Reach(origin, methodName(r.method()), r.snapMeters() == null ? null : Math.round(r.snapMeters()),
                    r.minutes(), r.speedKmh(), GeoJson.geometry(CoordTransforms.fromWgs84(r.isochrone(), sys)),
                    categories, new Score(r.metCount(), categories.size()), IndexJson.of(r.index()));
        }
    }

    static String methodName(ReachMethod m) {
        return m == ReachMethod.NETWORK ? "network" : "straight-line";
    }
}
