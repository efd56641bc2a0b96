#!/usr/bin/env bash
# Benchmarks of issue 13, each figure beside its floor from the same run, with the load average (the
# machine is shared: record it). Not tests; never in CI. Needs /usr/bin/wrk and `jfr` (in the JDK).
#  1. Issue13Benchmark (fresh database with demo data): public complaint submission (wrk, 50 connections)
#     vs /actuator/health; complaint statistics over 1 000 000 cases, 2017-01..2026-10 vs the last 12
#     months; P1 pass rates over 1 000 000 samples through the provider vs a plain GROUP BY.
#  2. IndicatorBenchmark (fresh database, 199 392 values): recompute of one city-year vs the hand-written
#     SQL, with a JFR profile of the recomputes (top frames printed below); dashboard analytics (wrk, 50
#     connections) vs health.
# First argument (optional): `submission` (Issue13Benchmark's submission part alone), `recompute` (IndicatorBenchmark's
# recompute alone, with its JFR profile; `--recompute-only` is the same), `analytics` (IndicatorBenchmark's
# dashboard analytics alone, with a JFR profile of the measured runs) or `all` (default: both classes, every part).
# Options (Maven -D): qc.bench.warmup=SECONDS (default 120 / 60), qc.bench.seconds (20), qc.bench.clients (50),
# qc.bench.skip-submission / skip-statistics / skip-recompute / skip-analytics=true.
# Results: target/bench/issue13.md, target/bench/indicators.md, target/bench/{recompute,submission,analytics}.jfr
# (the submission also reports CPU per request of JVM / PostgreSQL / wrk, and pg_stat_statements when preloaded).
set -euo pipefail
cd "$(dirname "$0")/.."
mode=all
case "${1:-}" in
  submission|recompute|analytics|all) mode=$1; shift ;;
  --recompute-only) mode=recompute; shift ;;
esac
tests='Issue13Benchmark,IndicatorBenchmark'
extra=()
case "$mode" in
  submission) tests=Issue13Benchmark; extra=(-Dqc.bench.skip-statistics=true) ;;
  recompute) tests=IndicatorBenchmark; extra=(-Dqc.bench.skip-analytics=true) ;;
  analytics) tests=IndicatorBenchmark; extra=(-Dqc.bench.skip-recompute=true) ;;
esac
rm -rf target/bench-data target/bench13-data target/bench/issue13.md target/bench/indicators.md
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($mode)"
./mvnw -B -q -Pbench test -Dtest="$tests" -Dqc.bench=true \
  -Dsurefire.failIfNoSpecifiedTests=false "${extra[@]}" "$@" || true
if [ "$mode" = all ] || [ "$mode" = submission ]; then
  echo "== issue 13 (complaints, statistics, pass rates)"; cat target/bench/issue13.md || true
  echo "== JFR profile of the submissions (request threads)"
  python3 scripts/jfr-top.py target/bench/submission.jfr exec 15 PublicComplaintApiController.submit || true
fi
if [ "$mode" != submission ]; then
  echo "== indicators (recompute, analytics)"; cat target/bench/indicators.md || true
fi
if [ "$mode" = all ] || [ "$mode" = analytics ]; then
  echo "== JFR profile of the analytics (request threads)"
  python3 scripts/jfr-top.py target/bench/analytics.jfr exec 15 IndicatorApiController || true
fi
if [ "$mode" = all ] || [ "$mode" = recompute ]; then
  echo "== JFR profile of the recompute (thread main)"; python3 scripts/jfr-top.py target/bench/recompute.jfr main 15 || true
fi
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
