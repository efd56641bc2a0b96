#!/usr/bin/env bash
# Benchmarks of issue 13, each figure beside its floor from the same run, with the load average (the
# machine is shared: record it). Not tests; never in CI. Needs /usr/bin/wrk and `jfr` (in the JDK).
#  1. Issue13Benchmark (fresh database with demo data): public complaint submission (wrk, 50 connections)
#     vs /actuator/health; complaint statistics over 1 000 000 cases, 2017-01..2026-10 vs the last 12
#     months; P1 pass rates over 1 000 000 samples through the provider vs a plain GROUP BY.
#  2. IndicatorBenchmark (fresh database, 199 392 values): recompute of one city-year vs the hand-written
#     SQL, with a JFR profile of the recomputes (top frames printed below); dashboard analytics (wrk, 50
#     connections) vs health.
# Options (Maven -D): qc.bench.warmup=SECONDS (default 120 / 60), qc.bench.seconds (20), qc.bench.clients (50),
# qc.bench.skip-submission / skip-statistics / skip-recompute / skip-analytics=true.
# Only the recompute (about 3 minutes on a quiet machine; IndicatorBenchmark without analytics, prints recompute / SQL
# and the JFR profile): scripts/bench-issue13.sh --recompute-only [-D…]
# Results: target/bench/issue13.md, target/bench/indicators.md, target/bench/recompute.jfr, target/bench/submission.jfr
# (the submission also reports CPU per request of JVM / PostgreSQL / wrk, and pg_stat_statements when preloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/bench-data target/bench13-data
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "${1:-}" = "--recompute-only" ]; then
  shift
  rm -f target/bench/indicators.md
  ./mvnw -B -q -Pbench test -Dtest=IndicatorBenchmark -Dqc.bench=true -Dqc.bench.skip-analytics=true \
    -Dsurefire.failIfNoSpecifiedTests=false "$@" || true
  echo "== indicators (recompute)"; cat target/bench/indicators.md || true
  echo "== JFR profile of the recompute (thread main)"; python3 scripts/jfr-top.py target/bench/recompute.jfr main 15 || true
  exit 0
fi
./mvnw -B -q -Pbench test -Dtest='Issue13Benchmark,IndicatorBenchmark' -Dqc.bench=true \
  -Dsurefire.failIfNoSpecifiedTests=false "$@" || true
echo "== issue 13 (complaints, statistics, pass rates)"; cat target/bench/issue13.md || true
echo "== indicators (recompute, analytics)"; cat target/bench/indicators.md || true
echo "== JFR profile of the submissions (request threads)"
python3 scripts/jfr-top.py target/bench/submission.jfr exec 15 PublicComplaintApiController.submit || true
echo "== JFR profile of the recompute (thread main)"; python3 scripts/jfr-top.py target/bench/recompute.jfr main 15 || true
