-- The adoption statistics (by tool kind and phase, by provider, and the quarterly series) and
-- the governance ones (live pilots with each practice, rollouts without evaluation) are counted
-- as records change, so a reader after a write waits for that write's difference, not for a
-- recount of the whole registry (5.5 s for the series and 16.6 s for governance at scale 100).
--
-- Writes only note which pilots changed, one statement trigger each. The next reader folds
-- those pilots into the counts under one lock before it reads: their facts as last counted
-- (kept here) come off, their facts now go on. So every answer counts every record committed
-- before it was asked, as a recount would, and writers never queue on shared count rows.
--
-- Counts are kept per sharing tier (0 public, 1 sector, 2 private or network): a pilot has one
-- tier, so what a reader may see is the sum of the tiers up to theirs. Readers whose view
-- depends on who they are (an authority's own records, a network's) are still recounted.

CREATE FUNCTION sharing_tier(level text) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE level WHEN 'public' THEN 0 WHEN 'sector' THEN 1 ELSE 2 END::smallint
$$;

CREATE TABLE statistics_changes (pilot_id uuid NOT NULL);

-- Each pilot as it was last counted: one row for each authority it counts towards.
CREATE TABLE statistics_units (
    pilot_id       uuid NOT NULL,
    authority_code text NOT NULL,
    region_code    text,
    country_code   text NOT NULL,
    tier           smallint NOT NULL,
    kind           text NOT NULL,
    phase          text NOT NULL,
    provider       text NOT NULL,
    PRIMARY KEY (pilot_id, authority_code)
);

-- Its phase history as it was last counted, a row for each spell in a phase.
CREATE TABLE statistics_spells (
    pilot_id uuid NOT NULL,
    phase    text NOT NULL,
    since    date NOT NULL,
    until    date
);
CREATE INDEX statistics_spells_pilot ON statistics_spells (pilot_id);

-- Each practice (assessment kind, ethics principle, safeguard) a pilot's completed assessments
-- show, as last counted: the lowest tier of the assessments showing it, and the lowest tier
-- among those not public, so each audience knows whether it sees the practice and whether
-- what it sees is all public.
CREATE TABLE statistics_practices (
    pilot_id       uuid NOT NULL,
    practice_group text NOT NULL,
    practice       text NOT NULL,
    tier           smallint NOT NULL,
    nonpublic_tier smallint,
    PRIMARY KEY (pilot_id, practice_group, practice)
);

-- The lowest tier of a pilot's evaluations under way or completed, and of those not by the
-- provider, as last counted.
CREATE TABLE statistics_evidence (
    pilot_id             uuid PRIMARY KEY,
    evaluated_tier       smallint,
    beyond_provider_tier smallint
);

-- Every practice the governance table reports on, counted or not. The API's vocabularies list
-- the same; KeptStatisticsTests fails when they part.
CREATE TABLE statistics_practice_catalogue (
    practice_group text NOT NULL,
    practice       text NOT NULL,
    PRIMARY KEY (practice_group, practice)
);
INSERT INTO statistics_practice_catalogue
SELECT 'assessment', unnest(ARRAY[
    'dpia', 'ethical_impact_assessment', 'equality_impact_assessment', 'algorithmic_impact_assessment',
    'security_assessment', 'staff_consultation', 'citizen_consultation', 'co_production_with_children_and_families',
    'legal_review', 'benefits_and_risks_review', 'other'])
UNION ALL SELECT 'ethics_principle', unnest(ARRAY[
    'fairness', 'privacy', 'explainability', 'transparency', 'governance', 'accountability'])
UNION ALL SELECT 'safeguard', unnest(ARRAY[
    'human_review', 'bias_testing', 'accuracy_testing', 'data_minimisation', 'uk_data_residency',
    'no_training_on_authority_data', 'retention_limits', 'staff_training', 'family_opt_out', 'audit_logging',
    'incident_process']);

