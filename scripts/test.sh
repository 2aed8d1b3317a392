#!/usr/bin/env bash
# The whole check, as run by `npm test` and by CI: type-check (server, tests and the web app), lint,
# make sure Debian's Chromium is there for the browser tests, then every test (the suite starts its own
# throw-away PostgreSQL cluster; see test/support/global-setup.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== type-check"
npx tsc --noEmit -p .
npx tsc --noEmit -p src/web
echo "== lint"
npx biome check --diagnostic-level=error .
echo "== browser"
bash scripts/ensure-chromium.sh
echo "== tests"
npx vitest run "$@"
