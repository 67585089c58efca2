#!/usr/bin/env bash
# What the benchmark's broker and load generator manage on this machine with the cheapest possible
# subscriber: Mosquitto with the project's settings (config/mosquitto/forewarn.conf, on a private
# port), the same open-loop load generator as bench-peers (lean client, 4 connections, 10 000
# devices, 10 metrics), and `mosquitto_sub -q 1` writing every message to /dev/null. No database.
# No system can sustain more through this broker on this machine than what this prints.
# Usage: bench/scripts/broker-ceiling.sh [rates] [step]   e.g. 16000,20000,24000 45s
# Prints the load generator's table and the CPU of broker, subscriber and load generator per step.
set -euo pipefail
RATES="${1:-16000,20000,24000}"
STEP="${2:-45s}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PORT=18831
WORK=$(mktemp -d)
cleanup() { kill "$SUB" "$BROKER" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

{ cat "$ROOT/config/mosquitto/forewarn.conf"
  printf '\nlistener %d 127.0.0.1\nallow_anonymous true\npersistence_location %s/\n' "$PORT" "$WORK"; } > "$WORK/m.conf"
mosquitto -c "$WORK/m.conf" > "$WORK/broker.log" 2>&1 & BROKER=$!
sleep 1
mosquitto_sub -p "$PORT" -q 1 -i ceiling-sub -c -t 'devices/#' > /dev/null & SUB=$!
sleep 1

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
"$JAVA" -jar "$ROOT/simulator/target/forewarn-simulator-0.1.0-SNAPSHOT.jar" load --mqtt-uri "tcp://127.0.0.1:$PORT" \
  --rates "$RATES" --step "$STEP" --connections 4 --devices 10000 --metrics 10 --client lean > "$WORK/load.log" 2>&1 &
LOAD=$!
HZ=$(getconf CLK_TCK)
SECONDS_PER_STEP=${STEP%s}
IFS=, read -ra STEPS <<< "$RATES"
for rate in "${STEPS[@]}"; do
  b0=$(ticks $BROKER); s0=$(ticks $SUB); l0=$(ticks $LOAD 2>/dev/null || echo 0)
  sleep "$SECONDS_PER_STEP"
  b1=$(ticks $BROKER); s1=$(ticks $SUB); l1=$(ticks $LOAD 2>/dev/null || echo "$l0")
  awk -v r="$rate" -v b=$((b1 - b0)) -v s=$((s1 - s0)) -v l=$((l1 - l0)) -v hz="$HZ" -v w="$SECONDS_PER_STEP" \
    'BEGIN { printf "step %s msg/s: CPU broker %.0f%%, subscriber %.0f%%, load generator %.0f%% (of one core)\n", r, 100*b/hz/w, 100*s/hz/w, 100*l/hz/w }'
done
wait $LOAD || true
tail -n $(( ${#STEPS[@]} + 1 )) "$WORK/load.log"
