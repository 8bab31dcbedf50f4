package cn.servicecircle.indicator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.stereotype.Service;

import cn.servicecircle.web.ApiException;
import cn.servicecircle.security.Actor;
import reactor.core.publisher.Mono;

/**
 * The plan's indicators against their targets: definitions from the database, values computed live from the
 * registry or reported through the API, and the status of each value against the year's target.
 */
@Service
public class IndicatorService {
    /** Decimals of computed values; status is judged on the rounded value the client sees. */
    static final int SCALE = 4;
    /** Site sources that are not sample data. */
    private static final Set<String> REAL_SITE_SOURCES = Set.of("osm", "manual", "import");
    private static final Set<String> REAL_POPULATION_SOURCES = Set.of("census", "import");

    private final IndicatorRepository repository;

    public IndicatorService(IndicatorRepository repository) {
        this.repository = repository;
    }

    /**
     * One indicator in one year.
     *
     * @param target   the year's target; null for 2022 (the baseline year)
     * @param value    the value judged: computed (live, whatever the year) or the year's latest report; null if none
     * @param unit     unit code of {@code value}; null when there is no value
     * @param source   computed | reported | none
     * @param computed the live computation, for computed indicators; else null
     * @param report   the report that gave {@code value}; null unless source is reported
     */
    public record YearView(Indicator indicator, int year, Indicator.Target target, BigDecimal value, String unit,
                           TargetRule.Status status, String source, Computation computed, ReportedValue report) {
    }

    /** An indicator with every year 2022–2027 and every report, oldest first. */
    public record Detail(Indicator indicator, List<YearView> years, List<ReportedValue> history) {
    }

    /** What a PUT did: whether a report was appended, and the year's view afterwards. */
    public record ReportResult(boolean recorded, YearView view) {
    }

    /** @return every indicator in the year, by number */
    public Mono<List<YearView>> list(int year) {
        return Mono.zip(repository.definitions(), repository.latest(year), computeAll())
                .map(t -> t.getT1().stream().map(i -> view(i, year, t.getT2().get(i.code()), t.getT3())).toList());
    }

    /** @throws ApiException 404 INDICATOR_NOT_FOUND */
    public Mono<Detail> detail(String code) {
        return find(code).flatMap(i -> Mono.zip(repository.history(i.code()).collectList(), computeFor(i))
                .map(t -> {
                    Map<ComputedIndicator, Computation> computed = t.getT2();
                    List<YearView> years = new ArrayList<>();
                    for (int year = Indicator.FIRST_YEAR; year <= Indicator.LAST_YEAR; year++) {
                        years.add(view(i, year, latestOf(t.getT1(), year), computed));
                    }
                    return new Detail(i, years, t.getT1());
                }));
    }

    /**
     * Records a reported value.
     *
     * @param value  ≥ 0 in {@code unit}, already range-checked by {@link IndicatorInput}
     * @param reason null when none
     * @throws ApiException 404 INDICATOR_NOT_FOUND, 409 INDICATOR_COMPUTED, 422 UNIT_MISMATCH
     */
    public Mono<ReportResult> report(String code, int year, IndicatorInput.Report input, Actor actor, String reason) {
        return find(code).flatMap(i -> {
            if (ComputedIndicator.of(i.code()).isPresent()) {
                return Mono.error(new ApiException(409, "INDICATOR_COMPUTED", "Indicator " + i.code()
                        + " is computed from the site registry; report the sites instead of a value"));
            }
            Set<String> units = acceptedUnits(i, year);
            if (!units.contains(input.unit())) {
                return Mono.error(IndicatorInput.unitMismatch(input.unit(), units));
            }
            return repository.report(i.code(), year, input.value(), input.unit(), actor, reason)
                    .map(r -> true).defaultIfEmpty(false)
                    .flatMap(recorded -> repository.latest(year).map(latest -> new ReportResult(recorded,
                            view(i, year, latest.get(i.code()), Map.of()))));
        });
    }

    /** The indicator's unit; also percent in a year whose target is full coverage (a share of 100 % meets it). */
    static Set<String> acceptedUnits(Indicator i, int year) {
        Set<String> units = new TreeSet<>(Set.of(i.unit()));
        Indicator.Target target = i.target(year);
        if (target != null && target.rule().kind() == TargetRule.Kind.FULL_COVERAGE) {
            units.add("percent");
        }
        return units;
    }

    private Mono<Indicator> find(String code) {
        return repository.definition(code).switchIfEmpty(Mono.error(() ->
                new ApiException(404, "INDICATOR_NOT_FOUND", "No indicator with code " + code)));
    }

