#!/bin/sh
# Prepares a checkout to run: node modules from the lockfile, and redis-server from Debian's
# packages when it is missing (installed only when running as root; otherwise it says how).
set -eu
cd "$(dirname "$0")/.."

node -e 'const [a,b]=process.versions.node.split(".").map(Number); if (a<20||(a===20&&b<19)||a>22) { console.error("wagewatch needs Node.js 20.19+ (20.x or 22.x); this is " + process.version); process.exit(1) }'

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing node modules (npm ci)…"
  npm ci --no-audit --no-fund
fi
# The bundle production processes run (scripts/build.ts); npm ci makes it too, but a checkout
# whose modules were already installed may have edited sources since.
if [ ! -f dist/main.js ] || [ -n "$(find src classifiers crawlers -name "*.ts" -newer dist/main.js | head -1)" ]; then
  npm run -s build
fi

if ! command -v redis-server >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing redis-server from Debian's packages…"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "setup: redis-server is missing. Install it, e.g.: sudo apt-get install -y redis-server" >&2
    echo "       (or set REDIS_URL to a running Redis)." >&2
    [ -n "${REDIS_URL:-}" ] || exit 1
  fi
fi
# The report tests render in a real browser: Debian's chromium, driven by playwright-core
# (no browser is ever downloaded).
# A Chinese font, so the report screenshots show text, not boxes.
if ! command -v chromium >/dev/null 2>&1 || ! fc-list 2>/dev/null | grep -qi 'wqy\|noto sans cjk'; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium and a Chinese font from Debian's packages (for the report rendering tests)…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; }
  else
    echo "setup: the report rendering test needs chromium and a Chinese font: sudo apt-get install -y chromium fonts-wqy-microhei" >&2
  fi
fi
echo "setup: ready"
