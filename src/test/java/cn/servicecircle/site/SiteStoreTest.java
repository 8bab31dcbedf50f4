package cn.servicecircle.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import cn.servicecircle.geodata.GeoDataLoader;
import cn.servicecircle.support.ApiTestBase;

/** What the database itself guarantees, and the loader's idempotence, on real PostGIS. */
class SiteStoreTest extends ApiTestBase {
    @Autowired
    DatabaseClient db;
    @Autowired
    GeoDataLoader loader;

    long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }

    @Test
    void revisionsCannotBeRewrittenOrDeleted() {
        assertThat(count("SELECT count(*) FROM site_revision")).isPositive();
        assertThatThrownBy(() -> db.sql("UPDATE site_revision SET actor = 'forger'").fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> db.sql("DELETE FROM site_revision").fetch().rowsUpdated().block())
                .hasMessageContaining("append-only");
        assertThat(count("SELECT count(*) FROM site_revision WHERE actor = 'forger'")).isZero();
    }

    @Test
    void databaseConstraintsRejectBadRows() {
        String insert = """
                INSERT INTO site (category, subtype, name, geom, area_code, source, slots)
                VALUES ('%s', '%s', 'x', ST_SetSRID(ST_MakePoint(121.55, 29.87), 4326), '330203001', 'manual', %d)""";
        assertThatThrownBy(() -> db.sql(insert.formatted("casino", "nursery", 1)).fetch().rowsUpdated().block())
                .hasMessageContaining("violates");
        assertThatThrownBy(() -> db.sql(insert.formatted("school", "nursery", 1)).fetch().rowsUpdated().block())
                .hasMessageContaining("violates");
        assertThatThrownBy(() -> db.sql(insert.formatted("childcare", "nursery", -1)).fetch().rowsUpdated().block())
                .hasMessageContaining("violates");
        assertThatThrownBy(() -> db.sql("""
                INSERT INTO site (category, subtype, name, geom, area_code, source)
                VALUES ('childcare', 'nursery', 'x', ST_SetSRID(ST_MakePoint(200, 29.87), 4326), '330203001', 'manual')
                """).fetch().rowsUpdated().block()).hasMessageContaining("violates");
    }

    @Test
    void realOsmSitesLieInsideTheConvertedDistrictOutline() {
        // the outline was converted GCJ-02 → WGS84 by our converter when loaded
        long inside = count("""
                SELECT count(*) FROM site s, area a
                WHERE a.code = '330203' AND s.source = 'osm' AND ST_Contains(a.geom, s.geom)""");
        long osm = count("SELECT count(*) FROM site WHERE source = 'osm'");
        assertThat(osm).isEqualTo(88);
        assertThat(inside).isEqualTo(88);
        assertThat(count("SELECT count(*) FROM site WHERE source = 'osm' AND category = 'school'")).isEqualTo(73);
        assertThat(count("SELECT count(*) FROM site WHERE source = 'osm' AND category = 'clinic'")).isEqualTo(15);
    }

    @Test
    void loadingAgainDuplicatesNothing() {
        long sites = count("SELECT count(*) FROM site");
        long people = count("SELECT sum(total) FROM population_point");
        long revisions = count("SELECT count(*) FROM site_revision");
        // unchanged files: skipped by checksum
        assertThat(loader.loadAll().collectList().block()).allSatisfy(r -> assertThat(r.loaded()).isFalse());
        // forget the checksums: everything is re-applied, still without duplicates
        db.sql("DELETE FROM dataset_load").fetch().rowsUpdated().block();
        assertThat(loader.loadAll().collectList().block()).allSatisfy(r -> {
            assertThat(r.loaded()).isTrue();
            if (r.dataset().endsWith("sites")) {
                assertThat(r.written()).isZero();
            }
        });
        assertThat(count("SELECT count(*) FROM site")).isEqualTo(sites);
        assertThat(count("SELECT sum(total) FROM population_point")).isEqualTo(people).isEqualTo(1_041_285);
        assertThat(count("SELECT count(*) FROM site_revision")).isEqualTo(revisions);
        assertThat(count("SELECT count(*) FROM area")).isEqualTo(18);
    }
}
