-- Forewarn schema, part 3: incidents (written by the rules stage), their audit trail, the outbox the
-- notifier consumes, suppressions (maintenance windows and silences) and persisted detector state.

CREATE TABLE incidents (
  id                   bigserial PRIMARY KEY,
  -- What makes two conditions "the same incident": scope + rule, e.g. 'device:1234:boiler-gb24/pressure_low'
  -- or 'region:north/disruption'. At most one open incident per fingerprint (index below).
  fingerprint          text NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('device_problem', 'service_disruption', 'planned_maintenance')),
  rule_id              text NOT NULL,
  scope_type           text NOT NULL CHECK (scope_type IN ('device', 'region', 'site', 'firmware', 'model')),
  scope_value          text NOT NULL,
  device_id            integer REFERENCES devices (id),
  customer_id          bigint REFERENCES customers (id),
  state                text NOT NULL CHECK (state IN ('pending', 'firing', 'resolved')),
  severity             text NOT NULL CHECK (severity IN ('info', 'warning', 'high', 'critical')),
  -- Plain words for people, and a key + parameters for the notifier's templates.
  summary              text NOT NULL,
  summary_key          text NOT NULL,
  details              jsonb NOT NULL DEFAULT '{}'::jsonb,
  predicted_failure_at timestamptz,
  fix_eta              timestamptz,
  -- A device incident absorbed into a service disruption points at it.
  parent_id            bigint REFERENCES incidents (id),
  acknowledged_by      text,
  acknowledged_at      timestamptz,
  silenced_until       timestamptz,
  opened_at            timestamptz NOT NULL,
  firing_at            timestamptz,
  resolved_at          timestamptz,
  updated_at           timestamptz NOT NULL
);
CREATE UNIQUE INDEX incidents_one_open_per_fingerprint ON incidents (fingerprint) WHERE state <> 'resolved';
CREATE INDEX incidents_state ON incidents (state, opened_at);
CREATE INDEX incidents_device ON incidents (device_id, opened_at);
CREATE INDEX incidents_parent ON incidents (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE incident_events (
  id          bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incidents (id),
  at          timestamptz NOT NULL,
  type        text NOT NULL CHECK (type IN ('opened', 'firing', 'updated', 'resolved', 'acknowledged',
                                            'silenced', 'absorbed', 'reopened')),
  actor       text NOT NULL DEFAULT 'rules',
  details     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX incident_events_incident ON incident_events (incident_id, at);

-- Written in the same transaction as the incident change it reports. The notifier claims rows with
-- SELECT ... FOR UPDATE SKIP LOCKED and sets processed_at when it has planned their outreach.
-- payload: {"transition": "opened|updated|resolved", "incident": {...incidents columns...},
--           "previous": {"fix_eta": ..., "severity": ...} (on updated), "affected_device_ids": [...]
--           (service disruptions)}
CREATE TABLE outbox (
  id           bigserial PRIMARY KEY,
  incident_id  bigint NOT NULL REFERENCES incidents (id),
  event_id     bigint REFERENCES incident_events (id),
  transition   text NOT NULL CHECK (transition IN ('opened', 'updated', 'resolved')),
  payload      jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz,
  processed_by text
);
CREATE INDEX outbox_unprocessed ON outbox (id) WHERE processed_at IS NULL;

-- Maintenance windows (planned, may be announced to customers) and operator silences. While one is
-- active for a scope, incidents in it are kept but not notified.
CREATE TABLE suppressions (
  id          bigserial PRIMARY KEY,
  type        text NOT NULL CHECK (type IN ('maintenance', 'silence')),
  scope_type  text NOT NULL CHECK (scope_type IN ('device', 'region', 'site', 'firmware', 'model')),
  scope_value text NOT NULL,
  starts_at   timestamptz NOT NULL,
  ends_at     timestamptz NOT NULL CHECK (ends_at > starts_at),
  reason      text NOT NULL,
  announce    boolean NOT NULL DEFAULT false,
  created_by  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX suppressions_active ON suppressions (scope_type, scope_value, ends_at);

-- Per (device, rule) detector state, persisted so it survives restarts.
CREATE TABLE detector_state (
  device_id  integer NOT NULL REFERENCES devices (id),
  rule_id    text NOT NULL,
  state      bytea NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (device_id, rule_id)
);
