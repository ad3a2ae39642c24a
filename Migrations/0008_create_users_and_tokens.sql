-- Who may read and change what: users, their roles and their bearer tokens. Catalogue entries
-- remember who added them, because only they (or an administrator) may change them.

CREATE DOMAIN user_role AS text CHECK (VALUE IN (
    'admin', 'authority_editor', 'network_member', 'national_analyst'));

CREATE TABLE users (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role           user_role NOT NULL,
    -- An authority editor edits exactly one authority's records.
    authority_code text REFERENCES authorities (code) ON UPDATE CASCADE,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK ((role = 'authority_editor') = (authority_code IS NOT NULL))
);

-- The networks a network member reads on behalf of.
CREATE TABLE user_networks (
    user_id    uuid NOT NULL REFERENCES users (id),
    network_id uuid NOT NULL REFERENCES networks (id),
    PRIMARY KEY (user_id, network_id)
);

-- Bearer tokens: only a SHA-256 of each is kept; the token itself is shown once.
CREATE TABLE api_tokens (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id      uuid NOT NULL REFERENCES users (id),
    token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    -- The first characters, so people can tell their tokens apart in a list.
    hint         text NOT NULL,
    label        text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

ALTER TABLE providers ADD COLUMN created_by uuid REFERENCES users (id);
ALTER TABLE tools ADD COLUMN created_by uuid REFERENCES users (id);
