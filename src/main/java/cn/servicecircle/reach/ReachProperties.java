package cn.servicecircle.reach;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * Walking reach settings.
 *
 * @param networkPbf      OSM PBF of the region's walking network; blank = no network, answers use straight-line
 *                        distance × {@code circuity}
 * @param graphCacheDir   where the imported graph is cached between starts
 * @param adultSpeedKmh   walking speed of residents, km/h (GB 50180's 15-minute ≈ 800–1000 m ⇒ 3.2–4 km/h)
 * @param elderlySpeedKmh walking speed used with {@code speed=elderly}, km/h
 * @param circuity        network/straight-line distance ratio for the straight-line fallback, 1.0–3.0
 * @param maxSnapMeters   farthest a point may be from a walkable way, metres
 * @param defaultMinutes  default isochrone size, minutes
 * @param maxMinutes      largest {@code minutes}/{@code maxMinutes} accepted, minutes
 * @param thresholdMeters life-circle reach threshold per category and subtype, walking metres (GB 50180 defaults)
 * @param workers         threads for routing work; 0 = one per core
 * @param minOutlineShare smallest share (0–1) of the region outline's area the network's footprint must cover for
 *                        the service to start with a network; a network below it stops the start (a wrong or
 *                        clipped extract must not answer "network" for part of the district and "not routable" for
 *                        the rest)
 */
@Validated
@ConfigurationProperties("sc.reach")
public record ReachProperties(String networkPbf, @NotBlank String graphCacheDir,
                              @DecimalMin("1.0") @DecimalMax("8.0") double adultSpeedKmh,
                              @DecimalMin("1.0") @DecimalMax("8.0") double elderlySpeedKmh,
                              @DecimalMin("1.0") @DecimalMax("3.0") double circuity,
                              @Min(10) @Max(2000) int maxSnapMeters,
                              @Min(1) @Max(120) int defaultMinutes,
                              @Min(1) @Max(120) int maxMinutes,
                              @NotNull @NotEmpty Map<String, Map<String, Integer>> thresholdMeters,
                              @Min(0) @Max(64) int workers,
                              @DecimalMin("0.0") @DecimalMax("1.0") double minOutlineShare) {

    /** @return whether a walking network is configured */
    public boolean hasNetwork() {
        return networkPbf != null && !networkPbf.isBlank();
    }
}
