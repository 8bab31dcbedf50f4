package cn.servicecircle.region;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

import cn.servicecircle.population.WayLengthProxy;
import cn.servicecircle.reach.NetworkCoverageCheck;
import cn.servicecircle.reach.core.WalkGraph;
import cn.servicecircle.reach.graphhopper.AdminBoundaries;
import cn.servicecircle.reach.graphhopper.GraphHopperWalkGraphLoader;
import cn.servicecircle.reach.graphhopper.NetworkOutlineExport;
import cn.servicecircle.reach.graphhopper.PopulationProxyExport;
import cn.servicecircle.geodata.GeoDataProperties;
import cn.servicecircle.site.osm.OsmSite;
import cn.servicecircle.site.osm.OsmSiteCsvExport;
import cn.servicecircle.site.osm.OsmSiteImporter;

/**
 * {@code bin/region new <name> <file.pbf> [options]}: makes the region folder {@code <data-dir>/<name>/} from one OSM
 * PBF, ready for {@code SC_REGION=<name> bin/serve}:
 * <ul>
 *   <li>{@code <name>.osm.pbf}: a copy of the PBF (the walking network);</li>
 *   <li>{@code region-outline.geojson}: the largest administrative boundary the PBF holds completely
 *       ({@link AdminBoundaries}; {@code --boundary <relation id>} picks another), else the walking network's
 *       footprint ({@link NetworkOutlineExport}); {@code --footprint} forces the footprint;</li>
 *   <li>{@code osm-sites.csv}: the OSM export ({@link OsmSiteImporter}, unchanged) of the sites inside the
 *       outline;</li>
 *   <li>with {@code --population <residents>}: {@code population.proxy.synthetic.csv}, the way-length proxy
 *       ({@link WayLengthProxy}, 250 m cells, age shares {@code --age-shares} or Germany's) clipped to the
 *       outline — SYNTHETIC, labelled so;</li>
 *   <li>{@code application-<name>.yaml}: the region's datasets and network, with the reach keys a region may
 *       override;</li>
 *   <li>rows in {@code <data-dir>/manifest.csv} for each file: source, licence © OpenStreetMap contributors (ODbL
 *       1.0), real or synthetic.</li>
 * </ul>
 * Options: {@code --data-dir <dir>} (default geo-data), {@code --cache-dir <dir>} (graph cache, default
 * .local/graph-cache), {@code --code}, {@code --name-zh}, {@code --name-en} (the region's area code and names;
 * default from the boundary's tags, else the region name), {@code --source <text>} (where the PBF came from).
 * Refuses an existing region folder. Exit code 0 on success, 2 on bad usage, 1 on failure. A second command,
 * {@code bin/region bbox <outline.geojson> [gcj02|wgs84] [marginMeters]}, prints an outline's WGS84 bounding box for
 * cutting an extract ({@link #bbox}).
 */
public final class RegionNew {
    static final String OSM_LICENCE = "© OpenStreetMap contributors; ODbL 1.0";
    static final String MANIFEST_HEADER = "path,real_or_synthetic,source,licence,notes";
    private static final GeometryFactory WGS84 = new GeometryFactory();

    private RegionNew() {
    }

    /** What was made, for the caller's report. */
    public record Made(Path folder, String code, String outlineFrom, int sites, int populationCells,
                       long residents, double outlineShare, List<String> otherBoundaries) {
    }

    /** The bound written for a region whose own complete network covers less of its outline than the default. */
    static final double DEFAULT_MIN_OUTLINE_SHARE = 0.5;

    public static void main(String[] args) {
        try {
            if (args.length > 0 && args[0].equals("bbox")) {
                System.out.println(bbox(args));
                return;
            }
            Made m = run(args);
            System.out.printf(Locale.ROOT, "region %s made in %s: outline from %s (area code %s), %d sites, %s%n",
                    m.folder().getFileName(), m.folder(), m.outlineFrom(), m.code(), m.sites(),
                    m.populationCells() == 0 ? "no population (add --population <residents> for a synthetic proxy)"
                            : m.populationCells() + " population cells, " + m.residents() + " residents (SYNTHETIC)");
            System.out.printf(Locale.ROOT, "the network covers %.1f %% of the outline%n", m.outlineShare() * 100);
            if (!m.otherBoundaries().isEmpty()) {
                System.out.println("other complete boundaries in the file (--boundary <id> picks one): "
                        + m.otherBoundaries());
            }
            Path dataDir = m.folder().getParent();
            System.out.printf("run it: %sSC_REGION=%s bin/serve%n", dataDir.equals(Path.of("geo-data")) ? ""
                    : "SC_DATA_DIR=" + dataDir.toAbsolutePath() + " ", m.folder().getFileName());
        } catch (IllegalArgumentException e) {
            System.err.println("region: " + e.getMessage());
            System.err.println("usage: bin/region bbox <outline.geojson> [gcj02|wgs84] [marginMeters]");
            System.err.println("       bin/region new <name> <file.pbf> [--population <residents>] "
                    + "[--age-shares a,b,c,d,e,f] [--boundary <relation id> | --footprint] [--code C] [--name-zh N] "
                    + "[--name-en N] [--source TEXT] [--data-dir DIR] [--cache-dir DIR]");
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("region: failed: " + e);
            System.exit(1);
        }
    }

