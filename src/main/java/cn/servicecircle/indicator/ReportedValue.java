package cn.servicecircle.indicator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One value reported for an indicator and year (a row of the append-only indicator_value table).
 *
 * @param id         increasing with time; the highest of an (indicator, year) is its current value
 * @param year       2022–2027
 * @param value      ≥ 0, in {@code unit}
 * @param unit       the indicator's unit code, or {@code percent} for a year whose target is full coverage
 * @param actor      who reported it (the token's actor)
 * @param reason     why, null when not given
 * @param reportedAt when it was recorded
 */
public record ReportedValue(long id, String indicatorCode, int year, BigDecimal value, String unit, String actor,
                            String reason, OffsetDateTime reportedAt) {
}
