package cn.servicecircle.site.osm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.graphhopper.reader.ReaderNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The importer on the real Heidelberg PBF; SOURCE.txt counts: kindergarten 25, school 20, hospital 5; plus 9
 * amenity=university elements that are not rooms (school/other).
 */
class OsmSiteImporterTest {

    private static final Path PBF = Path.of("geo-data/heidelberg/heidelberg.test.pbf");
    private static List<OsmSite> sites;

    @BeforeAll
    static void read() {
        sites = OsmSiteImporter.read(PBF);
    }

    private static Map<String, Integer> countsBySubtype() {
        Map<String, Integer> counts = new TreeMap<>();
        sites.forEach(s -> counts.merge(s.subtype(), 1, Integer::sum));
        return counts;
    }

    @Test
    void countsPerTagMatchTheSource() {
        Map<String, Integer> c = countsBySubtype();
        assertEquals(25, c.get("kindergarten"), c.toString());
        assertTrue(c.get("kindergarten") >= 20);
        long schools = sites.stream().filter(s -> s.category().equals("school") && !s.subtype().equals("kindergarten")).count();
        assertEquals(20 + 9, schools, "amenity=school and amenity=university");
        assertEquals(3, c.get("primary"), "only schools whose tags or name say primary");
        assertEquals(3, c.get("middle"), "Gymnasium");
        assertEquals(5, c.get("hospital"));
        assertEquals(1, sites.stream().filter(s -> s.category().equals("clinic") && s.subtype().equals("other"))
                .count(), "amenity=doctors");
        assertEquals(2, c.get("assistance_station"), "amenity=social_facility (not for seniors)");
        assertEquals(62, sites.size(), "community_centre is deliberately not imported");
    }

    @Test
    void idsNamesAndCoordinatesArePlausible() {
        long named = sites.stream().filter(s -> !s.name().startsWith("unnamed ")).count();
        // 4 of the 8 unnamed are amenity=university buildings of the campus
        assertTrue(named >= 0.85 * sites.size(), "named " + named + " of " + sites.size());
        for (OsmSite s : sites) {
            assertTrue(s.externalId().matches("osm:(node|way)/\\d+"), s.externalId());
            // SOURCE.txt data bbox 7.7084693,49.3073228 - 9.1046216,49.5168325
            assertTrue(s.lon() > 7.70 && s.lon() < 9.11 && s.lat() > 49.30 && s.lat() < 49.52, s.toString());
        }
        assertTrue(sites.stream().anyMatch(s -> s.name().equals("St. Josefskrankenhaus") && s.externalId().startsWith("osm:way/")));
    }

    @Test
    void classifiesByTags() {
        assertEquals("primary", level(Map.of("amenity", "school", "isced:level", "1")));
        assertEquals("middle", level(Map.of("amenity", "school", "isced:level", "2;3")));
        assertEquals("high", level(Map.of("amenity", "school", "isced:level", "3")));
        assertEquals("middle", level(Map.of("amenity", "school", "name", "Helmholtz-Gymnasium")));
        assertEquals("middle", level(Map.of("amenity", "school", "name:zh", "宁波市第七中学")));
        assertEquals("primary", level(Map.of("amenity", "school", "name", "海曙区中心小学")));
        assertEquals("elder_school", level(Map.of("amenity", "school", "name", "海曙区老年大学")));
        assertEquals("other", level(Map.of("amenity", "school")), "unknown level: other, never primary");
        assertEquals("other", level(Map.of("amenity", "university")));
        assertTrue(OsmSiteImporter.classify(node(Map.of("amenity", "university", "indoor", "room"))).isEmpty());
        assertEquals(new OsmSiteImporter.Classification("elder_care", "nursing_home"),
                cls(Map.of("amenity", "social_facility", "social_facility", "assisted_living")));
        assertEquals(new OsmSiteImporter.Classification("elder_care", "home_care_station"),
                cls(Map.of("amenity", "social_facility", "social_facility", "day_care", "social_facility:for", "senior")));
        assertEquals(new OsmSiteImporter.Classification("assistance", "assistance_station"),
                cls(Map.of("amenity", "social_facility", "social_facility", "day_care", "social_facility:for", "disabled")));
        assertEquals(new OsmSiteImporter.Classification("childcare", "nursery"), cls(Map.of("amenity", "childcare")));
        assertEquals(new OsmSiteImporter.Classification("clinic", "community_health_station"), cls(Map.of("amenity", "clinic")));
        assertTrue(OsmSiteImporter.classify(node(Map.of("amenity", "community_centre"))).isEmpty());
        assertTrue(OsmSiteImporter.classify(node(Map.of("shop", "bakery"))).isEmpty());
    }

    @Test
    void committedCsvIsWhatTheExporterWrites(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("sites.csv");
        OsmSiteCsvExport.write(sites, out);
        List<String> fresh = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals(OsmSiteCsvExport.HEADER, fresh.get(0));
        assertEquals(sites.size() + 1, fresh.size());
        assertEquals(Files.readAllLines(Path.of("geo-data/heidelberg/osm-sites.csv"), StandardCharsets.UTF_8), fresh,
                "geo-data/heidelberg/osm-sites.csv is stale: regenerate it (see its README)");
        assertEquals("\"a, \"\"b\"\"\"", OsmSiteCsvExport.field("a, \"b\""));
    }

    private static ReaderNode node(Map<String, Object> tags) {
        return new ReaderNode(1, 49.4, 8.7, tags);
    }

    private static OsmSiteImporter.Classification cls(Map<String, Object> tags) {
        return OsmSiteImporter.classify(node(tags)).orElseThrow();
    }

    private static String level(Map<String, Object> tags) {
        return cls(tags).subtype();
    }
}
