package cn.servicecircle.indicator;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A value computed live from the registry.
 *
 * @param value       in the indicator's unit, rounded to 4 decimals; null when the denominator is 0
 * @param numerator   what was counted (places, inclusive places, covered units)
 * @param denominator what it was divided by (residents, places, units); null for a plain count
 * @param dataSource  {@code real}, {@code synthetic} or {@code mixed}: the kinds of rows the value rests on (sites'
 *                    {@code source}: osm/manual/import are real; population points' {@code source}: census/import
 *                    are real); {@code real} when no site was counted (the units are real)
 * @param formula     the formula in words
 * @param asOf        when it was computed
 */
public record Computation(BigDecimal value, long numerator, Long denominator, String dataSource, String formula,
                          OffsetDateTime asOf) {
}
