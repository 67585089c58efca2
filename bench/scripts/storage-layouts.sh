#!/usr/bin/env bash
# Compares hypertable layouts for the same telemetry: COPY ingest rate, size on disk, and the
# queries later stages need. Usage: bench/scripts/storage-layouts.sh [messages] [metrics]
# Creates and drops its own database. Prints a markdown table.
set -euo pipefail
MESSAGES="${1:-300000}"
METRICS="${2:-10}"
DEVICES=1000
DB="forewarn_layouts_$$"
ADMIN=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres)
Q=("${ADMIN[@]}" -d "$DB")
WORK=$(mktemp -d)
trap '"${ADMIN[@]}" -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null; rm -rf "$WORK"' EXIT

"${ADMIN[@]}" -d postgres -c "CREATE DATABASE $DB" >/dev/null
"${Q[@]}" <<SQL >/dev/null
CREATE EXTENSION IF NOT EXISTS timescaledb;
CREATE TABLE narrow (ts timestamptz NOT NULL, device_id int NOT NULL, metric_id smallint NOT NULL, value float8 NOT NULL);
SELECT create_hypertable('narrow', by_range('ts', interval '1 day'), create_default_indexes => false);
CREATE UNIQUE INDEX ON narrow (device_id, metric_id, ts DESC);
CREATE TABLE arrays (ts timestamptz NOT NULL, device_id int NOT NULL, metric_ids smallint[] NOT NULL, vals float8[] NOT NULL, batch_id bigint NOT NULL);
SELECT create_hypertable('arrays', by_range('ts', interval '1 day'), create_default_indexes => false);
CREATE UNIQUE INDEX ON arrays (device_id, ts DESC, metric_ids);
CREATE INDEX ON arrays (batch_id);
CREATE TABLE jsonb_rows (ts timestamptz NOT NULL, device_id int NOT NULL, metrics jsonb NOT NULL);
SELECT create_hypertable('jsonb_rows', by_range('ts', interval '1 day'), create_default_indexes => false);
CREATE UNIQUE INDEX ON jsonb_rows (device_id, ts DESC);
SQL

# The same samples in each shape, generated once: message i is device i % DEVICES, one second apart per device.
"${Q[@]}" -c "\copy (SELECT now() - interval '2 days' + (i / $DEVICES) * interval '1 second', i % $DEVICES, m, round((random()*100)::numeric, 2) FROM generate_series(0, $MESSAGES - 1) i, generate_series(1, $METRICS) m) TO '$WORK/narrow.tsv'"
"${Q[@]}" -c "\copy (SELECT now() - interval '2 days' + (i / $DEVICES) * interval '1 second', i % $DEVICES, (SELECT array_agg(m::smallint) FROM generate_series(1, $METRICS) m), (SELECT array_agg(round((random()*100)::numeric, 2)::float8) FROM generate_series(1, $METRICS) m WHERE i >= 0), i / 2000 FROM generate_series(0, $MESSAGES - 1) i) TO '$WORK/arrays.tsv'"
"${Q[@]}" -c "\copy (SELECT now() - interval '2 days' + (i / $DEVICES) * interval '1 second', i % $DEVICES, (SELECT jsonb_object_agg('m' || m, round((random()*100)::numeric, 2)) FROM generate_series(1, $METRICS) m WHERE i >= 0) FROM generate_series(0, $MESSAGES - 1) i) TO '$WORK/jsonb.tsv'"

time_copy() { # table file -> seconds
  local start end
  start=$(date +%s.%N)
  "${Q[@]}" -c "\copy $1 FROM '$2'"
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}
time_query() { # sql -> ms (best of 5)
  local best=999999 t
  for _ in 1 2 3 4 5; do
    t=$("${Q[@]}" -tA -c "EXPLAIN (ANALYZE, FORMAT JSON) $1" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["Execution Time"])')
    best=$(echo "if ($t < $best) $t else $best" | bc -l)
  done
  printf '%.1f' "$best"
}

t_narrow=$(time_copy narrow "$WORK/narrow.tsv")
t_arrays=$(time_copy "arrays (ts, device_id, metric_ids, vals, batch_id)" "$WORK/arrays.tsv")
t_jsonb=$(time_copy jsonb_rows "$WORK/jsonb.tsv")
for t in narrow arrays jsonb_rows; do "${Q[@]}" -c "VACUUM ANALYZE $t"; done

size() { "${Q[@]}" -tA -c "SELECT pg_size_pretty(hypertable_size('$1'))"; }
range_narrow="SELECT ts, value FROM narrow WHERE device_id = 42 AND metric_id = 3 AND ts > now() - interval '3 days'"
range_arrays="SELECT ts, vals[array_position(metric_ids, 3::smallint)] FROM arrays WHERE device_id = 42 AND ts > now() - interval '3 days'"
range_jsonb="SELECT ts, (metrics->>'m3')::float8 FROM jsonb_rows WHERE device_id = 42 AND ts > now() - interval '3 days'"
latest_narrow="SELECT d, x.* FROM generate_series(0, $DEVICES - 1) d, LATERAL (SELECT ts, value FROM narrow WHERE device_id = d AND metric_id = 3 ORDER BY ts DESC LIMIT 1) x"
latest_arrays="SELECT d, x.* FROM generate_series(0, $DEVICES - 1) d, LATERAL (SELECT ts, vals FROM arrays WHERE device_id = d ORDER BY ts DESC LIMIT 1) x"
latest_jsonb="SELECT d, x.* FROM generate_series(0, $DEVICES - 1) d, LATERAL (SELECT ts, metrics FROM jsonb_rows WHERE device_id = d ORDER BY ts DESC LIMIT 1) x"
fleet_narrow="SELECT time_bucket('1 hour', ts), avg(value) FROM narrow WHERE metric_id = 3 GROUP BY 1"
fleet_arrays="SELECT time_bucket('1 hour', ts), avg(vals[array_position(metric_ids, 3::smallint)]) FROM arrays GROUP BY 1"
fleet_jsonb="SELECT time_bucket('1 hour', ts), avg((metrics->>'m3')::float8) FROM jsonb_rows GROUP BY 1"

rate() { echo "$MESSAGES / $1" | bc -l | xargs printf '%.0f'; }
echo "| layout | rows for $MESSAGES messages × $METRICS metrics | COPY messages/s | size (table + indexes) | one device, one metric, range (ms) | latest per device, $DEVICES devices (ms) | fleet hourly average of one metric (ms) |"
echo "|---|---|---|---|---|---|---|"
echo "| narrow (ts, device, metric, value) | $((MESSAGES * METRICS)) | $(rate "$t_narrow") | $(size narrow) | $(time_query "$range_narrow") | $(time_query "$latest_narrow") | $(time_query "$fleet_narrow") |"
echo "| **arrays (ts, device, metric_ids[], vals[])** | $MESSAGES | $(rate "$t_arrays") | $(size arrays) | $(time_query "$range_arrays") | $(time_query "$latest_arrays") | $(time_query "$fleet_arrays") |"
echo "| jsonb (ts, device, metrics) | $MESSAGES | $(rate "$t_jsonb") | $(size jsonb_rows) | $(time_query "$range_jsonb") | $(time_query "$latest_jsonb") | $(time_query "$fleet_jsonb") |"
