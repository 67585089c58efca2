#!/usr/bin/env bash
# The README's first command (via ./forewarn demo): a private Mosquitto with Forewarn's broker settings,
# the gateway, and the simulator replaying a fleet's last two days at 720x, so degrading devices show up
# within minutes. Prints where to look; Ctrl-C stops everything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="0.1.0-SNAPSHOT"
MQTT_PORT="${FOREWARN_DEMO_MQTT_PORT:-1884}"
HTTP_PORT="${FOREWARN_HTTP_PORT:-8081}"
DEVICES="${FOREWARN_DEMO_DEVICES:-300}"
SPAN="${FOREWARN_DEMO_SPAN:-2d}"
SPEED="${FOREWARN_DEMO_SPEED:-720}"
RUN="$ROOT/target/demo"
mkdir -p "$RUN"
DB_URL="${FOREWARN_DB_URL}"
PSQL=(psql -X -q -t -A "$(printf '%s' "$DB_URL" | sed 's#^jdbc:##')")

pids=()
cleanup() {
  trap - EXIT INT TERM
  echo
  echo "demo: stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "demo: stopped. Logs are in $RUN"
}
trap cleanup EXIT INT TERM

# 1. A private broker with the project's settings (persistence, no silent queue limit).
cat "$ROOT/config/mosquitto/forewarn.conf" > "$RUN/mosquitto.conf"
cat >> "$RUN/mosquitto.conf" <<CONF
listener $MQTT_PORT 127.0.0.1
allow_anonymous true
persistence_location $RUN/
log_dest file $RUN/mosquitto.log
user root
CONF
mosquitto -c "$RUN/mosquitto.conf" > "$RUN/mosquitto.out" 2>&1 &
pids+=($!)

# 2. The gateway; the replayed fleet sends timestamps up to $SPAN old, so accept that much.
FOREWARN_MQTT_URI="tcp://127.0.0.1:$MQTT_PORT" FOREWARN_HTTP_PORT="$HTTP_PORT" FOREWARN_TS_MAX_AGE=35d \
  FOREWARN_MQTT_CLIENT_ID="forewarn-demo-gateway" \
  java ${FOREWARN_JAVA_OPTS:-} -jar "$ROOT/gateway/target/forewarn-gateway-$VERSION.jar" > "$RUN/gateway.log" 2>&1 &
pids+=($!)
echo -n "demo: waiting for the gateway"
for _ in $(seq 1 60); do
  if curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1; then break; fi
  echo -n "."; sleep 1
done
echo
curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null || { echo "demo: gateway not healthy, see $RUN/gateway.log"; tail -20 "$RUN/gateway.log"; exit 1; }

cat <<MSG

  Forewarn demo is running.
    broker     tcp://127.0.0.1:$MQTT_PORT   (devices publish to devices/<id>/telemetry)
    health     http://127.0.0.1:$HTTP_PORT/health
    metrics    http://127.0.0.1:$HTTP_PORT/metrics
    database   psql ${DB_URL#jdbc:}
               e.g. SELECT count(*) FROM telemetry;  SELECT reason, count(*) FROM rejected_messages GROUP BY 1;
    logs       $RUN/

  Replaying $DEVICES devices over the last $SPAN at ${SPEED}x, with injected faults. Ctrl-C stops.

MSG

# 3. The fleet, in accelerated time (the simulator registers devices and customers and records ground truth).
java -jar "$ROOT/simulator/target/forewarn-simulator-$VERSION.jar" accelerated \
  --devices "$DEVICES" --span "$SPAN" --speed "$SPEED" --mqtt-uri "tcp://127.0.0.1:$MQTT_PORT" \
  --db-url "$DB_URL" --progress 10s > "$RUN/simulator.log" 2>&1 &
SIM=$!
pids+=($SIM)

status() {
  local rows rejects devices ack
  rows=$("${PSQL[@]}" -c "SELECT count(*) FROM telemetry" 2>/dev/null || echo "?")
  rejects=$("${PSQL[@]}" -c "SELECT count(*) FROM rejected_messages" 2>/dev/null || echo "?")
  devices=$("${PSQL[@]}" -c "SELECT count(*) FROM devices" 2>/dev/null || echo "?")
  metrics=$(curl -fs "http://127.0.0.1:$HTTP_PORT/metrics")
  ack=$(awk '/^forewarn_gateway_messages_acknowledged_total/ {printf "%d", $2}' <<< "$metrics")
  # A re-run with the same seed replays samples already stored: they are skipped, not stored twice.
  dup=$(awk '/^forewarn_gateway_rows_duplicate_total/ {printf "%d", $2}' <<< "$metrics")
  printf 'demo: %s  telemetry rows %s | devices %s | rejected %s | acknowledged %s (already stored: %s) | simulator: %s\n' \
    "$(date +%H:%M:%S)" "$rows" "$devices" "$rejects" "${ack:-0}" "${dup:-0}" "$(tail -1 "$RUN/simulator.log" 2>/dev/null | cut -c1-80)"
}
while kill -0 "$SIM" 2>/dev/null; do
  status
  sleep 10
done
status
echo "demo: the simulator finished its replay; the gateway keeps running until Ctrl-C."
wait "${pids[1]}"
