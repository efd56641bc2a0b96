#!/usr/bin/env bash
# Start-up, memory and page-weight benchmark (issue 13). Takes ~3 minutes. Not run by CI.
#  1. starts target/qualitycity.jar on a fresh data directory (first start: demo data generated) and times it
#     until /actuator/health/readiness is UP; then the same for a second start on the same directory;
#  2. after the first start, measures the memory of the JVM and of the embedded PostgreSQL's processes:
#     RSS as `ps` shows it and PSS (shared pages divided among the processes that share them, from
#     /proc/PID/smaps_rollup), which is what the machine really spends;
#  3. runs PageWeightBenchmark (Debian chromium, throttled) against the running server.
# Usage: scripts/bench-web.sh [JAVA_OPTS...]   (default: the options README's run command uses)
# Writes target/bench/web.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/qualitycity.jar ] || ./mvnw -B -q -DskipTests package
opts=("$@")
# default: the JVM options of README's run command (keep the two equal)
[ ${#opts[@]} -gt 0 ] || opts=(-XX:+UseSerialGC -Xss512k -XX:MaxRAM=1g -Xmx320m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m)
port=18093
dir=$(mktemp -d /tmp/qc-bench-web.XXXX)
out=target/bench/web.md
mkdir -p target/bench

start() {
  local t0=$SECONDS
  local t0ms; t0ms=$(date +%s%3N)
  QC_DATA_DIR=$dir SERVER_PORT=$port java "${opts[@]}" -jar target/qualitycity.jar > "$dir/app-$1.log" 2>&1 &
  pid=$!
  until curl -sf "localhost:$port/actuator/health/readiness" > /dev/null; do
    sleep 0.1
    kill -0 $pid 2>/dev/null || { echo "the application exited; see $dir/app-$1.log"; exit 1; }
    [ $((SECONDS - t0)) -lt 900 ] || { echo "not ready after 900 s"; kill $pid; exit 1; }
  done
  ready_ms=$(( $(date +%s%3N) - t0ms ))
}

kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$2/smaps_rollup" 2>/dev/null || echo 0; }

memory() {
  local pg_pid; pg_pid=$(head -1 "$dir/pgdata/postmaster.pid")
  local pg_pids; pg_pids="$pg_pid $(pgrep -P "$pg_pid" | tr '\n' ' ')"
  jvm_rss=$(kb Rss $pid); jvm_pss=$(kb Pss $pid)
  pg_rss=0; pg_pss=0; pg_n=0
  for p in $pg_pids; do
    pg_rss=$((pg_rss + $(kb Rss "$p"))); pg_pss=$((pg_pss + $(kb Pss "$p"))); pg_n=$((pg_n + 1))
  done
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; java options: ${opts[*]:-(none)}" | tee $out
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out
start first
first_ms=$ready_ms
sleep 5   # let start-up work settle (background jobs, first recompute)
memory
echo "first start (demo data generated): ready after ${first_ms} ms (goal < 12000 ms; load average now $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a $out
# where the first start went: Spring's own start (context, embedded PostgreSQL, migrations), then each demo contributor
grep -hoE "Embedded PostgreSQL started .*\(([0-9]+) ms\)|Successfully applied [0-9]+ migrations.*|Started QualityCityApplication in [0-9.]+ seconds|Demo data contributor .*|Demo data generated \([^)]*\)" \
  "$dir/app-first.log" | sed 's/^/  first start: /' | tee -a $out
echo "memory after first start: JVM RSS $((jvm_rss / 1024)) MB (PSS $((jvm_pss / 1024)) MB); PostgreSQL ($pg_n processes) RSS sum $((pg_rss / 1024)) MB (PSS $((pg_pss / 1024)) MB); together PSS $(((jvm_pss + pg_pss) / 1024)) MB (goal < 400 MB)" | tee -a $out
./mvnw -B -q -Pbench test -Dtest=PageWeightBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dqc.bench.url="http://localhost:$port" > "$dir/page-weight.log" 2>&1 || { tail -50 "$dir/page-weight.log"; }
memory
echo "memory after the page-weight runs: JVM RSS $((jvm_rss / 1024)) MB (PSS $((jvm_pss / 1024)) MB); PostgreSQL RSS sum $((pg_rss / 1024)) MB (PSS $((pg_pss / 1024)) MB); together PSS $(((jvm_pss + pg_pss) / 1024)) MB" | tee -a $out
cat target/bench/page-weight.md | tee -a $out
kill $pid; wait $pid || true
start second
echo "second start (same data directory): ready after ${ready_ms} ms (goal < 12000 ms)" | tee -a $out
grep -hoE "Started QualityCityApplication in [0-9.]+ seconds" "$dir/app-second.log" | sed 's/^/  second start: /' | tee -a $out
kill $pid; wait $pid || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out
rm -rf "$dir"
