package cn.servicecircle.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The documented split rule, by hand: a band counts in proportion to the years it shares with the range. */
class AgeRangeTest {
    // 0-2: 30, 3-5: 40, 6-14: 90, 15-59: 450, 60-64: 50, 65+: 70  (total 730)
    static final AgeBands BANDS = new AgeBands(30, 40, 90, 450, 50, 70);

    @Test
    void groupsOfThePlanReadTheBandsAsDocumented() {
        assertThat(AgeRange.parse("0-2").count(BANDS)).isEqualTo(30);
        assertThat(AgeRange.parse("3-5").count(BANDS)).isEqualTo(40);
        assertThat(AgeRange.parse("6-11").count(BANDS)).isCloseTo(60, within(1e-9)); // 6 of the 9 years
        assertThat(AgeRange.parse("12-14").count(BANDS)).isCloseTo(30, within(1e-9)); // 3 of 9
        assertThat(AgeRange.parse("60+").count(BANDS)).isEqualTo(120);
        assertThat(AgeRange.parse("65+").count(BANDS)).isEqualTo(70);
        assertThat(AgeRange.parse("all").count(BANDS)).isEqualTo(730);
        assertThat(AgeRange.parse("15-59").count(BANDS)).isEqualTo(450);
        // 10-20: 5/9 of 6-14 and 6/45 of 15-59
        assertThat(AgeRange.parse("10-20").count(BANDS)).isCloseTo(50 + 60, within(1e-9));
        // a closed range never takes the open 65+ band
        assertThat(AgeRange.parse("60-80").count(BANDS)).isEqualTo(50);
    }

    @Test
    void badRangesAreRefused() {
        assertThatThrownBy(() -> AgeRange.parse("5-3")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AgeRange.parse("old")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AgeRange.parse("60+").toString()).isEqualTo("60+");
        assertThat(AgeRange.parse("6-11").toString()).isEqualTo("6-11");
    }
}
