package cn.servicecircle.site;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.locationtech.jts.geom.Point;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import cn.servicecircle.security.Actor;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** All SQL of the site feature. Writes record a revision in the same statement, so history cannot be skipped. */
@Repository
public class SiteRepository {

    static final String COLUMNS = """
            id, external_id, category, subtype, name, address, geom, area_code, slots, inclusive_slots, beds, seats,
            staff, inclusive, opening_hours, phone, status, source, version, created_at, updated_at""";

    static final String FIND_BY_ID = "SELECT " + COLUMNS + " FROM site WHERE id = :id";

    static final String INSERT = """
            WITH ins AS (
                INSERT INTO site (external_id, category, subtype, name, address, geom, area_code, slots, inclusive_slots,
                                  beds, seats, staff, inclusive, opening_hours, phone, status, source)
                VALUES (:externalId, :category, :subtype, :name, :address, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326),
                        :areaCode, :slots, :inclusiveSlots, :beds, :seats, :staff, :inclusive, :openingHours, :phone,
                        :status, :source)
                RETURNING *
            ), rev AS (
                INSERT INTO site_revision (site_id, version, action, before, after, actor, actor_role, actor_subject, reason)
                SELECT ins.id, ins.version, :action, NULL, site_snapshot(ROW(ins.*)::site), :actor, :actorRole, :actorSubject, :reason
                FROM ins
            )
            SELECT\s""" + COLUMNS + " FROM ins";

    /** Inserts unless a site with the same external id exists; returns nothing in that case. */
    static final String INSERT_IF_ABSENT = INSERT.replace("RETURNING *", "ON CONFLICT (external_id) DO NOTHING RETURNING *");

    static final String UPDATE = """
            WITH old AS (
                SELECT * FROM site WHERE id = :id AND version = :expectedVersion FOR UPDATE
            ), upd AS (
                UPDATE site s SET external_id = :externalId, category = :category, subtype = :subtype, name = :name,
                       address = :address, geom = ST_SetSRID(ST_MakePoint(:lon, :lat), 4326), area_code = :areaCode,
                       slots = :slots, inclusive_slots = :inclusiveSlots, beds = :beds, seats = :seats, staff = :staff,
                       inclusive = :inclusive, opening_hours = :openingHours, phone = :phone, status = :status,
                       version = s.version + 1, updated_at = now()
                FROM old WHERE s.id = old.id
                RETURNING s.*
            ), rev AS (
                INSERT INTO site_revision (site_id, version, action, before, after, actor, actor_role, actor_subject, reason)
                SELECT upd.id, upd.version, :action, site_snapshot(ROW(old.*)::site), site_snapshot(ROW(upd.*)::site),
                       :actor, :actorRole, :actorSubject, :reason
                FROM old, upd
            )
            SELECT\s""" + COLUMNS + " FROM upd";

    /** Inserts many sites and their first revisions in one statement (arrays of equal length, one per column). */
    static final String INSERT_ALL = """
            WITH input AS (
                SELECT * FROM unnest(CAST(:externalId AS text[]), CAST(:category AS text[]), CAST(:subtype AS text[]),
                        CAST(:name AS text[]), CAST(:address AS text[]), CAST(:lon AS float8[]), CAST(:lat AS float8[]),
                        CAST(:areaCode AS text[]), CAST(:slots AS int[]), CAST(:inclusiveSlots AS int[]),
                        CAST(:beds AS int[]), CAST(:seats AS int[]), CAST(:staff AS int[]), CAST(:inclusive AS boolean[]),
                        CAST(:openingHours AS text[]), CAST(:phone AS text[]), CAST(:status AS text[]))
                    AS x(external_id, category, subtype, name, address, lon, lat, area_code, slots, inclusive_slots,
                         beds, seats, staff, inclusive, opening_hours, phone, status)
            ), ins AS (
                INSERT INTO site (external_id, category, subtype, name, address, geom, area_code, slots, inclusive_slots,
                                  beds, seats, staff, inclusive, opening_hours, phone, status, source)
                SELECT external_id, category, subtype, name, address, ST_SetSRID(ST_MakePoint(lon, lat), 4326),
                       area_code, slots, inclusive_slots, beds, seats, staff, inclusive, opening_hours, phone, status,
                       :source
                FROM input
                RETURNING *
            ), rev AS (
                INSERT INTO site_revision (site_id, version, action, before, after, actor, actor_role, actor_subject, reason)
                SELECT ins.id, ins.version, 'create', NULL, site_snapshot(ROW(ins.*)::site), :actor, :actorRole, :actorSubject, :reason
                FROM ins
            )
            SELECT\s""" + COLUMNS + " FROM ins";

