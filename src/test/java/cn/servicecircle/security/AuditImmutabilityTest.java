package cn.servicecircle.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.r2dbc.core.DatabaseClient;

import cn.servicecircle.support.ApiTestBase;
import cn.servicecircle.support.Http;

/**
 * The audit trail cannot be altered or deleted in plain SQL through the service's own connection (the same role
 * and pool the API uses): UPDATE, DELETE and TRUNCATE of revisions and indicator reports raise, and the rows read
 * back unchanged.
 */
class AuditImmutabilityTest extends ApiTestBase {
    @Autowired
    DatabaseClient db;

    String snapshot(String table) {
        return db.sql("SELECT md5(string_agg(t::text, '|' ORDER BY id)) AS h, count(*) AS n FROM " + table + " t")
                .map(r -> r.get("n", Long.class) + ":" + r.get("h", String.class)).one().block();
    }

    @Test
    void revisionsAndReportsRefuseUpdateDeleteAndTruncate() {
        // at least one report and one revision exist (a fresh database has only the loader's revisions)
        Http.Response report = new Http(web).call(HttpMethod.PUT, "/v1/indicators/07-registered-unemployment/values/2026",
                "{\"value\":" + (2 + Math.random()) + ",\"unit\":\"percent\"}", Http.planner());
        assertThat(report.status()).as(report.raw()).isEqualTo(200);
        for (String table : List.of("site_revision", "indicator_value")) {
            String before = snapshot(table);
            assertThat(before).doesNotStartWith("0:");
            for (String sql : List.of(
                    "UPDATE " + table + " SET actor = 'someone else' WHERE id = (SELECT max(id) FROM " + table + ")",
                    "UPDATE " + table + " SET actor_role = 'admin'",
                    "DELETE FROM " + table + " WHERE id = (SELECT min(id) FROM " + table + ")",
                    "DELETE FROM " + table,
                    "TRUNCATE " + table + " CASCADE")) {
                assertThatThrownBy(() -> db.sql(sql).fetch().rowsUpdated().block()).as(sql)
                        .hasMessageContaining("append-only");
            }
            assertThat(snapshot(table)).as(table + " reads back unchanged").isEqualTo(before);
        }
    }
}
