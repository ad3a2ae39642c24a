-- The trail also keeps acts that change no one record: reading statistics with small numbers
-- unsuppressed (DfE's own analysis, never published) and taking the demonstration data out.
-- They name what they touched in `after` and have no resource id.

ALTER TABLE audit_events DROP CONSTRAINT audit_events_action_check;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_action_check
    CHECK (action IN ('create', 'update', 'delete', 'phase_change', 'read_unsuppressed', 'remove_demo'));
ALTER TABLE audit_events ALTER COLUMN resource_id DROP NOT NULL;
ALTER TABLE audit_events ADD CONSTRAINT audit_events_record_has_id
    CHECK (resource_id IS NOT NULL OR action IN ('read_unsuppressed', 'remove_demo'));
