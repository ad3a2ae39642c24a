-- Who may read what, in one place: every read of a pilot, a pilot's record, a single view or a
-- contact filters through these functions, so lists, counts, filters and single reads agree.
--
-- A record shared at level
--   private  is read by its own authorities (for a pilot: the lead and every participant);
--   network  also by the members of any network its authorities belong to (regions included);
--   sector   also by every signed-in user, DfE's analysts included;
--   public   by anyone.
-- Administrators read everything. Network members read on behalf of their networks.

CREATE FUNCTION may_read(
    level text, owners text[], viewer_role text, viewer_authority text, viewer_networks uuid[]
) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT level = 'public'
        OR viewer_role = 'admin'
        OR (level = 'sector' AND viewer_role <> 'anonymous')
        OR (viewer_authority IS NOT NULL AND viewer_authority = ANY (owners))
        OR (level = 'network' AND EXISTS (
                SELECT 1
                FROM network_members shared
                JOIN networks n ON n.id = shared.network_id AND n.deleted_at IS NULL
                WHERE shared.authority_code = ANY (owners)
                  AND (shared.network_id = ANY (viewer_networks)
                       OR EXISTS (SELECT 1 FROM network_members mine
                                  WHERE mine.network_id = shared.network_id
                                    AND mine.authority_code = viewer_authority))))
$$;

-- A pilot belongs to its lead and every participant.
CREATE FUNCTION pilot_owners(pilot uuid, lead text) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT lead || ARRAY(SELECT authority_code FROM pilot_participants WHERE pilot_id = pilot)
$$;

-- A pilot's record is readable when both the live pilot and the record itself are.
CREATE FUNCTION may_read_pilot_record(
    pilot uuid, level text, viewer_role text, viewer_authority text, viewer_networks uuid[]
) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
        SELECT 1 FROM pilots p
        WHERE p.id = pilot AND p.deleted_at IS NULL
          AND may_read(p.sharing_level, pilot_owners(p.id, p.lead_authority), viewer_role, viewer_authority, viewer_networks)
          AND may_read(level, pilot_owners(p.id, p.lead_authority), viewer_role, viewer_authority, viewer_networks))
$$;
