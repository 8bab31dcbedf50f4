package cn.servicecircle.geodata;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Real-data check of the GCJ-02 converter: the DataV outline is GCJ-02, the OSM centroids WGS84. Only
 * after converting the outline do all 88 OSM sites labelled 海曙区 fall inside it.
 */
class OsmSitesInOutlineTest {
    private static final Path HAISHU = Path.of("geo-data/haishu");

    @Test
    void allOsmSitesInsideOutlineOnlyAfterConversion() throws IOException {
        Geometry gcj = SimpleGeoJson.readFeatures(Files.readString(HAISHU.resolve("district-outline.gcj02.geojson"),
                StandardCharsets.UTF_8)).get(0).geometry();
        Geometry wgs = HaishuSampleGenerator.readOutlineWgs84(HAISHU);
        List<Map<String, String>> sites = Csv.readRecords(HAISHU.resolve("osm-sites.csv"));
        assertEquals(73, sites.stream().filter(s -> s.get("category").equals("school")).count());
        assertEquals(15, sites.stream().filter(s -> s.get("category").equals("clinic")).count());
        int insideConverted = 0;
        int insideRaw = 0;
        Set<String> ids = new HashSet<>();
        for (Map<String, String> s : sites) {
            assertTrue(ids.add(s.get("external_id")), "duplicate " + s.get("external_id"));
            assertTrue(s.get("external_id").matches("osm-(school|clinic)-[0-9a-f]{12}"), s.get("external_id"));
            assertEquals("OpenStreetMap", s.get("source"));
            if (wgs.contains(HaishuSampleGeneratorTest.point(s))) {
                insideConverted++;
            } else {
                fail("outside the converted outline: " + s);
            }
            if (gcj.contains(HaishuSampleGeneratorTest.point(s))) {
                insideRaw++;
            }
        }
        assertEquals(88, insideConverted);
        // The Haishu-labelled sites lie far enough from the border that the ~500 m shift does not move
        // them out (measured: 88 of 88 inside the raw GCJ-02 outline too). The discriminating check is
        // on ALL Ningbo features, below.
        assertEquals(88, insideRaw);
    }

    /**
     * Over all 560 schools and 95 hospitals of Ningbo: after conversion exactly the 73 + 15 labelled
     * 海曙区 are inside; without conversion 79 + 16 are (features of neighbouring districts leak in),
     * as DESIGN.md §2 and the source's SOURCE.txt state.
     */
    @Test
    @SuppressWarnings("unchecked")
    void exactlyTheHaishuLabelledOsmFeaturesAreInsideOnlyAfterConversion() throws IOException {
        Path shared = HaishuSampleGeneratorTest.SHARED.resolve("ningbo-osm-hospitals-schools");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shared), "shared OSM source absent: " + shared);
        Geometry gcj = SimpleGeoJson.readFeatures(Files.readString(HAISHU.resolve("district-outline.gcj02.geojson"),
                StandardCharsets.UTF_8)).get(0).geometry();
        Geometry wgs = HaishuSampleGenerator.readOutlineWgs84(HAISHU);
        int[][] expected = {{73, 79}, {15, 16}}; // {after conversion, raw}
        String[] files = {"ningbo_school_boundaries.json", "ningbo_hospital_boundaries.json"};
        for (int k = 0; k < files.length; k++) {
            Map<String, Object> root = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    Files.readString(shared.resolve(files[k]), StandardCharsets.UTF_8), Map.class);
            int converted = 0;
            int raw = 0;
            for (Object o : (List<Object>) root.get("features")) {
                Map<String, Object> f = (Map<String, Object>) o;
                List<Object> c = (List<Object>) f.get("centroid");
                var p = SimpleGeoJson.FACTORY.createPoint(new org.locationtech.jts.geom.Coordinate(
                        ((Number) c.get(0)).doubleValue(), ((Number) c.get(1)).doubleValue()));
                boolean haishu = "海曙区".equals(f.get("county"));
                if (wgs.contains(p)) {
                    converted++;
                    assertTrue(haishu, "non-Haishu feature inside converted outline: " + f.get("name"));
                } else {
                    assertFalse(haishu, "Haishu feature outside converted outline: " + f.get("name"));
                }
                if (gcj.contains(p)) {
                    raw++;
                }
            }
            assertEquals(expected[k][0], converted, files[k]);
            assertEquals(expected[k][1], raw, files[k]);
        }
    }
}
