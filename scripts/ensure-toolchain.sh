# Sourced by start.sh and test.sh: pnpm at the pinned version, then the workspace's packages.
set -euo pipefail
PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "==> installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi
echo "==> installing packages (the first time compiles better-sqlite3, about a minute)"
pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -vE 'better-sqlite3 install:|^\s*$' | tail -5
