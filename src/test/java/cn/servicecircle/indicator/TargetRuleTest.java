package cn.servicecircle.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import cn.servicecircle.indicator.TargetRule.Better;
import cn.servicecircle.indicator.TargetRule.Kind;
import cn.servicecircle.indicator.TargetRule.Status;

/** Reading printed targets, and met / behind / unknown for each sense of target. */
class TargetRuleTest {
    static final BigDecimal BASELINE = new BigDecimal("50");

    static Status judge(String printed, Better better, String value) {
        return judge(printed, better, value, "percent");
    }

    static Status judge(String printed, Better better, String value, String unit) {
        return TargetRule.parse(printed, better).judge(value == null ? null : new BigDecimal(value), unit, "percent",
                BASELINE, better);
    }

    @Test
    void readsEveryFormOfTheTable() {
        assertThat(TargetRule.parse("<3.5", Better.LOWER)).isEqualTo(new TargetRule(Kind.LT, new BigDecimal("3.5")));
        assertThat(TargetRule.parse("≥32", Better.HIGHER)).isEqualTo(new TargetRule(Kind.GTE, new BigDecimal("32")));
        assertThat(TargetRule.parse("4.3", Better.HIGHER)).isEqualTo(new TargetRule(Kind.GTE, new BigDecimal("4.3")));
        assertThat(TargetRule.parse("8.69", Better.LOWER)).isEqualTo(new TargetRule(Kind.LTE, new BigDecimal("8.69")));
        assertThat(TargetRule.parse("≤9", Better.HIGHER).kind()).isEqualTo(Kind.LTE);
        assertThat(TargetRule.parse(">60", Better.HIGHER).kind()).isEqualTo(Kind.GT);
        assertThat(TargetRule.parse("全覆盖", Better.HIGHER)).isEqualTo(new TargetRule(Kind.FULL_COVERAGE, null));
        assertThat(TargetRule.parse("保持", Better.HIGHER).kind()).isEqualTo(Kind.KEEP);
        assertThat(TargetRule.parse("持续保持", Better.LOWER).kind()).isEqualTo(Kind.KEEP);
        assertThat(TargetRule.parse("-", Better.HIGHER).kind()).isEqualTo(Kind.NONE);
        assertThat(TargetRule.parse("", Better.HIGHER).kind()).isEqualTo(Kind.NONE);
        assertThat(TargetRule.parse("稳步提升", Better.HIGHER).kind()).isEqualTo(Kind.TEXT);
        // the trailing zero of "83.70" is kept in the bound's text form
        assertThat(TargetRule.parse("83.70", Better.HIGHER).wire()).isEqualTo("gte 83.70");
        assertThat(TargetRule.fromWire("lt 3.5")).isEqualTo(TargetRule.parse("<3.5", Better.LOWER));
        assertThatThrownBy(() -> TargetRule.fromWire("gte")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TargetRule.fromWire("full_coverage 100")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atLeast() {
        assertThat(judge("≥32", Better.HIGHER, "32")).isEqualTo(Status.MET);
        assertThat(judge("≥32", Better.HIGHER, "31.999")).isEqualTo(Status.BEHIND);
        assertThat(judge("4.6", Better.HIGHER, "4.60")).isEqualTo(Status.MET); // scale does not matter
    }

    @Test
    void moreThan() {
        assertThat(judge(">60", Better.HIGHER, "60.01")).isEqualTo(Status.MET);
        assertThat(judge(">60", Better.HIGHER, "60")).isEqualTo(Status.BEHIND);
    }

    @Test
    void atMost() {
        assertThat(judge("8.69", Better.LOWER, "8.69")).isEqualTo(Status.MET);
        assertThat(judge("8.69", Better.LOWER, "8.691")).isEqualTo(Status.BEHIND);
    }

    @Test
    void lessThan() {
        assertThat(judge("<3.5", Better.LOWER, "3.4999")).isEqualTo(Status.MET);
        assertThat(judge("<3.5", Better.LOWER, "3.5")).isEqualTo(Status.BEHIND);
    }

    @Test
    void fullCoverageIsJudgedOnAShareOnly() {
        assertThat(judge("全覆盖", Better.HIGHER, "100")).isEqualTo(Status.MET);
        assertThat(judge("全覆盖", Better.HIGHER, "99.99")).isEqualTo(Status.BEHIND);
        assertThat(judge("全覆盖", Better.HIGHER, "80", "10k_persons")).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void keepComparesWithTheBaselineInTheIndicatorsDirection() {
        assertThat(judge("保持", Better.HIGHER, "50")).isEqualTo(Status.MET);
        assertThat(judge("保持", Better.HIGHER, "49.9")).isEqualTo(Status.BEHIND);
        assertThat(judge("保持", Better.LOWER, "49.9")).isEqualTo(Status.MET);
        assertThat(judge("保持", Better.LOWER, "50.1")).isEqualTo(Status.BEHIND);
        assertThat(TargetRule.parse("保持", Better.HIGHER).judge(BigDecimal.ONE, "percent", "percent", null,
                Better.HIGHER)).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void unknownWithoutValueMachineFormOrMatchingUnit() {
        assertThat(judge("≥32", Better.HIGHER, null)).isEqualTo(Status.UNKNOWN);
        assertThat(judge("稳步提升", Better.HIGHER, "99")).isEqualTo(Status.UNKNOWN);
        assertThat(judge("-", Better.HIGHER, "99")).isEqualTo(Status.UNKNOWN);
        assertThat(judge("≥32", Better.HIGHER, "40", "count")).isEqualTo(Status.UNKNOWN);
    }
}
