-- Forewarn schema, part 4: the notifier. What each customer wants, every message we planned and
-- every attempt to send it, the helpdesk tickets we opened, and what customers sent back.

-- Absent row = defaults: SMS then email, quiet hours 22:00-08:00 local, no opt-outs, 3 a day.
CREATE TABLE customer_contact_preferences (
  customer_id   bigint PRIMARY KEY REFERENCES customers (id),
  channel_order text[] NOT NULL DEFAULT ARRAY['sms', 'email']
                CHECK (channel_order <@ ARRAY['sms', 'email']),
  -- Both NULL = no quiet hours. Read in the customer's customers.time_zone.
  quiet_start   time DEFAULT '22:00',
  quiet_end     time DEFAULT '08:00',
  opted_out     text[] NOT NULL DEFAULT ARRAY[]::text[] CHECK (opted_out <@ ARRAY['sms', 'email']),
  daily_cap     integer NOT NULL DEFAULT 3 CHECK (daily_cap >= 1),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CHECK ((quiet_start IS NULL) = (quiet_end IS NULL) AND (quiet_start IS NULL OR quiet_start <> quiet_end))
);

-- Every planned message. The unique key makes planning idempotent: a replayed outbox row or a
-- second notifier instance inserts nothing new (ON CONFLICT DO NOTHING). Tickets have no
-- customer; NULLS NOT DISTINCT keeps them unique too. kind = the delivery key after the customer
-- ('opened', 'updated/<revision>', 'resolved'); a fallback channel gets its own row.
CREATE TABLE deliveries (
  id              bigserial PRIMARY KEY,
  incident_id     bigint NOT NULL REFERENCES incidents (id),
  customer_id     bigint REFERENCES customers (id),
  channel         text NOT NULL CHECK (channel IN ('sms', 'email', 'ticket', 'none')),
  kind            text NOT NULL,
  delivery_key    text NOT NULL,
  outbox_id       bigint NOT NULL REFERENCES outbox (id),
  template        text NOT NULL CHECK (template IN ('opened', 'updated', 'resolved')),
  fallbacks       text[] NOT NULL DEFAULT ARRAY[]::text[],
  gesture_key     text,
  survey_kind     text,
  status          text NOT NULL CHECK (status IN ('planned', 'scheduled', 'sending', 'sent', 'delivered',
                                                  'failed', 'cancelled', 'suppressed', 'unknown')),
  reason          text,
  scheduled_for   timestamptz NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  provider_id     text,
  -- What the message told the customer; the next "meaningful change" is judged against it.
  stated_eta      timestamptz,
  stated_severity text,
  last_error      text,
  sending_since   timestamptz,
  claimed_by      text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT deliveries_one_per_step UNIQUE NULLS NOT DISTINCT (incident_id, customer_id, channel, kind)
);
CREATE INDEX deliveries_due ON deliveries (channel, scheduled_for) WHERE status = 'scheduled';
CREATE INDEX deliveries_in_flight ON deliveries (sending_since) WHERE status = 'sending';
CREATE INDEX deliveries_customer ON deliveries (customer_id, created_at);
CREATE INDEX deliveries_provider ON deliveries (provider_id) WHERE provider_id IS NOT NULL;

CREATE TABLE delivery_attempts (
  id          bigserial PRIMARY KEY,
  delivery_id bigint NOT NULL REFERENCES deliveries (id),
  attempt     integer NOT NULL,
  started_at  timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  outcome     text NOT NULL CHECK (outcome IN ('sent', 'retry', 'permanent', 'skipped', 'reconciled', 'unknown')),
  http_status integer,
  error_code  text,
  detail      text
);
CREATE INDEX delivery_attempts_delivery ON delivery_attempts (delivery_id);

-- One helpdesk ticket per incident (its external_id is the incident id).
CREATE TABLE tickets (
  incident_id bigint PRIMARY KEY REFERENCES incidents (id),
  provider    text NOT NULL,
  ticket_id   text NOT NULL,
  status      text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'solved')),
  solved_by   text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- STOP/START by phone number: a number may outlive its customer record, and Twilio blocks by number.
CREATE TABLE sms_opt_outs (
  phone      text PRIMARY KEY,
  keyword    text NOT NULL,
  source     text NOT NULL CHECK (source IN ('inbound', 'provider')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inbound_messages (
  id           bigserial PRIMARY KEY,
  provider     text NOT NULL,
  provider_id  text NOT NULL,
  from_address text NOT NULL,
  body         text NOT NULL,
  intent       text NOT NULL,
  customer_id  bigint REFERENCES customers (id),
  received_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (provider, provider_id)
);

CREATE TABLE survey_answers (
  id          bigserial PRIMARY KEY,
  incident_id bigint NOT NULL REFERENCES incidents (id),
  customer_id bigint NOT NULL REFERENCES customers (id),
  inbound_id  bigint NOT NULL REFERENCES inbound_messages (id),
  survey_kind text NOT NULL,
  score       integer NOT NULL,
  comment     text,
  answered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (incident_id, customer_id)
);
