package cn.servicecircle.planning;

import java.util.List;

import cn.servicecircle.access.Siting;
import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.coverage.CoverageController;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.GeoJson;

/**
 * Answer of {@code POST /v1/planning/suggestions}. Residents are rounded to 0.1, shares to 4 decimals.
 *
 * @param demand       residents of the group counted (the area's, or the district's)
 * @param servedBefore of them served by the existing sites (coverage's rule)
 * @param candidates   candidates considered; {@code unlocatedCandidates} of them could not be measured from
 * @param suggestions  in the order chosen; fewer than asked when no further candidate serves anyone new
 */
public record SuggestionJson(String method, CoverageController.ReachJsonIndex index, String group, String category,
                             String subtype, int thresholdMeters, String area, String candidateSource, double demand,
                             double servedBefore, double shareBefore, int candidates, int unlocatedCandidates,
                             List<Pick> suggestions) {

    /**
     * One suggested site.
     *
     * @param rank             1 = chosen first
     * @param candidate        index into the request's candidates; null when population points were the candidates
     * @param populationPointId the population point used as candidate; null for given candidates
     * @param newlyServed      residents newly served by this site, given the earlier ones
     * @param served           residents served after it (existing sites and suggestions up to this one)
     * @param share            served / demand, 0–1
     */
    public record Pick(int rank, Location location, Integer candidate, String populationPointId, double newlyServed,
                       int newlyServedCells, double served, double share) {
    }

    /** @param coordSys wgs84 | gcj02 */
    public record Location(double lon, double lat, String coordSys) {
    }

    static Pick pick(int rank, Siting.Pick p, boolean given, CoordSys sys) {
        LonLat at = CoordParams.fromWgs84(p.at().lon(), p.at().lat(), sys);
        return new Pick(rank, new Location(GeoJson.round6(at.lon()), GeoJson.round6(at.lat()), sys.code()),
                given ? p.candidate() : null, given ? null : p.at().label(), round1(p.gain()), p.gainCells(),
                round1(p.served()), round4(p.share()));
    }

    static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    static double round4(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
