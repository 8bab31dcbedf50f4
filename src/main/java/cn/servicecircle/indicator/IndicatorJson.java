package cn.servicecircle.indicator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/** The indicator API's response bodies (records mapped from the service's views; documented in openapi.yaml). */
final class IndicatorJson {
    private IndicatorJson() {
    }

    /** @param value null when the plan prints none ("-") */
    record Baseline(int year, String text, BigDecimal value) {
    }

    /** @param rule gte | gt | lte | lt | full_coverage | keep | text | none; @param value the bound, else null */
    record Target(int year, String text, String rule, BigDecimal value) {
        static Target of(Indicator.Target t) {
            return t == null ? null : new Target(t.year(), t.text(), t.rule().kind().wire(), t.rule().value());
        }
    }

    /** The definition shared by list items and the detail. */
    record Definition(String code, int number, String domain, String domainSlug, String domainEn, String nameZh,
                      String nameEn, String unit, String unitZh, String better, Baseline baseline, String leadUnit,
                      String leadUnitEn, String measuredBy, String formula, String note) {
        static Definition of(Indicator i) {
            String formula = ComputedIndicator.of(i.code()).map(ComputedIndicator::formula).orElse(null);
            return new Definition(i.code(), i.number(), i.domain(), i.domainSlug(), i.domainEn(), i.nameZh(),
                    i.nameEn(), i.unit(), i.unitZh(), i.better().wire(),
                    new Baseline(Indicator.FIRST_YEAR, i.baselineText(), i.baselineValue()), i.leadZh(), i.leadEn(),
                    formula == null ? "reported" : "computed", formula, i.note());
        }
    }

    /** A live computation; {@code denominator} null for a plain count. */
    record ComputationJson(long numerator, Long denominator, String dataSource, String formula, OffsetDateTime asOf) {
        static ComputationJson of(Computation c) {
            return c == null ? null
                    : new ComputationJson(c.numerator(), c.denominator(), c.dataSource(), c.formula(), c.asOf());
        }
    }

    /** A reported value; {@code reason} null when none was given. */
    record Report(int year, BigDecimal value, String unit, String actor, String reason, OffsetDateTime reportedAt) {
        static Report of(ReportedValue r) {
            return r == null ? null : new Report(r.year(), r.value(), r.unit(), r.actor(), r.reason(), r.reportedAt());
        }
    }

    /** One year of an indicator: its target, value, status and where the value came from. */
    record YearJson(int year, Target target, BigDecimal value, String valueUnit, String status, String source,
                    String dataSource, ComputationJson computation, Report report) {
        static YearJson of(IndicatorService.YearView v) {
            return new YearJson(v.year(), Target.of(v.target()), v.value(), v.unit(), v.status().wire(), v.source(),
                    v.computed() == null ? null : v.computed().dataSource(), ComputationJson.of(v.computed()),
                    Report.of(v.report()));
        }
    }

    /** A list item: the definition and the requested year, flattened for a table. */
    record Item(String code, int number, String domain, String domainSlug, String domainEn, String nameZh,
                String nameEn, String unit, String unitZh, String better, Baseline baseline, String leadUnit,
                String leadUnitEn, String measuredBy, String formula, String note, int year, Target target,
                BigDecimal value, String valueUnit, String status, String source, String dataSource,
                ComputationJson computation, Report report) {
        static Item of(IndicatorService.YearView v) {
            Definition d = Definition.of(v.indicator());
            YearJson y = YearJson.of(v);
            return new Item(d.code(), d.number(), d.domain(), d.domainSlug(), d.domainEn(), d.nameZh(), d.nameEn(),
                    d.unit(), d.unitZh(), d.better(), d.baseline(), d.leadUnit(), d.leadUnitEn(), d.measuredBy(),
                    d.formula(), d.note(), y.year(), y.target(), y.value(), y.valueUnit(), y.status(), y.source(),
                    y.dataSource(), y.computation(), y.report());
        }
    }

    record ItemList(int year, List<Item> items) {
    }

    /** An indicator with its targets, every year's value and status, and every report (oldest first). */
    record Detail(Definition indicator, List<Target> targets, List<YearJson> years, List<Report> history) {
        static Detail of(IndicatorService.Detail d) {
            return new Detail(Definition.of(d.indicator()),
                    d.indicator().targets().values().stream()
                            .sorted(java.util.Comparator.comparingInt(Indicator.Target::year)).map(Target::of).toList(),
                    d.years().stream().map(YearJson::of).toList(),
                    d.history().stream().map(Report::of).toList());
        }
    }

    /** The answer to a PUT: whether a report was appended (false when the year's value already was this). */
    record Reported(boolean recorded, Item indicator) {
    }
}
