#!/usr/bin/env bash
# Benchmark of issue 15 (not a test; never in CI): the survey index recompute over 1 000 000 responses by
# district × sector × period against one hand-written SQL aggregate of the same rows, in the same run, with the
# load average (the machine may be shared: record it). Option: -Dqc.bench.responses=N. Result: target/bench/survey.md
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/bench-survey-data
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -q -Pbench test -Dtest='SurveyBenchmark' -Dqc.bench=true -Dsurefire.failIfNoSpecifiedTests=false "$@" || true
cat target/bench/survey.md || true
