#!/usr/bin/env bash
# Benchmark of issue 18: the white paper of one year of demo data, generated as a job (limit 60 s).
# Figures: target/benchmarks/report.txt (copy them to docs/benchmarks/issue-18-report.md with `uptime`).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -Pbench test -Dtest=ReportBenchmark -Dqc.bench=true -Dsurefire.failIfNoSpecifiedTests=false "$@"
uptime
cat target/benchmarks/report.txt
