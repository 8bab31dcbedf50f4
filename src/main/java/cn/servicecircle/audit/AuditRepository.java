package cn.servicecircle.audit;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** All SQL of the audit log: reads of the append-only {@code site_revision} table (nothing here writes). */
@Repository
public class AuditRepository {
    static final String SELECT = """
            SELECT id, site_id, version, action, before::text AS before, after::text AS after, actor, actor_role,
                   actor_subject, reason, changed_at
            FROM site_revision WHERE id > :afterId""";

    private final DatabaseClient db;
    private final JsonMapper json;

    public AuditRepository(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** @return up to {@code q.limit() + 1} entries matching {@code q}, by id */
    public Flux<AuditEntry> page(AuditQuery q) {
        StringBuilder sql = new StringBuilder(SELECT);
        List<java.util.function.UnaryOperator<GenericExecuteSpec>> binders = new ArrayList<>();
        if (q.areaCode() != null) {
            sql.append(" AND (after->>'areaCode' = :area OR before->>'areaCode' = :area)");
            binders.add(s -> s.bind("area", q.areaCode()));
        }
        if (q.since() != null) {
            sql.append(" AND changed_at >= :since");
            binders.add(s -> s.bind("since", q.since()));
        }
        if (q.actor() != null) {
            // the display name or the token's subject (names need not be unique; subjects are)
            sql.append(" AND (actor = :actor OR actor_subject = :actor)");
            binders.add(s -> s.bind("actor", q.actor()));
        }
        sql.append(" ORDER BY id LIMIT :limit");
        GenericExecuteSpec spec = db.sql(sql.toString()).bind("afterId", q.afterId()).bind("limit", q.limit() + 1);
        for (var b : binders) {
            spec = b.apply(spec);
        }
        TypeReference<Map<String, Object>> mapType = new TypeReference<>() { };
        return spec.map(r -> new AuditEntry(r.get("id", Long.class), r.get("site_id", UUID.class),
                r.get("version", Integer.class), r.get("action", String.class),
                r.get("before", String.class) == null ? null : json.readValue(r.get("before", String.class), mapType),
                json.readValue(r.get("after", String.class), mapType), r.get("actor", String.class),
                r.get("actor_role", String.class), r.get("actor_subject", String.class), r.get("reason", String.class),
                r.get("changed_at", OffsetDateTime.class))).all();
    }
}
