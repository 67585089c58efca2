-- Forewarn schema, part 11 (ops service): a change number on incidents, so the dashboard's live
-- stream can ask "what changed since N" without trusting clocks (the rules stage writes updated_at
-- in data time, which runs ahead of the wall clock in accelerated simulations). Writers need not
-- know about it: the default numbers new rows, the trigger renumbers every update.
CREATE SEQUENCE incident_change_seq;
ALTER TABLE incidents ADD COLUMN change_seq bigint NOT NULL DEFAULT nextval('incident_change_seq');
CREATE INDEX incidents_change_seq ON incidents (change_seq);

CREATE FUNCTION incident_renumber() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.change_seq := nextval('incident_change_seq');
  RETURN NEW;
END
$$;
CREATE TRIGGER incidents_renumber BEFORE UPDATE ON incidents FOR EACH ROW EXECUTE FUNCTION incident_renumber();
