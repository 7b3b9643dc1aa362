#!/usr/bin/env bash
# Sets everything up and runs every test: lint, types, unit, integration, browser end-to-end.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-toolchain.sh

if [ ! -x /usr/bin/chromium ] || ! command -v pdftoppm >/dev/null 2>&1; then
  echo "==> installing Debian's chromium and poppler-utils"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium poppler-utils >/dev/null
fi

echo "==> checking that the database schema has a committed migration"
pnpm --filter @cabinet/domain exec drizzle-kit generate >/dev/null
if [ -n "$(git status --porcelain -- packages/domain/drizzle)" ]; then
  git status --porcelain -- packages/domain/drizzle
  echo "The drizzle schema changed without a migration: run 'pnpm db:generate' and commit packages/domain/drizzle." >&2
  exit 1
fi

echo "==> lint"
pnpm exec biome lint .

echo "==> typecheck and build"
pnpm exec turbo run typecheck build --concurrency=1 --output-logs=errors-only

# Every test task writes a vitest JSON report; the summary at the end adds them up.
reports=()
for dir in packages/* apps/*; do
  grep -q '"test":' "$dir/package.json" 2>/dev/null && reports+=("$dir/.test-results/unit.json")
done
reports+=("apps/web/.test-results/e2e.json")
rm -rf packages/*/.test-results apps/*/.test-results
json=(--reporter=default --reporter=json)

status=0
echo "==> unit and integration tests"
pnpm exec turbo run test --concurrency=1 --continue --output-logs=errors-only -- "${json[@]}" --outputFile.json=.test-results/unit.json || status=1
echo "==> browser end-to-end tests"
pnpm exec turbo run test:e2e --concurrency=1 --continue --output-logs=errors-only -- "${json[@]}" --outputFile.json=.test-results/e2e.json || status=1
node scripts/test-summary.mjs "${reports[@]}" || status=1
exit $status
