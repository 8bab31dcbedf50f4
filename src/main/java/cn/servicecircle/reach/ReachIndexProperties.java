package cn.servicecircle.reach;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * How the live reach index follows site changes.
 *
 * @param coalesceMillis        changes this close together are folded into one rebuild, milliseconds, 0–5000
 * @param retryMaxSeconds       the longest wait between retries of a failed rebuild (backoff starts at 100 ms),
 *                              seconds, 1–300
 * @param rebuildTimeoutSeconds a rebuild taking longer counts as failed and is retried, seconds, 5–3600
 * @param maxStalenessSeconds   readiness is OUT_OF_SERVICE while a change older than this is not yet in the
 *                              snapshot, seconds, 1–3600
 * @param reconcileSeconds      a full rebuild at this interval even without change announcements, a safety net
 *                              for changes whose announcement was lost; 0 = off; seconds, 0–86400
 * @param watermarkMillis       how often the site table's change mark is compared with the snapshot's, so a
 *                              change whose announcement never arrived (a stalled LISTEN connection) is noticed and
 *                              counts toward staleness; 0 = off; milliseconds, 0–600000
 */
@Validated
@ConfigurationProperties("sc.reach.index")
public record ReachIndexProperties(@Min(0) @Max(5000) int coalesceMillis,
                                   @Min(1) @Max(300) int retryMaxSeconds,
                                   @Min(5) @Max(3600) int rebuildTimeoutSeconds,
                                   @Min(1) @Max(3600) int maxStalenessSeconds,
                                   @Min(0) @Max(86400) int reconcileSeconds,
                                   @Min(0) @Max(600000) int watermarkMillis) {
}
