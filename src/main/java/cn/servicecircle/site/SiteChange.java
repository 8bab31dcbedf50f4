package cn.servicecircle.site;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One committed site revision as the change feed hands it out.
 *
 * @param revisionId the revision's sequence number, increasing (with gaps); the feed's event id
 * @param siteId     the site
 * @param version    the site version this change produced, ≥ 1
 * @param action     create | update | close | reopen | load
 * @param changedAt  when it was committed
 * @param site       the site after the change (WGS84 lon/lat), as in its history
 */
public record SiteChange(long revisionId, UUID siteId, int version, String action, OffsetDateTime changedAt,
                         Map<String, Object> site) {
}
