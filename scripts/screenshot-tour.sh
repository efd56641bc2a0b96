#!/usr/bin/env bash
# The screenshot tour (not a test): screenshots pages for people to look at. It lives in src/bench/java, which only
# the bench profile compiles. Options (Maven -D): qc.tour.pages=/,/units (paths), qc.tour.user, qc.tour.width/height.
# PNGs: target/screenshots/tour. Needs Debian's chromium and chromedriver, and a CJK font (fonts-noto-cjk).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pbench test -Dtest=ScreenshotTour -Dqc.screenshots=true -Dsurefire.failIfNoSpecifiedTests=false "$@"
ls target/screenshots/tour
