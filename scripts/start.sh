#!/usr/bin/env bash
# Sets up and starts the portal on its embedded defaults: SQLite under ./data, demo data,
# a local mail catcher (MailDev) and the SMS outbox page.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
source scripts/ensure-toolchain.sh

mkdir -p data
[ -f data/session-secret ] || node -e "console.log(require('crypto').randomBytes(32).toString('hex'))" > data/session-secret
export PORT="${PORT:-3000}"
export HOST="${HOST:-127.0.0.1}"
export PUBLIC_URL="${PUBLIC_URL:-http://localhost:$PORT}"
export DATABASE_PATH="${DATABASE_PATH:-$root/data/cabinet.db}"
export SMTP_URL="${SMTP_URL:-smtp://127.0.0.1:1025}"
export MAIL_FROM="${MAIL_FROM:-Корпоративный кабинет <no-reply@operator.example>}"
export SESSION_SECRET="${SESSION_SECRET:-$(cat data/session-secret)}"
export NODE_ENV=production

echo "==> building the portal"
pnpm exec turbo run build --filter=@cabinet/web --output-logs=errors-only

catcher=""
if [ "$SMTP_URL" = "smtp://127.0.0.1:1025" ] && ! (echo > /dev/tcp/127.0.0.1/1025) 2>/dev/null; then
  # In its own process group, so that stopping the portal stops MailDev too (pnpm → tsx → maildev).
  set -m
  pnpm --silent cabinet mailcatcher > data/mailcatcher.log 2>&1 &
  catcher=$!
  set +m
  trap 'kill -- "-$catcher" 2>/dev/null || true' EXIT
  # Up before the portal, so the first e-mails do not wait out a retry.
  for _ in $(seq 1 50); do (echo > /dev/tcp/127.0.0.1/1025) 2>/dev/null && break; sleep 0.2; done
fi

cat <<BANNER

  Corporate cabinet
    portal            $PUBLIC_URL
    apply for access  $PUBLIC_URL/apply
    login             $PUBLIC_URL/login   (office console: /office, SMS outbox: /dev/sms)
    mail catcher      http://127.0.0.1:1080
    database          $DATABASE_PATH

BANNER
cd apps/web && node server.mjs
