package cn.servicecircle.population;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.FieldProblem;
import reactor.core.publisher.Mono;

/**
 * Imports population points: validates every row (row-local checks by {@link PopulationImportParser}, then the
 * location: inside the service area, and in — or within 2 km of — the given street/town, or one derived from the
 * location), then either reports (dry run) or upserts by id with source {@code import} in one transaction.
 *
 * <p>Contract: a dry run writes nothing and answers what a commit would do with the valid rows plus every row's
 * problems. A commit with any problem writes nothing (422 IMPORT_INVALID listing every problem as
 * {@code rows[<row>].<field>}); without problems it writes all rows or none, counting each id as created (new),
 * updated (a value differs: position by more than {@value #SAME_POSITION_DEGREES}°, area, a band, source or year)
 * or unchanged (not rewritten), and then publishes {@link PopulationChanged} so cached population is re-read.
 */
@Service
public class PopulationImportService {
    /** Positions closer than this (degrees, per axis) are the same position. */
    static final double SAME_POSITION_DEGREES = 1e-9;
    /** The source every imported point gets. */
    public static final String SOURCE = "import";

    private final PopulationRepository population;
    private final TransactionalOperator tx;
    private final ApplicationEventPublisher events;

    public PopulationImportService(PopulationRepository population, ReactiveTransactionManager transactions,
                                   ApplicationEventPublisher events) {
        this.population = population;
        this.tx = TransactionalOperator.create(transactions);
        this.events = events;
    }

    /**
     * The answer of an import.
     *
     * @param dryRun    whether nothing was meant to be written
     * @param committed whether the rows were written (false for a dry run)
     * @param coordSys  the coordinate system the file was read in
     * @param asOfYear  the year stored with the points
     * @param rows      rows in the file
     * @param valid     rows without problems
     * @param created   valid rows whose id is new (written, or would be in a dry run)
     * @param updated   valid rows replacing a point that differs
     * @param unchanged valid rows equal to the stored point (never rewritten)
     * @param errors    every problem, by row; empty when all rows are valid
     */
    public record Result(boolean dryRun, boolean committed, String coordSys, int asOfYear, int rows, int valid,
                         int created, int updated, int unchanged, List<ImportProblem> errors) {
    }

    /**
     * @param parsed   the parsed file
     * @param coordSys wire code of the system the file used (reported back)
     * @param asOfYear year stored with the points, 1950–2100
     * @throws ApiException 422 IMPORT_INVALID (emitted) when committing a file with problems
     */
    public Mono<Result> run(PopulationImportParser.Parsed parsed, String coordSys, int asOfYear, boolean dryRun) {
        return locate(parsed.rows()).flatMap(located -> {
                    List<ImportProblem> problems = new ArrayList<>(parsed.problems());
                    List<PopulationPoint> points = new ArrayList<>();
                    for (Located l : located) {
                        if (l.problem() != null) {
                            problems.add(l.problem());
                        } else {
                            points.add(l.point(asOfYear));
                        }
                    }
                    problems.sort(Comparator.comparingInt(ImportProblem::row));
                    List<ImportProblem> errors = List.copyOf(problems);
                    if (dryRun) {
                        return population.findAll(ids(points), false).collectList()
                                .map(stored -> result(parsed, coordSys, asOfYear, true, false, points, stored, errors));
                    }
                    if (!errors.isEmpty()) {
                        return Mono.error(rejected(errors));
                    }
                    Mono<Result> write = population.findAll(ids(points), true).collectList().flatMap(stored -> {
                        Result r = result(parsed, coordSys, asOfYear, false, true, points, stored, errors);
                        List<PopulationPoint> changed = changed(points, stored);
                        return population.upsertAll(changed).thenReturn(r);
                    });
                    return tx.transactional(write).doOnNext(r -> {
                        if (r.created() + r.updated() > 0) {
                            events.publishEvent(new PopulationChanged(r.created() + r.updated()));
                        }
                    });
                });
    }

    private static List<String> ids(List<PopulationPoint> points) {
        return points.stream().map(PopulationPoint::id).toList();
    }

