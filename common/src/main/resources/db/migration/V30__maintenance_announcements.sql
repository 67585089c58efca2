-- Planned maintenance announced to customers. Operations declare a window as a suppressions row
-- (type 'maintenance', announce = true; the rules stage already keeps it from raising incidents in
-- that scope). The notifier turns each such window into a planned_maintenance incident with outbox
-- rows (opened ahead of the start, updated when the window moves, resolved when it ends), so the
-- announcement goes through the same planner, unique delivery keys and delivery loop as any other
-- outreach. One row per announced window; the primary key is what stops two notifier instances
-- from announcing the same window twice.
CREATE TABLE maintenance_announcements (
  suppression_id bigint PRIMARY KEY REFERENCES suppressions (id),
  incident_id    bigint NOT NULL UNIQUE REFERENCES incidents (id),
  -- The window as last told to customers; the suppression row moving away from it means an update.
  window_start   timestamptz NOT NULL,
  window_end     timestamptz NOT NULL,
  announced_at   timestamptz NOT NULL,
  announced_by   text NOT NULL,
  resolved_at    timestamptz
);
CREATE INDEX maintenance_announcements_open ON maintenance_announcements (suppression_id) WHERE resolved_at IS NULL;
