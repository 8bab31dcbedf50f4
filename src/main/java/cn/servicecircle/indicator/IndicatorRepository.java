package cn.servicecircle.indicator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import cn.servicecircle.indicator.TargetRule.Better;
import io.r2dbc.spi.Readable;
import cn.servicecircle.security.Actor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** All SQL of the indicator feature: definitions, reported values, and the aggregates of computed indicators. */
@Repository
public class IndicatorRepository {
    static final String UPSERT_INDICATOR = """
            INSERT INTO indicator (code, number, domain, domain_slug, domain_en, name_zh, name_en, unit_zh, unit, better,
                                   lead_zh, lead_en, baseline_text, baseline_value, note)
            VALUES (:code, :number, :domain, :domainSlug, :domainEn, :nameZh, :nameEn, :unitZh, :unit, :better,
                    :leadZh, :leadEn, :baselineText, :baselineValue, :note)
            ON CONFLICT (code) DO UPDATE SET number = EXCLUDED.number, domain = EXCLUDED.domain,
                domain_slug = EXCLUDED.domain_slug, domain_en = EXCLUDED.domain_en, name_zh = EXCLUDED.name_zh,
                name_en = EXCLUDED.name_en, unit_zh = EXCLUDED.unit_zh, unit = EXCLUDED.unit, better = EXCLUDED.better,
                lead_zh = EXCLUDED.lead_zh, lead_en = EXCLUDED.lead_en, baseline_text = EXCLUDED.baseline_text,
                baseline_value = EXCLUDED.baseline_value, note = EXCLUDED.note""";
    static final String UPSERT_TARGET = """
            INSERT INTO indicator_target (indicator_code, year, target_text, rule, target_value)
            VALUES (:code, :year, :text, :rule, :value)
            ON CONFLICT (indicator_code, year) DO UPDATE SET target_text = EXCLUDED.target_text, rule = EXCLUDED.rule,
                target_value = EXCLUDED.target_value""";
    /** Every indicator with its targets, one row per (indicator, year), by number then year. */
    static final String DEFINITIONS = """
            SELECT i.*, t.year, t.target_text, t.rule, t.target_value
            FROM indicator i JOIN indicator_target t ON t.indicator_code = i.code
            WHERE :code::text IS NULL OR i.code = :code
            ORDER BY i.number, t.year""";
    /** The current (latest) reported value of every indicator for one year. */
    static final String LATEST_FOR_YEAR = """
            SELECT DISTINCT ON (indicator_code) *
            FROM indicator_value WHERE year = :year
            ORDER BY indicator_code, id DESC""";
    static final String HISTORY = "SELECT * FROM indicator_value WHERE indicator_code = :code ORDER BY id";
    /**
     * Appends a report unless the current value of the (indicator, year) is already this value in this unit, so a
     * repeated PUT records nothing. Returns the new row; no row when unchanged.
     */
    static final String REPORT = """
            INSERT INTO indicator_value (indicator_code, year, value, unit, actor, actor_role, reason)
            SELECT :code, :year, :value, :unit, :actor, :actorRole, :reason
            WHERE NOT EXISTS (
                SELECT 1 FROM (SELECT value, unit FROM indicator_value
                               WHERE indicator_code = :code AND year = :year ORDER BY id DESC LIMIT 1) latest
                WHERE latest.value = :value AND latest.unit = :unit)
            RETURNING *""";

