-- Forewarn schema, part 20 (rules stage): the rule sets the rules service judges by. Every version
-- is kept; which one runs is a log of activations, the newest of them winning, so a bad change is
-- rolled back by activating an earlier version again. The rules service stores its rule file on
-- first start (and a file of a new version later) and swaps in each new activation between cycles;
-- the ops API adds versions and activates them. docs/rules.md "Rule sets" has the whole story.

CREATE TABLE rule_sets (
  id         bigserial PRIMARY KEY,
  version    text NOT NULL UNIQUE CHECK (version ~ '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$'),
  -- The rule file (JSON, docs/rules.md) exactly as stored; the rules service parses it with the same
  -- loader as a file and refuses it, keeping the rules it runs, if it does not pass.
  content    text NOT NULL,
  -- Where it came from: the rules jar's default, a FOREWARN_RULES_FILE, the ops API, or written by hand.
  origin     text NOT NULL DEFAULT 'sql' CHECK (origin IN ('jar', 'file', 'api', 'sql')),
  source     text,
  created_by text NOT NULL,
  reason     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The activation log, a chain: each activation names the one it replaces. previous_id is unique and
-- only the first activation has none, so two writers that both read activation N as current cannot
-- both append after it: the second gets a unique violation (the API's optimistic concurrency check).
-- The active rule set is that of the newest activation whose content is valid (the rules service and
-- the API read it the same way); by hand: INSERT ... (rule_set_id, previous_id, activated_by, reason)
-- with previous_id = (SELECT max(id) FROM rule_set_activations).
CREATE TABLE rule_set_activations (
  id           bigserial PRIMARY KEY,
  rule_set_id  bigint NOT NULL REFERENCES rule_sets (id),
  previous_id  bigint UNIQUE REFERENCES rule_set_activations (id),
  activated_by text NOT NULL,
  reason       text NOT NULL,
  activated_at timestamptz NOT NULL DEFAULT now(),
  -- What the rules service made of it: applied (it judges by it now), or refused (not a valid rule
  -- file: problems lists why; the rules before it stay active).
  applied_at   timestamptz,
  refused_at   timestamptz,
  problems     jsonb
);
CREATE UNIQUE INDEX rule_set_activations_one_first ON rule_set_activations ((true)) WHERE previous_id IS NULL;
CREATE INDEX rule_set_activations_rule_set ON rule_set_activations (rule_set_id, id);

-- Wakes the rules service (LISTEN forewarn_rules) at once, whoever activates; it also checks every cycle.
CREATE FUNCTION rule_set_activated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('forewarn_rules', NEW.id::text);
  RETURN NEW;
END
$$;
CREATE TRIGGER rule_set_activations_notify AFTER INSERT ON rule_set_activations
  FOR EACH ROW EXECUTE FUNCTION rule_set_activated();
