#!/usr/bin/env bash
# The README's first command (via ./forewarn demo): registers a simulated fleet and provisions its broker
# credentials, then starts a private Mosquitto with Forewarn's broker settings that lets in only those
# (every device as itself, the gateway with its own account, an ACL per device), the gateway, rules,
# notifier and ops (API + dashboard), local sinks for mail (GreenMail, a real SMTP server), SMS and
# tickets (ops demo-sinks), and the simulator replaying the fleet's last two days at 720x with injected
# faults, so degrading devices show up within minutes. Prints the dashboard URL with a demo token;
# Ctrl-C stops everything.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="0.1.0-SNAPSHOT"
MQTT_PORT="${FOREWARN_DEMO_MQTT_PORT:-1884}"
HTTP_PORT="${FOREWARN_HTTP_PORT:-8081}"
DEVICES="${FOREWARN_DEMO_DEVICES:-300}"
SPAN="${FOREWARN_DEMO_SPAN:-2d}"
SPEED="${FOREWARN_DEMO_SPEED:-720}"
RULES_PORT="${FOREWARN_DEMO_RULES_PORT:-8082}"
NOTIFIER_PORT="${FOREWARN_DEMO_NOTIFIER_PORT:-8083}"
OPS_PORT="${FOREWARN_DEMO_OPS_PORT:-8084}"
SINKS_PORT="${FOREWARN_DEMO_SINKS_PORT:-8090}"
MAIL_API_PORT="${FOREWARN_DEMO_MAIL_API_PORT:-8091}"
SMTP_PORT="${FOREWARN_DEMO_SMTP_PORT:-3025}"
GREENMAIL_VERSION="2.1.13"
RUN="$ROOT/target/demo"
mkdir -p "$RUN"
# The demo's own database, made afresh on every run so each run tells the whole story from its start
# (a second run into the same rows would replay data already stored and show nothing new for minutes).
# FOREWARN_DEMO_DB_URL points it at a database of your choosing instead, which is then used as it is.
FRESH=0
if [ -n "${FOREWARN_DEMO_DB_URL:-}" ]; then
  DB_URL="$FOREWARN_DEMO_DB_URL"
else
  FRESH=1
  DB_URL="postgresql://forewarn@127.0.0.1:5432/forewarn_demo"
  echo "demo: creating a fresh database forewarn_demo (the demo's own; 'forewarn' is left alone)"
  # template1 carries the timescaledb extension (./forewarn setup put it there).
  timeout 60 psql -X -q "postgresql://forewarn@127.0.0.1:5432/postgres" -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS forewarn_demo WITH (FORCE)" -c "CREATE DATABASE forewarn_demo" \
    || { echo "demo: could not create the database forewarn_demo (did ./forewarn setup run?)"; exit 1; }
fi
export FOREWARN_DB_URL="$DB_URL" # every service below reads it
# Bounded, so a slow database never holds up the status line or Ctrl-C.
PSQL=(timeout 5 psql -X -q -t -A "$(printf '%s' "$DB_URL" | sed 's#^jdbc:##')")

pids=()
SIM=""
GATEWAY=""
stop() { # pid: TERM, then wait for it to finish
  if [ -n "$1" ] && kill "$1" 2>/dev/null; then wait "$1" 2>/dev/null || true; fi
}
cleanup() {
  trap - EXIT INT TERM
  echo
  echo "demo: stopping..."
  # The fleet first (it waits for its last PUBACKs), then the gateway (it writes and acknowledges what
  # it holds), then the rest at once, the broker among them.
  stop "$SIM"
  stop "$GATEWAY"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "demo: stopped. Logs are in $RUN"
}
trap cleanup EXIT
# Ctrl-C (or TERM) ends the script, and leaving it runs cleanup once. A trap that only cleaned up
# would return into whatever loop was running, leaving the script (and its status lines) alive.
trap 'exit 130' INT
trap 'exit 143' TERM

# Demo customers take messages at any hour (no quiet hours), so the story shows whatever the local
# time of their region, and every third prefers e-mail (the default order is SMS, then e-mail, and the
# SMS stand-in delivers everything, so no e-mail would ever show); a customer whose preferences exist
# already is left alone.
open_hours() {
  "${PSQL[@]}" -c "INSERT INTO customer_contact_preferences (customer_id, quiet_start, quiet_end, channel_order)
    SELECT id, NULL, NULL, CASE WHEN id % 3 = 0 THEN ARRAY['email', 'sms'] ELSE ARRAY['sms', 'email'] END
      FROM customers ON CONFLICT (customer_id) DO NOTHING" >/dev/null 2>&1 || true
}

