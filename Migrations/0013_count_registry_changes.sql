-- The registry's data version: one number, raised once by every transaction that changes what
-- a read can show. The server keeps answers to reads with the version they were worked out at
-- and reuses one only while the version stands, so a repeated read costs one look at this row,
-- and no answer outlives the change that made it wrong, whoever made it (the API, another
-- server, psql).
--
-- Tokens and idempotency keys are left out: using a token records its last use, which changes
-- nothing a cached read shows (the token list is never cached), and a key is written in the
-- same transaction as the record it guards.

CREATE TABLE registry_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version   bigint NOT NULL
);
INSERT INTO registry_version (version) VALUES (1);

-- Raises the version, once per transaction however many rows it changes. Bulk loads call it
-- first, which also stops their rows queueing trigger events.
CREATE FUNCTION note_registry_change() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('registry.change_noted', true) IS DISTINCT FROM 'yes' THEN
        UPDATE registry_version SET version = version + 1;
        PERFORM set_config('registry.change_noted', 'yes', true);
    END IF;
END $$;

CREATE FUNCTION note_registry_change_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM note_registry_change();
    RETURN NULL;
END $$;

-- Deferred to commit, so the version row is locked only while a commit completes: writers never
-- queue behind each other's whole transactions, nor deadlock with row locks they hold.
DO $$
DECLARE
    tracked text;
BEGIN
    FOREACH tracked IN ARRAY ARRAY[
        'countries', 'regions', 'authorities', 'authority_code_aliases', 'providers', 'tools', 'networks',
        'network_members', 'pilots', 'pilot_participants', 'phase_changes', 'resourcing_lines', 'assessments',
        'evaluations', 'evaluation_measures', 'insights', 'single_views', 'contacts', 'users', 'user_networks',
        'audit_events'
    ] LOOP
        EXECUTE format(
            'CREATE CONSTRAINT TRIGGER note_change AFTER INSERT OR UPDATE OR DELETE ON %I '
            'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
            'WHEN (current_setting(''registry.change_noted'', true) IS DISTINCT FROM ''yes'') '
            'EXECUTE FUNCTION note_registry_change_at_commit()', tracked);
        EXECUTE format(
            'CREATE TRIGGER note_truncate AFTER TRUNCATE ON %I '
            'FOR EACH STATEMENT EXECUTE FUNCTION note_registry_change_at_commit()', tracked);
    END LOOP;
END $$;
