package cn.servicecircle.audit;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * One recorded change of a site, as the audit log shows it.
 *
 * @param id        the entry's position in the log (increasing)
 * @param siteId    the site
 * @param version   the site version the change produced
 * @param action    create | update | close | reopen | load
 * @param before    snapshot before (WGS84 lon/lat), null for create/load
 * @param after     snapshot after, never null
 * @param actor     who (name)
 * @param actorRole office | planner | admin | system | legacy
 * @param actorSubject the token's subject (stable id at the identity provider); null for the loader and older rows
 * @param reason    nullable
 * @param changedAt when it was committed
 */
public record AuditEntry(long id, UUID siteId, int version, String action, Map<String, Object> before,
                         Map<String, Object> after, String actor, String actorRole, String actorSubject, String reason,
                         OffsetDateTime changedAt) {
}