    static final String BY_EXTERNAL_IDS = "SELECT " + COLUMNS + " FROM site WHERE external_id = ANY(CAST(:ids AS text[]))";

    static final String HISTORY = """
            SELECT version, action, before::text AS before, after::text AS after, actor, actor_role, actor_subject, reason,
                   changed_at
            FROM site_revision WHERE site_id = :id ORDER BY version""";

    /**
     * Revisions after a feed position, in the order they become final: by writing transaction, then id. Only those
     * whose transaction ended before every one still running (see migration V7) — so a revision that commits late is
     * never skipped: every revision that becomes final later has a transaction id at or above today's horizon, above
     * every position handed out so far.
     */
    static final String REVISIONS_AFTER = """
            SELECT id, txid::text AS txid, site_id, version, action, after::text AS after, changed_at FROM site_revision
            WHERE (txid, id) > (CAST(CAST(:afterTxid AS text) AS xid8), :afterId)
              AND txid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY txid, id LIMIT :limit""";
    /** The feed position of one revision. */
    static final String POSITION_OF = "SELECT txid::text AS txid, id FROM site_revision WHERE id = :id";
    /** The last position already final: where a feed that starts now begins. */
    static final String FINAL_POSITION = """
            SELECT txid::text AS txid, id FROM site_revision WHERE txid < pg_snapshot_xmin(pg_current_snapshot())
            ORDER BY txid DESC, id DESC LIMIT 1""";
    static final String LATEST_REVISION = "SELECT coalesce(max(id), 0) AS id FROM site_revision";

    static final String SUBTYPES = "SELECT category, subtype FROM site_subtype";
    static final String OPEN_SITES = "SELECT " + COLUMNS + " FROM site WHERE status = 'open' ORDER BY category, id";
    /** Changes whenever any site row is inserted, updated or deleted, by anyone (xmin: the writing transaction). */
    static final String CHANGE_MARK = "SELECT count(*) AS n, coalesce(max(xmin::text::bigint), 0) AS x FROM site";
    static final String TYPES = "SELECT category, subtype, name_zh, name_en FROM site_subtype ORDER BY category, subtype";

    /** A (category, subtype) pair with its names. */
    public record SiteType(String category, String subtype, String nameZh, String nameEn) {
    }

    private final DatabaseClient db;
    private final JsonMapper json;
    /**
     * Writes run in an explicit transaction, so their Mono completes after COMMIT: an answer (201/200) and the
     * in-process change event never precede the commit, which the reach index's rebuild must be able to read.
     */
    private final TransactionalOperator tx;

    public SiteRepository(DatabaseClient db, JsonMapper json, ReactiveTransactionManager transactions) {
        this.db = db;
        this.json = json;
        this.tx = TransactionalOperator.create(transactions);
    }

    /** @return the site, empty when no such id */
    public Mono<Site> findById(UUID id) {
        return db.sql(FIND_BY_ID).bind("id", id).map(SiteRepository::toSite).one();
    }

    /**
     * Inserts a site and its first revision.
     *
     * @param action create (API) or load (sample/import loader)
     * @param source osm | synthetic | manual | import
     */
    public Mono<Site> insert(SiteDraft draft, String source, String action, Actor actor, String reason) {
        return insert(INSERT, draft, source, action, actor, reason);
    }

    /** Like {@link #insert} but a no-op (empty) when a site with the draft's external id already exists. */
    public Mono<Site> insertIfAbsent(SiteDraft draft, String source, String action, Actor actor, String reason) {
        return insert(INSERT_IF_ABSENT, draft, source, action, actor, reason);
    }

