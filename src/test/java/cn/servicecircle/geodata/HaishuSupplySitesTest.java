package cn.servicecircle.geodata;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The kindergartens and community health centres/stations of the SYNTHETIC Haishu sample, checked against the files
 * only. Per-unit counts are recomputed here from population.synthetic.csv with the rule as MANIFEST.md states it, not
 * with the generator's code.
 */
class HaishuSupplySitesTest {
    static final Path HAISHU = Path.of("geo-data/haishu");
    static final Set<String> NEW_SUBTYPES = Set.of("kindergarten", "community_health_centre", "community_health_station");
    static final List<String> BANDS = List.of("age_0_2", "age_3_5", "age_6_14", "age_15_59", "age_60_64", "age_65_plus");
    /** Reach method of the haishu region: straight line × this circuity (application.yaml sc.reach.circuity). */
    static final double CIRCUITY = 1.35;

    static List<Map<String, String>> synthetic;
    static List<Map<String, String>> osm;
    static List<Map<String, String>> cells;
    static List<Map<String, String>> added;

    @BeforeAll
    static void read() throws IOException {
        synthetic = Csv.readRecords(HAISHU.resolve("synthetic-sites.csv"));
        osm = Csv.readRecords(HAISHU.resolve("osm-sites.csv"));
        cells = Csv.readRecords(HAISHU.resolve("population.synthetic.csv"));
        added = synthetic.stream().filter(s -> NEW_SUBTYPES.contains(s.get("subtype"))).toList();
    }

    @Test
    void everyDemandGroupHasSupply() {
        // demand group → the subtypes that serve it (DESIGN.md §2); each needs at least one site in the sample
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("0-2", List.of("nursery"));
        groups.put("3-5", List.of("kindergarten"));
        groups.put("6-11", List.of("primary"));
        groups.put("12-14", List.of("middle"));
        groups.put("60+/65+", List.of("home_care_station", "home_care_centre", "elder_canteen"));
        groups.put("everyone", List.of("community_health_station", "community_health_centre"));
        List<Map<String, String>> all = new ArrayList<>(synthetic);
        all.addAll(osm);
        groups.forEach((group, subtypes) -> {
            for (String subtype : subtypes) {
                assertTrue(all.stream().anyMatch(s -> s.get("subtype").equals(subtype)), group + ": no " + subtype);
            }
        });
    }