GATEWAY_JAR="$ROOT/gateway/target/forewarn-gateway-$VERSION.jar"
SIMULATOR_JAR="$ROOT/simulator/target/forewarn-simulator-$VERSION.jar"

# 1. What an operator does before devices first connect: register them (the simulator plays the
#    factory), then provision broker credentials for the registry. Every password derives from one key
#    (created on the first run, kept in $KEY); the broker gets only salted hashes and an ACL.
KEY="$RUN/mqtt/key"
echo "demo: registering $DEVICES devices and provisioning their broker credentials"
java -jar "$SIMULATOR_JAR" register --devices "$DEVICES" --db-url "$DB_URL" > "$RUN/register.log" 2>&1 \
  || { echo "demo: could not register the fleet, see $RUN/register.log"; tail -5 "$RUN/register.log"; exit 1; }
open_hours
FOREWARN_DB_URL="$DB_URL" java -jar "$GATEWAY_JAR" mqtt-credentials --key-file "$KEY" --new-key --out "$RUN/mqtt" \
  > "$RUN/credentials.log" 2>&1 || { echo "demo: provisioning failed, see $RUN/credentials.log"; tail -5 "$RUN/credentials.log"; exit 1; }
GATEWAY_PASSWORD=$(java -jar "$GATEWAY_JAR" mqtt-credentials --key-file "$KEY" --password-of gateway | tail -1)

# 2. A private broker with the project's settings (persistence, no silent queue limit) that lets in
#    only the provisioned accounts: each device may publish only to its own topics.
cat "$ROOT/config/mosquitto/forewarn.conf" > "$RUN/mosquitto.conf"
cat >> "$RUN/mosquitto.conf" <<CONF
listener $MQTT_PORT 127.0.0.1
allow_anonymous false
password_file $RUN/mqtt/passwords
acl_file $RUN/mqtt/acl
persistence_location $RUN/
log_dest file $RUN/mosquitto.log
user root
CONF
: > "$RUN/mosquitto.log"
# A fresh database gets a fresh broker store: messages a stopped run left queued for the gateway's
# persistent session belong to the dropped rows, and stored first they would move the rules' data
# clock hours ahead of the replay (every device would look silent when the replay got there).
if [ "$FRESH" = 1 ]; then rm -f "$RUN/mosquitto.db"; fi
mosquitto -c "$RUN/mosquitto.conf" > "$RUN/mosquitto.out" 2>&1 &
pids+=($!)

# 3. The gateway, logged in with its own account; the replayed fleet sends timestamps up to $SPAN old,
#    so accept that much.
FOREWARN_MQTT_URI="tcp://127.0.0.1:$MQTT_PORT" FOREWARN_HTTP_PORT="$HTTP_PORT" FOREWARN_TS_MAX_AGE=35d \
  FOREWARN_MQTT_CLIENT_ID="forewarn-demo-gateway" FOREWARN_MQTT_USERNAME=gateway \
  FOREWARN_MQTT_PASSWORD="$GATEWAY_PASSWORD" \
  java ${FOREWARN_JAVA_OPTS:-} -jar "$GATEWAY_JAR" > "$RUN/gateway.log" 2>&1 &
GATEWAY=$!
pids+=($GATEWAY)
echo -n "demo: waiting for the gateway"
for _ in $(seq 1 60); do
  if curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null 2>&1; then break; fi
  echo -n "."; sleep 1
done
echo
curl -fs "http://127.0.0.1:$HTTP_PORT/health" >/dev/null || { echo "demo: gateway not healthy, see $RUN/gateway.log"; tail -20 "$RUN/gateway.log"; exit 1; }

wait_healthy() { # name url log
  echo -n "demo: waiting for $1"
  for _ in $(seq 1 90); do
    if curl -fs "$2" >/dev/null 2>&1; then echo; return 0; fi
    echo -n "."; sleep 1
  done
  echo; echo "demo: $1 not healthy, see $3"; tail -20 "$3"; exit 1
}

# 4. Local sinks: a real SMTP server for mail (GreenMail standalone, from Maven Central on first run)
#    and the SMS-provider and helpdesk stand-ins, which also play customers answering the survey.
GREENMAIL_JAR="$RUN/lib/greenmail-standalone-$GREENMAIL_VERSION.jar"
if [ ! -f "$GREENMAIL_JAR" ]; then
  echo "demo: fetching GreenMail $GREENMAIL_VERSION (once)"
  (cd "$ROOT" && mvn -B -q -ntp dependency:copy -Dartifact="com.icegreen:greenmail-standalone:$GREENMAIL_VERSION" \
    -DoutputDirectory="$RUN/lib") || { echo "demo: could not fetch GreenMail"; exit 1; }
