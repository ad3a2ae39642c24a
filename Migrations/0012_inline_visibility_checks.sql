-- Cheaper visibility checks, same rules as 0009.
--
-- A SQL function whose body holds a sub-select cannot be inlined, so PostgreSQL ran may_read's
-- body through the function executor once per row read: most of the cost of a page of pilots.
-- Now may_read is a plain expression that PostgreSQL inlines into each query: public, sector
-- and administrator reads are decided without a call, and only a private or network-shared
-- record read by a signed-in authority or network member reaches the sub-select, in
-- may_read_as_owner_or_member.

CREATE FUNCTION may_read_as_owner_or_member(
    level text, owners text[], viewer_authority text, viewer_networks uuid[]
) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT (viewer_authority IS NOT NULL AND viewer_authority = ANY (owners))
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

CREATE OR REPLACE FUNCTION may_read(
    level text, owners text[], viewer_role text, viewer_authority text, viewer_networks uuid[]
) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT level = 'public'
        OR viewer_role = 'admin'
        OR (level = 'sector' AND viewer_role <> 'anonymous')
        OR (level IN ('private', 'network')
            AND (viewer_authority IS NOT NULL OR cardinality(viewer_networks) > 0)
            AND may_read_as_owner_or_member(level, owners, viewer_authority, viewer_networks))
$$;
