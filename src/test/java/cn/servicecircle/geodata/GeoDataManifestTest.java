package cn.servicecircle.geodata;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Every data file under geo-data/ is in manifest.csv, and OSM-derived rows carry the credit. */
class GeoDataManifestTest {
    private static final Path GEO_DATA = Path.of("geo-data");
    private static final Set<String> MANIFESTS = Set.of("MANIFEST.md", "manifest.csv");
    private static final String OSM_CREDIT = "© OpenStreetMap contributors";

    @Test
    void manifestListsExactlyTheDataFiles() throws IOException {
        Set<String> onDisk;
        try (Stream<Path> s = Files.walk(GEO_DATA)) {
            onDisk = s.filter(Files::isRegularFile)
                    .map(p -> GEO_DATA.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !MANIFESTS.contains(p))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertFalse(onDisk.isEmpty());
        Set<String> listed = new TreeSet<>();
        for (Map<String, String> r : manifest()) {
            assertTrue(listed.add(r.get("path")), "listed twice: " + r.get("path"));
        }
        Set<String> missing = new TreeSet<>(onDisk);
        missing.removeAll(listed);
        Set<String> absent = new TreeSet<>(listed);
        absent.removeAll(onDisk);
        assertTrue(missing.isEmpty(), "files not in geo-data/manifest.csv: " + missing);
        assertTrue(absent.isEmpty(), "listed in geo-data/manifest.csv but absent: " + absent);
    }

    @Test
    void rowsAreLabelledAndOsmDerivedRowsCarryTheCredit() throws IOException {
        for (Map<String, String> r : manifest()) {
            String path = r.get("path");
            String kind = r.get("real_or_synthetic");
            assertTrue(kind.equals("real") || kind.equals("synthetic"), path + ": " + kind);
            assertEquals(path.contains(".synthetic.") || path.contains("synthetic-"), kind.equals("synthetic"),
                    path + ": file name and real_or_synthetic must agree");
            assertFalse(r.get("source").isBlank(), path);
            assertFalse(r.get("licence").isBlank(), path);
            String row = String.join(",", r.values());
            boolean declaredOsm = row.contains("OpenStreetMap") || row.contains("ODbL") || row.contains("OSM");
            Path file = GEO_DATA.resolve(path);
            boolean contentOsm = Files.isRegularFile(file) && Files.size(file) < 50_000_000
                    // bytes as ISO-8859-1: binary files (PBF) must not break the ASCII search
                    && new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains("OpenStreetMap");
            if (declaredOsm || contentOsm || path.contains("osm")) {
                assertTrue(row.contains(OSM_CREDIT), path + ": OSM-derived row must mention '" + OSM_CREDIT + "'");
                assertTrue(row.contains("ODbL"), path + ": OSM-derived row must name the ODbL");
            }
        }
        assertTrue(Files.readString(GEO_DATA.resolve("MANIFEST.md"), StandardCharsets.UTF_8).contains(OSM_CREDIT));
    }

    private static List<Map<String, String>> manifest() throws IOException {
        return Csv.readRecords(GEO_DATA.resolve("manifest.csv"));
    }
}