fi
java -Dgreenmail.smtp.port="$SMTP_PORT" -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.hostname=127.0.0.1 \
  -Dgreenmail.auth.disabled -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port="$MAIL_API_PORT" \
  -jar "$GREENMAIL_JAR" > "$RUN/greenmail.log" 2>&1 &
pids+=($!)
OPS_JAR="$ROOT/ops/target/forewarn-ops-$VERSION.jar"
TWILIO_TOKEN="demo-auth-token"
FOREWARN_DEMO_SINKS_PORT="$SINKS_PORT" FOREWARN_DEMO_DIR="$RUN" FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN="$TWILIO_TOKEN" \
  FOREWARN_DEMO_NOTIFIER_URL="http://127.0.0.1:$NOTIFIER_PORT" \
  java -jar "$OPS_JAR" demo-sinks > "$RUN/sinks.log" 2>&1 &
pids+=($!)

# 5. Notifier (SMS to the stand-in, mail to GreenMail, tickets as webhooks to the stand-in) and ops.
FOREWARN_NOTIFIER_HTTP_PORT="$NOTIFIER_PORT" FOREWARN_NOTIFIER_PUBLIC_URL="http://127.0.0.1:$NOTIFIER_PORT" \
  FOREWARN_NOTIFIER_TWILIO_ACCOUNT_SID="AC00000000000000000000000000000000" FOREWARN_NOTIFIER_TWILIO_AUTH_TOKEN="$TWILIO_TOKEN" \
  FOREWARN_NOTIFIER_TWILIO_FROM="+15005550006" FOREWARN_NOTIFIER_TWILIO_BASE_URL="http://127.0.0.1:$SINKS_PORT" \
  FOREWARN_NOTIFIER_TWILIO_STATUS_CALLBACK="http://127.0.0.1:$NOTIFIER_PORT/twilio/status" \
  FOREWARN_NOTIFIER_WEBHOOK_URL="http://127.0.0.1:$SINKS_PORT/tickets" \
  FOREWARN_NOTIFIER_WEBHOOK_SECRET="whsec_ZGVtby13ZWJob29rLXNlY3JldC0xMjM0NTY3ODkw" \
  FOREWARN_NOTIFIER_SMTP_HOST=127.0.0.1 FOREWARN_NOTIFIER_SMTP_PORT="$SMTP_PORT" FOREWARN_NOTIFIER_SMTP_TLS=none \
  FOREWARN_NOTIFIER_SMTP_FROM="care@forewarn.example" FOREWARN_NOTIFIER_DISRUPTION_OVERRIDES_QUIET_HOURS=true \
  java ${FOREWARN_JAVA_OPTS:-} -jar "$ROOT/notifier/target/forewarn-notifier-$VERSION.jar" > "$RUN/notifier.log" 2>&1 &
pids+=($!)
FOREWARN_OPS_HTTP_PORT="$OPS_PORT" FOREWARN_OPS_HTTP_HOST=127.0.0.1 \
  java ${FOREWARN_JAVA_OPTS:-} -jar "$OPS_JAR" > "$RUN/ops.log" 2>&1 &
pids+=($!)
# 6. The fleet, in accelerated time: every device logs in over its own session with its own password
#    (derived from the key), and the simulator records the ground truth of the faults it injects.
java -jar "$SIMULATOR_JAR" accelerated --devices "$DEVICES" --span "$SPAN" --speed "$SPEED" \
  --mqtt-uri "tcp://127.0.0.1:$MQTT_PORT" --mqtt-key-file "$KEY" --db-url "$DB_URL" --progress 10s \
  > "$RUN/simulator.log" 2>&1 &
SIM=$!
pids+=($SIM)

# 7. The rules stage reads the device registry when it starts; the fleet was registered in step 1.
#    The simulator replays the past compressed, so its data trails the wall clock until it catches up:
#    FOREWARN_RULES_CLOCK=data judges silence by the data's own time (no false "device silent").
FOREWARN_DB_URL="$DB_URL" FOREWARN_RULES_HTTP_PORT="$RULES_PORT" FOREWARN_RULES_CLOCK=data \
  java ${FOREWARN_JAVA_OPTS:-} -jar "$ROOT/rules/target/forewarn-rules-$VERSION.jar" > "$RUN/rules.log" 2>&1 &
pids+=($!)
wait_healthy rules "http://127.0.0.1:$RULES_PORT/health" "$RUN/rules.log"
wait_healthy notifier "http://127.0.0.1:$NOTIFIER_PORT/health" "$RUN/notifier.log"
wait_healthy ops "http://127.0.0.1:$OPS_PORT/health" "$RUN/ops.log"
TOKEN=$(java -jar "$OPS_JAR" token --tenant default --role operator --name "demo-$(date +%Y%m%d-%H%M%S)" 2>>"$RUN/ops.log" | tail -1)
[[ "$TOKEN" == fwt_* ]] || { echo "demo: could not create a demo token, see $RUN/ops.log"; exit 1; }

