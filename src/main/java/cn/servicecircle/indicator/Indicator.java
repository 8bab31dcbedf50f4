package cn.servicecircle.indicator;

import java.math.BigDecimal;
import java.util.Map;

import cn.servicecircle.indicator.TargetRule.Better;

/**
 * One indicator of the plan's table (七优享 2023–2027) as transcribed in {@code geo-data/<region>/indicators.csv}.
 *
 * @param code          stable code: the table's number (2 digits) and a slug, e.g. {@code 01-childcare-places-per-1000}
 * @param number        the table's 序号, 1–22
 * @param domain        one of the 7 domains in Chinese (幼有善育 … 弱有众扶)
 * @param domainSlug    the domain in ASCII, e.g. {@code early-childhood}
 * @param domainEn      English gloss of the domain
 * @param nameZh        the indicator exactly as printed, unit in brackets included
 * @param nameEn        English gloss
 * @param unitZh        unit as printed, e.g. 个, %, 万人
 * @param unit          machine unit code of every value and bound, e.g. {@code percent}, {@code 10k_persons}
 * @param better        whether higher or lower values are better
 * @param leadZh        lead unit of the domain (牵头单位, §二 of the plan), the expected reporter
 * @param leadEn        English gloss of the lead unit
 * @param baselineText  the 2022 baseline as printed ({@code -} when the plan gives none)
 * @param baselineValue the baseline as a number in {@code unit}; null when not a number
 * @param note          transcription judgement, null when none
 * @param targets       plan year (2023–2027) → target; every plan year present
 */
public record Indicator(String code, int number, String domain, String domainSlug, String domainEn, String nameZh,
                        String nameEn, String unitZh, String unit, Better better, String leadZh, String leadEn,
                        String baselineText, BigDecimal baselineValue, String note, Map<Integer, Target> targets) {

    /** First and last year a value may be given for (the baseline year and the last plan year). */
    public static final int FIRST_YEAR = 2022;
    public static final int LAST_YEAR = 2027;

    public Indicator {
        targets = Map.copyOf(targets);
    }

    /** @return the target of a plan year, null for 2022 (the baseline year) */
    public Target target(int year) {
        return targets.get(year);
    }

    /**
     * One target of the table.
     *
     * @param year 2023–2027
     * @param text as printed, e.g. {@code <3.5}, {@code ≥32}, {@code 全覆盖}
     * @param rule its machine form
     */
    public record Target(int year, String text, TargetRule rule) {
    }
}
