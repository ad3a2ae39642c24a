-- People sign in with their organisation's account. The users behind tokens become people: an
-- e-mail address (by which an invited person is recognised the first time), a state, and the
-- accounts at OpenID providers they are bound to. Existing users keep their tokens and are active.

ALTER TABLE users ADD COLUMN email text CHECK (length(email) <= 320 AND email ~ '^[^@\s]+@[^@\s]+\.[^@\s]+$');
ALTER TABLE users ADD COLUMN state text NOT NULL DEFAULT 'active' CHECK (state IN ('invited', 'active', 'suspended'));
ALTER TABLE users ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
-- The demonstration people, suspended when the demonstration data is taken out.
ALTER TABLE users ADD COLUMN is_demo boolean NOT NULL DEFAULT false;
CREATE UNIQUE INDEX users_email ON users (lower(email));

-- A person's account at a provider, found by the provider's stable subject once bound.
CREATE TABLE person_logins (
    issuer            text NOT NULL,
    subject           text NOT NULL,
    user_id           uuid NOT NULL REFERENCES users (id),
    provider          text NOT NULL,
    bound_at          timestamptz NOT NULL DEFAULT now(),
    last_signed_in_at timestamptz,
    PRIMARY KEY (issuer, subject)
);
CREATE INDEX person_logins_user ON person_logins (user_id);

-- A sign-in under way: what the browser's callback must bring back. Kept in the database, like
-- sessions, so the callback may reach another instance than the one that started it.
CREATE TABLE sign_in_attempts (
    -- SHA-256 of the random value in the browser's sign-in cookie.
    browser_hash  text PRIMARY KEY CHECK (browser_hash ~ '^[0-9a-f]{64}$'),
    provider      text NOT NULL,
    state         text NOT NULL,
    nonce         text NOT NULL,
    code_verifier text NOT NULL,
    return_to     text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    -- SHA-256 of the session cookie's value: the cookie itself is never stored.
    token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    user_id      uuid NOT NULL REFERENCES users (id),
    provider     text NOT NULL,
    csrf_token   text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_seen_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE ended_at IS NULL;

-- People and tokens are audited like records, with their whole state before and after; signing
-- in and out are acts. A failed sign-in has no one signed in behind it, so the trail's actor may
-- be anonymous.
ALTER TABLE audit_events ALTER COLUMN actor_role TYPE text;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_actor_role_check
    CHECK (actor_role IN ('anonymous', 'admin', 'authority_editor', 'network_member', 'national_analyst'));
ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check
    CHECK (action IN ('create', 'update', 'delete', 'phase_change', 'read_unsuppressed', 'remove_demo',
                      'sign_in', 'sign_in_failed', 'sign_out', 'end_sessions'));
ALTER TABLE audit_events DROP CONSTRAINT audit_events_record_has_id;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_record_has_id
    CHECK (resource_id IS NOT NULL OR action IN ('read_unsuppressed', 'remove_demo', 'sign_in_failed'));

CREATE OR REPLACE FUNCTION audit_document(resource text, record uuid) RETURNS jsonb LANGUAGE plpgsql STABLE AS $$
BEGIN
    CASE resource
        WHEN 'pilot' THEN
            RETURN (SELECT to_jsonb(p) || jsonb_build_object('participants', ARRAY(
                        SELECT authority_code FROM pilot_participants WHERE pilot_id = p.id ORDER BY authority_code))
                    FROM pilots p WHERE p.id = record);
        WHEN 'network' THEN
            RETURN (SELECT to_jsonb(n) || jsonb_build_object('members', ARRAY(
                        SELECT authority_code FROM network_members WHERE network_id = n.id ORDER BY authority_code))
                    FROM networks n WHERE n.id = record);
        WHEN 'evaluation' THEN
            RETURN (SELECT to_jsonb(e) || jsonb_build_object('measures', (
                        SELECT coalesce(jsonb_agg(to_jsonb(m) - 'evaluation_id' ORDER BY m.position), '[]'::jsonb)
                        FROM evaluation_measures m WHERE m.evaluation_id = e.id))
                    FROM evaluations e WHERE e.id = record);
        WHEN 'person' THEN
            RETURN (SELECT to_jsonb(u) || jsonb_build_object('networks', ARRAY(
                        SELECT n.slug FROM user_networks un JOIN networks n ON n.id = un.network_id
                        WHERE un.user_id = u.id ORDER BY n.slug))
                    FROM users u WHERE u.id = record);
        -- Never the hash: the trail is read by administrators, not kept as a second credential store.
        WHEN 'token' THEN RETURN (SELECT to_jsonb(x) - 'token_hash' FROM api_tokens x WHERE x.id = record);
        WHEN 'session' THEN
            RETURN (SELECT to_jsonb(x) - 'token_hash' - 'csrf_token' FROM sessions x WHERE x.id = record);
        WHEN 'provider' THEN RETURN (SELECT to_jsonb(x) FROM providers x WHERE x.id = record);
        WHEN 'tool' THEN RETURN (SELECT to_jsonb(x) FROM tools x WHERE x.id = record);
        WHEN 'resourcing_line' THEN RETURN (SELECT to_jsonb(x) FROM resourcing_lines x WHERE x.id = record);
        WHEN 'assessment' THEN RETURN (SELECT to_jsonb(x) FROM assessments x WHERE x.id = record);
        WHEN 'insight' THEN RETURN (SELECT to_jsonb(x) FROM insights x WHERE x.id = record);
        WHEN 'single_view' THEN RETURN (SELECT to_jsonb(x) FROM single_views x WHERE x.id = record);
        WHEN 'contact' THEN RETURN (SELECT to_jsonb(x) FROM contacts x WHERE x.id = record);
        ELSE RETURN NULL;
    END CASE;
END $$;