    private Mono<Site> insert(String sql, SiteDraft draft, String source, String action, Actor actor,
                              String reason) {
        return bindDraft(db.sql(sql), draft).bind("source", source).bind("action", action).bind("actor", actor.name()).bind("actorRole", actor.role().wire())
                .bind("actorSubject", Parameter.fromOrEmpty(actor.subject(), String.class))
                .bind("reason", Parameter.fromOrEmpty(reason, String.class)).map(SiteRepository::toSite).one()
                .as(tx::transactional);
    }

    /**
     * Inserts many sites (action {@code create}) and their revisions in one statement; call inside a transaction to
     * make several calls all-or-nothing.
     *
     * @param source osm | synthetic | manual | import
     * @return the inserted sites (order not specified)
     */
    public Flux<Site> insertAll(List<SiteDraft> drafts, String source, Actor actor, String reason) {
        int n = drafts.size();
        String[] externalId = new String[n], category = new String[n], subtype = new String[n], name = new String[n],
                address = new String[n], areaCode = new String[n], openingHours = new String[n], phone = new String[n],
                status = new String[n];
        Double[] lon = new Double[n], lat = new Double[n];
        Integer[] slots = new Integer[n], inclusiveSlots = new Integer[n], beds = new Integer[n], seats = new Integer[n],
                staff = new Integer[n];
        Boolean[] inclusive = new Boolean[n];
        for (int k = 0; k < n; k++) {
            SiteDraft d = drafts.get(k);
            externalId[k] = d.externalId();
            category[k] = d.category().wire();
            subtype[k] = d.subtype();
            name[k] = d.name();
            address[k] = d.address();
            lon[k] = d.lon();
            lat[k] = d.lat();
            areaCode[k] = d.areaCode();
            slots[k] = d.capacity().slots();
            inclusiveSlots[k] = d.capacity().inclusiveSlots();
            beds[k] = d.capacity().beds();
            seats[k] = d.capacity().seats();
            staff[k] = d.capacity().staff();
            inclusive[k] = d.inclusive();
            openingHours[k] = d.openingHours();
            phone[k] = d.phone();
            status[k] = d.open() ? "open" : "closed";
        }
        return db.sql(INSERT_ALL).bind("externalId", externalId).bind("category", category).bind("subtype", subtype)
                .bind("name", name).bind("address", address).bind("lon", lon).bind("lat", lat)
                .bind("areaCode", areaCode).bind("slots", slots).bind("inclusiveSlots", inclusiveSlots)
                .bind("beds", beds).bind("seats", seats).bind("staff", staff).bind("inclusive", inclusive)
                .bind("openingHours", openingHours).bind("phone", phone).bind("status", status)
                .bind("source", source).bind("actor", actor.name()).bind("actorRole", actor.role().wire())
                .bind("actorSubject", Parameter.fromOrEmpty(actor.subject(), String.class))
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .map(SiteRepository::toSite).all();
    }

    /** @return the sites with these external ids (those that exist) */
    public Flux<Site> findByExternalIds(List<String> ids) {
        return db.sql(BY_EXTERNAL_IDS).bind("ids", ids.toArray(String[]::new)).map(SiteRepository::toSite).all();
    }

    /** Runs {@code work} in one transaction: all its writes commit together or none does. */
    public <T> Mono<T> inTransaction(Mono<T> work) {
        return work.as(tx::transactional);
    }

    /**
     * Replaces the editable fields when the stored version is {@code expectedVersion}.
     *
     * @param action update | close | reopen
     * @return the updated site; empty when the id is unknown or the version is stale
     */
    public Mono<Site> update(UUID id, int expectedVersion, SiteDraft draft, String action, Actor actor,
                             String reason) {
        return bindDraft(db.sql(UPDATE), draft).bind("id", id).bind("expectedVersion", expectedVersion)
                .bind("action", action).bind("actor", actor.name()).bind("actorRole", actor.role().wire())
                .bind("actorSubject", Parameter.fromOrEmpty(actor.subject(), String.class)).bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .map(SiteRepository::toSite).one().as(tx::transactional);
    }

