#!/usr/bin/env bash
# Issue 16's ingestion benchmark, one command: sustained ingestion through the pipeline (bounded queue, binary COPY
# into a staging table, dedup by (device, metric, time), hourly/daily roll-ups, every alarm rule evaluated,
# acknowledgement after commit) beside PostgreSQL's own COPY into the same table in the same run, the ratio, the
# alarm latency p50/p99 (receipt to raised) and memory samples (heap after GC, RSS of the JVM and of PostgreSQL)
# every 10 s, each figure beside its floor. Not a test; never in CI. The load generator is in the JVM but does not
# go through HTTP: it hands batches to the pipeline as the receivers do (its own cost counts against the pipeline).
# Memory: heap after GC, the JVM's RSS and PSS, and PostgreSQL's PSS summed over the postmaster (found by the pid
# file in its data directory: it is not a descendant of the JVM) and its children, every 10 s, with a flatness
# verdict (least-squares slope of the second half of the samples). The memory mode starts a new month every
# 5,000,000 points and drops the months before the previous one (the production retention), so the disk holds two.
# Usage: scripts/bench-monitoring.sh            short run (1,000,000 points, 1,000 devices)
#        scripts/bench-monitoring.sh --10min    memory mode: 600 s of sustained load
#        extra Maven -D options pass through, e.g. -Dqc.bench.points=3000000 -Dqc.bench.devices=5000
# Results: target/bench/issue16.md; JFR profile target/bench/ingest.jfr (top frames of the writer threads below).
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
for a in "$@"; do
  if [ "$a" = "--10min" ]; then args+=("-Dqc.bench.seconds=600"); else args+=("$a"); fi
done
rm -rf target/bench-data
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -q -o -Pbench test -Dtest=IngestionBenchmark -Dqc.bench=true -Dsurefire.failIfNoSpecifiedTests=false \
  "${args[@]}" || true
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== issue 16 ingestion (each figure beside its floor and goal)"; cat target/bench/issue16.md || true
echo "== JFR profile of the telemetry writers"
python3 scripts/jfr-top.py target/bench/ingest.jfr telemetry-writer 20 || true
