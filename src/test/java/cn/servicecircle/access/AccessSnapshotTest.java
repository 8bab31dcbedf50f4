package cn.servicecircle.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import cn.servicecircle.reach.BruteForceDijkstra;
import cn.servicecircle.reach.Heidelberg;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.SingleSourceSearch;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.WalkGraph;
import cn.servicecircle.site.osm.OsmSite;

/**
 * The access model's checks against brute force: on the real Heidelberg network, a plain Dijkstra from each
 * origin over every node; in straight line, the test's own great-circle formula. Also the what-if copy.
 */
class AccessSnapshotTest {
    static final AccessVocabulary VOCABULARY = new AccessVocabulary(
            Map.of("school", Map.of("kindergarten", 300, "primary", 500, "default", 1000),
                    "clinic", Map.of("hospital", 1000, "default", 1000),
                    "childcare", Map.of("nursery", 300)),
            List.of(new DemandGroup("preschool", "幼儿", "Pre-school", AgeRange.parse("3-5"),
                            List.of(new ServiceRule("school", "kindergarten", 300))),
                    new DemandGroup("everyone", "全体", "All", AgeRange.ALL,
                            List.of(new ServiceRule("clinic", "hospital", 1000)))));

    static List<ServicePoint> heidelbergSites() {
        List<ServicePoint> out = new ArrayList<>();
        for (OsmSite s : Heidelberg.sites()) {
            out.add(new ServicePoint(s.externalId(), s.category(), s.subtype(), s.lon(), s.lat()));
        }
        return out;
    }

    @Test
    void networkChecksEqualABruteForceDijkstraFromEachOrigin() {
        WalkGraph g = Heidelberg.graph();
        NodeSnapper snapper = new NodeSnapper(g);
        NetworkAccess method = new NetworkAccess(snapper, new SingleSourceSearch(g));
        List<ServicePoint> sites = heidelbergSites();
        AccessSnapshot snap = AccessSnapshot.build(method, VOCABULARY, sites, 2000);
        Random random = new Random(7);
        int compared = 0;
        int met = 0;
        for (int i = 0; i < 40; i++) {
            double lon = 8.66 + random.nextDouble() * 0.05;
            double lat = 49.39 + random.nextDouble() * 0.03;
            Located at = method.locate(lon, lat).orElse(null);
            if (at == null) {
                continue;
            }
            double[] fromOrigin = BruteForceDijkstra.seconds(g, 1.0, at.snap());
            for (String category : List.of("school", "clinic")) {
                for (SubtypeCheck check : snap.checks(at, category)) {
                    double best = Double.POSITIVE_INFINITY;
                    for (ServicePoint s : sites) {
                        if (!s.category().equals(category) || !s.subtype().equals(check.subtype())) {
                            continue;
                        }
                        Snap ss = snapper.snap(s.lon(), s.lat()).orElse(null);
                        if (ss == null) {
                            continue;
                        }
                        int e = ss.edge();
                        double d = Math.min(fromOrigin[g.edgeNodeA(e)] + ss.metersToNodeA(),
                                fromOrigin[g.edgeNodeB(e)] + ss.metersToNodeB());
                        d = Math.min(d, at.snap().sameEdgeMetersTo(ss));
                        best = Math.min(best, d);
                    }
                    double bound = Math.max(check.thresholdMeters(), 2000);
                    if (best > bound) {
                        assertThat(check.nearest()).as("nothing within the bound").isNull();
                    } else {
                        assertThat(check.nearest()).isNotNull();
                        assertThat(check.nearest().walkMeters()).isCloseTo(best, within(1e-6));
                        compared++;
                    }
                    assertThat(check.met()).isEqualTo(best <= check.thresholdMeters());
                    met += check.met() ? 1 : 0;
                }
            }
        }
        assertThat(compared).isGreaterThan(50);
        assertThat(met).as("some checks are met, so the comparison means something").isPositive();
    }

    @Test
    void straightLineChecksEqualTheGreatCircleTimesCircuity() {
        StraightLineAccess method = new StraightLineAccess(1.3);
        List<ServicePoint> sites = heidelbergSites();
        AccessSnapshot snap = AccessSnapshot.build(method, VOCABULARY, sites, 3000);
        Random random = new Random(11);
        for (int i = 0; i < 200; i++) {
            double lon = 8.66 + random.nextDouble() * 0.05;
            double lat = 49.39 + random.nextDouble() * 0.03;
            Located at = method.locate(lon, lat).orElseThrow();
            SubtypeCheck check = snap.check(at, "school", "kindergarten");
            double best = Double.POSITIVE_INFINITY;
            for (ServicePoint s : sites) {
                if (s.subtype().equals("kindergarten")) {
                    best = Math.min(best, 1.3 * greatCircleMeters(lon, lat, s.lon(), s.lat()));
                }
            }
            if (best <= 3000) {
                assertThat(check.nearest().walkMeters()).isCloseTo(best, within(0.01));
            } else {
                assertThat(check.nearest()).isNull();
            }
            assertThat(check.met()).isEqualTo(best <= 300);
            assertThat(snap.served(at, VOCABULARY.group("preschool").orElseThrow())).isEqualTo(best <= 300);
        }
    }

    @Test
    void aSubtypeWithoutSitesIsCheckedAndNeverMet() {
        AccessSnapshot snap = AccessSnapshot.build(new StraightLineAccess(1.3), VOCABULARY, List.of(), 1000);
        Located at = new Located(8.69, 49.41, null);
        assertThat(snap.subtypes("childcare")).containsExactly("nursery");
        SubtypeCheck nursery = snap.check(at, "childcare", "nursery");
        assertThat(nursery.met()).isFalse();
        assertThat(nursery.nearest()).isNull();
        assertThat(nursery.thresholdMeters()).isEqualTo(300);
        assertThat(snap.subtypes("school")).containsExactly("kindergarten", "primary");
    }

    @Test
    void aWhatIfIsACopyAndLeavesTheOriginalUntouched() {
        StraightLineAccess method = new StraightLineAccess(1.3);
        ServicePoint k = new ServicePoint("k1", "school", "kindergarten", 8.69, 49.41);
        AccessSnapshot before = AccessSnapshot.build(method, VOCABULARY, List.of(k), 1000);
        Located near = new Located(8.6905, 49.4101, null);
        assertThat(before.check(near, "school", "kindergarten").met()).isTrue();
        AccessSnapshot closed = before.with(List.of(), List.of("k1"));
        assertThat(closed.check(near, "school", "kindergarten").met()).isFalse();
        AccessSnapshot moved = before.with(List.of(new ServicePoint("k1", "school", "kindergarten", 8.70, 49.42)),
                List.of());
        assertThat(moved.check(near, "school", "kindergarten").met()).isFalse();
        assertThat(before.check(near, "school", "kindergarten").met()).as("the original is unchanged").isTrue();
        assertThat(before.sites()).containsOnlyKeys("k1");
    }

    /** Haversine on a sphere of 6,371,008.8 m, written here independently of the production code. */
    static double greatCircleMeters(double lon1, double lat1, double lon2, double lat2) {
        double p1 = Math.toRadians(lat1);
        double p2 = Math.toRadians(lat2);
        double dp = p2 - p1;
        double dl = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dp / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
        return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
    }
}
