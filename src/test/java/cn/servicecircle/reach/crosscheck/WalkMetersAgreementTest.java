package cn.servicecircle.reach.crosscheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The agreement rule itself: it accepts the earth-model difference and rejects a wrongly scaled engine. */
class WalkMetersAgreementTest {

    /** 400 pairs whose "ours" differ from the reference like sphere vs ellipsoid (-0.3 % .. 0 %) plus rounding. */
    private static List<WalkMetersAgreement.Pair> sphereLikePairs() {
        SplittableRandom rnd = new SplittableRandom(8);
        List<WalkMetersAgreement.Pair> out = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            double ref = 150 + rnd.nextDouble() * 2000;
            out.add(new WalkMetersAgreement.Pair(i, "s" + i, Math.round(ref * (1 - rnd.nextDouble() * 0.003)), ref));
        }
        return out;
    }

    private static List<WalkMetersAgreement.Origin> agreeingOrigins(int n) {
        List<WalkMetersAgreement.Origin> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new WalkMetersAgreement.Origin(i, "near", Map.of("near", 300.0, "far", 900.0)));
        }
        return out;
    }

    @Test
    void theEarthModelDifferencePasses() {
        WalkMetersAgreement.Verdict v = WalkMetersAgreement.judge(sphereLikePairs(), agreeingOrigins(100));
        assertTrue(v.passes(), v.toString());
        assertEquals(400, v.pairsAgreeing());
        assertTrue(v.medianRatio() > 0.997 && v.medianRatio() < 1.0, v.toString());
    }

    @Test
    void everyEdgeTimesPoint8OrTimes1Point25Fails() {
        for (double factor : new double[]{0.8, 1.25, 0.98, 1.02}) {
            WalkMetersAgreement.Verdict v = WalkMetersAgreement.judge(
                    WalkMetersAgreement.scaled(sphereLikePairs(), factor), agreeingOrigins(100));
            assertFalse(v.passes(), "x" + factor + " passed: " + v);
        }
    }

    @Test
    void moreThanOnePercentOfPairsOffFails() {
        List<WalkMetersAgreement.Pair> pairs = new ArrayList<>(sphereLikePairs());
        for (int i = 0; i < 5; i++) { // 5 of 400 = 1.25 % off by 2 %
            WalkMetersAgreement.Pair p = pairs.get(i);
            pairs.set(i, new WalkMetersAgreement.Pair(p.origin(), p.siteId(), p.referenceMeters() * 1.02,
                    p.referenceMeters()));
        }
        assertFalse(WalkMetersAgreement.judge(pairs, agreeingOrigins(100)).passes());
        pairs.set(0, sphereLikePairs().get(0)); // 4 of 400 = 1 %: still enough agree
        assertTrue(WalkMetersAgreement.judge(pairs, agreeingOrigins(100)).passes());
    }

    @Test
    void aDifferentNearestSiteCountsUnlessItIsATie() {
        WalkMetersAgreement.Origin wrong = new WalkMetersAgreement.Origin(0, "far", Map.of("near", 300.0, "far", 900.0));
        WalkMetersAgreement.Origin tie = new WalkMetersAgreement.Origin(0, "b", Map.of("a", 300.0, "b", 300.8));
        WalkMetersAgreement.Origin unreachable = new WalkMetersAgreement.Origin(0, "x", Map.of("a", 300.0));
        assertFalse(wrong.agreesOnNearest());
        assertTrue(tie.agreesOnNearest());
        assertFalse(unreachable.agreesOnNearest());
        List<WalkMetersAgreement.Origin> origins = new ArrayList<>(agreeingOrigins(98));
        origins.add(wrong);
        origins.add(wrong);
        assertFalse(WalkMetersAgreement.judge(sphereLikePairs(), origins).passes(), "2 of 100 nearest sites wrong");
    }
}
