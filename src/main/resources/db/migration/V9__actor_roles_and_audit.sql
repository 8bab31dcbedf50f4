-- Identities and roles (issue #9, ADR 0009): every recorded change names its actor's role beside the actor's name,
-- and the audit log is read by time, area and actor. The tables stay append-only (triggers of V1/V4).

-- Rows written before roles existed: the loader's are 'system', the single shared token's 'legacy'. The append-only
-- trigger is lifted for this one backfill only, inside the migration's transaction.
ALTER TABLE site_revision ADD COLUMN actor_role text;
ALTER TABLE site_revision DISABLE TRIGGER site_revision_append_only;
UPDATE site_revision SET actor_role = CASE WHEN action = 'load' THEN 'system' ELSE 'legacy' END;
ALTER TABLE site_revision ENABLE TRIGGER site_revision_append_only;
ALTER TABLE site_revision ALTER COLUMN actor_role SET NOT NULL,
    ADD CONSTRAINT site_revision_actor_role CHECK (actor_role IN ('office', 'planner', 'admin', 'system', 'legacy'));
CREATE INDEX site_revision_audit ON site_revision (id) INCLUDE (changed_at, actor);
CREATE INDEX site_revision_changed_at ON site_revision (changed_at);

ALTER TABLE indicator_value ADD COLUMN actor_role text NOT NULL DEFAULT 'legacy'
    CHECK (actor_role IN ('office', 'planner', 'admin', 'system', 'legacy'));
ALTER TABLE indicator_value ALTER COLUMN actor_role DROP DEFAULT;

-- Nobody but the owner (the migrations) needs more than reading and appending.
REVOKE UPDATE, DELETE, TRUNCATE ON site_revision, indicator_value FROM PUBLIC;
