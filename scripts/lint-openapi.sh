#!/usr/bin/env bash
# Lints the API description with Redocly CLI's recommended ruleset (redocly.yaml): errors fail, warnings are shown.
# The document is the live one that OpenApiDocumentTest writes to target/openapi.json during the tests; without it
# (or with --fresh) this script runs that test first.
#   scripts/lint-openapi.sh            lint target/openapi.json (run the test first if it is missing)
#   scripts/lint-openapi.sh --fresh    run OpenApiDocumentTest, then lint
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--fresh" ] || [ ! -f target/openapi.json ]; then
  ./mvnw -B -q test -Dtest=OpenApiDocumentTest -Dsurefire.failIfNoSpecifiedTests=false
fi
# the linter's version is pinned in tools/openapi-lint/package-lock.json
npm ci --prefix tools/openapi-lint --no-audit --no-fund --silent
tools/openapi-lint/node_modules/.bin/redocly lint --config redocly.yaml target/openapi.json
