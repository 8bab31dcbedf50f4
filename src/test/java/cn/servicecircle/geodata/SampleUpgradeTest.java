package cn.servicecircle.geodata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import cn.servicecircle.site.Capacity;
import cn.servicecircle.site.Site;
import cn.servicecircle.site.SiteDraft;
import cn.servicecircle.site.SiteRepository;
import cn.servicecircle.support.TestDatabase;

/**
 * A database loaded from the sample as it was before kindergartens and community health sites were added (the first
 * 258 synthetic rows), then a site edited, then the loader run again on the current files — what a second start after
 * the upgrade does. Own database beside the test database, so the shared sample stays as it is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class SampleUpgradeTest {
    static final Path CURRENT = Path.of("geo-data/haishu");
    static final Path DATA_DIR = copyWithOldSyntheticSites();
    static final String EDITED = "syn-nursery-330203001-01";

    @Autowired
    GeoDataLoader loader;
    @Autowired
    SiteRepository sites;
    @Autowired
    DatabaseClient db;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.registerSibling(registry, "sample_upgrade");
        registry.add("sc.sample.data-dir", DATA_DIR::toString);
    }

    /** geo-data/haishu copied to a temporary folder, with synthetic-sites.csv cut to its header and first 258 rows. */
    static Path copyWithOldSyntheticSites() {
        try {
            Path root = Files.createTempDirectory("sample-upgrade");
            Path haishu = Files.createDirectories(root.resolve("haishu"));
            try (var files = Files.list(CURRENT)) {
                for (Path f : files.toList()) {
                    Files.copy(f, haishu.resolve(f.getFileName()));
                }
            }
            List<String> lines = Files.readAllLines(CURRENT.resolve("synthetic-sites.csv"), StandardCharsets.UTF_8);
            Files.writeString(haishu.resolve("synthetic-sites.csv"), String.join("\n", lines.subList(0, 259)) + "\n",
                    StandardCharsets.UTF_8);
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    @Test
    void secondStartAddsTheNewSitesAndLeavesEditedOnesAlone() throws IOException {
        // first start (context start-up) loaded the old file
        assertThat(count("SELECT count(*) FROM site WHERE source = 'synthetic'")).isEqualTo(258);
        assertThat(count("SELECT count(*) FROM site WHERE subtype = 'kindergarten'")).isZero();

        // a planner edits one of the old synthetic sites through the store
        Site before = db.sql("SELECT id FROM site WHERE external_id = '" + EDITED + "'")
                .map(r -> r.get("id", java.util.UUID.class)).one().flatMap(sites::findById).block();
        SiteDraft edit = new SiteDraft(before.externalId(), before.category(), before.subtype(), "改名后的托育园",
                before.address(), before.lon(), before.lat(), before.areaCode(),
                new Capacity(999, 0, null, null, before.capacity().staff()), false, before.openingHours(),
                before.phone(), before.open());
        Site edited = sites.update(before.id(), before.version(), edit, "update", new cn.servicecircle.security.Actor("test-admin", cn.servicecircle.security.Role.ADMIN, java.util.Set.of()), "test edit").block();
        long revisions = count("SELECT count(*) FROM site_revision");

        // second start after the upgrade: the current file replaces the old one
        Files.copy(CURRENT.resolve("synthetic-sites.csv"), DATA_DIR.resolve("haishu/synthetic-sites.csv"),
                StandardCopyOption.REPLACE_EXISTING);
        List<GeoDataLoader.DatasetResult> results = loader.loadAll().collectList().block();

        assertThat(results).filteredOn(r -> r.dataset().equals("haishu/synthetic-sites")).singleElement()
                .satisfies(r -> {
                    assertThat(r.loaded()).isTrue();
                    assertThat(r.rows()).isEqualTo(469);
                    assertThat(r.written()).isEqualTo(211);
                });
        assertThat(results).filteredOn(r -> !r.dataset().equals("haishu/synthetic-sites"))
                .allSatisfy(r -> assertThat(r.loaded()).isFalse());
        assertThat(count("SELECT count(*) FROM site WHERE source = 'synthetic'")).isEqualTo(469);
        assertThat(count("SELECT count(*) FROM site")).isEqualTo(88 + 469);
        assertThat(count("SELECT count(*) FROM site WHERE subtype = 'kindergarten' AND status = 'open'")).isEqualTo(99);
        assertThat(count("SELECT count(*) FROM site WHERE subtype = 'community_health_centre'")).isEqualTo(17);
        assertThat(count("SELECT count(*) FROM site WHERE subtype = 'community_health_station'")).isEqualTo(95);
        // one load revision per new site, nothing for the old ones
        assertThat(count("SELECT count(*) FROM site_revision")).isEqualTo(revisions + 211);

        Site after = sites.findById(before.id()).block();
        assertThat(after.name()).isEqualTo("改名后的托育园");
        assertThat(after.capacity().slots()).isEqualTo(999);
        assertThat(after.version()).isEqualTo(edited.version());
        assertThat(after.updatedAt()).isEqualTo(edited.updatedAt());

        // and a third start changes nothing
        assertThat(loader.loadAll().collectList().block()).allSatisfy(r -> assertThat(r.loaded()).isFalse());

        // every demand group has open supply: 0-2, 3-5, 6-11, 12-14, 60+, everyone (DESIGN.md §2)
        for (String subtypes : List.of("'nursery'", "'kindergarten'", "'primary'", "'middle'",
                "'home_care_station', 'home_care_centre', 'elder_canteen'",
                "'community_health_station', 'community_health_centre'")) {
            assertThat(count("SELECT count(*) FROM site WHERE status = 'open' AND subtype IN (" + subtypes + ")"))
                    .as(subtypes).isPositive();
        }
    }

    @AfterAll
    static void removeCopy() throws IOException {
        try (var paths = Files.walk(DATA_DIR)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
