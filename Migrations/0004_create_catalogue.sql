-- The shared catalogue: providers and their tools. Every record table carries the same
-- bookkeeping columns: version (optimistic concurrency), is_demo, timestamps in UTC and
-- deleted_at (deletes are soft, so nothing saved is ever lost).

CREATE TABLE providers (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    website     text,
    description text,
    version     integer NOT NULL DEFAULT 1,
    is_demo     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);
CREATE INDEX providers_page ON providers (seq) WHERE deleted_at IS NULL;

CREATE TABLE tools (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    provider_id uuid REFERENCES providers (id),
    kind        tool_kind NOT NULL,
    technology  technology NOT NULL,
    description text,
    website     text,
    version     integer NOT NULL DEFAULT 1,
    is_demo     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);
CREATE INDEX tools_page ON tools (seq) WHERE deleted_at IS NULL;
CREATE INDEX tools_provider ON tools (provider_id);
