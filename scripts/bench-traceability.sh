#!/usr/bin/env bash
# Benchmarks of issue 17 (traceability), each figure beside its floor from the same run, with the load average.
# Not tests; never in CI. Needs /usr/bin/wrk and `jfr` (in the JDK).
#
#   scripts/bench-traceability.sh [full|quick] [scan|capture] [--fresh] [-o] [-Dqc.bench.…=…]
#
# scan: only the scan look-ups and their static floor (no capture, no trace), a run of a few minutes.
# capture: only the capture and its COPY floor (no scan, no trace), a run of a minute or two.
# full (default): 1 000 000 batches, 10 000 000 events (the issue's scale); quick: 10 000 batches, 100 000 events.
# The data set is generated set-based in SQL on the first run (minutes) into target/bench17-<mode>-data and reused by
# later runs of the same mode (--fresh generates it again). Full mode runs PostgreSQL with shared_buffers 512MB (the
# application's embedded default, 64MB, is sized for the demo, not for 10 000 000 events). Options (Maven -D): qc.bench.documents (20 documents of
# 1 000 events), qc.bench.seconds (20), qc.bench.warmup (30), qc.bench.clients (50).
# Results: target/bench/traceability.md; JFR profiles target/bench/{scan,capture,trace}.jfr (top frames printed).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=full
fresh=0
parts=
args=()
for a in "$@"; do
  case "$a" in
    full|quick) mode=$a ;;
    --fresh) fresh=1 ;;
    scan) args+=("-Dqc.bench.parts=scan"); parts=scan ;;
    capture) args+=("-Dqc.bench.parts=capture"); parts=capture ;;
    *) args+=("$a") ;;
  esac
done
if [ "$mode" = full ]; then batches=1000000; buffers=512MB; else batches=10000; buffers=64MB; fi
dir=target/bench17-$mode-data
if [ "$fresh" = 1 ]; then rm -rf "$dir"; fi
echo "mode $mode ($batches batches); data directory $dir ($([ -d "$dir" ] && echo reused || echo new))"
echo "uptime at start: $(uptime)"
./mvnw -B -q -Pbench test -Dtest='TraceabilityBenchmark' -Dqc.bench=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dqc.bench.batches=$batches -Dqc.bench.data-dir=$dir -Dqc.bench.shared-buffers=$buffers -Dqc.bench.warmup=30 "${args[@]}" || true
echo "uptime at end: $(uptime)"
if [ "$parts" != capture ]; then
  echo "== JFR: scan (request threads)"; python3 scripts/jfr-top.py target/bench/scan.jfr http-nio 20 ScanController || true
fi
if [ "$parts" != scan ]; then
  echo "== JFR: capture (request threads)"; python3 scripts/jfr-top.py target/bench/capture.jfr http-nio 20 EpcisService || true
fi
if [ -z "$parts" ]; then
  echo "== JFR: trace (request threads)"; python3 scripts/jfr-top.py target/bench/trace.jfr http-nio 15 BatchService || true
fi
echo "== results (target/bench/traceability.md)"
cat target/bench/traceability.md || true
