package cn.servicecircle.reach.bench;

import cn.servicecircle.reach.core.GeoMath;
import cn.servicecircle.reach.core.NodeSnapper;
import cn.servicecircle.reach.core.ReachedNodes;
import cn.servicecircle.reach.core.SingleSourceSearch;
import cn.servicecircle.reach.core.SiteReach;
import cn.servicecircle.reach.core.SiteTimes;
import cn.servicecircle.reach.core.Snap;
import cn.servicecircle.reach.core.SnappedSite;
import cn.servicecircle.reach.core.WalkGraph;
import cn.servicecircle.reach.core.WalkSpeed;
import cn.servicecircle.reach.graphhopper.GraphHopperWalkGraphLoader;
import cn.servicecircle.site.osm.OsmSite;
import cn.servicecircle.site.osm.OsmSiteImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The detour factor of the straight-line method, measured (bench/detour/run.sh): network walking metres (our engine
 * on GraphHopper's foot graph, approaches included, as {@code /v1/nearby} answers them) / great-circle metres, for
 * every origin-site pair 200-2,000 m apart in straight line. Origins: {@value #ORIGINS} random points within 150 m
 * of random graph nodes per region (fixed seed), those that snap; sites: every service the OSM site importer finds
 * in the file. Pairs the network cannot join (another component) are counted, not used.
 *
 * <p>Usage: {@code DetourCalibration <out.md> <region>=<pbf> ...}
 */
public final class DetourCalibration {

    static final int ORIGINS = 400;
    static final double MIN_METERS = 200;
    static final double MAX_METERS = 2000;
    private static final WalkSpeed ONE_MPS = new WalkSpeed(1.0);

    private DetourCalibration() {
    }

    record Region(String name, int nodes, int sites, int origins, int unreachable, double[] ratios,
                  Map<String, double[]> byBand) {
    }

    public static void main(String[] args) throws IOException {
        List<Region> regions = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            regions.add(measure(kv[0], Path.of(kv[1])));
        }
        String text = report(regions);
        System.out.println(text);
        Files.writeString(Path.of(args[0]), text);
    }

    static Region measure(String name, Path pbf) {
        WalkGraph g = GraphHopperWalkGraphLoader.load(pbf, Path.of("target/graph-cache-bench"));
        NodeSnapper snapper = new NodeSnapper(g);
        List<SnappedSite> sites = new ArrayList<>();
        Map<String, OsmSite> byId = new HashMap<>();
        for (OsmSite s : OsmSiteImporter.read(pbf)) {
            snapper.snap(s.lon(), s.lat()).ifPresent(snap -> {
                sites.add(new SnappedSite(s.externalId(), snap));
                byId.put(s.externalId(), s);
            });
        }
        SingleSourceSearch search = new SingleSourceSearch(g);
        SplittableRandom rnd = new SplittableRandom(20261129L);
        List<Double> ratios = new ArrayList<>();
        Map<String, List<Double>> bands = new java.util.LinkedHashMap<>();
        for (String b : List.of("200-500 m", "500-1,000 m", "1,000-2,000 m")) {
            bands.put(b, new ArrayList<>());
        }
        int origins = 0;
        int unreachable = 0;
        while (origins < ORIGINS) {
            int n = rnd.nextInt(g.nodeCount());
            double lat = g.lat(n) + (rnd.nextDouble() - 0.5) * 300 / GeoMath.METERS_PER_DEGREE;
            double lon = g.lon(n) + (rnd.nextDouble() - 0.5) * 300 / GeoMath.metersPerDegreeLon(g.lat(n));
            Snap origin = snapper.snap(lon, lat).orElse(null);
            if (origin == null) {
                continue;
            }
            origins++;
            // a detour above 4 is outside any sensible straight-line model; search far enough to see it anyway
            ReachedNodes reached = search.search(origin, ONE_MPS, MAX_METERS * 6);
            Map<String, Double> network = new HashMap<>();
            for (SiteReach r : SiteTimes.within(reached, sites)) {
                network.merge(r.siteId(), r.distanceMeters(), Math::min);
            }
            for (SnappedSite s : sites) {
                OsmSite site = byId.get(s.siteId());
                double straight = GeoMath.haversineMeters(lon, lat, site.lon(), site.lat());
                if (straight < MIN_METERS || straight > MAX_METERS) {
                    continue;
                }
                Double m = network.get(s.siteId());
                if (m == null) {
                    unreachable++;
                    continue;
                }
                double ratio = m / straight;
                ratios.add(ratio);
                bands.get(straight < 500 ? "200-500 m" : straight < 1000 ? "500-1,000 m" : "1,000-2,000 m").add(ratio);
            }
        }
        Map<String, double[]> byBand = new java.util.LinkedHashMap<>();
        bands.forEach((k, v) -> byBand.put(k, sorted(v)));
        return new Region(name, g.nodeCount(), sites.size(), origins, unreachable, sorted(ratios), byBand);
    }

    private static double[] sorted(List<Double> values) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a;
    }

    static double q(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = p * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String row(String label, double[] r) {
        return String.format(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |", label, r.length,
                q(r, 0.5), q(r, 0.1), q(r, 0.25), q(r, 0.75), q(r, 0.9), q(r, 0.95));
    }

    static String report(List<Region> regions) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Detour factor (network / straight-line metres), ").append(LocalDate.now(ZoneOffset.UTC))
                .append("\n\n`bench/detour/run.sh` (`reach.bench.DetourCalibration`): origin-site pairs ")
                .append("200-2,000 m apart in straight line; network metres from our engine on GraphHopper's foot ")
                .append("graph (ferries excluded), approaches included.\n\n");
        sb.append("| region | graph nodes | sites | origins | pairs the network cannot join |\n|---|---:|---:|---:|---:|\n");
        for (Region r : regions) {
            sb.append(String.format(Locale.ROOT, "| %s | %,d | %d | %d | %d |%n", r.name(), r.nodes(), r.sites(),
                    r.origins(), r.unreachable()));
        }
        sb.append("\n| pairs | n | median | p10 | p25 | p75 | p90 | p95 |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<Double> all = new ArrayList<>();
        for (Region r : regions) {
            sb.append(row(r.name(), r.ratios())).append('\n');
            r.byBand().forEach((band, v) -> sb.append(row(r.name() + ", " + band, v)).append('\n'));
            Arrays.stream(r.ratios()).forEach(all::add);
        }
        sb.append(row("all three", sorted(all))).append('\n');
        double[] medians = regions.stream().mapToDouble(r -> q(r.ratios(), 0.5)).toArray();
        sb.append(String.format(Locale.ROOT, "%nMedian of the three regional medians: %.2f.%n",
                q(sorted(Arrays.stream(medians).boxed().toList()), 0.5)));
        return sb.toString();
    }
}
