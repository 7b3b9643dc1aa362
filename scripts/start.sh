#!/usr/bin/env bash
# Sets up and starts the portal as a one-machine demo: the production build on its embedded
# defaults (SQLite under ./data, see README "Configuration"), demo data, a local mail catcher
# (MailDev) and the development SMS page. DEMO_MODE=on is what allows demo data and the SMS page in
# production; a real deployment sets the variables the README names instead.
#
# Options: --traffic[=EVENTS_PER_SECOND] keeps demo usage flowing once the portal is up (default 20
# events a second, rated as they arrive, so counters and charts move while someone watches).
set -euo pipefail
cd "$(dirname "$0")/.."
traffic=""
for arg in "$@"; do
  case "$arg" in
    --traffic) traffic=20 ;;
    --traffic=*) traffic="${arg#--traffic=}" ;;
    *) echo "unknown option: $arg (known: --traffic[=EVENTS_PER_SECOND])" >&2; exit 2 ;;
  esac
done
if [ -n "$traffic" ] && ! [[ "$traffic" =~ ^[0-9]{1,5}$ ]]; then
  echo "--traffic takes a number of events per second, e.g. --traffic=50" >&2; exit 2
fi
source scripts/ensure-toolchain.sh

mkdir -p data
[ -f data/session-secret ] || node -e "console.log(require('crypto').randomBytes(32).toString('hex'))" > data/session-secret
export SESSION_SECRET="${SESSION_SECRET:-$(cat data/session-secret)}"
export NODE_ENV=production
export DEMO_MODE=on
# The demo listens on this machine only; every other setting keeps the defaults of @cabinet/config.
export HOST="${HOST:-127.0.0.1}"

# Checks the configuration (one message naming each problem) and reads what the banner shows.
settings=$(pnpm --silent cabinet config)
setting() { sed -n "s/^$1=//p" <<< "$settings"; }
public_url=$(setting PUBLIC_URL)
smtp_url=$(setting SMTP_URL)
database_path=$(setting DATABASE_PATH)

catcher=""
simulator=""
stop_helpers() {
  [ -n "$simulator" ] && kill -- "-$simulator" 2>/dev/null || true
  [ -n "$catcher" ] && kill -- "-$catcher" 2>/dev/null || true
}
trap stop_helpers EXIT
if [ "$smtp_url" = "smtp://127.0.0.1:1025" ] && ! (echo > /dev/tcp/127.0.0.1/1025) 2>/dev/null; then
  # In its own process group, so that stopping the portal stops MailDev too (pnpm → tsx → maildev).
  set -m
  pnpm --silent cabinet mailcatcher > data/mailcatcher.log 2>&1 &
  catcher=$!
  set +m
fi

# The mail catcher starts meanwhile.
echo "==> building the portal"
pnpm exec turbo run build --filter=@cabinet/web --output-logs=errors-only
if [ -n "$catcher" ]; then
  # Up before the portal, so the first e-mails do not wait out a retry.
  for _ in $(seq 1 50); do (echo > /dev/tcp/127.0.0.1/1025) 2>/dev/null && break; sleep 0.2; done
fi

cat <<BANNER

  Corporate cabinet
    portal            $public_url
    apply for access  $public_url/apply
    login             $public_url/login   (office console: /office, SMS outbox: /dev/sms)
    mail catcher      http://127.0.0.1:1080
    database          $database_path

BANNER
if [ -n "$traffic" ]; then
  # Starts once the portal answers (it seeds the demo data first), in its own process group.
  set -m
  (
    up='fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))'
    for _ in $(seq 1 600); do node -e "$up" "$public_url/healthz" && break; sleep 0.5; done
    exec pnpm --silent cabinet usage simulate --rate "$traffic"
  ) > data/traffic.log 2>&1 &
  simulator=$!
  set +m
  echo "  demo traffic      $traffic events/s (data/traffic.log)"
  echo
fi
cd apps/web && node server.mjs