    /**
     * {@code bbox <outline.geojson> [gcj02|wgs84] [marginMeters]}: the outline's WGS84 bounding box widened by the
     * margin (default 1,000 m), as {@code minLon,minLat,maxLon,maxLat} for {@code osmium extract -b}.
     */
    static String bbox(String... args) throws IOException {
        if (args.length < 2 || args.length > 4) {
            throw new IllegalArgumentException("expected: bbox <outline.geojson> [gcj02|wgs84] [marginMeters]");
        }
        Geometry outline = cn.servicecircle.coord.CoordTransforms.toWgs84(cn.servicecircle.geodata.SimpleGeoJson
                .readFeatures(Files.readString(Path.of(args[1]), StandardCharsets.UTF_8)).get(0).geometry(),
                cn.servicecircle.coord.CoordSys.parse(args.length > 2 ? args[2] : null));
        double margin = args.length > 3 ? Double.parseDouble(args[3]) : 1000;
        var e = outline.getEnvelopeInternal();
        double dLat = margin / cn.servicecircle.reach.core.GeoMath.METERS_PER_DEGREE;
        double dLon = margin / cn.servicecircle.reach.core.GeoMath.metersPerDegreeLon(e.getMaxY());
        return String.format(Locale.ROOT, "%.4f,%.4f,%.4f,%.4f", e.getMinX() - dLon, e.getMinY() - dLat,
                e.getMaxX() + dLon, e.getMaxY() + dLat);
    }

    /** Parses the arguments and makes the region; see the class comment. */
    public static Made run(String... args) throws IOException {
        if (args.length < 3 || !"new".equals(args[0])) {
            throw new IllegalArgumentException("expected: new <name> <file.pbf> [options]");
        }
        String name = args[1];
        Path pbf = Path.of(args[2]);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String key = args[i];
            if (key.equals("--footprint")) {
                options.put(key, "true");
            } else if (key.startsWith("--") && i + 1 < args.length) {
                options.put(key, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown or incomplete option " + key);
            }
        }
        List<String> known = List.of("--population", "--age-shares", "--boundary", "--footprint", "--code",
                "--name-zh", "--name-en", "--source", "--data-dir", "--cache-dir");
        for (String k : options.keySet()) {
            if (!known.contains(k)) {
                throw new IllegalArgumentException("unknown option " + k);
            }
        }
        if (!name.matches(GeoDataProperties.REGION_NAME)) {
            throw new IllegalArgumentException("region name '" + name + "' must match " + GeoDataProperties.REGION_NAME);
        }
        if (!Files.isRegularFile(pbf)) {
            throw new IllegalArgumentException("no PBF file " + pbf.toAbsolutePath());
        }
        Path dataDir = Path.of(options.getOrDefault("--data-dir", "geo-data"));
        Path folder = dataDir.resolve(name);
        if (Files.exists(folder)) {
            throw new IllegalArgumentException(folder + " exists already; remove it or choose another name");
        }
        Integer residents = options.containsKey("--population") ? positive(options.get("--population")) : null;
        WayLengthProxy.AgeShares shares = options.containsKey("--age-shares")
                ? shares(options.get("--age-shares")) : PopulationProxyExport.SHARES;
        return make(name, pbf, folder, options, residents, shares);
    }