cat <<MSG

  Forewarn demo is running.
    dashboard  http://127.0.0.1:$OPS_PORT/#token=$TOKEN
    API token  $TOKEN   (operator; e.g. curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:$OPS_PORT/api/devices/at-risk)
    API doc    http://127.0.0.1:$OPS_PORT/openapi.yaml
    mail       GreenMail SMTP 127.0.0.1:$SMTP_PORT; inboxes: http://127.0.0.1:$MAIL_API_PORT/api/user, one inbox:
               http://127.0.0.1:$MAIL_API_PORT/api/user/<address>/messages/INBOX/
    SMS, tickets  http://127.0.0.1:$SINKS_PORT/messages, also $RUN/sms.log and $RUN/tickets.log
    broker     tcp://127.0.0.1:$MQTT_PORT   (each device logs in as itself and may publish only to devices/<id>/...;
               passwords and ACL in $RUN/mqtt/, one device's password: ./forewarn gateway mqtt-credentials
               --key-file $KEY --password-of <device id>)
    health     gateway :$HTTP_PORT, rules :$RULES_PORT, notifier :$NOTIFIER_PORT, ops :$OPS_PORT  (/health, /metrics)
    database   psql ${DB_URL#jdbc:}
    logs       $RUN/

  Replaying $DEVICES devices over the last $SPAN at ${SPEED}x, with injected faults and a regional outage.
  Within a few minutes: devices at risk with predicted failure times, incidents, tickets, SMS and
  e-mails in English and Russian, one incident and one message per customer for the outage, and
  survey answers on the KPI page. Ctrl-C stops everything.

MSG


status() {
  local rows rejects devices metrics ack dup incidents sent answers refused failed
  rows=$("${PSQL[@]}" -c "SELECT count(*) FROM telemetry" 2>/dev/null || echo "?")
  rejects=$("${PSQL[@]}" -c "SELECT count(*) FROM rejected_messages" 2>/dev/null || echo "?")
  devices=$("${PSQL[@]}" -c "SELECT count(*) FROM devices" 2>/dev/null || echo "?")
  metrics=$(curl -fs "http://127.0.0.1:$HTTP_PORT/metrics")
  ack=$(awk '/^forewarn_gateway_messages_acknowledged_total/ {printf "%d", $2}' <<< "$metrics")
  # A re-run with the same seed replays samples already stored: they are skipped, not stored twice.
  dup=$(awk '/^forewarn_gateway_rows_duplicate_total/ {printf "%d", $2}' <<< "$metrics")
  incidents=$("${PSQL[@]}" -c "SELECT count(*) FILTER (WHERE state <> 'resolved') || ' open / ' || count(*) FROM incidents" 2>/dev/null || echo "?")
  sent=$("${PSQL[@]}" -c "SELECT count(*) FROM deliveries WHERE status IN ('sent', 'delivered')" 2>/dev/null || echo "?")
  answers=$("${PSQL[@]}" -c "SELECT count(*) FROM survey_answers" 2>/dev/null || echo "?")
  printf 'demo: %s  telemetry rows %s | devices %s | rejected %s | acknowledged %s (already stored: %s) | incidents %s | messages sent %s | survey answers %s\n' \
    "$(date +%H:%M:%S)" "$rows" "$devices" "$rejects" "${ack:-0}" "${dup:-0}" "$incidents" "$sent" "$answers"
  # Said only when something is wrong: logins the broker refused, publishes it did not take (e.g. the ACL).
  refused=$(grep -c "not authorised" "$RUN/mosquitto.log" 2>/dev/null || true)
  failed=$(grep -o 'failed [0-9]*' "$RUN/simulator.log" 2>/dev/null | tail -1 | tr -dc '0-9' || true)
  if [ "${refused:-0}" -gt 0 ] || [ "${failed:-0}" -gt 0 ]; then
    printf 'demo: WARNING the broker refused %s logins and %s publishes: see %s/mosquitto.log and simulator.log\n' \
      "${refused:-0}" "${failed:-0}" "$RUN"
  fi
}
# Each step runs in the background and the shell waits for it: a trapped signal interrupts `wait`
# at once, so Ctrl-C stops the demo without waiting for the step to finish.
while kill -0 "$SIM" 2>/dev/null; do
  open_hours & wait $!
  status & wait $!
  sleep 10 & wait $!
done
status & wait $!
echo "demo: the simulator finished its replay; the services keep running until Ctrl-C."
while true; do
  open_hours & wait $!
  sleep 10 & wait $!
  status & wait $!
done
