-- Forewarn schema, part 2: ground truth of simulator runs. The rules stage scores its detectors
-- against sim_faults; docs/simulator.md describes every fault kind and its failure limits.
CREATE TABLE sim_runs (
  run_id        text PRIMARY KEY,
  mode          text NOT NULL CHECK (mode IN ('live', 'accelerated', 'history')),
  seed          bigint NOT NULL,
  devices       integer NOT NULL,
  window_start  timestamptz NOT NULL,
  window_end    timestamptz NOT NULL,
  settings      text NOT NULL,
  started_at    timestamptz NOT NULL DEFAULT now(),
  finished_at   timestamptz,
  samples_sent  bigint,
  summary       text
);

CREATE TABLE sim_faults (
  run_id           text NOT NULL REFERENCES sim_runs (run_id) ON DELETE CASCADE,
  device_id        integer NOT NULL REFERENCES devices (id),
  fault_kind       text NOT NULL,
  onset            timestamptz NOT NULL,
  -- When the customer would notice; NULL for kinds that never fail (noisy_healthy).
  failure_at       timestamptz,
  -- Repair or power back; NULL when outside the run.
  ends_at          timestamptz,
  predictable      boolean NOT NULL,
  affected_metrics text[] NOT NULL,
  detail           text NOT NULL DEFAULT '',
  PRIMARY KEY (run_id, device_id, fault_kind, onset)
);
CREATE INDEX sim_faults_device ON sim_faults (device_id, onset);
