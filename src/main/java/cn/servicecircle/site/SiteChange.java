package cn.servicecircle.site;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One committed site revision as the change feed hands it out.
 *
 * @param revisionId the revision's sequence number (with gaps); the feed's event id
 * @param txid       the writing transaction's id (xid8): with {@code revisionId}, the feed's order
 * @param siteId     the site
 * @param version    the site version this change produced, ≥ 1
 * @param action     create | update | close | reopen | load
 * @param changedAt  when it was committed
 * @param site       the site after the change (WGS84 lon/lat), as in its history
 */
public record SiteChange(long revisionId, long txid, UUID siteId, int version, String action, OffsetDateTime changedAt,
                         Map<String, Object> site) {

    /**
     * A place in the change feed: after revision {@code revisionId} of transaction {@code txid}. The feed hands out
     * revisions in (txid, revisionId) order, the order in which they become final.
     */
    public record Position(long txid, long revisionId) {
        /** Before every revision. */
        public static final Position START = new Position(0, 0);
    }

    /** @return this revision's place in the feed */
    public Position position() {
        return new Position(txid, revisionId);
    }
}
