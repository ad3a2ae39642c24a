-- Countries, regions and the authorities with children's services responsibility.
-- Codes are GSS codes; authorities outside England are added as rows, never as code.

CREATE TABLE countries (
    code text PRIMARY KEY CHECK (code ~ '^[EWSN]92[0-9]{6}$'),
    name text NOT NULL UNIQUE
);

CREATE TABLE regions (
    code         text PRIMARY KEY CHECK (code ~ '^[A-Z][0-9]{8}$'),
    name         text NOT NULL UNIQUE,
    country_code text NOT NULL REFERENCES countries (code)
);

CREATE TABLE authorities (
    code         text PRIMARY KEY CHECK (code ~ '^[A-Z][0-9]{8}$'),
    dfe_code     text UNIQUE CHECK (dfe_code ~ '^[0-9]{3}$'),
    name         text NOT NULL,
    region_code  text REFERENCES regions (code),
    country_code text NOT NULL REFERENCES countries (code),
    -- Position on the hex-grid overview ("odd-r" offset layout, r grows northwards).
    hex_q        integer,
    hex_r        integer
);

-- Former GSS codes still found in older returns (e.g. Barnsley and Sheffield before May 2025).
CREATE TABLE authority_code_aliases (
    alias_code     text PRIMARY KEY CHECK (alias_code ~ '^[A-Z][0-9]{8}$'),
    authority_code text NOT NULL REFERENCES authorities (code) ON UPDATE CASCADE,
    valid_until    date
);