    private static Made make(String name, Path pbf, Path folder, Map<String, String> options, Integer residents,
                             WayLengthProxy.AgeShares shares) throws IOException {
        Files.createDirectories(folder);
        String pbfName = name + ".osm.pbf";
        Path networkPbf = folder.resolve(pbfName);
        Files.copy(pbf, networkPbf);
        String pbfSha = sha256(networkPbf);
        String source = options.getOrDefault("--source", "OpenStreetMap extract " + pbf.getFileName()
                + " supplied to bin/region new on " + LocalDate.now(ZoneOffset.UTC));
        WalkGraph graph = GraphHopperWalkGraphLoader.load(networkPbf,
                Path.of(options.getOrDefault("--cache-dir", ".local/graph-cache")));

        // outline: a complete administrative boundary, else the network's footprint
        AdminBoundaries.Boundary boundary = null;
        List<AdminBoundaries.Boundary> all = options.containsKey("--footprint") ? List.of()
                : AdminBoundaries.read(networkPbf);
        if (options.containsKey("--boundary")) {
            long id = Long.parseLong(options.get("--boundary"));
            boundary = all.stream().filter(x -> x.relationId() == id).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("relation " + id + " is not a complete administrative boundary "
                            + "in " + pbf + " (complete ones: " + all.stream().map(x -> x.relationId() + " "
                            + x.tag("name")).toList() + ")"));
        } else if (!all.isEmpty()) {
            boundary = all.get(0);
        }
        Geometry outline = boundary != null ? boundary.outline() : NetworkOutlineExport.outline(graph);
        String code = options.getOrDefault("--code", boundary == null ? name.toUpperCase(Locale.ROOT)
                : codeOf(boundary));
        String nameEn = options.getOrDefault("--name-en", boundary == null ? name
                : boundary.tag("name:en", "int_name", "name"));
        String nameZh = options.getOrDefault("--name-zh", boundary == null ? nameEn
                : boundary.tag("name:zh", "name"));
        String outlineFrom = boundary == null ? "the walking network's footprint"
                : "administrative boundary relation " + boundary.relationId() + " (" + boundary.tag("name")
                + ", admin_level " + boundary.adminLevel() + ")";
        String derivation = boundary == null ? NetworkOutlineExport.derivation(networkPbf)
                : "OSM relation " + boundary.relationId() + " (boundary=administrative, admin_level "
                + boundary.adminLevel() + ") of " + pbfName + ", outer minus inner ways, unsimplified";
        Files.writeString(folder.resolve("region-outline.geojson"),
                NetworkOutlineExport.featureCollection(outline, code, nameZh, nameEn, derivation),
                StandardCharsets.UTF_8);
        PreparedGeometry inside = PreparedGeometryFactory.prepare(outline);
        double share = NetworkCoverageCheck.measure(outline, NetworkOutlineExport.outline(graph), 0).share();
        AdminBoundaries.Boundary chosen = boundary;
        List<String> others = all.stream().filter(b -> b != chosen)
                .map(b -> b.relationId() + " " + b.tag("name") + " (admin_level " + b.adminLevel() + ")").toList();

        // sites: the OSM export as it is, cut to the outline (the loader refuses sites outside the region)
        List<OsmSite> sites = new ArrayList<>();
        Map<String, Integer> counts = new TreeMap<>();
        for (OsmSite s : OsmSiteImporter.read(networkPbf)) {
            if (inside.covers(WGS84.createPoint(new Coordinate(s.lon(), s.lat())))) {
                sites.add(s);
                counts.merge(s.category() + "/" + s.subtype(), 1, Integer::sum);
            }
        }
        OsmSiteCsvExport.write(sites, folder.resolve("osm-sites.csv"));

        int cells = 0;
        long people = 0;
        if (residents != null) {
            List<WayLengthProxy.ProxyCell> kept = new ArrayList<>();
            for (WayLengthProxy.ProxyCell c : WayLengthProxy.of(graph, PopulationProxyExport.CELL_METERS, residents,
                    shares)) {
                if (inside.covers(WGS84.createPoint(new Coordinate(c.lon(), c.lat())))) {
                    kept.add(c);
                    for (int v : c.bands()) {
                        people += v;
                    }
                }
            }
            cells = kept.size();
            Files.writeString(folder.resolve("population.proxy.synthetic.csv"), PopulationProxyExport.csv(kept, code),
                    StandardCharsets.UTF_8);
        }

