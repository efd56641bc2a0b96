#!/usr/bin/env bash
# The screenshot tour (not a test): the main pages of every kind of user, zh and en, desktop 1440×900 and phone
# 390×844. It lives in src/bench/java, which only the bench profile compiles. Options (Maven -D):
# qc.tour.roles=city-office,district,market-regulator,housing-bureau,enterprise,citizen,security-admin,audit-admin; qc.tour.sizes=1440x900,390x844;
# qc.tour.langs=zh-CN,en. PNGs: target/screenshots/tour/<role>/; with PUBLISH=1 they replace docs/screenshots/tour.
# Needs Debian's chromium and chromedriver, and a CJK font (fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/screenshots/tour
./mvnw -B -q -Pbench test -Dtest=ScreenshotTour -Dqc.screenshots=true -Dsurefire.failIfNoSpecifiedTests=false "$@"
find target/screenshots/tour -name '*.png' | sort
if [ "${PUBLISH:-0}" = 1 ]; then
  rm -rf docs/screenshots/tour
  mkdir -p docs/screenshots
  cp -r target/screenshots/tour docs/screenshots/tour
  echo "published to docs/screenshots/tour"
fi
