-- Networks: named groups of authorities. The nine English regions are networks too, so a
-- regional comparison and an improvement alliance's comparison are the same query.

CREATE TABLE networks (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    slug        text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    kind        network_kind NOT NULL,
    description text,
    region_code text REFERENCES regions (code),
    version     integer NOT NULL DEFAULT 1,
    is_demo     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    deleted_at  timestamptz
);
CREATE UNIQUE INDEX networks_slug ON networks (slug) WHERE deleted_at IS NULL;
CREATE INDEX networks_page ON networks (seq) WHERE deleted_at IS NULL;

CREATE TABLE network_members (
    network_id     uuid NOT NULL REFERENCES networks (id),
    authority_code text NOT NULL REFERENCES authorities (code) ON UPDATE CASCADE,
    PRIMARY KEY (network_id, authority_code)
);
CREATE INDEX network_members_authority ON network_members (authority_code);

INSERT INTO networks (slug, name, kind, region_code, description, created_at, updated_at)
SELECT lower(regexp_replace(r.name, '[^A-Za-z0-9]+', '-', 'g')), r.name, 'region', r.code,
       'The authorities of the ' || r.name || ' region.', '2023-01-01', '2023-01-01'
FROM regions r;

INSERT INTO network_members (network_id, authority_code)
SELECT n.id, a.code FROM networks n JOIN authorities a ON a.region_code = n.region_code;
