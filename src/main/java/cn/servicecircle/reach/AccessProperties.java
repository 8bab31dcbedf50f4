package cn.servicecircle.reach;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

/**
 * The demand groups: who is served by what (thresholds come from {@code sc.reach.threshold-meters}).
 *
 * @param groups the groups in the order answers list them, at least one
 */
@Validated
@ConfigurationProperties("sc.access")
public record AccessProperties(@NotEmpty @Valid List<Group> groups) {

    /**
     * @param code   stable code used in URLs, e.g. {@code preschool}
     * @param nameZh name in Chinese
     * @param nameEn name in English
     * @param ages   {@code all}, {@code a-b} (inclusive years) or {@code a+}
     * @param serves serving subtypes as {@code category/subtype}, at least one
     */
    public record Group(@NotBlank @Pattern(regexp = "[a-z][a-z0-9_]{0,39}") String code, @NotBlank String nameZh,
                        @NotBlank String nameEn, @NotBlank @Pattern(regexp = "all|[0-9]{1,3}\\+|[0-9]{1,3}-[0-9]{1,3}") String ages,
                        @NotEmpty List<@Pattern(regexp = "[a-z_]+/[a-z_]+") String> serves) {
    }
}
