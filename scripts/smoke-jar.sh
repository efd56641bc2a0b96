#!/usr/bin/env bash
# Starts target/qualitycity.jar as the README says, checks the login page and health, creates a user,
# restarts the jar on the same data directory and logs in as that user. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/qualitycity.jar
[ -f "$JAR" ] || { echo "no $JAR: run ./mvnw -B package first"; exit 1; }
DATA=$(mktemp -d /tmp/qc-smoke.XXXXXX)
PORT=${SMOKE_PORT:-18080}
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; rm -rf "$DATA"; }
trap cleanup EXIT

start() {
  QC_DATA_DIR="$DATA" SERVER_PORT="$PORT" java -jar "$JAR" > "$DATA/app-$1.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 180); do
    if curl -fs "http://localhost:$PORT/actuator/health/readiness" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  echo "the jar did not become healthy; log:"; tail -50 "$DATA/app-$1.log"; exit 1
}
stop() { kill "$PID"; wait "$PID" || true; PID=; }
json() { python3 -c "import sys,json; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }

start 1
# to a file first: grep -q stops reading at the first match, and under pipefail curl's SIGPIPE would count as a failure
curl -fs "http://localhost:$PORT/login" -o "$DATA/login.html" && grep -q 'name="username"' "$DATA/login.html" \
  || { echo "no login page"; exit 1; }
# the demo city administrator logs in with its fixed TOTP secret (README, demo accounts)
TOTP=$(python3 "$(dirname "$0")/totp.py" QCDEMOCITYADMINTOTPKEYAAAAAAAAAA)
TOKEN=$(curl -fs -X POST "http://localhost:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"admin","password":"Demo@2026","totp":"'"$TOTP"'"}' | json token)
curl -fs -X POST "http://localhost:$PORT/api/v1/users" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
  -d '{"username":"smoke","displayName":"Smoke","unitCode":"421222","password":"Check#2026qc","roles":["DISTRICT_OFFICER"]}' >/dev/null
stop
start 2
curl -fs -X POST "http://localhost:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"username":"smoke","password":"Check#2026qc"}' | json token >/dev/null || { echo "user lost across restart"; exit 1; }
stop
echo "smoke: 2 passed, 0 failed"
