#!/usr/bin/env bash
# Installs what a fresh machine of this kind lacks for Forewarn, idempotently:
#   1. PostgreSQL 15 running (started if stopped),
#   2. TimescaleDB (Apache edition) built from Debian's source package and preloaded,
#   3. ingest-friendly PostgreSQL settings (larger shared_buffers and max_wal_size; FOREWARN_PG_TUNE=0 skips),
#   4. the `forewarn` role and database with the extension,
#   5. Chromium and its WebDriver (Debian packages) for the dashboard's browser test.
# Every step is skipped when already done, so a second run takes about a second.
# Users with their own TimescaleDB (managed service, Docker image) skip this script and set
# FOREWARN_DB_URL instead.
set -euo pipefail

PG_MAJOR="${FOREWARN_PG_MAJOR:-15}"
PG_CONFIG="/usr/lib/postgresql/${PG_MAJOR}/bin/pg_config"
CONF_DIR="/etc/postgresql/${PG_MAJOR}/main/conf.d"
PRELOAD_CONF="${CONF_DIR}/50-forewarn-timescaledb.conf"
TUNING_CONF="${CONF_DIR}/51-forewarn-ingest.conf"
DB_NAME="${FOREWARN_DB_NAME:-forewarn}"
DB_USER="${FOREWARN_DB_USER:-forewarn}"
SOURCE_SUITE="trixie"

log() { printf '[setup] %s\n' "$*"; }
fail() { printf '[setup] ERROR: %s\n' "$*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}

psql_admin() { PGOPTIONS="-c client_min_messages=warning" as_postgres psql -X -v ON_ERROR_STOP=1 -q "$@"; }

require_root() {
  [ "$(id -u)" -eq 0 ] || fail "step '$1' needs root (run as root, or install TimescaleDB yourself and set FOREWARN_DB_URL)"
}

ensure_postgres_running() {
  command -v pg_lsclusters >/dev/null || fail "PostgreSQL ${PG_MAJOR} is not installed (apt-get install postgresql-${PG_MAJOR})"
  if pg_lsclusters --no-header | awk -v v="$PG_MAJOR" '$1==v && $2=="main" && $4=="online"' | grep -q .; then
    return
  fi
  log "PostgreSQL ${PG_MAJOR}/main is not running: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main start || fail "could not start PostgreSQL ${PG_MAJOR}/main (see /var/log/postgresql/)"
}

timescaledb_installed() {
  [ -x "$PG_CONFIG" ] && ls "$("$PG_CONFIG" --pkglibdir)"/timescaledb*.so >/dev/null 2>&1
}

debian_mirror_uri() {
  # The machine's own mirror, read at run time (never hard-coded).
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
    uri=$(awk '$1=="deb" && $0 !~ /security/ {for (i=2;i<=NF;i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' /etc/apt/sources.list)
  fi
  [ -n "$uri" ] || fail "cannot find a Debian mirror URI in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list"
  printf '%s' "$uri"
}

build_timescaledb() {
  require_root "build TimescaleDB"
  log "installing build dependencies"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "postgresql-server-dev-${PG_MAJOR}" cmake dpkg-dev gcc make >/dev/null

  local work uri
  work=$(mktemp -d /tmp/forewarn-tsdb.XXXXXX)
  uri=$(debian_mirror_uri)
  mkdir -p "$work/lists/partial" "$work/src"
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] ${uri} ${SOURCE_SUITE} main" > "$work/sources.list"
  local apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=-" -o "Dir::State::Lists=$work/lists")
  log "fetching the timescaledb source package (${SOURCE_SUITE})"
  apt-get "${apt_opts[@]}" -o APT::Sandbox::User=root update -qq >/dev/null
  (cd "$work/src" && apt-get "${apt_opts[@]}" -o APT::Sandbox::User=root source -qq timescaledb >/dev/null 2>&1) || fail "apt-get source timescaledb failed"
  local srcdir
  srcdir=$(find "$work/src" -maxdepth 1 -mindepth 1 -type d -name 'timescaledb-*' | head -1)
  [ -n "$srcdir" ] || fail "timescaledb source directory not found after apt-get source"
  log "building $(basename "$srcdir") against PostgreSQL ${PG_MAJOR} (Apache-only)"
  (cd "$srcdir" && ./bootstrap -DPG_CONFIG="$PG_CONFIG" -DAPACHE_ONLY=1 -DREGRESS_CHECKS=OFF -DTAP_CHECKS=OFF \
      -DUSE_TELEMETRY=OFF -DWARNINGS_AS_ERRORS=OFF >"$work/bootstrap.log" 2>&1 \
    && cd build && make -j"$(nproc)" >"$work/make.log" 2>&1 && make install >"$work/install.log" 2>&1) \
    || fail "TimescaleDB build failed; logs in $work"
  rm -rf "$work"
}

