-- The change feed (GET /v1/changes) streams site revisions in id order. Ids are drawn when a row is inserted but
-- become visible at commit, so a later id can commit first; the feed only hands out revisions whose transaction
-- is older than every transaction still running (txid < pg_snapshot_xmin), and so never skips one that commits
-- late. Existing rows get the migration's transaction id.
ALTER TABLE site_revision ADD COLUMN txid xid8 NOT NULL DEFAULT pg_current_xact_id();

-- Announce the newest revision id of each statement on the channel the index already listens on ('revision:<id>'),
-- next to the site table's own 'INSERT'/'UPDATE'/'DELETE'.
CREATE FUNCTION site_revision_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('site_changed', 'revision:' || (SELECT max(id) FROM inserted));
    RETURN NULL;
END
$$;

CREATE TRIGGER site_revision_notify AFTER INSERT ON site_revision
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION site_revision_notify();
