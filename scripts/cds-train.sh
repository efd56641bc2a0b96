#!/usr/bin/env bash
# Class data sharing for a shorter start (issue 13; Spring Boot's "Class Data Sharing" how-to). Run by
# `./mvnw package` after the jar is built (skip with -Dqc.cds.skip=true):
#  1. extracts target/qualitycity.jar into target/app/ (qualitycity.jar + lib/: CDS cannot map classes out of a jar
#     nested in a jar);
#  2. one training run: starts target/app/qualitycity.jar on a throw-away data directory without demo data, waits until
#     it has started, stops it (SIGTERM, a normal shutdown), and the JVM writes the classes it loaded into
#     target/app/qualitycity.jsa.
# README's run command then maps that archive: java -XX:SharedArchiveFile=target/app/qualitycity.jsa ... -jar
# target/app/qualitycity.jar. A JVM that cannot use the archive (another JDK) says so once and starts without it.
# Usage: scripts/cds-train.sh [java options...]   (default: README's JVM options; the archive's JVM must match)
set -euo pipefail
cd "$(dirname "$0")/.."
opts=("$@")
[ ${#opts[@]} -gt 0 ] || opts=(-XX:+UseSerialGC -Xss512k -Xms48m -Xmx320m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=192m)
rm -rf target/app
java -Djarmode=tools -jar target/qualitycity.jar extract --destination target/app > /dev/null
dir=$(mktemp -d "${TMPDIR:-/tmp}/qc-cds-training.XXXX")
log="$dir/training.log"
t0=$SECONDS
QC_DATA_DIR="$dir/data" QC_DEMO=false QC_ADMIN_PASSWORD=Cds-Training-2026-x QC_HJ212_PORT=0 QC_MQTT_PORT=0 \
  java -XX:ArchiveClassesAtExit=target/app/qualitycity.jsa "${opts[@]}" -jar target/app/qualitycity.jar \
  --server.port=0 > "$log" 2>&1 &
pid=$!
until grep -q "Started QualityCityApplication" "$log"; do
  if ! kill -0 $pid 2>/dev/null || [ $((SECONDS - t0)) -gt 900 ]; then
    echo "CDS training run failed (see $log); the application runs without the archive"; kill $pid 2>/dev/null || true
    rm -f target/app/qualitycity.jsa
    exit 0
  fi
  sleep 0.5
done
sleep 2 # the work right after the start (runners, first requests' classes)
kill $pid
wait $pid || true
if [ -s target/app/qualitycity.jsa ]; then
  echo "CDS archive target/app/qualitycity.jsa written ($(( $(stat -c %s target/app/qualitycity.jsa) / 1048576 )) MB, training run $((SECONDS - t0)) s)"
  rm -rf "$dir"
else
  echo "CDS training run wrote no archive (see $log); the application runs without it"
fi