    /** Places and inclusive places of open childcare sites whose places are known, and the kinds of those sites. */
    static final String CHILDCARE_PLACES = """
            SELECT coalesce(sum(slots), 0)::bigint AS slots,
                   coalesce(sum(coalesce(inclusive_slots, 0)), 0)::bigint AS inclusive_slots,
                   string_agg(DISTINCT source, ',') AS sources
            FROM site
            WHERE status = 'open' AND category = 'childcare' AND slots IS NOT NULL""";
    static final String RESIDENTS = """
            SELECT coalesce(sum(total), 0)::bigint AS residents, string_agg(DISTINCT source, ',') AS sources
            FROM population_point""";
    /**
     * When what the computed indicators read last changed, as recorded: the latest site revision or dataset load
     * (the epoch on an empty database). A stable "as of" keeps the answer, and so its ETag, the same until the data
     * moves.
     */
    static final String DATA_AS_OF = """
            SELECT greatest((SELECT max(changed_at) FROM site_revision), (SELECT max(loaded_at) FROM dataset_load),
                            'epoch'::timestamptz) AS as_of""";
    /** Streets/towns (every area but the district) with at least one open site of a subtype, out of all of them. */
    static final String UNITS_WITH_SUBTYPE = """
            SELECT (SELECT count(*) FROM area WHERE kind <> 'district') AS units,
                   count(DISTINCT s.area_code) AS covered,
                   string_agg(DISTINCT s.source, ',') AS sources
            FROM site s JOIN area a ON a.code = s.area_code AND a.kind <> 'district'
            WHERE s.status = 'open' AND s.category = :category AND s.subtype = :subtype""";

    private final DatabaseClient db;

    public IndicatorRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Inserts or replaces an indicator and its targets; emits the rows written. */
    public Mono<Long> upsert(Indicator i) {
        Mono<Long> definition = db.sql(UPSERT_INDICATOR).bind("code", i.code()).bind("number", i.number())
                .bind("domain", i.domain()).bind("domainSlug", i.domainSlug()).bind("domainEn", i.domainEn())
                .bind("nameZh", i.nameZh()).bind("nameEn", i.nameEn()).bind("unitZh", i.unitZh())
                .bind("unit", i.unit()).bind("better", i.better().wire()).bind("leadZh", i.leadZh())
                .bind("leadEn", i.leadEn()).bind("baselineText", i.baselineText())
                .bind("baselineValue", Parameter.fromOrEmpty(i.baselineValue(), BigDecimal.class))
                .bind("note", Parameter.fromOrEmpty(i.note(), String.class)).fetch().rowsUpdated();
        Flux<Long> targets = Flux.fromIterable(i.targets().values()).concatMap(t -> db.sql(UPSERT_TARGET)
                .bind("code", i.code()).bind("year", t.year()).bind("text", t.text())
                .bind("rule", t.rule().kind().wire())
                .bind("value", Parameter.fromOrEmpty(t.rule().value(), BigDecimal.class)).fetch().rowsUpdated());
        return definition.concatWith(targets).reduce(0L, Long::sum);
    }

    /** @return every indicator with its targets, by number */
    public Mono<List<Indicator>> definitions() {
        return definitions(null);
    }

    /** @return the indicator, empty when the code is unknown */
    public Mono<Indicator> definition(String code) {
        return definitions(code).flatMap(list -> Mono.justOrEmpty(list.stream().findFirst()));
    }

    private Mono<List<Indicator>> definitions(String code) {
        return db.sql(DEFINITIONS).bind("code", Parameter.fromOrEmpty(code, String.class))
                .map(r -> Map.entry(definitionRow(r), target(r))).all().collectList().map(rows -> {
                    // rows come one per (indicator, year): fold the targets into their indicator
                    Map<String, Indicator> byCode = new LinkedHashMap<>();
                    Map<String, Map<Integer, Indicator.Target>> targets = new LinkedHashMap<>();
                    for (Map.Entry<Indicator, Indicator.Target> row : rows) {
                        byCode.putIfAbsent(row.getKey().code(), row.getKey());
                        targets.computeIfAbsent(row.getKey().code(), c -> new LinkedHashMap<>())
                                .put(row.getValue().year(), row.getValue());
                    }
                    List<Indicator> out = new ArrayList<>();
                    byCode.forEach((c, i) -> out.add(withTargets(i, targets.get(c))));
                    return out;
                });
    }

    /** @return indicator code → its current reported value for the year */
    public Mono<Map<String, ReportedValue>> latest(int year) {
        return db.sql(LATEST_FOR_YEAR).bind("year", year).map(IndicatorRepository::reported).all()
                .collectMap(ReportedValue::indicatorCode);
    }

    /** @return every report of the indicator, oldest first */
    public Flux<ReportedValue> history(String code) {
        return db.sql(HISTORY).bind("code", code).map(IndicatorRepository::reported).all();
    }

