-- Forewarn schema, part 21 (rules stage): state of the rules stage that belongs to no single device.
-- The firmware comparison (rule file fleet.cohort, docs/rules-evaluation.md) keeps, per rule and firmware,
-- the open bucket's sums, its CUSUM and whether it holds the firmware's disruption, plus its own clock.
-- Written in the same transaction as the incidents and detector_state of a cycle, so a restart neither
-- loses a finding nor opens its disruption twice.

CREATE TABLE fleet_state (
  -- e.g. 'cohort:boiler-gb24/flame_signal_drift@1.9.2', 'cohort:_clock'
  key        text PRIMARY KEY,
  state      bytea NOT NULL,
  updated_at timestamptz NOT NULL
);
