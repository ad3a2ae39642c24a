-- Editors search the catalogue before adding to it, so one supplier is not entered three times.
-- Names are compared folded: lower case, accents gone, apostrophes and full stops dropped and
-- other punctuation a space ("Café's Co-op Ltd." → "cafes co op ltd"),
-- and by trigram word similarity, which forgives small misspellings ("Kestral" finds "Kestrel").
-- pg_trgm and unaccent are trusted extensions: a database owner may create them.

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is only STABLE (its dictionary could change); naming the dictionary pins it, so the
-- fold can be IMMUTABLE and indexed.
CREATE FUNCTION catalogue_fold(name text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT trim(regexp_replace(regexp_replace(lower(unaccent('unaccent'::regdictionary, name)), '[''’.]+', '', 'g'),
                               '[^a-z0-9]+', ' ', 'g'))
$$;

CREATE INDEX providers_name_search ON providers USING gin (catalogue_fold(name) gin_trgm_ops) WHERE deleted_at IS NULL;
CREATE INDEX tools_name_search ON tools USING gin (catalogue_fold(name) gin_trgm_ops) WHERE deleted_at IS NULL;

-- A provider's Companies House number: 8 digits, or two letters and 6 digits (SC, NI, OC, ...).
ALTER TABLE providers ADD COLUMN companies_house_number text
    CHECK (companies_house_number ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6})$');
CREATE UNIQUE INDEX providers_companies_house_number ON providers (companies_house_number)
    WHERE deleted_at IS NULL AND companies_house_number IS NOT NULL;