    @Test
    void earlierSyntheticRowsAreUnchanged() throws IOException, NoSuchAlgorithmException {
        // header + the 258 rows as committed before kindergartens and health sites were added: a database loaded then
        // matches them by external id, so they must not move or change
        List<String> lines = Files.readAllLines(HAISHU.resolve("synthetic-sites.csv"), StandardCharsets.UTF_8);
        String prefix = String.join("\n", lines.subList(0, 259)) + "\n";
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(prefix.getBytes(StandardCharsets.UTF_8)));
        assertEquals("3d4ffe068aee6bb83299d31890e7df1fe8f34e7f7133443c7f233dd24d0ba59e", sha);
        assertTrue(synthetic.subList(0, 258).stream().noneMatch(s -> NEW_SUBTYPES.contains(s.get("subtype"))));
        assertEquals(211, added.size());
        assertEquals(added, synthetic.subList(258, synthetic.size()), "new rows are appended");
    }

    @Test
    void newSitesLieInTheirUnitAndTheOutlineAndAreLabelledSynthetic() throws IOException {
        Geometry outline = HaishuSampleGenerator.readOutlineWgs84(HAISHU);
        Map<String, Geometry> units = HaishuSampleGenerator.readUnitPolygons(HAISHU.resolve("unit-polygons.synthetic.geojson"));
        Map<String, Integer> lastSeq = new TreeMap<>();
        for (Map<String, String> s : added) {
            Point p = HaishuSampleGeneratorTest.point(s);
            assertTrue(outline.contains(p), "outside the outline: " + s);
            assertTrue(units.get(s.get("area_code")).contains(p), "outside its unit: " + s);
            assertEquals("synthetic", s.get("source"));
            String key = s.get("subtype") + "-" + s.get("area_code");
            int seq = lastSeq.merge(key, 1, Integer::sum);
            assertEquals(String.format("syn-%s-%02d", key, seq), s.get("external_id"), "ids numbered 01, 02, … per unit");
            assertTrue(s.get("address").contains("示例路"), "fictitious road: " + s);
            assertTrue(s.get("phone").matches("0574-0\\d{7}"), "unringable phone: " + s);
            assertEquals(s.get("subtype").equals("kindergarten") ? "school" : "clinic", s.get("category"));
        }
    }

    @Test
    void capacitiesArePositiveAndInclusiveWithinSlots() {
        long slots = 0;
        long inclusive = 0;
        for (Map<String, String> s : added) {
            assertTrue(Integer.parseInt(s.get("staff")) > 0, s.toString());
            assertEquals("", s.get("beds"), "beds are nursing-home beds, not set here: " + s);
            assertEquals("", s.get("seats"), s.toString());
            if (s.get("subtype").equals("kindergarten")) {
                int sl = Integer.parseInt(s.get("slots"));
                int in = Integer.parseInt(s.get("inclusive_slots"));
                assertTrue(sl > 0 && in >= 0 && in <= sl, s.toString());
                slots += sl;
                inclusive += in;
            } else {
                assertEquals("", s.get("slots"), s.toString());
                assertEquals("", s.get("inclusive_slots"), s.toString());
            }
        }
        // most places are 普惠 (the plan's 2022 baseline is 92 % of children), but not all
        assertTrue(inclusive > 0.8 * slots && inclusive < slots, inclusive + " of " + slots);
    }

    @Test
    void perUnitCountsFollowTheDocumentedRule() throws IOException {
        Map<String, long[]> byUnit = new TreeMap<>(); // {children 3-5, residents}
        for (Map<String, String> c : cells) {
            long[] v = byUnit.computeIfAbsent(c.get("area_code"), k -> new long[2]);
            v[0] += Long.parseLong(c.get("age_3_5"));
            for (String b : BANDS) {
                v[1] += Long.parseLong(c.get(b));
            }
        }
        assertEquals(17, byUnit.size());
        byUnit.forEach((unit, v) -> {
            // MANIFEST.md: max(1, round half up(children 3-5 / 270)); one centre; floor(residents / 10,000) stations
            long kindergartens = Math.max(1, Math.round(v[0] / 270.0));
            assertEquals(kindergartens, count(unit, "kindergarten"), unit + " kindergartens for " + v[0] + " children");
            assertEquals(1, count(unit, "community_health_centre"), unit);
            assertEquals(v[1] / 10_000, count(unit, "community_health_station"), unit + " stations for " + v[1]);
        });
    }

    @Test
    void coverageWithinTheThresholdsIsNeitherNoneNorAll() {
        // straight-line reach as the haishu region computes it: threshold / circuity; thresholds from application.yaml
        double kindergarten = coveredShare(List.of("age_3_5"), Map.of("kindergarten", 300.0));
        double health = coveredShare(BANDS, Map.of("community_health_station", 500.0, "community_health_centre", 1000.0));
        assertTrue(kindergarten > 0.15 && kindergarten < 0.6, "3-5 covered: " + kindergarten);
        assertTrue(health > 0.3 && health < 0.8, "everyone covered by community health: " + health);
    }

    private static long count(String unit, String subtype) {
        return added.stream().filter(s -> s.get("area_code").equals(unit) && s.get("subtype").equals(subtype)).count();
    }

    /** Share of the bands' residents whose cell centre is within threshold/circuity of a site of a listed subtype. */
    private static double coveredShare(List<String> bands, Map<String, Double> thresholds) {
        double mPerDegLat = 6_371_008.8 * Math.PI / 180;
        double mPerDegLon = mPerDegLat * Math.cos(Math.toRadians(29.85));
        List<Map<String, String>> sites = added.stream().filter(s -> thresholds.containsKey(s.get("subtype"))).toList();
        long all = 0;
        long covered = 0;
        for (Map<String, String> c : cells) {
            long n = bands.stream().mapToLong(b -> Long.parseLong(c.get(b))).sum();
            double lon = Double.parseDouble(c.get("lon"));
            double lat = Double.parseDouble(c.get("lat"));
            boolean reached = sites.stream().anyMatch(s -> Math.hypot(
                    (Double.parseDouble(s.get("lon")) - lon) * mPerDegLon,
                    (Double.parseDouble(s.get("lat")) - lat) * mPerDegLat) <= thresholds.get(s.get("subtype")) / CIRCUITY);
            all += n;
            covered += reached ? n : 0;
        }
        return (double) covered / all;
    }
}