    /** @return the revisions of a site, oldest first; empty for an unknown id */
    public Flux<SiteRevision> history(UUID id) {
        TypeReference<Map<String, Object>> mapType = new TypeReference<>() { };
        return db.sql(HISTORY).bind("id", id).map(row -> new SiteRevision(
                row.get("version", Integer.class), row.get("action", String.class),
                row.get("before", String.class) == null ? null : json.readValue(row.get("before", String.class), mapType),
                json.readValue(row.get("after", String.class), mapType),
                row.get("actor", String.class), row.get("actor_role", String.class),
                row.get("actor_subject", String.class), row.get("reason", String.class),
                row.get("changed_at", OffsetDateTime.class))).all();
    }

    /** @see #REVISIONS_AFTER */
    public Flux<SiteChange> revisionsAfter(SiteChange.Position after, int limit) {
        TypeReference<Map<String, Object>> mapType = new TypeReference<>() { };
        return db.sql(REVISIONS_AFTER).bind("afterTxid", Long.toString(after.txid())).bind("afterId", after.revisionId())
                .bind("limit", limit).map(row -> new SiteChange(
                        row.get("id", Long.class), Long.parseLong(row.get("txid", String.class)),
                        row.get("site_id", UUID.class), row.get("version", Integer.class),
                        row.get("action", String.class), row.get("changed_at", OffsetDateTime.class),
                        json.readValue(row.get("after", String.class), mapType))).all();
    }

    /** @return the feed position of revision {@code id}; empty when there is no such revision */
    public Mono<SiteChange.Position> positionOf(long id) {
        return db.sql(POSITION_OF).bind("id", id).map(SiteRepository::position).one();
    }

    /** @return the last position already final; {@link SiteChange.Position#START} when there is none */
    public Mono<SiteChange.Position> finalPosition() {
        return db.sql(FINAL_POSITION).map(SiteRepository::position).one().defaultIfEmpty(SiteChange.Position.START);
    }

    private static SiteChange.Position position(io.r2dbc.spi.Readable row) {
        return new SiteChange.Position(Long.parseLong(row.get("txid", String.class)), row.get("id", Long.class));
    }

    /** @return the newest revision id, 0 when there is none */
    public Mono<Long> latestRevisionId() {
        return db.sql(LATEST_REVISION).map(r -> r.get("id", Long.class)).one();
    }