        Files.writeString(folder.resolve("application-" + name + ".yaml"),
                yaml(name, pbfName, residents != null, pbf.getFileName().toString(), share), StandardCharsets.UTF_8);

        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(name + "/" + pbfName, "real", source + "; byte-identical copy, SHA-256 " + pbfSha,
                OSM_LICENCE, "Walking network of region " + name + " (GraphHopper foot profile)"));
        rows.add(List.of(name + "/region-outline.geojson", "real", "Derived from " + pbfName + " by "
                + "cn.servicecircle.region.RegionNew: " + derivation, OSM_LICENCE + " (derived)",
                "Region " + name + "'s service area, area code " + code + (boundary == null
                        ? "; not an administrative boundary" : "")));
        rows.add(List.of(name + "/osm-sites.csv", "real", "Derived from " + pbfName + " by "
                + "cn.servicecircle.site.osm.OsmSiteCsvExport, sites inside region-outline.geojson",
                OSM_LICENCE + " (derived database)", sites.size() + " sites: " + counts));
        if (residents != null) {
            rows.add(List.of(name + "/population.proxy.synthetic.csv", "synthetic", "Generated from " + pbfName
                    + " by cn.servicecircle.region.RegionNew (population.WayLengthProxy): " + residents
                    + " assumed residents spread over " + (int) PopulationProxyExport.CELL_METERS
                    + " m cells by walkable way length, age shares " + shares + ", cells inside the outline kept",
                    "Derived from " + OSM_LICENCE + " data; the counts are invented",
                    "SYNTHETIC population proxy: " + cells + " cells, " + people + " residents. Not real figures."));
        }
        rows.add(List.of(name + "/application-" + name + ".yaml", "real", "Project configuration of region " + name
                + " written by bin/region new", "Project configuration; describes " + OSM_LICENCE + " data",
                "Datasets and network of the region (docs/adr/0010-regions-by-configuration.md)"));
        appendManifest(folder.getParent().resolve("manifest.csv"), rows);
        return new Made(folder, code, outlineFrom, sites.size(), cells, people, share, others);
    }

    /** ISO 3166 code, else ref, else the relation id: an area code that says where it came from. */
    private static String codeOf(AdminBoundaries.Boundary b) {
        String iso = b.tag("ISO3166-2", "ISO3166-1", "ISO3166-1:alpha2");
        if (iso != null) {
            return iso.toUpperCase(Locale.ROOT);
        }
        String ref = b.tag("ref");
        return ref != null ? ref : "osm-relation-" + b.relationId();
    }

    static String yaml(String name, String pbfName, boolean population, String from, double share) {
        StringBuilder y = new StringBuilder();
        y.append("# Region ").append(name).append(": made by bin/region new from ").append(from)
                .append(" (© OpenStreetMap contributors, ODbL 1.0).\n")
                .append("# Run: SC_REGION=").append(name).append(" bin/serve. Every key here overrides application.yaml for this region.\n")
                .append("sc:\n  sample:\n    region: ").append(name).append('\n')
                .append("    datasets:\n")
                .append("      - { name: area, kind: areas, files: [region-outline.geojson] }\n")
                .append("      - { name: osm-sites, kind: sites, files: [osm-sites.csv], source: osm }\n");
        if (population) {
            y.append("      - { name: population, kind: population, files: [population.proxy.synthetic.csv], year: ")
                    .append(LocalDate.now(ZoneOffset.UTC).getYear()).append(", source: synthetic }\n");
        } else {
            y.append("      # no population: coverage has no residents to count until points are imported\n")
                    .append("      # (POST /v1/population/import) or a proxy is made (bin/region new --population N)\n");
        }
        y.append("  reach:\n")
                .append("    network-pbf: ${sc.sample.data-dir}/").append(name).append('/').append(pbfName).append('\n')
                .append("    # Region-specific overrides (defaults and meaning in application.yaml), e.g.:\n")
                .append("    # adult-speed-kmh: 4.0\n")
                .append("    # elderly-speed-kmh: 3.0\n")
                .append(share < DEFAULT_MIN_OUTLINE_SHARE
                        ? String.format(Locale.ROOT, "    # this PBF covers %.1f %% of the outline (land without ways): a "
                        + "clipped replacement must not cover less%n    min-outline-share: %.2f%n", share * 100,
                        Math.floor(share * 90) / 100)
                        : String.format(Locale.ROOT, "    # this PBF covers %.1f %% of the outline; below the bound the "
                        + "service refuses to start%n    # min-outline-share: %.2f%n", share * 100,
                        DEFAULT_MIN_OUTLINE_SHARE))
                .append("    # threshold-meters:\n")
                .append("    #   school: { kindergarten: 300, primary: 500, middle: 1000, default: 1000 }\n");
        return y.toString();
    }

    private static void appendManifest(Path manifest, List<List<String>> rows) throws IOException {
        StringBuilder text = new StringBuilder();
        if (!Files.exists(manifest)) {
            text.append(MANIFEST_HEADER).append('\n');
        } else {
            String existing = Files.readString(manifest, StandardCharsets.UTF_8);
            if (!existing.isEmpty() && !existing.endsWith("\n")) {
                text.append('\n');
            }
        }
        for (List<String> row : rows) {
            text.append(String.join(",", row.stream().map(RegionNew::quoted).toList())).append('\n');
        }
        Files.writeString(manifest, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static String quoted(String field) {
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static int positive(String s) {
        try {
            int v = Integer.parseInt(s);
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--population must be a positive whole number of residents, got " + s);
    }

    private static WayLengthProxy.AgeShares shares(String s) {
        String[] p = s.split(",");
        if (p.length != 6) {
            throw new IllegalArgumentException("--age-shares needs 6 fractions (0-2,3-5,6-14,15-59,60-64,65+), got " + s);
        }
        double[] v = new double[6];
        for (int i = 0; i < 6; i++) {
            v[i] = Double.parseDouble(p[i].trim());
        }
        return new WayLengthProxy.AgeShares(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
