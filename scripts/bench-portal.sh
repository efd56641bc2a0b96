#!/usr/bin/env bash
# Portal home page benchmark (issue 18). Not run by CI; takes ~4 minutes (first start generates the demo data).
#  1. starts target/qualitycity.jar on a fresh data directory and waits until it is ready;
#  2. warms up, then runs wrk (50 connections, 2 threads, 20 s each) alternately against a static file of the same
#     application (/css/app.css, served by the resource handler) and the portal's home page as an anonymous visitor
#     (/), twice each, and keeps each URL's better run;
#  3. writes target/bench/portal.md: requests/s, p50/p99 and the ratio home ÷ static, with the load average.
# Requirement (issue 18): the home page at 50 concurrent clients answers at >= 50 % of the static file's
# throughput in the same run, p99 < 50 ms.
# Usage: scripts/bench-portal.sh [JAVA_OPTS...]   (default: README's run options)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f target/qualitycity.jar ] || ./mvnw -B -q -DskipTests package
opts=("$@")
[ ${#opts[@]} -gt 0 ] || opts=(-XX:+UseSerialGC -Xss512k -XX:MaxRAM=1g -Xmx320m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m)
port=${QC_BENCH_PORT:-18094}
secs=${QC_BENCH_SECONDS:-20}
dir=$(mktemp -d /tmp/qc-bench-portal.XXXX)
out=target/bench/portal.md
mkdir -p target/bench
QC_DATA_DIR=$dir SERVER_PORT=$port java "${opts[@]}" -jar target/qualitycity.jar > "$dir/app.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$dir"' EXIT
t0=$SECONDS
until curl -sf "localhost:$port/actuator/health/readiness" > /dev/null; do
  sleep 0.5
  kill -0 $pid 2>/dev/null || { echo "the application exited; see $dir/app.log"; exit 1; }
  [ $((SECONDS - t0)) -lt 900 ] || { echo "not ready after 900 s"; exit 1; }
done
sleep 5
base="http://localhost:$port"
home_bytes=$(curl -s "$base/" | wc -c)
static_bytes=$(curl -s "$base/css/app.css" | wc -c)
curl -s "$base/" | grep -q 'id="portal"' || { echo "/ is not the portal"; exit 1; }
# warm-up (JIT, caches)
wrk -t2 -c50 -d10s "$base/" > /dev/null
wrk -t2 -c50 -d10s "$base/css/app.css" > /dev/null

run() { # url -> "req/s p50ms p99ms non2xx"
  local o; o=$(wrk -t2 -c50 -d${secs}s --latency --timeout 10s "$1")
  local rps; rps=$(echo "$o" | awk '/Requests\/sec:/ {print $2}')
  local p50; p50=$(echo "$o" | awk '$1 == "50%" {print $2}')
  local p99; p99=$(echo "$o" | awk '$1 == "99%" {print $2}')
  local bad; bad=$(echo "$o" | awk '/Non-2xx/ {print $5}')
  echo "$rps $(ms "$p50") $(ms "$p99") ${bad:-0}"
}
ms() { # wrk latency (123.45us, 1.23ms, 1.02s) -> milliseconds
  echo "$1" | awk '{v=$1; if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v+0} else {sub(/s$/,"",v); print v*1000}}'
}
best() { # keep the run with more requests/s
  if [ -z "$1" ] || awk -v a="$(echo "$2" | cut -d' ' -f1)" -v b="$(echo "$1" | cut -d' ' -f1)" 'BEGIN {exit !(a > b)}'; then echo "$2"; else echo "$1"; fi
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
s=""; h=""
for i in 1 2; do
  s=$(best "$s" "$(run "$base/css/app.css")")
  h=$(best "$h" "$(run "$base/")")
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
read -r s_rps s_p50 s_p99 s_bad <<< "$s"
read -r h_rps h_p50 h_p99 h_bad <<< "$h"
ratio=$(awk -v a="$h_rps" -v b="$s_rps" 'BEGIN {printf "%.2f", a / b}')
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; java options: ${opts[*]}"
  echo "load average before: $load_before; after: $load_after (uptime: $(uptime))"
  echo
  echo "| URL (wrk -t2 -c50 -d${secs}s, better of 2) | bytes | req/s | p50 ms | p99 ms | non-2xx |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: |"
  echo "| static file /css/app.css | $static_bytes | $s_rps | $s_p50 | $s_p99 | $s_bad |"
  echo "| portal home / (anonymous) | $home_bytes | $h_rps | $h_p50 | $h_p99 | $h_bad |"
  echo
  echo "home ÷ static throughput: $ratio (required >= 0.50); home p99 $h_p99 ms (required < 50 ms)"
} | tee $out