    private static ApiException rejected(List<ImportProblem> errors) {
        List<FieldProblem> fields = errors.stream().map(p -> new FieldProblem("rows[" + p.row() + "]." + p.field(),
                p.code(), "Row " + p.row() + ": " + p.message())).toList();
        long rows = errors.stream().mapToInt(ImportProblem::row).distinct().count();
        return new ApiException(422, "IMPORT_INVALID", rows + " row(s) are invalid (first: row " + errors.get(0).row()
                + "); nothing was written", fields);
    }

    private static Result result(PopulationImportParser.Parsed parsed, String coordSys, int asOfYear, boolean dryRun,
                                 boolean committed, List<PopulationPoint> points, List<PopulationPoint> stored,
                                 List<ImportProblem> errors) {
        Map<String, PopulationPoint> byId = stored.stream().collect(Collectors.toMap(PopulationPoint::id,
                Function.identity()));
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (PopulationPoint p : points) {
            PopulationPoint old = byId.get(p.id());
            if (old == null) {
                created++;
            } else if (same(old, p)) {
                unchanged++;
            } else {
                updated++;
            }
        }
        return new Result(dryRun, committed, coordSys, asOfYear, parsed.total(), points.size(), created, updated,
                unchanged, errors);
    }

    private static List<PopulationPoint> changed(List<PopulationPoint> points, List<PopulationPoint> stored) {
        Map<String, PopulationPoint> byId = stored.stream().collect(Collectors.toMap(PopulationPoint::id,
                Function.identity()));
        return points.stream().filter(p -> byId.get(p.id()) == null || !same(byId.get(p.id()), p)).toList();
    }

    static boolean same(PopulationPoint a, PopulationPoint b) {
        return Math.abs(a.lon() - b.lon()) <= SAME_POSITION_DEGREES && Math.abs(a.lat() - b.lat()) <= SAME_POSITION_DEGREES
                && a.areaCode().equals(b.areaCode()) && a.age0to2() == b.age0to2() && a.age3to5() == b.age3to5()
                && a.age6to14() == b.age6to14() && a.age15to59() == b.age15to59() && a.age60to64() == b.age60to64()
                && a.age65plus() == b.age65plus() && a.source().equals(b.source()) && a.asOfYear() == b.asOfYear();
    }

    /** A row with its street/town, or its location problem. */
    private record Located(ImportRow row, String areaCode, ImportProblem problem) {
        PopulationPoint point(int asOfYear) {
            int[] b = row.bands();
            return new PopulationPoint(row.id(), row.lon(), row.lat(), areaCode, b[0], b[1], b[2], b[3], b[4], b[5],
                    SOURCE, asOfYear);
        }
    }

    /** Every row with its street/town or its location problem, in row order. */
    private Mono<List<Located>> locate(List<ImportRow> rows) {
        int n = rows.size();
        double[] lons = new double[n];
        double[] lats = new double[n];
        String[] codes = new String[n];
        for (int i = 0; i < n; i++) {
            lons[i] = rows.get(i).lon();
            lats[i] = rows.get(i).lat();
            codes[i] = rows.get(i).areaCode();
        }
        return population.locateAll(lons, lats, codes).map(placements -> {
            List<Located> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(located(rows.get(i), placements.get(i)));
            }
            return out;
        });
    }

    private static Located located(ImportRow row, PopulationRepository.Placement at) {
        if (at.district() == null) {
            return problem(row, "lat", "OUTSIDE_SERVICE_AREA", "The point is outside the service area");
        }
        if (row.areaCode() == null) {
            return at.unit() == null
                    ? problem(row, "lat", "OUTSIDE_SERVICE_AREA", "No street/town lies within 2 km of the point")
                    : new Located(row, at.unit(), null);
        }
        if (row.areaCode().equals(at.district())) {
            return problem(row, "area_code", "AREA_MISMATCH", "area_code must be a street/town, not the district");
        }
        if (!Boolean.TRUE.equals(at.givenNear())) {
            return problem(row, "area_code", "AREA_MISMATCH", "area_code '" + row.areaCode() + "' is "
                    + (at.givenNear() == null ? "not a known area" : "not a street/town within 2 km of the point"));
        }
        return new Located(row, row.areaCode(), null);
    }

    private static Located problem(ImportRow row, String field, String code, String message) {
        return new Located(row, null, new ImportProblem(row.row(), row.id(), field, code, message));
    }
}
