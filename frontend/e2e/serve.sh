#!/usr/bin/env bash
# The server the browser tests talk to: a fresh SQLite database, migrated, jobs in process,
# serving the built app from frontend/dist.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
port="${1:-8765}"
bin="${BACKOFFICE_BIN:-$root/.venv-test/bin/backoffice}"
data="$here/.data-$port"
rm -rf "$data" && mkdir -p "$data"
export DATABASE_URL="sqlite:///$data/e2e.sqlite3"
export FRONTEND_DIST="${FRONTEND_DIST:-$root/frontend/dist}"
export BACKOFFICE_EXCLUDE_PLUGINS="${BACKOFFICE_EXCLUDE_PLUGINS:-example,example_listener}"
export REDIS_URL=""
# The webhooks browser test sends to a receiver on loopback over plain http.
export WEBHOOK_ALLOW_HTTP_LOOPBACK=1
"$bin" migrate >/dev/null
exec "$bin" serve --host 127.0.0.1 --port "$port"
