package cn.servicecircle.accessibility;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * The 2SFCA measures: which residents compete for which capacity of which subtype (the catchment is the subtype's
 * {@code sc.reach.threshold-meters} unless a request names another).
 *
 * @param measures at least one
 */
@Validated
@ConfigurationProperties("sc.accessibility")
public record AccessibilityProperties(@NotEmpty @Valid List<Measure> measures) {

    /**
     * @param group    code used in {@code ?group=}; the demand group's code where the residents are one
     * @param ages     {@code all}, {@code a-b} (inclusive years) or {@code a+}, read from the census bands by the
     *                 demand groups' split rule
     * @param serves   the supplying subtype as {@code category/subtype}
     * @param capacity the site capacity figure: slots, inclusiveSlots, beds, seats or staff
     */
    public record Measure(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}") String group,
                          @NotBlank @Pattern(regexp = "all|[0-9]{1,3}\\+|[0-9]{1,3}-[0-9]{1,3}") String ages,
                          @NotBlank @Pattern(regexp = "[a-z_]+/[a-z_]+") String serves,
                          @NotBlank @Pattern(regexp = "slots|inclusiveSlots|beds|seats|staff") String capacity) {
    }
}
