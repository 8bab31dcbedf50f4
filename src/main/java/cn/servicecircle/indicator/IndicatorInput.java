package cn.servicecircle.indicator;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.servicecircle.web.ApiException;
import cn.servicecircle.web.FieldProblem;

/** Parsing of the indicator API's parameters and bodies into values, or 4xx problems naming the field. */
final class IndicatorInput {
    /** Largest value accepted in any unit; larger is certainly a typo (the largest figure in the plan is 17,000). */
    static final BigDecimal MAX_VALUE = new BigDecimal("1000000000");
    static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    static final Set<String> FIELDS = Set.of("value", "unit");

    private IndicatorInput() {
    }

    /**
     * A reported value.
     *
     * @param value ≥ 0 and ≤ {@link #MAX_VALUE} (≤ 100 in percent)
     * @param unit  a unit code, not yet checked against the indicator
     */
    record Report(BigDecimal value, String unit) {
    }

    /**
     * @param raw the year as given; null or blank → {@code fallback}
     * @return 2022–2027
     * @throws ApiException 400 INVALID_PARAMETER when not a whole number, OUT_OF_RANGE outside 2022–2027
     */
    static int year(String raw, int fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int year;
        try {
            year = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badField("year", "INVALID_PARAMETER", "year is a whole number from "
                    + Indicator.FIRST_YEAR + " to " + Indicator.LAST_YEAR);
        }
        if (year < Indicator.FIRST_YEAR || year > Indicator.LAST_YEAR) {
            throw ApiException.badField("year", "OUT_OF_RANGE", "The plan covers " + Indicator.FIRST_YEAR
                    + " (baseline) to " + Indicator.LAST_YEAR + "; year " + year + " is outside it");
        }
        return year;
    }

    /**
     * Contract: a JSON object {@code {"value": number ≥ 0, "unit": "<unit code>"}}, both required; unknown fields
     * are errors; a value in {@code percent} is at most 100.
     *
     * @throws ApiException 400 listing every offending field (REQUIRED, INVALID_VALUE, OUT_OF_RANGE, UNKNOWN_FIELD)
     */
    static Report report(Map<String, Object> body) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String key : body.keySet()) {
            if (!FIELDS.contains(key)) {
                problems.add(new FieldProblem(key, "UNKNOWN_FIELD", "Unknown field '" + key + "'; allowed: unit, value"));
            }
        }
        String unit = null;
        Object rawUnit = body.get("unit");
        if (rawUnit == null) {
            problems.add(new FieldProblem("unit", "REQUIRED", "unit is required: the indicator's unit code"));
        } else if (!(rawUnit instanceof String s) || !s.matches("[a-z0-9_]{1,40}")) {
            problems.add(new FieldProblem("unit", "INVALID_VALUE", "unit is a unit code such as percent"));
        } else {
            unit = s;
        }
        BigDecimal value = null;
        Object rawValue = body.get("value");
        if (rawValue == null) {
            problems.add(new FieldProblem("value", "REQUIRED", "value is required (a number)"));
        } else if (!(rawValue instanceof Number n) || !isFinite(n)) {
            problems.add(new FieldProblem("value", "INVALID_VALUE", "value is a JSON number"));
        } else {
            value = decimal(n);
            BigDecimal max = "percent".equals(unit) ? HUNDRED : MAX_VALUE;
            if (value.signum() < 0 || value.compareTo(max) > 0) {
                problems.add(new FieldProblem("value", "OUT_OF_RANGE", "value is from 0 to "
                        + max.toPlainString() + " " + (unit == null ? "" : unit)));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }
        return new Report(value, unit);
    }

    static ApiException unitMismatch(String given, Set<String> accepted) {
        String message = "unit '" + given + "' is not accepted for this indicator and year; accepted: "
                + String.join(", ", accepted);
        return new ApiException(422, "UNIT_MISMATCH", message, List.of(new FieldProblem("unit", "UNIT_MISMATCH", message)));
    }

    private static boolean isFinite(Number n) {
        return !(n instanceof Double d && !Double.isFinite(d)) && !(n instanceof Float f && !Float.isFinite(f));
    }

    /** Exact for integers and BigDecimal; a double as its shortest decimal form (0.1 stays 0.1). */
    private static BigDecimal decimal(Number n) {
        if (n instanceof BigDecimal b) {
            return b;
        }
        if (n instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (n instanceof Double || n instanceof Float) {
            return new BigDecimal(n.toString());
        }
        return BigDecimal.valueOf(n.longValue());
    }
}
