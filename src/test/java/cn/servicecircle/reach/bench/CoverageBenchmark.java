package cn.servicecircle.reach.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import cn.servicecircle.access.AccessSnapshot;
import cn.servicecircle.access.AccessVocabulary;
import cn.servicecircle.access.AgeBands;
import cn.servicecircle.access.AgeRange;
import cn.servicecircle.access.Cell;
import cn.servicecircle.access.Coverage;
import cn.servicecircle.access.DemandGroup;
import cn.servicecircle.access.NetworkAccess;
import cn.servicecircle.access.ServicePoint;
import cn.servicecircle.access.ServiceRule;
import cn.servicecircle.reach.Heidelberg;
import cn.servicecircle.site.osm.OsmSite;

/**
 * What a site edit costs the planners' figures on the real Heidelberg network: rebuilding the access snapshot
 * (every subtype's nearest-site field, 4 km reporting bound) and then coverage of every demand group over the
 * 4,057 proxy cells. Anchor in the same run: coverage alone on an existing snapshot (what later requests pay).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CoverageBenchmark {
    static final AccessVocabulary VOCABULARY = new AccessVocabulary(
            Map.of("school", Map.of("kindergarten", 300, "primary", 500, "middle", 1000, "default", 1000),
                    "clinic", Map.of("hospital", 1000, "default", 1000),
                    "assistance", Map.of("default", 1000)),
            List.of(new DemandGroup("preschool", "幼儿", "Pre-school", AgeRange.parse("3-5"),
                            List.of(new ServiceRule("school", "kindergarten", 300))),
                    new DemandGroup("primary", "小学", "Primary", AgeRange.parse("6-11"),
                            List.of(new ServiceRule("school", "primary", 500))),
                    new DemandGroup("middle", "初中", "Middle", AgeRange.parse("12-14"),
                            List.of(new ServiceRule("school", "middle", 1000))),
                    new DemandGroup("everyone", "全体", "All", AgeRange.ALL,
                            List.of(new ServiceRule("clinic", "hospital", 1000)))));

    NetworkAccess method;
    List<ServicePoint> sites;
    List<Cell> cells;
    AccessSnapshot snapshot;

    @Setup
    public void setUp() throws Exception {
        HeidelbergState h = new HeidelbergState();
        h.setUp();
        method = new NetworkAccess(h.snapper, h.search);
        sites = new ArrayList<>();
        for (OsmSite s : Heidelberg.sites()) {
            sites.add(new ServicePoint(s.externalId(), s.category(), s.subtype(), s.lon(), s.lat(), Map.of()));
        }
        cells = new ArrayList<>();
        List<String> lines = Files.readAllLines(Path.of("geo-data/heidelberg/population.proxy.synthetic.csv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            cells.add(new Cell(f[0], f[3], method.locate(Double.parseDouble(f[1]), Double.parseDouble(f[2])).orElse(null),
                    new AgeBands(Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[6]),
                            Integer.parseInt(f[7]), Integer.parseInt(f[8]), Integer.parseInt(f[9])), "synthetic"));
        }
        snapshot = AccessSnapshot.build(method, VOCABULARY, sites, 4000);
    }

    /** After an edit: a new snapshot, then every group's coverage. */
    @Benchmark
    public double rebuildThenAllGroups() {
        AccessSnapshot s = AccessSnapshot.build(method, VOCABULARY, sites, 4000);
        double served = 0;
        for (DemandGroup g : VOCABULARY.groups()) {
            served += Coverage.of(s, g, cells).total().served();
        }
        return served;
    }

    /** Anchor: every group's coverage on an existing snapshot. */
    @Benchmark
    public double allGroupsOnExistingSnapshot() {
        double served = 0;
        for (DemandGroup g : VOCABULARY.groups()) {
            served += Coverage.of(snapshot, g, cells).total().served();
        }
        return served;
    }
}