    static YearView view(Indicator i, int year, ReportedValue latest, Map<ComputedIndicator, Computation> computed) {
        Indicator.Target target = i.target(year);
        Computation c = ComputedIndicator.of(i.code()).map(computed::get).orElse(null);
        BigDecimal value;
        String unit;
        String source;
        ReportedValue report = null;
        if (c != null) {
            value = c.value();
            unit = value == null ? null : i.unit();
            source = "computed";
        } else if (latest != null) {
            value = latest.value();
            unit = latest.unit();
            source = "reported";
            report = latest;
        } else {
            value = null;
            unit = null;
            source = "none";
        }
        TargetRule.Status status = target == null ? TargetRule.Status.UNKNOWN
                : target.rule().judge(value, unit, i.unit(), i.baselineValue(), i.better());
        return new YearView(i, year, target, value, unit, status, source, c, report);
    }

    private static ReportedValue latestOf(List<ReportedValue> history, int year) {
        ReportedValue latest = null;
        for (ReportedValue r : history) {
            if (r.year() == year) {
                latest = r; // oldest first: the last one wins
            }
        }
        return latest;
    }

    private Mono<Map<ComputedIndicator, Computation>> computeFor(Indicator i) {
        return ComputedIndicator.of(i.code()).isPresent() ? computeAll() : Mono.just(Map.of());
    }

    /** Every computed indicator, from one read of each aggregate. */
    Mono<Map<ComputedIndicator, Computation>> computeAll() {
        return Mono.zip(repository.childcarePlaces(), repository.residents(),
                repository.unitsWith("school", "elder_school"), repository.unitsWith("assistance", "disability_home"),
                repository.unitsWith("assistance", "assistance_station"), repository.dataAsOf()).map(t -> {
            OffsetDateTime asOf = t.getT6().withOffsetSameInstant(ZoneOffset.UTC);
            IndicatorRepository.ChildcarePlaces places = t.getT1();
            IndicatorRepository.Residents residents = t.getT2();
            Map<ComputedIndicator, Computation> out = new EnumMap<>(ComputedIndicator.class);
            out.put(ComputedIndicator.CHILDCARE_PLACES_PER_1000, new Computation(
                    ratio(places.places(), residents.residents(), 1000), places.places(), residents.residents(),
                    dataSource(places.sources(), residents.sources()),
                    ComputedIndicator.CHILDCARE_PLACES_PER_1000.formula(), asOf));
            out.put(ComputedIndicator.INCLUSIVE_CHILDCARE_SHARE, new Computation(
                    ratio(places.inclusivePlaces(), places.places(), 100), places.inclusivePlaces(), places.places(),
                    dataSource(places.sources(), List.of()), ComputedIndicator.INCLUSIVE_CHILDCARE_SHARE.formula(), asOf));
            out.put(ComputedIndicator.ELDER_SCHOOL_COVERAGE, coverage(ComputedIndicator.ELDER_SCHOOL_COVERAGE,
                    t.getT3(), asOf));
            out.put(ComputedIndicator.DISABILITY_HOME_COVERAGE, coverage(ComputedIndicator.DISABILITY_HOME_COVERAGE,
                    t.getT4(), asOf));
            IndicatorRepository.UnitCoverage stations = t.getT5();
            out.put(ComputedIndicator.TOWN_ASSISTANCE_STATIONS, new Computation(BigDecimal.valueOf(stations.covered()),
                    stations.covered(), null, dataSource(stations.sources(), List.of()),
                    ComputedIndicator.TOWN_ASSISTANCE_STATIONS.formula(), asOf));
            return out;
        });
    }

    private static Computation coverage(ComputedIndicator which, IndicatorRepository.UnitCoverage c,
                                        OffsetDateTime asOf) {
        return new Computation(ratio(c.covered(), c.units(), 100), c.covered(), c.units(),
                dataSource(c.sources(), List.of()), which.formula(), asOf);
    }

    /** numerator / denominator × scale, rounded half-up to {@link #SCALE} decimals; null when the denominator is 0. */
    static BigDecimal ratio(long numerator, long denominator, int scale) {
        if (denominator == 0) {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(scale))
                .divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_UP);
    }

    /**
     * @return real when every row counted is real, synthetic when every one is synthetic, mixed otherwise; real when
     *         nothing was counted (the value then rests on the real unit list alone)
     */
    static String dataSource(Collection<String> siteSources, Collection<String> populationSources) {
        boolean real = false;
        boolean synthetic = false;
        for (String s : siteSources) {
            real |= REAL_SITE_SOURCES.contains(s);
            synthetic |= !REAL_SITE_SOURCES.contains(s);
        }
        for (String s : populationSources) {
            real |= REAL_POPULATION_SOURCES.contains(s);
            synthetic |= !REAL_POPULATION_SOURCES.contains(s);
        }
        return synthetic ? (real ? "mixed" : "synthetic") : "real";
    }
}
