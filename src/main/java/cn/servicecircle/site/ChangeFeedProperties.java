package cn.servicecircle.site;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The change feed ({@code GET /v1/changes}).
 *
 * @param replayRevisions  how far back a client may resume: at most this many revisions behind the newest; further
 *                         behind it must re-read the sites (410 CHANGES_GONE)
 * @param heartbeatSeconds a comment line this often keeps idle connections open through proxies
 * @param pollMillis       besides the database's notifications, look for new revisions this often (a revision
 *                         held back behind a long transaction has no notification of its own when that ends)
 * @param maxStreams       open feeds at most (each polls the database); one more is answered 503 FEED_BUSY with
 *                         Retry-After
 */
@Validated
@ConfigurationProperties("sc.changes")
public record ChangeFeedProperties(@Min(1) @Max(10_000_000) Integer replayRevisions,
                                   @Min(1) @Max(300) Integer heartbeatSeconds,
                                   @Min(100) @Max(60_000) Integer pollMillis,
                                   @Min(1) @Max(100_000) Integer maxStreams) {
    public ChangeFeedProperties {
        maxStreams = maxStreams == null ? 500 : maxStreams;
        replayRevisions = replayRevisions == null ? 100_000 : replayRevisions;
        heartbeatSeconds = heartbeatSeconds == null ? 15 : heartbeatSeconds;
        pollMillis = pollMillis == null ? 2_000 : pollMillis;
    }
}
