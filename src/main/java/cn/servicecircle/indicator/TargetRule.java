package cn.servicecircle.indicator;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The machine form of one target of the plan's table, and the judgement of a value against it.
 *
 * <p>Contract: {@code value} is in the indicator's unit and non-null exactly for the comparing kinds
 * ({@code gte, gt, lte, lt}). Plain Java, no framework types.
 *
 * @param kind  how a value meets the target
 * @param value the bound for comparing kinds, else null
 */
public record TargetRule(Kind kind, BigDecimal value) {
    private static final Pattern NUMBER_WITH_OPERATOR = Pattern.compile("(<|≤|<=|≥|>=|>)?\\s*([0-9]+(?:\\.[0-9]+)?)");

    /** How a value meets a target. */
    public enum Kind {
        /** at least the bound (≥, or a plain number when higher is better) */
        GTE,
        /** more than the bound */
        GT,
        /** at most the bound (≤, or a plain number when lower is better) */
        LTE,
        /** less than the bound (e.g. "<3.5") */
        LT,
        /** 全覆盖: every unit or person concerned, i.e. 100 % */
        FULL_COVERAGE,
        /** 保持: stay at least as good as the 2022 baseline */
        KEEP,
        /** words without a machine form: never judged */
        TEXT,
        /** no target printed ("-" or empty) */
        NONE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Whether higher or lower values are better for an indicator. */
    public enum Better {
        HIGHER, LOWER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws IllegalArgumentException for anything but higher | lower */
        public static Better fromWire(String s) {
            return Better.valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    /** Whether a value meets its target. */
    public enum Status {
        MET, BEHIND, UNKNOWN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TargetRule {
        boolean comparing = kind == Kind.GTE || kind == Kind.GT || kind == Kind.LTE || kind == Kind.LT;
        if (comparing != (value != null)) {
            throw new IllegalArgumentException(kind + " needs " + (comparing ? "a" : "no") + " bound");
        }
    }

    /**
     * Reads a target as printed in the plan: {@code <3.5} → lt 3.5, {@code ≥32} → gte 32, a plain number → gte
     * (higher is better) or lte (lower is better), {@code 全覆盖} → full_coverage, text with {@code 保持} → keep,
     * {@code -} or empty → none, anything else → text.
     */
    public static TargetRule parse(String printed, Better better) {
        String t = printed == null ? "" : printed.strip();
        if (t.isEmpty() || t.equals("-")) {
            return new TargetRule(Kind.NONE, null);
        }
        if (t.equals("全覆盖")) {
            return new TargetRule(Kind.FULL_COVERAGE, null);
        }
        if (t.contains("保持")) {
            return new TargetRule(Kind.KEEP, null);
        }
        Matcher m = NUMBER_WITH_OPERATOR.matcher(t);
        if (!m.matches()) {
            return new TargetRule(Kind.TEXT, null);
        }
        BigDecimal bound = new BigDecimal(m.group(2));
        String op = m.group(1) == null ? "" : m.group(1);
        Kind kind = switch (op) {
            case "<" -> Kind.LT;
            case "≤", "<=" -> Kind.LTE;
            case ">" -> Kind.GT;
            case "≥", ">=" -> Kind.GTE;
            default -> better == Better.HIGHER ? Kind.GTE : Kind.LTE;
        };
        return new TargetRule(kind, bound);
    }

    /** The form kept in geo-data: {@code gte 4.3}, {@code full_coverage}, … (the inverse of {@link #fromWire}). */
    public String wire() {
        return value == null ? kind.wire() : kind.wire() + " " + value.toPlainString();
    }

    /** @throws IllegalArgumentException when not a {@link #wire} form */
    public static TargetRule fromWire(String wire) {
        String[] parts = wire.strip().split(" ");
        Kind kind = Kind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        if (parts.length > 2) {
            throw new IllegalArgumentException("Not a target rule: " + wire);
        }
        return new TargetRule(kind, parts.length == 2 ? new BigDecimal(parts[1]) : null);
    }

    /**
     * Judges a value against this target.
     *
     * @param value         the value, null when there is none
     * @param valueUnit     unit code of the value: a full-coverage target is judged only on a value in
     *                      {@code percent}, every other target only on a value in the indicator's unit
     * @param indicatorUnit the indicator's unit code (that of the bounds and the baseline)
     * @param baseline      the 2022 baseline in the indicator's unit, null when none (then keep cannot be judged)
     * @param better        the indicator's direction (for keep)
     * @return met or behind; unknown when there is no value, no machine form, or nothing to compare with
     */
    public Status judge(BigDecimal value, String valueUnit, String indicatorUnit, BigDecimal baseline,
                        Better better) {
        if (value == null) {
            return Status.UNKNOWN;
        }
        if (kind != Kind.FULL_COVERAGE && !indicatorUnit.equals(valueUnit)) {
            return Status.UNKNOWN;
        }
        boolean met;
        switch (kind) {
            case GTE -> met = value.compareTo(this.value) >= 0;
            case GT -> met = value.compareTo(this.value) > 0;
            case LTE -> met = value.compareTo(this.value) <= 0;
            case LT -> met = value.compareTo(this.value) < 0;
            case FULL_COVERAGE -> {
                if (!"percent".equals(valueUnit)) {
                    return Status.UNKNOWN;
                }
                met = value.compareTo(BigDecimal.valueOf(100)) >= 0;
            }
            case KEEP -> {
                if (baseline == null) {
                    return Status.UNKNOWN;
                }
                met = better == Better.HIGHER ? value.compareTo(baseline) >= 0 : value.compareTo(baseline) <= 0;
            }
            default -> {
                return Status.UNKNOWN;
            }
        }
        return met ? Status.MET : Status.BEHIND;
    }
}
