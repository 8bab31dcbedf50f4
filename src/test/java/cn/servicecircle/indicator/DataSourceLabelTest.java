package cn.servicecircle.indicator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

/** How a computed value is labelled (real / synthetic / mixed) and rounded. */
class DataSourceLabelTest {

    @Test
    void labelFollowsTheSourcesOfTheRowsCounted() {
        assertThat(IndicatorService.dataSource(List.of("synthetic"), List.of("synthetic"))).isEqualTo("synthetic");
        assertThat(IndicatorService.dataSource(List.of("osm"), List.of())).isEqualTo("real");
        assertThat(IndicatorService.dataSource(List.of("manual", "import"), List.of("census"))).isEqualTo("real");
        assertThat(IndicatorService.dataSource(List.of("osm", "synthetic"), List.of())).isEqualTo("mixed");
        // real sites over a synthetic population are still not a real figure
        assertThat(IndicatorService.dataSource(List.of("manual"), List.of("synthetic"))).isEqualTo("mixed");
        assertThat(IndicatorService.dataSource(List.of(), List.of())).isEqualTo("real");
    }

    @Test
    void ratiosRoundHalfUpToFourDecimalsAndAreNullOverZero() {
        assertThat(IndicatorService.ratio(3295, 1_041_285, 1000)).isEqualByComparingTo(new BigDecimal("3.1644"));
        assertThat(IndicatorService.ratio(1, 17, 100)).isEqualByComparingTo(new BigDecimal("5.8824"));
        assertThat(IndicatorService.ratio(17, 17, 100)).isEqualByComparingTo(new BigDecimal("100"));
        assertThat(IndicatorService.ratio(5, 0, 100)).isNull();
    }
}
