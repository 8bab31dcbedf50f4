package cn.servicecircle.site;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import cn.servicecircle.coord.CoordSys;
import cn.servicecircle.coord.LonLat;
import cn.servicecircle.security.Actor;
import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.CoordParams;
import cn.servicecircle.web.FieldProblem;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Bulk import of sites ({@code POST /v1/sites/import}) through the same write path as the API: every row is
 * validated by {@link SiteInputParser}, placed and scope-checked by {@link SitePlacement} (all rows in one query) as
 * the caller, then matched by external id: new (created), equal to the stored site after normalisation (unchanged,
 * not rewritten), or different (updated; {@code closed} counts those that close an open site).
 *
 * <p>Contract: a dry run writes nothing and answers what a commit would do plus every problem (row number, external
 * id, field, code). A commit with any problem writes nothing (422 IMPORT_INVALID, every problem as
 * {@code rows[<row>].<field>}); otherwise all rows are written in one transaction or none (a site changed by someone
 * else meanwhile: 409 IMPORT_CONFLICT, nothing written). Sites not in the file are left alone. Creates go in
 * chunks of {@value #CHUNK} rows per statement.
 */
@Service
public class SiteImportService {
    static final int CHUNK = 2_000;
    /** The source of sites created by an import. */
    public static final String SOURCE = "import";

    private final SiteService service;
    private final SitePlacement placement;
    private final SiteRepository sites;
    private final SiteChanges changes;

    public SiteImportService(SiteService service, SitePlacement placement, SiteRepository sites, SiteChanges changes) {
        this.service = service;
        this.placement = placement;
        this.sites = sites;
        this.changes = changes;
    }

    /**
     * What is wrong with one row.
     *
     * @param row        1-based (data records after the CSV header, or features in order)
     * @param externalId as given, null when missing
     * @param field      the API field ({@code name}, {@code location.lon}, {@code capacity.slots}, {@code areaCode},
     *                   ...) or {@code row}/{@code feature}/{@code geometry}
     * @param code       REQUIRED, UNKNOWN_FIELD, INVALID_TEXT, UNKNOWN_CATEGORY, UNKNOWN_SUBTYPE, OUT_OF_RANGE,
     *                   DUPLICATE_ID, WRONG_COLUMN_COUNT, NOT_A_FEATURE, NOT_A_POINT, OUTSIDE_SERVICE_AREA,
     *                   UNKNOWN_AREA, AREA_MISMATCH, OUT_OF_SCOPE, INVALID_VALUE, IMMUTABLE_FIELD, ...
     * @param message    English explanation
     */
    public record Problem(int row, String externalId, String field, String code, String message) {
    }

    /**
     * @param dryRun    whether nothing was meant to be written
     * @param committed whether the rows were written
     * @param coordSys  the file's coordinate system
     * @param rows      rows in the file
     * @param valid     rows without problems
     * @param created   new external ids
     * @param updated   rows changing a stored site (closing ones included)
     * @param unchanged rows equal to the stored site
     * @param closed    rows closing an open site
     * @param errors    every problem, by row
     */
    public record Result(boolean dryRun, boolean committed, String coordSys, int rows, int valid, int created,
                         int updated, int unchanged, int closed, List<Problem> errors) {
    }

    private record Checked(SiteImportParser.Row row, SiteDraft draft) {
    }

    public Mono<Result> run(SiteImportParser.Parsed parsed, CoordSys sys, boolean dryRun, Actor actor, String reason) {
        return service.parser().flatMap(parser -> {
            List<Problem> problems = new ArrayList<>(parsed.problems());
            List<Checked> checked = new ArrayList<>();
            Map<String, Integer> firstRow = new HashMap<>();
            for (SiteImportParser.Row row : parsed.rows()) {
                Checked c = check(parser, row, sys, firstRow, problems);
                if (c != null) {
                    checked.add(c);
                }
            }
            // the per-row work after each query runs on the parallel scheduler, not a database connection's event loop
            return placement.placeAll(checked.stream().map(Checked::draft).toList(), actor)
                    .publishOn(Schedulers.parallel()).flatMap(placed -> {
                List<Checked> ready = new ArrayList<>();
                for (int k = 0; k < checked.size(); k++) {
                    SitePlacement.Placed p = placed.get(k);
                    SiteImportParser.Row row = checked.get(k).row();
                    if (p.problem() != null) {
                        problems.addAll(problems(row, p.problem()));
                    } else {
                        ready.add(new Checked(row, p.draft()));
                    }
                }
                List<String> ids = ready.stream().map(c -> c.draft().externalId()).toList();
                return sites.findByExternalIds(ids).collectMap(Site::externalId, Function.identity())
                        .publishOn(Schedulers.parallel())
                        .flatMap(existing -> plan(ready, existing, actor, problems, parsed.total(), sys, dryRun,
                                reason));
            });
        });
    }

    /** Row-local checks: the API's parser, an external id once per file, the location in WGS84. */
    private static Checked check(SiteInputParser parser, SiteImportParser.Row row, CoordSys sys,
                                 Map<String, Integer> firstRow, List<Problem> problems) {
        String id = row.externalId();
        try {
            SiteDraft draft = parser.parse(SiteRows.toBody(row.cells()));
            if (draft.externalId() == null) {
                problems.add(new Problem(row.row(), id, "externalId", "REQUIRED",
                        "Every imported site needs an external_id (it makes re-imports idempotent)"));
                return null;
            }
            Integer first = firstRow.putIfAbsent(draft.externalId(), row.row());
            if (first != null) {
                problems.add(new Problem(row.row(), id, "externalId", "DUPLICATE_ID",
                        "external_id " + draft.externalId() + " is also on row " + first));
                return null;
            }
            LonLat wgs = CoordParams.toWgs84(draft.lon(), draft.lat(), sys);
            return new Checked(row, draft.withLocation(wgs.lon(), wgs.lat()));
        } catch (ApiException e) {
            problems.addAll(problems(row, e));
            return null;
        }
    }

    private Mono<Result> plan(List<Checked> ready, Map<String, Site> existing, Actor actor, List<Problem> problems,
                              int total, CoordSys sys, boolean dryRun, String reason) {
        List<SiteDraft> creates = new ArrayList<>();
        List<Map.Entry<Site, SiteDraft>> updates = new ArrayList<>();
        int unchanged = 0;
        int closed = 0;
        for (Checked c : ready) {
            Site stored = existing.get(c.draft().externalId());
            if (stored == null) {
                if (!c.draft().open()) {
                    problems.add(new Problem(c.row().row(), c.draft().externalId(), "status", "INVALID_VALUE",
                            "A new site is open"));
                } else {
                    creates.add(c.draft());
                }
                continue;
            }
            if (!actor.covers(stored.areaCode())) {
                problems.add(new Problem(c.row().row(), c.draft().externalId(), "areaCode", "OUT_OF_SCOPE",
                        "The stored site belongs to area " + stored.areaCode() + ", outside your areas"));
            } else if (SiteService.unchanged(stored, c.draft())) {
                unchanged++;
            } else {
                updates.add(Map.entry(stored, c.draft()));
                if (stored.open() && !c.draft().open()) {
                    closed++;
                }
            }
        }
        problems.sort(Comparator.comparingInt(Problem::row));
        int valid = creates.size() + updates.size() + unchanged;
        Result result = new Result(dryRun, false, sys.code(), total, valid, creates.size(), updates.size(), unchanged,
                closed, List.copyOf(problems));
        if (dryRun) {
            return Mono.just(result);
        }
        if (!problems.isEmpty()) {
            return Mono.error(new ApiException(422, "IMPORT_INVALID", problems.size() + " problem(s) in "
                    + problems.stream().map(Problem::row).collect(Collectors.toSet()).size()
                    + " row(s); nothing was written", problems.stream().map(p -> new FieldProblem(
                    "rows[" + p.row() + "]." + p.field(), p.code(), p.message())).toList()));
        }
        String why = reason == null ? "bulk import" : reason;
        Flux<Site> inserted = Flux.range(0, (creates.size() + CHUNK - 1) / CHUNK).concatMap(i -> sites.insertAll(
                creates.subList(i * CHUNK, Math.min(creates.size(), (i + 1) * CHUNK)), SOURCE, actor, why));
        Flux<Site> changed = Flux.fromIterable(updates).concatMap(u -> {
            Site stored = u.getKey();
            String action = stored.open() == u.getValue().open() ? "update" : u.getValue().open() ? "reopen" : "close";
            return sites.update(stored.id(), stored.version(), u.getValue(), action, actor, why)
                    .switchIfEmpty(Mono.error(() -> new ApiException(409, "IMPORT_CONFLICT", "Site "
                            + stored.externalId() + " changed while importing; nothing was written, import again")));
        });
        return sites.inTransaction(Flux.concat(inserted, changed).collectList())
                .doOnNext(written -> written.forEach(changes::publish))
                .thenReturn(new Result(false, true, sys.code(), total, valid, creates.size(), updates.size(), unchanged,
                        closed, List.of()));
    }

    private static List<Problem> problems(SiteImportParser.Row row, ApiException e) {
        if (e.errors().isEmpty()) {
            return List.of(new Problem(row.row(), row.externalId(), "row", e.code(), e.getMessage()));
        }
        return e.errors().stream().map(f -> new Problem(row.row(), row.externalId(), f.field(), f.code(), f.message()))
                .toList();
    }
}
