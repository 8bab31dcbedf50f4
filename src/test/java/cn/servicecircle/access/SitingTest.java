package cn.servicecircle.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static cn.servicecircle.support.PublicApiData.greatCircleMeters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Greedy siting against the exact optimum, found here by trying every p-subset of candidates on small random
 * instances, with this test's own great-circle formula and circuity (nothing shared with the code path).
 */
class SitingTest {
    static final double CIRCUITY = 1.3;
    static final int THRESHOLD = 400;
    static final DemandGroup PRESCHOOL = new DemandGroup("preschool", "3-5岁幼儿", "Pre-school 3-5", new AgeRange(3, 5),
            List.of(new ServiceRule("school", "kindergarten", THRESHOLD)));
    static final AccessVocabulary VOCABULARY = new AccessVocabulary(Map.of("school", Map.of("kindergarten", THRESHOLD)),
            List.of(PRESCHOOL));

    record Instance(List<Cell> cells, List<ServicePoint> existing, List<Siting.Candidate> candidates) {
    }

    static Instance random(long seed, int cells, int candidates) {
        Random r = new Random(seed);
        List<Cell> cs = new ArrayList<>();
        for (int i = 0; i < cells; i++) {
            double lon = 121.54 + r.nextDouble() * 0.015;
            double lat = 29.86 + r.nextDouble() * 0.013;
            cs.add(new Cell("c" + i, "330203001", new Located(lon, lat, null),
                    new AgeBands(r.nextInt(20), 1 + r.nextInt(40), r.nextInt(50), 100, 10, 10), "test"));
        }
        List<ServicePoint> existing = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            existing.add(new ServicePoint("k" + i, "school", "kindergarten", 121.54 + r.nextDouble() * 0.015,
                    29.86 + r.nextDouble() * 0.013));
        }
        List<Siting.Candidate> cand = new ArrayList<>();
        for (int i = 0; i < candidates; i++) {
            cand.add(new Siting.Candidate("p" + i, 121.54 + r.nextDouble() * 0.015, 29.86 + r.nextDouble() * 0.013));
        }
        return new Instance(cs, existing, cand);
    }

    /** Residents newly served by a set of candidates, by brute force. */
    static double gain(Instance in, int[] chosen) {
        double sum = 0;
        for (Cell c : in.cells()) {
            double lon = c.located().lon();
            double lat = c.located().lat();
            boolean before = false;
            for (ServicePoint s : in.existing()) {
                before |= CIRCUITY * greatCircleMeters(lon, lat, s.lon(), s.lat()) <= THRESHOLD;
            }
            boolean after = false;
            for (int k : chosen) {
                Siting.Candidate p = in.candidates().get(k);
                after |= CIRCUITY * greatCircleMeters(lon, lat, p.lon(), p.lat()) <= THRESHOLD;
            }
            sum += !before && after ? c.bands().age3to5() : 0;
        }
        return sum;
    }

    static double optimum(Instance in, int p, int from, int[] chosen, int depth) {
        if (depth == p) {
            return gain(in, chosen);
        }
        double best = 0;
        for (int k = from; k < in.candidates().size(); k++) {
            chosen[depth] = k;
            best = Math.max(best, optimum(in, p, k + 1, chosen, depth + 1));
        }
        return best;
    }

    @Test
    void greedyIsWithinOneMinusOneOverEOfTheExactOptimum() {
        double bound = 1 - 1 / Math.E;
        double minRatio = 1;
        int belowOptimum = 0;
        int instances = 0;
        for (long seed = 1; seed <= 240; seed++) {
            int candidates = 12 + (int) (seed % 4);
            int p = 2 + (int) (seed % 2);
            Instance in = random(seed, 40, candidates);
            AccessSnapshot snapshot = AccessSnapshot.build(new StraightLineAccess(CIRCUITY), VOCABULARY, in.existing(), 0);
            Siting.Result greedy = Siting.greedy(snapshot, PRESCHOOL, PRESCHOOL.rules().get(0), in.cells(),
                    in.candidates(), p);
            int[] picked = greedy.picks().stream().mapToInt(Siting.Pick::candidate).toArray();
            double greedyGain = greedy.picks().stream().mapToDouble(Siting.Pick::gain).sum();
            // its own account of what it gained is right
            assertThat(greedyGain).as("seed %d", seed).isCloseTo(gain(in, picked), within(1e-9));
            double opt = optimum(in, p, 0, new int[p], 0);
            if (opt == 0) {
                continue;
            }
            instances++;
            double ratio = greedyGain / opt;
            assertThat(ratio).as("seed %d: greedy %s, optimum %s", seed, greedyGain, opt).isGreaterThanOrEqualTo(bound)
                    .isLessThanOrEqualTo(1 + 1e-12);
            minRatio = Math.min(minRatio, ratio);
            belowOptimum += ratio < 1 - 1e-12 ? 1 : 0;
        }
        System.out.printf("Siting: %d instances, greedy below the optimum in %d, minimum greedy/optimum %.4f%n",
                instances, belowOptimum, minRatio);
        assertThat(instances).isGreaterThan(200);
        assertThat(belowOptimum).as("the instances are hard enough that greedy is sometimes not optimal").isPositive();
    }

    @Test
    void theFirstPickIsTheBestSingleSiteAndServedCellsCountNothing() {
        Instance in = random(7, 40, 15);
        AccessSnapshot snapshot = AccessSnapshot.build(new StraightLineAccess(CIRCUITY), VOCABULARY, in.existing(), 0);
        Siting.Result r = Siting.greedy(snapshot, PRESCHOOL, PRESCHOOL.rules().get(0), in.cells(), in.candidates(), 1);
        double best = 0;
        for (int k = 0; k < in.candidates().size(); k++) {
            best = Math.max(best, gain(in, new int[]{k}));
        }
        assertThat(r.picks().get(0).gain()).isCloseTo(best, within(1e-9));
        double demand = in.cells().stream().mapToDouble(c -> c.bands().age3to5()).sum();
        assertThat(r.demand()).isCloseTo(demand, within(1e-9));
        assertThat(r.picks().get(0).served()).isCloseTo(r.servedBefore() + best, within(1e-9));
        // asking for more sites than can add anyone stops early instead of listing useless picks
        Siting.Result many = Siting.greedy(snapshot, PRESCHOOL, PRESCHOOL.rules().get(0), in.cells(), in.candidates(), 15);
        assertThat(many.picks()).allSatisfy(p -> assertThat(p.gain()).isPositive());
        assertThat(many.picks().get(many.picks().size() - 1).served()).isLessThanOrEqualTo(demand + 1e-9);
    }
}
