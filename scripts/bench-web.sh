#!/usr/bin/env bash
# Start-up, memory and page-weight benchmark (issue 13). Takes ~3 minutes. Not run by CI.
#  1. starts the application as README's run command does (target/app/qualitycity.jar with the CDS archive that
#     `./mvnw package` writes) on a fresh data directory (first start: demo data generated, the accounts before
#     readiness, the rest in the background after it) and times it until /actuator/health/readiness is UP, and until
#     the background demo data is complete; then the same for a second start on the same directory;
#  2. after the first start's demo data is complete, measures the memory of the JVM and of the embedded PostgreSQL's processes:
#     RSS as `ps` shows it and PSS (shared pages divided among the processes that share them, from
#     /proc/PID/smaps_rollup), which is what the machine really spends;
#  3. runs PageWeightBenchmark (Debian chromium, throttled) against the running server.
# Usage: scripts/bench-web.sh [JAVA_OPTS...]   (default: the options README's run command uses)
#        JAR=target/qualitycity.jar scripts/bench-web.sh ...   (another jar, e.g. the fat jar without CDS)
#        PAGES=false scripts/bench-web.sh                      (without the page-weight runs)
# Writes target/bench/web.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/app/qualitycity.jar ] || ./mvnw -B -q -DskipTests package
jar=${JAR:-target/app/qualitycity.jar}
opts=("$@")
# default: the JVM options of README's run command (keep the two equal)
[ ${#opts[@]} -gt 0 ] || opts=(-XX:SharedArchiveFile=target/app/qualitycity.jsa -XX:+UseSerialGC -Xss512k -Xms48m -Xmx320m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m)
port=18093
dir=$(mktemp -d /tmp/qc-bench-web.XXXX)
out=target/bench/web.md
mkdir -p target/bench

start() {
  local t0=$SECONDS
  local t0ms; t0ms=$(date +%s%3N)
  QC_DATA_DIR=$dir SERVER_PORT=$port java "${opts[@]}" -jar "$jar" > "$dir/app-$1.log" 2>&1 &
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

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(java -version 2>&1 | head -1); jar $jar; java options: ${opts[*]:-(none)}" | tee $out
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out
t0first=$SECONDS; t0firstms=$(date +%s%3N)
start first
first_ms=$ready_ms
echo "first start (demo data generated): ready after ${first_ms} ms (goal < 12000 ms; load average now $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a $out
# the demo data beyond the accounts is generated after readiness, in the background: wait for it
until grep -qE "Demo data generated|Demo data generation" "$dir/app-first.log"; do
  sleep 0.2
  [ $((SECONDS - t0first)) -lt 900 ] || { echo "demo data not complete after 900 s"; break; }
done
# then the generation's memory is released (idle connections replaced, one full collection): wait for it too
while grep -q "Demo data generated" "$dir/app-first.log" && ! grep -q "Demo data generation's memory released" "$dir/app-first.log"; do
  sleep 0.2
  [ $((SECONDS - t0first)) -lt 960 ] || break
done
echo "first start: demo data complete $(( $(date +%s%3N) - t0firstms )) ms after the start (pages work from readiness on; no goal)" | tee -a $out
sleep 5   # let start-up work settle (background jobs, first recompute)
memory
# where the first start went: Spring's own start (context, embedded PostgreSQL, migrations), then each demo contributor
grep -hoE "Embedded PostgreSQL started .*\(([0-9]+) ms\)|Successfully applied [0-9]+ migrations.*|Started QualityCityApplication in [0-9.]+ seconds|Demo accounts generated \([^)]*\)|Demo data contributor .*|Demo data generated \([^)]*\)" \
  "$dir/app-first.log" | sed 's/^/  first start: /' | tee -a $out
echo "memory after first start: JVM RSS $((jvm_rss / 1024)) MB (PSS $((jvm_pss / 1024)) MB); PostgreSQL ($pg_n processes) RSS sum $((pg_rss / 1024)) MB (PSS $((pg_pss / 1024)) MB); together PSS $(((jvm_pss + pg_pss) / 1024)) MB (goal < 400 MB)" | tee -a $out
[ "${PAGES:-true}" = false ] || ./mvnw -B -q -Pbench test -Dtest=PageWeightBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dqc.bench.url="http://localhost:$port" > "$dir/page-weight.log" 2>&1 || { tail -50 "$dir/page-weight.log"; }
[ "${PAGES:-true}" = false ] || { memory
echo "memory after the page-weight runs: JVM RSS $((jvm_rss / 1024)) MB (PSS $((jvm_pss / 1024)) MB); PostgreSQL RSS sum $((pg_rss / 1024)) MB (PSS $((pg_pss / 1024)) MB); together PSS $(((jvm_pss + pg_pss) / 1024)) MB" | tee -a $out
cat target/bench/page-weight.md | tee -a $out; }
kill $pid; wait $pid || true
start second
echo "second start (same data directory): ready after ${ready_ms} ms (goal < 12000 ms)" | tee -a $out
grep -hoE "Started QualityCityApplication in [0-9.]+ seconds" "$dir/app-second.log" | sed 's/^/  second start: /' | tee -a $out
kill $pid; wait $pid || true
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a $out
rm -rf "$dir"
