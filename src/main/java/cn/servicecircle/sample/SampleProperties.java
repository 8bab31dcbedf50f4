package cn.servicecircle.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Which sample data to load on start.
 *
 * @param load    whether to load at all
 * @param dataDir folder holding geo-data/&lt;region&gt; folders (relative to the working directory or absolute)
 * @param region  region folder name: haishu
 */
@Validated
@ConfigurationProperties("sc.sample")
public record SampleProperties(boolean load, @NotBlank String dataDir,
                               @NotBlank @Pattern(regexp = "haishu|heidelberg") String region) {
}
