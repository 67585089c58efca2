-- Forewarn schema, part 10 (ops service): tenants, the tenant of each device and customer, and the
-- API tokens of people. Existing writers (gateway auto-registration, simulator, notifier) do not know
-- about tenants: the defaults put what they write into tenant 1, 'default'. docs/api.md explains
-- how the ops API scopes every query by the caller's tenant.

CREATE TABLE tenants (
  id         integer PRIMARY KEY,
  slug       text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,39}$'),
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO tenants (id, slug, name) VALUES (1, 'default', 'Default tenant');
CREATE SEQUENCE tenants_id_seq START 2 OWNED BY tenants.id;
ALTER TABLE tenants ALTER COLUMN id SET DEFAULT nextval('tenants_id_seq');

ALTER TABLE devices ADD COLUMN tenant_id integer NOT NULL DEFAULT 1 REFERENCES tenants (id);
ALTER TABLE customers ADD COLUMN tenant_id integer NOT NULL DEFAULT 1 REFERENCES tenants (id);
CREATE INDEX devices_tenant ON devices (tenant_id, external_id);
CREATE INDEX customers_tenant ON customers (tenant_id, external_id);

-- Windows created through the API belong to the caller's tenant. NULL = written by a service or by
-- hand for the whole fleet (the rules stage and notifier read suppressions by scope).
ALTER TABLE suppressions ADD COLUMN tenant_id integer REFERENCES tenants (id);
CREATE INDEX suppressions_tenant ON suppressions (tenant_id, ends_at);

-- Only the SHA-256 of a token is stored; the token itself is shown once, when it is created.
CREATE TABLE api_tokens (
  id           bigserial PRIMARY KEY,
  tenant_id    integer NOT NULL REFERENCES tenants (id),
  name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  role         text NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  token_sha256 bytea NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz,
  revoked_at   timestamptz,
  last_used_at timestamptz
);
CREATE INDEX api_tokens_tenant ON api_tokens (tenant_id, created_at);

-- Incidents carry no tenant of their own (the rules stage writes them): a device incident belongs to
-- its device's tenant, a customer incident to the customer's, and a fleet-wide one (a region, site,
-- model or firmware disruption) is visible to every tenant with a device in its scope.
-- Scope values as the rules stage reads them (rules engine Suppression.covers): device = internal id,
-- firmware = 'model@firmware'.
CREATE FUNCTION device_in_scope(d devices, p_scope_type text, p_scope_value text) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE p_scope_type
    WHEN 'device' THEN d.id::text = p_scope_value
    WHEN 'region' THEN d.region = p_scope_value
    WHEN 'site' THEN d.site = p_scope_value
    WHEN 'model' THEN d.model = p_scope_value
    WHEN 'firmware' THEN (d.model || '@' || d.firmware) = p_scope_value
    ELSE false
  END
$$;

CREATE FUNCTION incident_visible(p_device_id integer, p_customer_id bigint, p_scope_type text, p_scope_value text,
    p_tenant integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN p_device_id IS NOT NULL THEN EXISTS (SELECT 1 FROM devices d WHERE d.id = p_device_id AND d.tenant_id = p_tenant)
    WHEN p_customer_id IS NOT NULL THEN EXISTS (SELECT 1 FROM customers c WHERE c.id = p_customer_id AND c.tenant_id = p_tenant)
    ELSE EXISTS (SELECT 1 FROM devices d WHERE d.tenant_id = p_tenant AND device_in_scope(d, p_scope_type, p_scope_value))
  END
$$;

-- May this tenant change the incident? Only when it is the tenant's alone: a disruption that also
-- covers another tenant's devices is visible to both but changed by neither through the API.
CREATE FUNCTION incident_owned(p_device_id integer, p_customer_id bigint, p_scope_type text, p_scope_value text,
    p_tenant integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT incident_visible(p_device_id, p_customer_id, p_scope_type, p_scope_value, p_tenant)
     AND (p_device_id IS NOT NULL OR p_customer_id IS NOT NULL
          OR NOT EXISTS (SELECT 1 FROM devices d WHERE d.tenant_id <> p_tenant
                         AND device_in_scope(d, p_scope_type, p_scope_value)))
$$;
