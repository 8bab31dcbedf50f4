-- The change feed reads revisions in the order they become final: by writing transaction, then id.
CREATE INDEX site_revision_feed ON site_revision (txid, id);