-- Each row of each table before the small-number rule, for each audience (0 the public, 1 any
-- signed-in reader of the sector's records, 2 administrators): its distinct pilots, those
-- meeting the table's conditions (governance: with the practice; rollouts: not evaluated, and
-- evaluated by the provider alone), how many are not public, and (above local authorities)
-- how many authorities it rests on.
-- Places and periods are '' where a row has none, so they can be part of the key.
CREATE TABLE statistics_counts (
    dataset        text NOT NULL,
    audience       smallint NOT NULL,
    period         text NOT NULL,
    geo            smallint NOT NULL,
    country_code   text NOT NULL,
    region_code    text NOT NULL,
    authority_code text NOT NULL,
    filters        text[] NOT NULL,
    pilots         integer NOT NULL DEFAULT 0,
    count_a        integer NOT NULL DEFAULT 0,
    count_b        integer NOT NULL DEFAULT 0,
    not_public     integer NOT NULL DEFAULT 0,
    authorities    integer NOT NULL DEFAULT 0,
    PRIMARY KEY (dataset, audience, period, geo, country_code, region_code, authority_code, filters)
);

-- The quarter the series was counted through: a new quarter adds a period to every pilot
-- still in its phase, so the counts are made again from the records.
CREATE TABLE statistics_state (counted_through text NOT NULL);
INSERT INTO statistics_state VALUES ('');

CREATE FUNCTION statistics_units_now(changed uuid[]) RETURNS SETOF statistics_units LANGUAGE sql STABLE AS $$
    SELECT DISTINCT p.id, a.code, a.region_code, a.country_code, sharing_tier(p.sharing_level), t.kind::text,
           p.phase::text, COALESCE(pr.name, 'No provider recorded')
    FROM pilots p
    JOIN tools t ON t.id = p.tool_id
    LEFT JOIN providers pr ON pr.id = t.provider_id
    CROSS JOIN LATERAL unnest(pilot_owners(p.id, p.lead_authority)) AS owner(code)
    JOIN authorities a ON a.code = owner.code
    WHERE p.id = ANY (changed) AND p.deleted_at IS NULL
$$;

CREATE FUNCTION statistics_spells_now(changed uuid[]) RETURNS SETOF statistics_spells LANGUAGE sql STABLE AS $$
    SELECT pc.pilot_id, pc.phase::text, pc.effective_on,
           lead(pc.effective_on) OVER (PARTITION BY pc.pilot_id ORDER BY pc.effective_on, pc.seq)
    FROM phase_changes pc JOIN pilots p ON p.id = pc.pilot_id
    WHERE pc.pilot_id = ANY (changed) AND p.deleted_at IS NULL
$$;

-- What a completed assessment shows was done: its kind, each ethics principle and each safeguard.
-- The governance statistics, kept or counted from the records, read practices through this alone.
CREATE FUNCTION assessment_practices(kind text, principles text[], safeguards text[])
    RETURNS TABLE (practice_group text, practice text) LANGUAGE sql IMMUTABLE AS $$
    SELECT 'assessment', kind
    UNION ALL SELECT 'ethics_principle', unnest(principles)
    UNION ALL SELECT 'safeguard', unnest(safeguards)
$$;

CREATE FUNCTION statistics_practices_now(changed uuid[]) RETURNS SETOF statistics_practices LANGUAGE sql STABLE AS $$
    SELECT a.pilot_id, done.practice_group, done.practice,
           min(sharing_tier(a.sharing_level)), min(sharing_tier(a.sharing_level)) FILTER (WHERE a.sharing_level <> 'public')
    FROM assessments a
    JOIN pilots p ON p.id = a.pilot_id
    CROSS JOIN LATERAL assessment_practices(a.kind::text, a.principles, a.safeguards) done
    WHERE a.pilot_id = ANY (changed) AND p.deleted_at IS NULL AND a.deleted_at IS NULL AND a.status = 'completed'
    GROUP BY a.pilot_id, done.practice_group, done.practice
$$;

