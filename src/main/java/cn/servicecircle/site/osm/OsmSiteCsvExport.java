package cn.servicecircle.site.osm;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CLI: {@code OsmSiteCsvExport <in.osm.pbf> <out.csv>} writes the sites of {@link OsmSiteImporter}
 * as UTF-8 CSV (RFC 4180 quoting) with columns {@value #HEADER}; {@code source} is
 * {@code OpenStreetMap}. Prints counts per category/subtype.
 */
public final class OsmSiteCsvExport {

    public static final String HEADER = "external_id,category,subtype,name,lon,lat,opening_hours,phone,capacity,source";

    private OsmSiteCsvExport() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: OsmSiteCsvExport <in.osm.pbf> <out.csv>");
            System.exit(2);
        }
        List<OsmSite> sites = OsmSiteImporter.read(Path.of(args[0]));
        write(sites, Path.of(args[1]));
        Map<String, Integer> counts = new TreeMap<>();
        sites.forEach(s -> counts.merge(s.category() + "/" + s.subtype(), 1, Integer::sum));
        System.out.println(sites.size() + " sites -> " + args[1]);
        counts.forEach((k, v) -> System.out.println("  " + k + ": " + v));
    }

    public static void write(List<OsmSite> sites, Path out) throws IOException {
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(HEADER);
            w.write('\n');
            for (OsmSite s : sites) {
                w.write(String.join(",", field(s.externalId()), field(s.category()), field(s.subtype()),
                        field(s.name()), String.format(Locale.ROOT, "%.7f", s.lon()),
                        String.format(Locale.ROOT, "%.7f", s.lat()), field(s.openingHours()), field(s.phone()),
                        s.capacity() == null ? "" : s.capacity().toString(), "OpenStreetMap"));
                w.write('\n');
            }
        }
    }

    static String field(String v) {
        if (v == null) {
            return "";
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
