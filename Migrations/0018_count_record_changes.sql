-- The records' own version, beside the registry's. The registry's version (0013) is raised by
-- anything a cached read can show, people and the audit trail included, so every sign-in (an
-- audit entry) raised it too, and with it every dashboard site was built again: a minute of a
-- core at scale 100. Dashboards show records only, so they now follow `records_version`, which
-- people, their networks and audit entries leave alone. Any change to records raises both.

ALTER TABLE registry_version ADD COLUMN records_version bigint NOT NULL DEFAULT 1;

-- Raises both versions, each once per transaction. Bulk loads call it first, as before.
CREATE OR REPLACE FUNCTION note_registry_change() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('registry.records_noted', true) IS DISTINCT FROM 'yes' THEN
        UPDATE registry_version
        SET records_version = records_version + 1,
            version = version + CASE WHEN current_setting('registry.change_noted', true) IS DISTINCT FROM 'yes' THEN 1 ELSE 0 END;
        PERFORM set_config('registry.records_noted', 'yes', true);
        PERFORM set_config('registry.change_noted', 'yes', true);
    END IF;
END $$;

-- Raises the registry's version alone, once per transaction.
CREATE FUNCTION note_people_change_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('registry.change_noted', true) IS DISTINCT FROM 'yes' THEN
        UPDATE registry_version SET version = version + 1;
        PERFORM set_config('registry.change_noted', 'yes', true);
    END IF;
    RETURN NULL;
END $$;

DO $$
DECLARE
    tracked text;
BEGIN
    -- Records: a transaction that already noted a people change still raises the records' version.
    FOREACH tracked IN ARRAY ARRAY[
        'countries', 'regions', 'authorities', 'authority_code_aliases', 'providers', 'tools', 'networks',
        'network_members', 'pilots', 'pilot_participants', 'phase_changes', 'resourcing_lines', 'assessments',
        'evaluations', 'evaluation_measures', 'insights', 'single_views', 'contacts'
    ] LOOP
        EXECUTE format('DROP TRIGGER note_change ON %I', tracked);
        EXECUTE format(
            'CREATE CONSTRAINT TRIGGER note_change AFTER INSERT OR UPDATE OR DELETE ON %I '
            'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
            'WHEN (current_setting(''registry.records_noted'', true) IS DISTINCT FROM ''yes'') '
            'EXECUTE FUNCTION note_registry_change_at_commit()', tracked);
    END LOOP;
    FOREACH tracked IN ARRAY ARRAY['users', 'user_networks', 'audit_events'] LOOP
        EXECUTE format('DROP TRIGGER note_change ON %I', tracked);
        EXECUTE format('DROP TRIGGER note_truncate ON %I', tracked);
        EXECUTE format(
            'CREATE CONSTRAINT TRIGGER note_change AFTER INSERT OR UPDATE OR DELETE ON %I '
            'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
            'WHEN (current_setting(''registry.change_noted'', true) IS DISTINCT FROM ''yes'') '
            'EXECUTE FUNCTION note_people_change_at_commit()', tracked);
        EXECUTE format(
            'CREATE TRIGGER note_truncate AFTER TRUNCATE ON %I '
            'FOR EACH STATEMENT EXECUTE FUNCTION note_people_change_at_commit()', tracked);
    END LOOP;
END $$;