CREATE FUNCTION statistics_evidence_now(changed uuid[]) RETURNS SETOF statistics_evidence LANGUAGE sql STABLE AS $$
    SELECT e.pilot_id, min(sharing_tier(e.sharing_level)),
           min(sharing_tier(e.sharing_level)) FILTER (WHERE e.evaluator <> 'provider')
    FROM evaluations e JOIN pilots p ON p.id = e.pilot_id
    WHERE e.pilot_id = ANY (changed) AND p.deleted_at IS NULL AND e.deleted_at IS NULL
      AND e.status IN ('under_way', 'completed')
    GROUP BY e.pilot_id
$$;

-- Brings the counts up to every change committed before it took the lock; returns how many
-- pilots it counted again. The pilots' facts now are read once, into arrays, so the counts and
-- the facts kept for the next fold are the same facts even if a write commits meanwhile (its
-- note stays, and the next fold counts that pilot again).
-- Without JIT and with plans kept: compiling the statement for the planner's guess at its size
-- took seconds, and planning it afresh 15 ms, where folding one pilot takes 2 to 4 ms.
CREATE FUNCTION fold_statistics() RETURNS integer LANGUAGE plpgsql
SET jit = off SET plan_cache_mode = force_generic_plan AS $$
DECLARE
    through text := extract(year FROM current_date) || '-Q' || extract(quarter FROM current_date);
    changed uuid[];
    units_now statistics_units[];
    spells_now statistics_spells[];
    practices_now statistics_practices[];
    evidence_now statistics_evidence[];
    crossings statistics_counts[];
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('fold_statistics'));
    IF (SELECT counted_through FROM statistics_state) IS DISTINCT FROM through THEN
        DELETE FROM statistics_changes;
        TRUNCATE statistics_counts, statistics_units, statistics_spells, statistics_practices, statistics_evidence;
        UPDATE statistics_state SET counted_through = through;
        SELECT array_agg(id) INTO changed FROM pilots;
    ELSE
        WITH taken AS (DELETE FROM statistics_changes RETURNING pilot_id)
        SELECT array_agg(DISTINCT pilot_id) INTO changed FROM taken;
    END IF;
    IF changed IS NULL THEN
        RETURN 0;
    END IF;
    SELECT array_agg(u) INTO units_now FROM statistics_units_now(changed) u;
    SELECT array_agg(s) INTO spells_now FROM statistics_spells_now(changed) s;
    SELECT array_agg(x) INTO practices_now FROM statistics_practices_now(changed) x;
    SELECT array_agg(x) INTO evidence_now FROM statistics_evidence_now(changed) x;

    -- A pilot counts for every audience from its own tier up.
    WITH units AS (
        SELECT u.*, audience FROM (
            SELECT 1 AS sign, * FROM unnest(units_now)
            UNION ALL SELECT -1, * FROM statistics_units WHERE pilot_id = ANY (changed)) u
        JOIN (VALUES (0), (1), (2)) AS audiences (audience) ON audience >= u.tier
    ),
    spells AS (
        SELECT 1 AS sign, * FROM unnest(spells_now)
        UNION ALL SELECT -1, * FROM statistics_spells WHERE pilot_id = ANY (changed)
    ),
    quarters AS (
        SELECT extract(year FROM start)::int || '-Q' || extract(quarter FROM start)::int AS period,
               LEAST((start + interval '3 months' - interval '1 day')::date, current_date) AS day
        FROM generate_series(date '2023-01-01', current_date, interval '3 months') AS start
    ),
    quarterly AS (
        SELECT q.period, u.*, s.phase AS spell_phase
        FROM quarters q
        JOIN spells s ON s.since <= q.day AND (s.until IS NULL OR s.until > q.day)
        JOIN units u ON u.pilot_id = s.pilot_id AND u.sign = s.sign
    ),
    practices AS (
        SELECT 1 AS sign, * FROM unnest(practices_now)
        UNION ALL SELECT -1, * FROM statistics_practices WHERE pilot_id = ANY (changed)
    ),
    -- Every live pilot against every practice: whether the audience sees it done, and whether
    -- what it sees is public (the pilot, and every assessment it sees showing the practice).
    governed AS (
        SELECT u.sign, u.audience, u.pilot_id, u.tier, u.kind, u.authority_code, u.region_code, u.country_code,
               c.practice_group, c.practice, pr.tier <= u.audience AS has_practice,
               u.tier = 0 AND (pr.tier IS NULL OR pr.tier > u.audience OR pr.nonpublic_tier IS NULL
                               OR pr.nonpublic_tier > u.audience) AS is_public
        FROM units u
        CROSS JOIN statistics_practice_catalogue c
        LEFT JOIN practices pr ON pr.pilot_id = u.pilot_id AND pr.sign = u.sign
                              AND pr.practice_group = c.practice_group AND pr.practice = c.practice
        WHERE u.phase IN ('pilot', 'implemented', 'fully_established')
    ),
    evidence AS (
        SELECT 1 AS sign, * FROM unnest(evidence_now)
        UNION ALL SELECT -1, * FROM statistics_evidence WHERE pilot_id = ANY (changed)
    ),
    rolled_out AS (
        SELECT u.*, COALESCE(e.evaluated_tier <= u.audience, false) AS evaluated,
               COALESCE(e.evaluated_tier <= u.audience, false)
                   AND NOT COALESCE(e.beyond_provider_tier <= u.audience, false) AS provider_only
        FROM units u LEFT JOIN evidence e ON e.pilot_id = u.pilot_id AND e.sign = u.sign
        WHERE u.phase IN ('implemented', 'fully_established')
    ),
    -- Each row's change: pilots in it now less pilots in it as last counted.
    deltas AS (
        SELECT 'adoption' AS dataset, audience, '' AS period, GROUPING(region_code, authority_code) AS geo,
               country_code, region_code, authority_code, ARRAY[CASE WHEN GROUPING(kind) = 1 THEN 'Total' ELSE kind END, CASE WHEN GROUPING(phase) = 1 THEN 'Total' ELSE phase END] AS filters,
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0) AS pilots,
               0 AS count_a, 0 AS count_b,
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0 AND tier > 0)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0 AND tier > 0) AS not_public
        FROM units
        GROUP BY audience, country_code, GROUPING SETS ((), (region_code), (region_code, authority_code)), CUBE (kind, phase)
        UNION ALL
        SELECT 'adoption_by_provider', audience, '', GROUPING(region_code, authority_code), country_code, region_code,
               authority_code, ARRAY[CASE WHEN GROUPING(provider) = 1 THEN 'Total' ELSE provider END],
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0), 0, 0,
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0 AND tier > 0)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0 AND tier > 0)
        FROM units
        GROUP BY audience, country_code, GROUPING SETS ((), (region_code), (region_code, authority_code)), ROLLUP (provider)
        UNION ALL
        SELECT 'adoption_time_series', audience, period, GROUPING(region_code, authority_code), country_code, region_code,
               authority_code, ARRAY[CASE WHEN GROUPING(kind) = 1 THEN 'Total' ELSE kind END, CASE WHEN GROUPING(spell_phase) = 1 THEN 'Total' ELSE spell_phase END],
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0), 0, 0,
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0 AND tier > 0)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0 AND tier > 0)
        FROM quarterly
        GROUP BY period, audience, country_code, GROUPING SETS ((), (region_code), (region_code, authority_code)), CUBE (kind, spell_phase)
        UNION ALL
        SELECT 'governance', audience, '', GROUPING(region_code, authority_code), country_code, region_code,
               authority_code, ARRAY[CASE WHEN GROUPING(kind) = 1 THEN 'Total' ELSE kind END, CASE WHEN GROUPING(practice_group) = 1 THEN 'Total' ELSE practice_group END, CASE WHEN GROUPING(practice) = 1 THEN 'Total' ELSE practice END],
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0),
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0 AND has_practice)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0 AND has_practice),
               0,
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0 AND NOT is_public)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0 AND NOT is_public)
        FROM governed
        GROUP BY audience, country_code, GROUPING SETS ((), (region_code), (region_code, authority_code)), ROLLUP (kind),
                 GROUPING SETS ((practice_group, practice), (practice_group), ())
        UNION ALL
        SELECT 'unevaluated_rollouts', audience, '', GROUPING(region_code, authority_code), country_code, region_code,
               authority_code, ARRAY[CASE WHEN GROUPING(kind) = 1 THEN 'Total' ELSE kind END],
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0),
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0 AND NOT evaluated)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0 AND NOT evaluated),
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0 AND provider_only)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0 AND provider_only),
               count(DISTINCT pilot_id) FILTER (WHERE sign > 0 AND tier > 0)
                   - count(DISTINCT pilot_id) FILTER (WHERE sign < 0 AND tier > 0)
        FROM rolled_out
        GROUP BY audience, country_code, GROUPING SETS ((), (region_code), (region_code, authority_code)), ROLLUP (kind)
    ),
    counted AS (
        INSERT INTO statistics_counts AS kept (
            dataset, audience, period, geo, country_code, region_code, authority_code, filters,
            pilots, count_a, count_b, not_public)
        SELECT dataset, audience, period, geo, country_code, COALESCE(region_code, ''), COALESCE(authority_code, ''),
               filters, pilots, count_a, count_b, not_public
        FROM deltas WHERE pilots <> 0 OR count_a <> 0 OR count_b <> 0 OR not_public <> 0
        ON CONFLICT (dataset, audience, period, geo, country_code, region_code, authority_code, filters)
        DO UPDATE SET pilots = kept.pilots + EXCLUDED.pilots, count_a = kept.count_a + EXCLUDED.count_a,
                      count_b = kept.count_b + EXCLUDED.count_b, not_public = kept.not_public + EXCLUDED.not_public
    )
    -- Local-authority rows that begin or cease to count anything change their region's and
    -- country's number of authorities. This reads the counts as they were before the insert.
    SELECT array_agg(ROW(d.dataset, d.audience, d.period, 0, d.country_code, COALESCE(d.region_code, ''), '', d.filters,
                         0, 0, 0, 0, CASE WHEN COALESCE(k.pilots, 0) > 0 THEN -1 ELSE 1 END)::statistics_counts)
    INTO crossings
    FROM deltas d
    LEFT JOIN statistics_counts k
      ON k.dataset = d.dataset AND k.audience = d.audience AND k.period = d.period AND k.geo = 0
     AND k.country_code = d.country_code AND k.region_code = COALESCE(d.region_code, '')
     AND k.authority_code = d.authority_code AND k.filters = d.filters
    WHERE d.geo = 0 AND d.pilots <> 0 AND (COALESCE(k.pilots, 0) > 0) <> (COALESCE(k.pilots, 0) + d.pilots > 0);

    INSERT INTO statistics_counts AS kept
    SELECT x.dataset, x.audience, x.period, parent.geo, x.country_code, parent.region_code, '', x.filters, 0, 0, 0, 0,
           sum(x.authorities)
    FROM unnest(crossings) x
    CROSS JOIN LATERAL (VALUES (1::smallint, x.region_code), (3::smallint, '')) AS parent(geo, region_code)
    GROUP BY x.dataset, x.audience, x.period, parent.geo, x.country_code, parent.region_code, x.filters
    ON CONFLICT (dataset, audience, period, geo, country_code, region_code, authority_code, filters)
    DO UPDATE SET authorities = kept.authorities + EXCLUDED.authorities;

    DELETE FROM statistics_units WHERE pilot_id = ANY (changed);
    INSERT INTO statistics_units SELECT * FROM unnest(units_now);
    DELETE FROM statistics_spells WHERE pilot_id = ANY (changed);
    INSERT INTO statistics_spells SELECT * FROM unnest(spells_now);
    DELETE FROM statistics_practices WHERE pilot_id = ANY (changed);
    INSERT INTO statistics_practices SELECT * FROM unnest(practices_now);
    DELETE FROM statistics_evidence WHERE pilot_id = ANY (changed);
    INSERT INTO statistics_evidence SELECT * FROM unnest(evidence_now);
    RETURN cardinality(changed);