# What timescaledb-tune would suggest for an ingest workload, sized for a shared 2-core, 24 GiB
# machine: the default 128 MB of shared buffers cannot hold the hot index pages of 10 000 devices,
# and the default 1 GB max_wal_size forces a checkpoint (and a burst of full-page writes) every
# 25-30 s at 15 000 msg/s. docs/operations.md explains each line.
tuning_conf() {
  cat <<'CONF'
# Written by Forewarn's scripts/setup.sh (FOREWARN_PG_TUNE=0 to leave PostgreSQL as it is).
shared_buffers = 1GB
max_wal_size = 4GB
min_wal_size = 1GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
CONF
}

# Writes the preload and tuning files if they differ from what they should be; restarts once.
ensure_configured() {
  local restart=""
  if ! as_postgres psql -X -tAc "SHOW shared_preload_libraries" 2>/dev/null | grep -q timescaledb; then
    require_root "configure shared_preload_libraries"
    log "adding timescaledb to shared_preload_libraries"
    mkdir -p "$CONF_DIR"
    printf "shared_preload_libraries = 'timescaledb'\ntimescaledb.telemetry_level = off\n" > "$PRELOAD_CONF"
    restart=1
  fi
  if [ "${FOREWARN_PG_TUNE:-1}" != 0 ] && ! cmp -s <(tuning_conf) "$TUNING_CONF" 2>/dev/null; then
    require_root "write PostgreSQL ingest settings"
    log "writing ingest settings to $TUNING_CONF"
    mkdir -p "$CONF_DIR"
    tuning_conf > "$TUNING_CONF"
    restart=1
  fi
  if [ -n "$restart" ]; then
    log "restarting PostgreSQL ${PG_MAJOR}/main"
    pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" main restart || fail "PostgreSQL did not restart (see /var/log/postgresql/)"
  fi
}

ensure_database() {
  if [ "$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = '${DB_USER}'")" != 1 ]; then
    log "creating role ${DB_USER}"
    # CREATEDB so integration tests can create their own throw-away databases.
    psql_admin -c "CREATE ROLE \"${DB_USER}\" LOGIN CREATEDB"
  fi
  if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'")" != 1 ]; then
    log "creating database ${DB_NAME}"
    psql_admin -c "CREATE DATABASE \"${DB_NAME}\" OWNER \"${DB_USER}\""
  fi
  # The extension needs superuser to create; install it in template1 too so test databases have it.
  psql_admin -d "$DB_NAME" -c "CREATE EXTENSION IF NOT EXISTS timescaledb"
  psql_admin -d template1 -c "CREATE EXTENSION IF NOT EXISTS timescaledb"
  local license
  license=$(psql_admin -d "$DB_NAME" -tAc "SHOW timescaledb.license")
  log "ready: database ${DB_NAME}, role ${DB_USER}, timescaledb $(psql_admin -d "$DB_NAME" -tAc \
    "SELECT extversion FROM pg_extension WHERE extname='timescaledb'") (license: ${license})"
}

ensure_chromium() {
  # The ops module's DashboardBrowserIT drives these; Selenium is told their paths, so it downloads nothing.
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    log "Chromium and chromedriver already installed"
    return
  fi
  require_root "install chromium chromium-driver"
  log "installing chromium chromium-driver (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
}

main() {
  ensure_postgres_running
  if timescaledb_installed; then
    log "TimescaleDB already installed"
  else
    build_timescaledb
  fi
  ensure_configured
  ensure_database
  ensure_chromium
}

main "$@"
