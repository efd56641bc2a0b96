#!/usr/bin/env bash
# Benchmarks of issue 5: enterprise import (100 000 rows) and pass rates over 1 000 000 samples.
# Figures: target/benchmarks/enterprise.txt (copy them to docs/benchmarks.md with the date).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -Pbench test -Dtest=EnterpriseBenchmark -Dqc.bench=true -Dsurefire.failIfNoSpecifiedTests=false "$@"
cat target/benchmarks/enterprise.txt