END $$;

-- Notes the pilots a statement touched, in plain SQL so that each table's trigger keeps its
-- plans. A pilot's update is noted only when it changes what is counted (its tool, lead,
-- sharing, phase or deletion), not its title, say, or the version a child record raises; a
-- kept table that counts another of its columns must add it here.
CREATE FUNCTION note_pilot_statistics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO statistics_changes SELECT id FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO statistics_changes SELECT id FROM old_rows;
    ELSE
        INSERT INTO statistics_changes
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.tool_id, n.lead_authority, n.sharing_level, n.phase, n.deleted_at)
              IS DISTINCT FROM (o.tool_id, o.lead_authority, o.sharing_level, o.phase, o.deleted_at);
    END IF;
    RETURN NULL;
END $$;

-- The same for the records that hang off a pilot: participants, phase changes, assessments
-- and evaluations.
CREATE FUNCTION note_pilot_record_statistics() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO statistics_changes SELECT DISTINCT pilot_id FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO statistics_changes SELECT DISTINCT pilot_id FROM old_rows;
    ELSE
        INSERT INTO statistics_changes SELECT pilot_id FROM new_rows UNION SELECT pilot_id FROM old_rows;
    END IF;
    RETURN NULL;
END $$;

-- A tool's kind or provider, a provider's name and an authority's region are facts of every
-- pilot that uses them; a change to anything else about them (a tool's description) notes none.
CREATE FUNCTION note_statistics_change_through() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    CASE TG_TABLE_NAME
    WHEN 'tools' THEN
        INSERT INTO statistics_changes
        SELECT p.id FROM pilots p WHERE p.tool_id IN (
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.kind, n.provider_id) IS DISTINCT FROM (o.kind, o.provider_id));
    WHEN 'providers' THEN
        INSERT INTO statistics_changes
        SELECT p.id FROM pilots p JOIN tools t ON t.id = p.tool_id WHERE t.provider_id IN (
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name);
    WHEN 'authorities' THEN
        -- A new code reaches pilots and participants by cascade, and their own triggers.
        WITH moved AS (
            SELECT n.code FROM new_rows n JOIN old_rows o ON o.code = n.code
            WHERE (n.region_code, n.country_code) IS DISTINCT FROM (o.region_code, o.country_code))
        INSERT INTO statistics_changes
        SELECT p.id FROM pilots p WHERE p.lead_authority IN (SELECT code FROM moved)
        UNION SELECT pp.pilot_id FROM pilot_participants pp WHERE pp.authority_code IN (SELECT code FROM moved);
    END CASE;
    RETURN NULL;
END $$;

DO $$
DECLARE
    tracked text[];
    parent text;
BEGIN
    FOREACH tracked SLICE 1 IN ARRAY ARRAY[
        ['pilots', 'note_pilot_statistics'], ['pilot_participants', 'note_pilot_record_statistics'],
        ['phase_changes', 'note_pilot_record_statistics'], ['assessments', 'note_pilot_record_statistics'],
        ['evaluations', 'note_pilot_record_statistics']
    ] LOOP
        EXECUTE format(
            'CREATE TRIGGER note_statistics_insert AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %I()', tracked[1], tracked[2]);
        EXECUTE format(
            'CREATE TRIGGER note_statistics_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %I()', tracked[1], tracked[2]);
        EXECUTE format(
            'CREATE TRIGGER note_statistics_delete AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION %I()', tracked[1], tracked[2]);
    END LOOP;
    FOREACH parent IN ARRAY ARRAY['tools', 'providers', 'authorities'] LOOP
        EXECUTE format(
            'CREATE TRIGGER note_statistics_update AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION note_statistics_change_through()', parent);
    END LOOP;
END $$;

-- The records already held are counted now, not by the first reader.
SELECT fold_statistics();
