#!/usr/bin/env bash
# A PostgreSQL cluster of the project's own (port 5433 by default) for fault-injection tests that stop
# and start the database: the machine's main cluster is never touched. Idempotent.
#   scripts/test-cluster.sh ensure|start|stop|status
set -euo pipefail
PG_MAJOR="${FOREWARN_PG_MAJOR:-15}"
NAME="${FOREWARN_TEST_CLUSTER:-forewarn-test}"
PORT="${FOREWARN_TEST_CLUSTER_PORT:-5433}"
CONF="/etc/postgresql/$PG_MAJOR/$NAME/conf.d/50-forewarn-test.conf"

ensure() {
  if ! pg_lsclusters --no-header | awk -v v="$PG_MAJOR" -v n="$NAME" '$1==v && $2==n' | grep -q .; then
    [ "$(id -u)" -eq 0 ] || { echo "test-cluster: creating a cluster needs root" >&2; exit 1; }
    pg_createcluster "$PG_MAJOR" "$NAME" -p "$PORT" -- --auth-local=trust --auth-host=trust >/dev/null
  fi
  if [ ! -f "$CONF" ]; then
    mkdir -p "$(dirname "$CONF")"
    printf "port = %s\nlisten_addresses = '127.0.0.1'\nshared_preload_libraries = 'timescaledb'\ntimescaledb.telemetry_level = off\nfsync = on\n" \
      "$PORT" > "$CONF"
  fi
  start
}
start() {
  pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" "$NAME" start 2>/dev/null || true
  for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p "$PORT" && return 0; sleep 0.2; done
  echo "test-cluster: $NAME did not start on $PORT" >&2; exit 1
}
stop() { pg_ctlcluster --skip-systemctl-redirect "$PG_MAJOR" "$NAME" stop -m fast; }
status() { pg_isready -h 127.0.0.1 -p "$PORT"; }
"${1:-ensure}"
