#!/usr/bin/env bash
# The whole check, as run by `npm test` and by CI: type-check (sources and tests), lint, then every test
# (the suite starts its own throw-away PostgreSQL cluster; see test/support/global-setup.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
echo "== type-check"
npx tsc --noEmit -p .
echo "== lint"
npx biome check --diagnostic-level=error .
echo "== tests"
npx vitest run "$@"
