#!/usr/bin/env bash
# Complaint benchmarks (docs/benchmarks.md): public submission throughput and p99 at 50 concurrent
# clients against /actuator/health as the floor, in the same run; then the statistics API over
# 1 000 000 cases. Needs target/qualitycity.jar (./mvnw -B -o package -DskipTests) and psql.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/qualitycity.jar
SECS=${BENCH_SECONDS:-20}
PORT=${BENCH_PORT:-18090}
DATA=$(mktemp -d /tmp/qc-bench.XXXXXX)
PID=
cleanup() { if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; fi; rm -rf "$DATA"; }
trap cleanup EXIT
# the abuse limits would stop a load test from one address: raise them for this run only
QC_DATA_DIR="$DATA" SERVER_PORT="$PORT" QC_COMPLAINT_LIMIT_PER_IP=100000000 QC_COMPLAINT_LIMIT_PER_PHONE=100000000 \
  java -jar "$JAR" > "$DATA/app.log" 2>&1 &
PID=$!
for _ in $(seq 1 180); do curl -fs "http://localhost:$PORT/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
for _ in $(seq 1 180); do grep -q "Demo data generated" "$DATA/app.log" && break; sleep 1; done
B="http://localhost:$PORT"
if [ -z "${BENCH_SKIP_LOAD:-}" ]; then
echo "warm-up"; python3 scripts/bench_load.py "$B/api/v1/public/complaints" POST 20 5 complaint >/dev/null
python3 scripts/bench_load.py "$B/actuator/health" GET 20 5 >/dev/null
echo "health (floor):";     python3 scripts/bench_load.py "$B/actuator/health" GET 50 "$SECS"
echo "public submission:";  python3 scripts/bench_load.py "$B/api/v1/public/complaints" POST 50 "$SECS" complaint
echo "health (again):";     python3 scripts/bench_load.py "$B/actuator/health" GET 50 "$SECS"
fi

PGPORT=$(grep -o 'Embedded PostgreSQL started on port [0-9]*' "$DATA/app.log" | grep -o '[0-9]*$')
PSQL="psql -h localhost -p $PGPORT -U postgres -d postgres -qAt"
N=$($PSQL -c "SELECT count(*) FROM complaint_case")
D=$($PSQL -c "SELECT count(*) FROM complaint_case WHERE demo")
echo "cases before: $N; copying demo cases up to 1 000 000"
$PSQL -c "INSERT INTO complaint_case (tracking_code, type, channel, category, subcategory, respondent_name,
    respondent_address, district_unit_id, unit_id, facts, request, amount, anonymous, person_name, person_phone,
    person_address, received_at, received_on, status, accept_due, decided_on, refusal_ground, dispatched_on, handle_due,
    handled_on, outcome, money_recovered, reply_due, replied_on, reply, visited_on, satisfaction, demo)
  SELECT 'B' || g || '-' || c.id, type, channel, category, subcategory, respondent_name, respondent_address,
    district_unit_id, unit_id, facts, request, amount, anonymous, person_name, person_phone, person_address, received_at,
    received_on, status, accept_due, decided_on, refusal_ground, dispatched_on, handle_due, handled_on, outcome,
    money_recovered, reply_due, replied_on, reply, visited_on, satisfaction, true
  FROM complaint_case c, generate_series(1, (1000000 / GREATEST($D, 1)) + 1) g WHERE c.demo
  LIMIT 1000000 - $N; ANALYZE complaint_case;"
echo "cases now: $($PSQL -c "SELECT count(*) FROM complaint_case")"
TOTP=$(python3 "$(dirname "$0")/totp.py" QCDEMOCITYADMINTOTPKEYAAAAAAAAAA)   # admin's demo TOTP secret (README)
TOKEN=$(curl -fs -X POST "$B/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"Demo@2026","totp":"'"$TOTP"'"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["token"])')
for range in "from=2017-01&to=2026-10" "from=2025-11&to=2026-10"; do
  for i in 1 2 3 4; do
    curl -fs -o /dev/null -w "stats $range: %{time_total} s\n" "$B/api/v1/complaints/stats?$range" -H "Authorization: Bearer $TOKEN"
  done
done
