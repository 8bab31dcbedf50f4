package cn.servicecircle.indicator;

import java.util.Arrays;
import java.util.Optional;

/**
 * The indicators this service measures itself from the site registry, areas and population; every other indicator
 * is reported. Each constant names the plan's indicator it measures and how.
 */
public enum ComputedIndicator {
    /** Plan no. 1, 每千人拥有3岁以下婴幼儿托位数: places per 1,000 residents (all ages, as the name says). */
    CHILDCARE_PLACES_PER_1000("01-childcare-places-per-1000",
            "sum of slots of open childcare sites / residents of all population points × 1000"),
    /** Plan no. 2, 普惠托位占比: inclusive places as a share of places. */
    INCLUSIVE_CHILDCARE_SHARE("02-inclusive-childcare-share",
            "sum of inclusiveSlots / sum of slots of open childcare sites with known slots × 100 "
                    + "(unknown inclusiveSlots count as 0)"),
    /** Plan no. 6, 镇(乡)街道老年学校覆盖率: streets/towns with an open elder school. */
    ELDER_SCHOOL_COVERAGE("06-elder-school-coverage",
            "streets/towns/township with at least one open school/elder_school site / all of them × 100"),
    /** Plan no. 21, “残疾人之家”覆盖率: streets/towns with an open home for people with disabilities. */
    DISABILITY_HOME_COVERAGE("21-disability-home-coverage",
            "streets/towns/township with at least one open assistance/disability_home site / all of them × 100"),
    /** Plan no. 22, 镇(街)级助联体数量: streets/towns with an open assistance station (one counts per unit). */
    TOWN_ASSISTANCE_STATIONS("22-town-assistance-stations",
            "number of streets/towns/township with at least one open assistance/assistance_station site");

    private final String code;
    private final String formula;

    ComputedIndicator(String code, String formula) {
        this.code = code;
        this.formula = formula;
    }

    public String code() {
        return code;
    }

    /** How the value is computed, in words (shown in the API). */
    public String formula() {
        return formula;
    }

    public static Optional<ComputedIndicator> of(String code) {
        return Arrays.stream(values()).filter(c -> c.code.equals(code)).findFirst();
    }
}