    /** @return every (category, subtype) pair the database accepts, as "category/subtype" */
    public Mono<Set<String>> subtypes() {
        return db.sql(SUBTYPES).map(r -> r.get("category", String.class) + "/" + r.get("subtype", String.class))
                .all().collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** @return every open site, ordered by category then id (for in-memory reach indexes) */
    public Flux<Site> openSites() {
        return db.sql(OPEN_SITES).map(SiteRepository::toSite).all();
    }

    /**
     * @return a mark of the site table's state that differs after any committed insert, update or delete, whoever
     * made it (the row count and the newest writing transaction); cheap enough to poll every few seconds
     */
    public Mono<String> changeMark() {
        return db.sql(CHANGE_MARK).map(r -> r.get("n", Long.class) + ":" + ((Number) r.get("x")).longValue()).one();
    }

    /** @return the vocabulary, ordered by category and subtype */
    public Flux<SiteType> types() {
        return db.sql(TYPES).map(r -> new SiteType(r.get("category", String.class), r.get("subtype", String.class),
                r.get("name_zh", String.class), r.get("name_en", String.class))).all();
    }

    /** Counts and pages sites matching the query, ordered by (name, id). */
    public Mono<Long> count(SiteQuery q) {
        Where where = where(q, false);
        return where.bind(db.sql("SELECT count(*) AS n FROM site WHERE " + where.sql()))
                .map(r -> r.get("n", Long.class)).one();
    }

    /** @return up to {@code q.limit() + 1} sites after the cursor, ordered by (name, id) */
    public Flux<Site> list(SiteQuery q) {
        Where where = where(q, true);
        String sql = "SELECT " + COLUMNS + " FROM site WHERE " + where.sql() + " ORDER BY name, id LIMIT :limit";
        // one extra row tells the caller whether another page follows
        return where.bind(db.sql(sql)).bind("limit", q.limit() + 1).map(SiteRepository::toSite).all();
    }

    private record Where(String sql, List<UnaryOperator<GenericExecuteSpec>> binders) {
        GenericExecuteSpec bind(GenericExecuteSpec spec) {
            GenericExecuteSpec s = spec;
            for (int i = 0; i < binders.size(); i++) {
                s = binders.get(i).apply(s);
            }
            return s;
        }
    }

    private static Where where(SiteQuery q, boolean withCursor) {
        List<String> clauses = new ArrayList<>();
        List<UnaryOperator<GenericExecuteSpec>> binders = new ArrayList<>();
        clauses.add("TRUE");
        if (!q.includeClosed()) {
            clauses.add("status = 'open'");
        }
        if (q.category() != null) {
            clauses.add("category = :category");
            binders.add(s -> s.bind("category", q.category().wire()));
        }
        if (q.subtype() != null) {
            clauses.add("subtype = :subtype");
            binders.add(s -> s.bind("subtype", q.subtype()));
        }
        if (q.areaCode() != null) {
            clauses.add("(area_code = :area OR area_code IN (SELECT code FROM area WHERE parent_code = :area))");
            binders.add(s -> s.bind("area", q.areaCode()));
        }
        if (q.bbox() != null) {
            clauses.add("geom && ST_MakeEnvelope(:minLon, :minLat, :maxLon, :maxLat, 4326)");
            binders.add(s -> s.bind("minLon", q.bbox()[0]).bind("minLat", q.bbox()[1])
                    .bind("maxLon", q.bbox()[2]).bind("maxLat", q.bbox()[3]));
        }
        if (q.nameContains() != null) {
            clauses.add("name ILIKE :namePattern ESCAPE '\\'");
            String escaped = q.nameContains().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            binders.add(s -> s.bind("namePattern", "%" + escaped + "%"));
        }
        if (withCursor && q.after() != null) {
            clauses.add("(name, id) > (:afterName, :afterId)");
            binders.add(s -> s.bind("afterName", q.after().name()).bind("afterId", q.after().id()));
        }
        return new Where(String.join(" AND ", clauses), binders);
    }

    private static GenericExecuteSpec bindDraft(GenericExecuteSpec spec, SiteDraft d) {
        Capacity c = d.capacity();
        return spec.bind("externalId", Parameter.fromOrEmpty(d.externalId(), String.class))
                .bind("category", d.category().wire()).bind("subtype", d.subtype()).bind("name", d.name())
                .bind("address", Parameter.fromOrEmpty(d.address(), String.class)).bind("lon", d.lon()).bind("lat", d.lat())
                .bind("areaCode", d.areaCode())
                .bind("slots", Parameter.fromOrEmpty(c.slots(), Integer.class))
                .bind("inclusiveSlots", Parameter.fromOrEmpty(c.inclusiveSlots(), Integer.class))
                .bind("beds", Parameter.fromOrEmpty(c.beds(), Integer.class))
                .bind("seats", Parameter.fromOrEmpty(c.seats(), Integer.class))
                .bind("staff", Parameter.fromOrEmpty(c.staff(), Integer.class))
                .bind("inclusive", d.inclusive())
                .bind("openingHours", Parameter.fromOrEmpty(d.openingHours(), String.class))
                .bind("phone", Parameter.fromOrEmpty(d.phone(), String.class))
                .bind("status", d.open() ? "open" : "closed");
    }

    static Site toSite(Readable row) {
        Point p = row.get("geom", Point.class);
        return new Site(row.get("id", UUID.class), row.get("external_id", String.class),
                SiteCategory.fromWire(row.get("category", String.class)).orElseThrow(),
                row.get("subtype", String.class), row.get("name", String.class), row.get("address", String.class),
                p.getX(), p.getY(), row.get("area_code", String.class),
                new Capacity(row.get("slots", Integer.class), row.get("inclusive_slots", Integer.class),
                        row.get("beds", Integer.class), row.get("seats", Integer.class),
                        row.get("staff", Integer.class)),
                Boolean.TRUE.equals(row.get("inclusive", Boolean.class)), row.get("opening_hours", String.class),
                row.get("phone", String.class), "open".equals(row.get("status", String.class)),
                row.get("source", String.class), row.get("version", Integer.class),
                row.get("created_at", OffsetDateTime.class), row.get("updated_at", OffsetDateTime.class));
    }
}
