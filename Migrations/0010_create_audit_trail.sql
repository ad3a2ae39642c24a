-- The audit trail: one row per write, made in the same transaction as the write, holding who did
-- it, when, what, and the record's whole state before and after. Rows are never changed.

CREATE TABLE audit_events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at   timestamptz NOT NULL DEFAULT now(),
    actor_id      uuid REFERENCES users (id),
    actor_name    text NOT NULL,
    actor_role    user_role NOT NULL,
    action        text NOT NULL CHECK (action IN ('create', 'update', 'delete', 'phase_change')),
    resource_type text NOT NULL,
    resource_id   uuid NOT NULL,
    pilot_id      uuid,
    before        jsonb,
    after         jsonb
);
CREATE INDEX audit_events_resource ON audit_events (resource_type, resource_id, id);
CREATE INDEX audit_events_actor ON audit_events (actor_id, id);
CREATE INDEX audit_events_time ON audit_events (occurred_at, id);

-- A record's whole state as the audit trail keeps it: its row, plus the lists stored beside it.
CREATE FUNCTION audit_document(resource text, record uuid) RETURNS jsonb LANGUAGE sql STABLE AS $$
    SELECT CASE resource
        WHEN 'pilot' THEN (
            SELECT to_jsonb(p) || jsonb_build_object('participants', ARRAY(
                SELECT authority_code FROM pilot_participants WHERE pilot_id = p.id ORDER BY authority_code))
            FROM pilots p WHERE p.id = record)
        WHEN 'network' THEN (
            SELECT to_jsonb(n) || jsonb_build_object('members', ARRAY(
                SELECT authority_code FROM network_members WHERE network_id = n.id ORDER BY authority_code))
            FROM networks n WHERE n.id = record)
        WHEN 'evaluation' THEN (
            SELECT to_jsonb(e) || jsonb_build_object('measures', (
                SELECT coalesce(jsonb_agg(to_jsonb(m) - 'evaluation_id' ORDER BY m.position), '[]'::jsonb)
                FROM evaluation_measures m WHERE m.evaluation_id = e.id))
            FROM evaluations e WHERE e.id = record)
        WHEN 'provider' THEN (SELECT to_jsonb(x) FROM providers x WHERE x.id = record)
        WHEN 'tool' THEN (SELECT to_jsonb(x) FROM tools x WHERE x.id = record)
        WHEN 'resourcing_line' THEN (SELECT to_jsonb(x) FROM resourcing_lines x WHERE x.id = record)
        WHEN 'assessment' THEN (SELECT to_jsonb(x) FROM assessments x WHERE x.id = record)
        WHEN 'insight' THEN (SELECT to_jsonb(x) FROM insights x WHERE x.id = record)
        WHEN 'single_view' THEN (SELECT to_jsonb(x) FROM single_views x WHERE x.id = record)
        WHEN 'contact' THEN (SELECT to_jsonb(x) FROM contacts x WHERE x.id = record)
    END
$$;
