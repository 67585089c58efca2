#!/usr/bin/env bash
# Validates docker/ offline (there is no Docker engine on these machines): the compose file with
# docker-compose, Prometheus config and alert rules with promtool, Grafana provisioning and
# dashboards as YAML/JSON, and the Mosquitto config by starting a real broker with it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
D="$ROOT/docker"
log() { printf '[check-docker] %s\n' "$*"; }

need() { # command package
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" -eq 0 ]; then
    log "installing $2 (for $1)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; }
  fi
  command -v "$1" >/dev/null || { log "ERROR: $1 is missing (apt-get install $2)"; exit 1; }
}
need docker-compose docker-compose
need promtool prometheus
need mosquitto mosquitto

docker-compose -f "$D/compose.yaml" config -q
log "compose.yaml: valid ($(docker-compose -f "$D/compose.yaml" config --services | tr '\n' ' '))"

promtool check rules "$D/prometheus/alerts.yml" >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s#/etc/prometheus/alerts.yml#$D/prometheus/alerts.yml#" "$D/prometheus/prometheus.yml" > "$tmp/prometheus.yml"
promtool check config "$tmp/prometheus.yml" >/dev/null
log "prometheus: config and alert rules valid"

python3 - "$D" <<'PY'
import json, pathlib, sys, yaml
d = pathlib.Path(sys.argv[1])
for f in (d / "grafana/provisioning").rglob("*.yml"):
    yaml.safe_load(f.read_text())
for f in (d / "grafana/dashboards").glob("*.json"):
    dash = json.loads(f.read_text())
    assert dash["uid"] and dash["panels"], f"{f}: a dashboard needs a uid and panels"
    for p in dash["panels"]:
        assert p["targets"], f"{f}: panel {p['title']} has no query"
print("[check-docker] grafana: provisioning and dashboards parse")
PY

# The broker config: the same files the compose service mounts, on a free port, must start and answer.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$tmp/include.d" "$tmp/data"
cp "$ROOT/config/mosquitto/forewarn.conf" "$tmp/include.d/"
sed -e "s#/mosquitto/config/include.d#$tmp/include.d#; s#/mosquitto/data/#$tmp/data/#; s#^listener 1883#listener $port 127.0.0.1#" \
    -e "s#/mosquitto/config/passwords#$D/mosquitto/passwords#; s#/mosquitto/config/acl#$D/mosquitto/acl#" \
    "$D/mosquitto/mosquitto.conf" > "$tmp/mosquitto.conf"
echo "user root" >> "$tmp/mosquitto.conf"
mosquitto -c "$tmp/mosquitto.conf" > "$tmp/mosquitto.log" 2>&1 &
broker=$!
ok=0
for _ in $(seq 1 50); do
  if mosquitto_sub -p "$port" -h 127.0.0.1 -u healthcheck -P healthcheck -t '$SYS/broker/uptime' -C 1 -W 2 >/dev/null 2>&1; then ok=1; break; fi
  sleep 0.1
done
kill "$broker" 2>/dev/null || true
wait "$broker" 2>/dev/null || true
[ "$ok" = 1 ] || { log "ERROR: mosquitto did not start with docker/mosquitto/mosquitto.conf:"; cat "$tmp/mosquitto.log"; exit 1; }
log "mosquitto: docker config starts and authenticates"
