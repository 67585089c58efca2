-- Forewarn schema, part 12 (ops service): the transaction that numbered each incident change, so the
-- live stream can hand out changes by commit, not by number. change_seq is taken when a row is
-- written, not when it commits: a change numbered 10 can commit after one numbered 11, and a reader
-- that had moved past 11 would never see it. A stream instead remembers the snapshot of its last
-- poll and hands out the rows whose change_xid became visible since (pg_visible_in_snapshot), which
-- is every committed change exactly once, whatever order the writers commit in (docs/api.md).
-- Rows written before this migration keep change_xid NULL: no open stream can still be waiting for them.
ALTER TABLE incidents ADD COLUMN change_xid xid8;
ALTER TABLE incidents ALTER COLUMN change_xid SET DEFAULT pg_current_xact_id();
CREATE INDEX incidents_change_xid ON incidents (change_xid, id);

CREATE OR REPLACE FUNCTION incident_renumber() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('incident_change_seq');
  NEW.change_xid := pg_current_xact_id();
  RETURN NEW;
END
$$;
