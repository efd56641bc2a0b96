#!/usr/bin/env bash
# Benchmarks of issue 17 (traceability), each figure beside its floor from the same run, with the load average.
# Not tests; never in CI. Needs /usr/bin/wrk. Options (Maven -D): qc.bench.batches (default 1 000 000; ten events
# per batch, qc.bench.events-per-batch), qc.bench.documents (20 documents of 1 000 events), qc.bench.seconds (20),
# qc.bench.warmup (60), qc.bench.clients (50). Results: target/bench/traceability.md
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/bench17-data
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
./mvnw -B -q -Pbench test -Dtest='TraceabilityBenchmark' -Dqc.bench=true -Dsurefire.failIfNoSpecifiedTests=false "$@" || true
cat target/bench/traceability.md || true
