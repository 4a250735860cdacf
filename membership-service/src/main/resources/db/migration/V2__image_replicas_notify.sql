-- Wakes a member removal waiting for the member's sole images to be copied elsewhere, in whichever process of the
-- service it waits, as soon as a change to the replicas commits (folded into one notification per transaction).
CREATE FUNCTION image_replicas_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('muster_image_replicas', '');
    RETURN NULL;
END $$;
CREATE TRIGGER image_replicas_changed AFTER INSERT OR UPDATE OR DELETE ON image_replicas
    FOR EACH STATEMENT EXECUTE FUNCTION image_replicas_notify();
