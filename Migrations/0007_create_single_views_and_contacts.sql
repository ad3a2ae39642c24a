-- Authority-level records: children's single-view systems (Q21-23) and respondent contacts.

CREATE TABLE single_views (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    authority_code text NOT NULL REFERENCES authorities (code) ON UPDATE CASCADE,
    name           text,
    status         single_view_status NOT NULL,
    data_sources   data_sources NOT NULL DEFAULT '{}',
    data_model_url text,
    description    text,
    sharing_level  sharing_level NOT NULL,
    version        integer NOT NULL DEFAULT 1,
    is_demo        boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz
);
CREATE INDEX single_views_page ON single_views (seq) WHERE deleted_at IS NULL;
CREATE INDEX single_views_authority ON single_views (authority_code);

-- Contacts are personal data: they are never shared beyond the authority and the registry's
-- administrators, so they carry no sharing level.
CREATE TABLE contacts (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    seq           bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    authority_code     text NOT NULL REFERENCES authorities (code) ON UPDATE CASCADE,
    name               text NOT NULL,
    email              text NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    role               text,
    consent_to_contact boolean NOT NULL,
    version            integer NOT NULL DEFAULT 1,
    is_demo            boolean NOT NULL DEFAULT false,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    deleted_at         timestamptz
);
CREATE INDEX contacts_page ON contacts (seq) WHERE deleted_at IS NULL;