    /**
     * Appends a report.
     *
     * @param reason null when none
     * @return the new report; empty when the current value of that year already is {@code value} in {@code unit}
     */
    public Mono<ReportedValue> report(String code, int year, BigDecimal value, String unit, Actor actor,
                                      String reason) {
        return db.sql(REPORT).bind("code", code).bind("year", year).bind("value", value).bind("unit", unit)
                .bind("actor", actor.name()).bind("actorRole", actor.role().wire())
                .bind("reason", Parameter.fromOrEmpty(reason, String.class))
                .map(IndicatorRepository::reported).one();
    }

    /**
     * Sums over open childcare sites with known places.
     *
     * @param places          sum of slots
     * @param inclusivePlaces sum of inclusive slots (unknown counts as 0)
     * @param sources         distinct {@code site.source} values of those sites
     */
    public record ChildcarePlaces(long places, long inclusivePlaces, List<String> sources) {
    }

    public Mono<ChildcarePlaces> childcarePlaces() {
        return db.sql(CHILDCARE_PLACES).map(r -> new ChildcarePlaces(r.get("slots", Long.class),
                r.get("inclusive_slots", Long.class), split(r.get("sources", String.class)))).one();
    }

    /** @param residents all residents of all population points; @param sources their distinct sources */
    public record Residents(long residents, List<String> sources) {
    }

    /** @see #DATA_AS_OF */
    public Mono<OffsetDateTime> dataAsOf() {
        return db.sql(DATA_AS_OF).map(r -> r.get("as_of", OffsetDateTime.class)).one();
    }

    public Mono<Residents> residents() {
        return db.sql(RESIDENTS).map(r -> new Residents(r.get("residents", Long.class),
                split(r.get("sources", String.class)))).one();
    }

    /**
     * @param units   streets/towns/township (every area but the district)
     * @param covered those with at least one open site of the subtype
     * @param sources distinct {@code site.source} values of the sites counted
     */
    public record UnitCoverage(long units, long covered, List<String> sources) {
    }

    public Mono<UnitCoverage> unitsWith(String category, String subtype) {
        return db.sql(UNITS_WITH_SUBTYPE).bind("category", category).bind("subtype", subtype)
                .map(r -> new UnitCoverage(r.get("units", Long.class), r.get("covered", Long.class),
                        split(r.get("sources", String.class)))).one();
    }

    private static List<String> split(String csv) {
        return csv == null ? List.of() : List.of(csv.split(","));
    }

    private static Indicator definitionRow(Readable r) {
        return new Indicator(r.get("code", String.class), r.get("number", Integer.class), r.get("domain", String.class),
                r.get("domain_slug", String.class), r.get("domain_en", String.class), r.get("name_zh", String.class),
                r.get("name_en", String.class), r.get("unit_zh", String.class), r.get("unit", String.class),
                Better.fromWire(r.get("better", String.class)), r.get("lead_zh", String.class),
                r.get("lead_en", String.class), r.get("baseline_text", String.class),
                r.get("baseline_value", BigDecimal.class), r.get("note", String.class), Map.of());
    }

    private static Indicator withTargets(Indicator i, Map<Integer, Indicator.Target> targets) {
        return new Indicator(i.code(), i.number(), i.domain(), i.domainSlug(), i.domainEn(), i.nameZh(), i.nameEn(),
                i.unitZh(), i.unit(), i.better(), i.leadZh(), i.leadEn(), i.baselineText(), i.baselineValue(),
                i.note(), targets);
    }

    private static Indicator.Target target(Readable r) {
        TargetRule.Kind kind = TargetRule.Kind.valueOf(r.get("rule", String.class).toUpperCase(java.util.Locale.ROOT));
        return new Indicator.Target(r.get("year", Integer.class), r.get("target_text", String.class),
                new TargetRule(kind, r.get("target_value", BigDecimal.class)));
    }

    private static ReportedValue reported(Readable r) {
        return new ReportedValue(r.get("id", Long.class), r.get("indicator_code", String.class),
                r.get("year", Integer.class), r.get("value", BigDecimal.class), r.get("unit", String.class),
                r.get("actor", String.class), r.get("reason", String.class),
                r.get("reported_at", OffsetDateTime.class));
    }
}
