package cn.servicecircle.geodata;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HaishuSampleGeneratorTest {
    static final Path HAISHU = Path.of("geo-data/haishu");
    /** The shared sources: -Dgeo.sources, else ../shared beside the checkout (as CI lays it out), else /work/shared. */
    static final Path SHARED = Path.of(System.getProperty("geo.sources",
            Files.isDirectory(Path.of("../shared/geo-sources")) ? "../shared/geo-sources" : "/work/shared/geo-sources"));
    static final long CENSUS_TOTAL = 1_041_285L;

    @Test
    void syntheticFilesRegenerateByteIdentical(@TempDir Path tmp) throws IOException {
        Path real = tmp.resolve("real");
        Files.createDirectories(real);
        for (String f : HaishuSampleGenerator.REAL_FILES) {
            Files.copy(HAISHU.resolve(f), real.resolve(f));
        }
        Path out = tmp.resolve("out");
        HaishuSampleGenerator.generateSynthetic(real, out);
        for (String f : HaishuSampleGenerator.SYNTHETIC_FILES) {
            assertArrayEquals(Files.readAllBytes(HAISHU.resolve(f)), Files.readAllBytes(out.resolve(f)),
                    f + " differs from a fresh generation");
        }
    }

    @Test
    void realFilesRederiveByteIdenticalFromSharedSources(@TempDir Path tmp) throws IOException {
        assumeTrue(Files.isDirectory(SHARED), "shared geo-sources not present at " + SHARED + " (set -Dgeo.sources=...)");
        HaishuSampleGenerator.deriveReal(SHARED, tmp);
        for (String f : HaishuSampleGenerator.REAL_FILES) {
            assertArrayEquals(Files.readAllBytes(HAISHU.resolve(f)), Files.readAllBytes(tmp.resolve(f)), f);
        }
    }

    @Test
    void bandTotalsMatchCensusExactly() throws IOException {
        long[] totals = HaishuSampleGenerator.bandTotals(HaishuSampleGenerator.readCensus(HAISHU.resolve("census2020.csv")));
        long sum = 0;
        for (long t : totals) {
            sum += t;
        }
        assertEquals(CENSUS_TOTAL, sum);
        // 0-14 and 65+ follow the census shares 12.17 % and 12.6 % (within rounding)
        assertEquals(0.1217 * CENSUS_TOTAL, totals[0] + totals[1] + totals[2], 1.0);
        assertEquals(0.126 * CENSUS_TOTAL, totals[5], 1.0);
        assertEquals(0.054 * CENSUS_TOTAL, totals[4], 1.0);
        // 0-2 = age 0 + half of 1-4
        assertEquals((0.0067 + 0.0346 / 2) * CENSUS_TOTAL, totals[0], 1.0);

        List<Map<String, String>> cells = Csv.readRecords(HAISHU.resolve("population.synthetic.csv"));
        assertTrue(cells.size() > 2000, "cells: " + cells.size());
        for (int b = 0; b < totals.length; b++) {
            String band = HaishuSampleGenerator.BANDS.get(b);
            long s = 0;
            for (Map<String, String> c : cells) {
                long v = Long.parseLong(c.get(band));
                assertTrue(v >= 0);
                s += v;
            }
            assertEquals(totals[b], s, band);
        }
    }

    @Test
    void bandTotalsLargestRemainderSumsExactlyForOtherTotals() {
        Map<String, java.math.BigDecimal> shares = new java.util.LinkedHashMap<>();
        shares.put("share_0_14", new java.math.BigDecimal("0.1217"));
        shares.put("share_65_plus", new java.math.BigDecimal("0.126"));
        shares.put("share_0", new java.math.BigDecimal("0.0067"));
        shares.put("share_1_4", new java.math.BigDecimal("0.0346"));
        shares.put("share_5_9", new java.math.BigDecimal("0.0431"));
        shares.put("share_60_64", new java.math.BigDecimal("0.054"));
        for (long n : new long[] {1, 7, 999, 123_457}) {
            long[] t = HaishuSampleGenerator.bandTotals(new HaishuSampleGenerator.Census(n, shares));
            assertEquals(n, java.util.Arrays.stream(t).sum(), "n=" + n);
        }
    }

    @Test
    void unitPolygonsPartitionTheOutline() throws IOException {
        Geometry outline = HaishuSampleGenerator.readOutlineWgs84(HAISHU);
        Map<String, Geometry> units = HaishuSampleGenerator.readUnitPolygons(HAISHU.resolve("unit-polygons.synthetic.geojson"));
        Set<String> codes = new HashSet<>();
        for (Map<String, String> u : Csv.readRecords(HAISHU.resolve("units.csv"))) {
            codes.add(u.get("code"));
        }
        assertEquals(17, codes.size());
        assertEquals(codes, units.keySet());
        List<Geometry> list = new ArrayList<>(units.values());
        double totalArea = 0;
        for (int i = 0; i < list.size(); i++) {
            assertTrue(list.get(i).isValid());
            assertTrue(list.get(i).getArea() > 0);
            totalArea += list.get(i).getArea();
            for (int j = i + 1; j < list.size(); j++) {
                // 1e-10 deg^2 is about 1 m^2
                assertTrue(list.get(i).intersection(list.get(j)).getArea() < 1e-10, "overlap " + i + "/" + j);
            }
        }
        Geometry union = UnaryUnionOp.union(list);
        double outlineArea = outline.getArea();
        assertEquals(outlineArea, totalArea, outlineArea * 1e-6, "pieces must not overlap nor leave gaps");
        assertTrue(union.symDifference(outline).getArea() < outlineArea * 1e-6, "union must equal the outline");
    }

    @Test
    void everySyntheticSiteLiesInItsUnitPolygon() throws IOException {
        Map<String, Geometry> units = HaishuSampleGenerator.readUnitPolygons(HAISHU.resolve("unit-polygons.synthetic.geojson"));
        List<Map<String, String>> sites = Csv.readRecords(HAISHU.resolve("synthetic-sites.csv"));
        Set<String> ids = new HashSet<>();
        Map<String, Integer> perSubtype = new java.util.TreeMap<>();
        for (Map<String, String> s : sites) {
            assertTrue(ids.add(s.get("external_id")), "duplicate id " + s.get("external_id"));
            Geometry unit = units.get(s.get("area_code"));
            assertNotNull(unit, s.toString());
            assertTrue(unit.contains(point(s)), "outside its unit: " + s);
            assertEquals("synthetic", s.get("source"));
            perSubtype.merge(s.get("subtype"), 1, Integer::sum);
            String expectedCategory = switch (s.get("subtype")) {
                case "nursery" -> "childcare";
                case "kindergarten" -> "school";
                case "community_health_centre", "community_health_station" -> "clinic";
                case "home_care_centre", "home_care_station", "nursing_home", "elder_canteen" -> "elder_care";
                case "assistance_station", "disability_home" -> "assistance";
                default -> fail("unexpected subtype " + s.get("subtype"));
            };
            assertEquals(expectedCategory, s.get("category"));
            if (s.get("subtype").equals("nursery") || s.get("subtype").equals("kindergarten")) {
                int slots = Integer.parseInt(s.get("slots"));
                int inclusive = Integer.parseInt(s.get("inclusive_slots"));
                assertTrue(slots > 0 && inclusive >= 0 && inclusive <= slots, s.toString());
            } else {
                assertEquals("", s.get("slots"));
                assertEquals("", s.get("inclusive_slots"));
            }
            assertEquals(s.get("subtype").equals("nursing_home"), !s.get("beds").isEmpty(), s.toString());
            assertEquals(s.get("subtype").equals("elder_canteen"), !s.get("seats").isEmpty(), s.toString());
            assertTrue(s.get("phone").matches("0574-0\\d{7}"), s.get("phone"));
        }
        assertEquals(17, perSubtype.get("home_care_centre"));
        assertEquals(17, perSubtype.get("assistance_station"));
        assertEquals(17, perSubtype.get("disability_home"));
        assertEquals(40, perSubtype.get("nursery"));
        assertEquals(15, perSubtype.get("nursing_home"));
        assertEquals(40, perSubtype.get("elder_canteen"));
        assertEquals(99, perSubtype.get("kindergarten"));
        assertEquals(17, perSubtype.get("community_health_centre"));
        assertEquals(95, perSubtype.get("community_health_station"));
        assertEquals(469, sites.size());
    }

    @Test
    void populationCellsLieInTheirUnitAndTheOutline() throws IOException {
        Geometry outline = HaishuSampleGenerator.readOutlineWgs84(HAISHU);
        Map<String, Geometry> units = HaishuSampleGenerator.readUnitPolygons(HAISHU.resolve("unit-polygons.synthetic.geojson"));
        Set<String> ids = new HashSet<>();
        for (Map<String, String> c : Csv.readRecords(HAISHU.resolve("population.synthetic.csv"))) {
            assertTrue(ids.add(c.get("cell_id")));
            Point p = point(c);
            assertTrue(outline.contains(p), c.toString());
            assertTrue(units.get(c.get("area_code")).contains(p), c.toString());
        }
    }

    @Test
    void subtypeRulesFromNames() {
        assertEquals("kindergarten", HaishuSampleGenerator.schoolSubtype("海曙区某某幼儿园"));
        assertEquals("primary", HaishuSampleGenerator.schoolSubtype("宁波市中原小学"));
        assertEquals("middle", HaishuSampleGenerator.schoolSubtype("海曙区雅戈尔实验学校初中部"));
        assertEquals("middle", HaishuSampleGenerator.schoolSubtype("鄞江中学"));
        assertEquals("high", HaishuSampleGenerator.schoolSubtype("宁波兴港职业高级中学"));
        assertEquals("elder_school", HaishuSampleGenerator.schoolSubtype("海曙区老年大学"));
        assertEquals("other", HaishuSampleGenerator.schoolSubtype("宁波第二技师学院"));
        assertEquals("hospital", HaishuSampleGenerator.clinicSubtype("宁波市中医院"));
        assertEquals("township_health_centre", HaishuSampleGenerator.clinicSubtype("古林镇卫生院"));
        assertEquals("community_health_centre", HaishuSampleGenerator.clinicSubtype("白云街道社区卫生服务中心"));
        assertEquals("community_health_station", HaishuSampleGenerator.clinicSubtype("某社区卫生服务站"));
        assertEquals("other", HaishuSampleGenerator.clinicSubtype("宁波市疾病预防控制中心"));
    }

    static Point point(Map<String, String> row) {
        return SimpleGeoJson.FACTORY.createPoint(new Coordinate(Double.parseDouble(row.get("lon")), Double.parseDouble(row.get("lat"))));
    }
}
