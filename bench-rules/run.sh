#!/usr/bin/env bash
# JMH benchmark of rule evaluation, one thread (so the figures are per core). Prints the table and writes
# it, with the command, date and commit, into docs/rules.md between the jmh-rules markers.
#   bench-rules/run.sh                 # full run: 3 warm-up + 5 measured iterations of 2 s per benchmark
#   bench-rules/run.sh forecast        # extra arguments go to JMH (here: a benchmark name filter)
set -euo pipefail
cd "$(dirname "$0")/.."
JMH_ARGS=(-t 1 -f 1 -wi 3 -w 2 -i 5 -r 2)
mvn -B -ntp -q -pl bench-rules -am package -DskipTests
out=$(mktemp)
java -jar bench-rules/target/forewarn-bench-rules-0.1.0-SNAPSHOT.jar "${JMH_ARGS[@]}" "$@" | tee "$out"
table=$(awk '/^Benchmark +Mode/ {on = 1} on && /^(Benchmark|[A-Za-z]+Benchmark\.)/ {print}' "$out")
rm -f "$out"
[ -n "$table" ] || { echo "no JMH results found" >&2; exit 1; }
cores=$(nproc)
block=$(cat <<BLOCK
Run $(date -u +%Y-%m-%d) on ${cores} cores (load average $(cut -d' ' -f1 /proc/loadavg) at the end), commit \`$(git rev-parse --short HEAD)\`, $(java -version 2>&1 | head -1):

\`\`\`
bench-rules/run.sh $*     # java -jar bench-rules/target/forewarn-bench-rules-0.1.0-SNAPSHOT.jar ${JMH_ARGS[*]} $*
${table}
\`\`\`
BLOCK
)
doc=docs/rules.md
if grep -q '<!-- jmh-rules:begin -->' "$doc"; then
  BLOCK="$block" awk '/<!-- jmh-rules:begin -->/ {print; print ENVIRON["BLOCK"]; skip = 1; next}
    /<!-- jmh-rules:end -->/ {skip = 0} !skip {print}' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
  echo "wrote the figures to $doc"
fi
