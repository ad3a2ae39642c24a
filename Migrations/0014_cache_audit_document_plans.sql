-- audit_document as PL/pgSQL. As an SQL function it was planned again inside every statement
-- that called it, all ten branches each time: 1.9 ms of every audited write at national scale
-- (pg_stat_statements under a load of pilot creations), more than the write itself. PL/pgSQL
-- plans the branch a call takes once per session and keeps the plan. Same documents as before.

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
