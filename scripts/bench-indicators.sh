#!/usr/bin/env bash
# Indicator engine benchmark (issue: the plan as data and the indicator engine). Takes ~5 minutes.
# Writes target/bench/indicators.md; copy the figures into docs/benchmarks.md with the date.
# Options: -Dqc.bench.warmup=SECONDS (default 60), -Dqc.bench.clients=N (default 50).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/bench-data
./mvnw -B -q -Pbench test -Dtest=IndicatorBenchmark -Dqc.bench=true -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat target/bench/indicators.md
