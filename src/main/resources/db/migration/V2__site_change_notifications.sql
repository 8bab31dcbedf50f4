-- Every committed change of the site table is announced on channel 'site_changed', whoever made it: this instance,
-- another instance behind the load balancer, an import, or a manual fix in psql. Instances keep their in-memory
-- reach index fresh by listening. Statement level: the payload is the operation; listeners re-read what they need.
CREATE FUNCTION site_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('site_changed', TG_OP);
    RETURN NULL;
END
$$;

CREATE TRIGGER site_changed AFTER INSERT OR UPDATE OR DELETE ON site
    FOR EACH STATEMENT EXECUTE FUNCTION site_changed_notify();
