package cn.servicecircle.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where to open new sites: the maximal covering location problem (MCLP) solved greedily. Existing sites stay; each
 * round adds the candidate that brings the most residents of the demand group not yet served within the new site's
 * threshold. Greedy is within (1 − 1/e) ≈ 63 % of the optimum for this problem (coverage is monotone submodular),
 * and exact when p = 1.
 *
 * <p>Contract: demand is residents of the group (fractional where a census band is split); a cell counts as served
 * before when {@link AccessSnapshot#served} says so (any of the group's subtypes within its threshold); a candidate
 * covers a located cell within {@code rule.thresholdMeters()} walking metres of it, measured by the snapshot's
 * method (network: one bounded search per candidate; straight line: distances). Unlocated cells are never covered;
 * unlocated candidates are skipped and counted. Ties go to the earlier candidate. Pure; not thread-confined.
 */
public final class Siting {
    private Siting() {
    }

    /** A place a new site could open, WGS84 degrees, with the caller's label (e.g. a population point id). */
    public record Candidate(String label, double lon, double lat) {
    }

    /**
     * One chosen site, in the order chosen.
     *
     * @param candidate    index into the candidates given
     * @param gain         residents newly served by it, given the earlier picks, ≥ 0
     * @param gainCells    cells newly served by it
     * @param served       residents served after it (before + all gains so far)
     * @param share        served / demand, 0–1; 0 without demand
     */
    public record Pick(int candidate, Candidate at, double gain, int gainCells, double served, double share) {
    }

    /**
     * @param demand              residents of the group in the cells given
     * @param servedBefore        of them served by existing sites
     * @param candidates          candidates given
     * @param unlocatedCandidates of them that the method could not measure from (skipped)
     * @param picks               at most the count asked for: fewer when no candidate adds anyone
     */
    public record Result(DemandGroup group, ServiceRule rule, double demand, double servedBefore, int candidates,
                         int unlocatedCandidates, List<Pick> picks) {
        /** @return servedBefore / demand, 0–1 */
        public double shareBefore() {
            return demand == 0 ? 0 : servedBefore / demand;
        }
    }

    /**
     * @param snapshot   existing sites and the method
     * @param group      whose residents count
     * @param rule       the new sites' subtype and threshold (one of the group's, or another threshold by choice)
     * @param cells      the cells whose residents count (e.g. one street's)
     * @param candidates where a new site could open
     * @param count      how many to choose, ≥ 1
     */
    public static Result greedy(AccessSnapshot snapshot, DemandGroup group, ServiceRule rule, List<Cell> cells,
                                List<Candidate> candidates, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        AccessMethod method = snapshot.method();
        // residual[i]: residents of cell i not yet served; a pick zeroes the cells it covers
        double[] residual = new double[cells.size()];
        double demand = 0;
        double served = 0;
        for (int i = 0; i < cells.size(); i++) {
            Cell c = cells.get(i);
            double d = group.demand(c.bands());
            demand += d;
            if (c.located() != null && snapshot.served(c.located(), group)) {
                served += d;
            } else {
                residual[i] = d;
            }
        }
        double servedBefore = served;
        CellTargets targets = new CellTargets(method, cells, rule.thresholdMeters());
        List<int[]> covers = new ArrayList<>(candidates.size());
        int unlocated = 0;
        for (Candidate cand : candidates) {
            Optional<Located> at = method.locate(cand.lon(), cand.lat());
            if (at.isEmpty()) {
                unlocated++;
                covers.add(new int[0]);
                continue;
            }
            covers.add(targets.within(at.get()).stream()
                    .mapToInt(CellTargets.Hit::cell).filter(i -> cells.get(i).located() != null).toArray());
        }
        List<Pick> picks = new ArrayList<>();
        for (int round = 0; round < count; round++) {
            int best = -1;
            double bestGain = 0;
            for (int c = 0; c < covers.size(); c++) {
                double g = 0;
                for (int i : covers.get(c)) {
                    g += residual[i];
                }
                if (g > bestGain) {
                    best = c;
                    bestGain = g;
                }
            }
            if (best < 0) {
                break; // nobody left within reach of any candidate
            }
            int gainCells = 0;
            for (int i : covers.get(best)) {
                gainCells += residual[i] > 0 ? 1 : 0;
                residual[i] = 0;
            }
            served += bestGain;
            picks.add(new Pick(best, candidates.get(best), bestGain, gainCells, served,
                    demand == 0 ? 0 : served / demand));
        }
        return new Result(group, rule, demand, servedBefore, candidates.size(), unlocated, List.copyOf(picks));
    }
}
