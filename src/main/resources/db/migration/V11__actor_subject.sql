-- Who changed a site, by the identity provider's stable id (the token's sub) beside the display name: names need not
-- be unique. NULL for the geo-data loader and for revisions recorded before this column.
ALTER TABLE site_revision ADD COLUMN actor_subject text
    CHECK (actor_subject IS NULL OR length(actor_subject) BETWEEN 1 AND 255);
CREATE INDEX site_revision_actor_subject ON site_revision (actor_subject) WHERE actor_subject IS NOT NULL;
