package cn.servicecircle.site;

import java.time.OffsetDateTime;
import java.util.Map;

/**
 * One entry of a site's history.
 *
 * @param version   the site version this change produced, ≥ 1
 * @param action    create | update | close | reopen | load
 * @param before    snapshot before the change (WGS84 lon/lat), null for create/load
 * @param after     snapshot after the change, never null
 * @param actor     who changed it (name)
 * @param actorRole the actor's role: office | planner | admin | system | legacy (before roles existed)
 * @param actorSubject the token's subject (the identity provider's stable id); null for the loader and for changes
 *                  recorded before subjects were
 * @param reason    nullable free text
 * @param changedAt never null
 */
public record SiteRevision(int version, String action, Map<String, Object> before, Map<String, Object> after,
                           String actor, String actorRole, String actorSubject, String reason,
                           OffsetDateTime changedAt) {
}
