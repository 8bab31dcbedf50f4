package cn.servicecircle.audit;

import java.time.OffsetDateTime;

/**
 * A page of the audit log, oldest first.
 *
 * @param areaCode  changes of sites in this area before or after the change; null = all
 * @param since     changes at or after this instant; null = all
 * @param actor     changes by this actor name (exact); null = all
 * @param afterId   entries after this id (the cursor); 0 = from the start
 * @param limit     1–500
 */
public record AuditQuery(String areaCode, OffsetDateTime since, String actor, long afterId, int limit) {
}
