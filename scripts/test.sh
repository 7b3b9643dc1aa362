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

echo "==> typecheck, unit and integration tests, build, end-to-end tests"
pnpm exec turbo run typecheck test build test:e2e --concurrency=1 --output-logs=errors-only
echo "==> all checks passed"
