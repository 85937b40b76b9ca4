#!/usr/bin/env bash
# The API checked by tools no one here wrote, against a live portfolio-server on the sample:
#   1. openapi-spec-validator on the served contract (/openapi.json);
#   2. schemathesis on every operation of it, every check, findings at zero (the endless event
#      stream aside: check 5 exercises it);
#   3. headless Chromium reading the dashboard (its DOM dumped and checked, a screenshot taken);
#   4. the dashboard open in Chromium showing a status change made from the CLI within 2 seconds
#      (read through the page itself, over the DevTools protocol: Scripts/api/live_check.py);
#   5. 1,000 idle event-stream clients held for a minute (--quick: 10 s), each hearing the next
#      change, with the server's memory before and after (Scripts/api/sse_clients.py).
# As root it installs what is missing: chromium (Debian) and, in .venv-api/, schemathesis and
# openapi-spec-validator (PyPI). It uses DATABASE_URL and PORTFOLIO_BIN_DIR when given (test.sh
# gives them), else starts a cluster of its own and builds. Writes out/api-check/.
# Usage: Scripts/api-check.sh [--quick]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

HOLD=60
EXAMPLES=40
case "${1:-}" in
    --quick) HOLD=10; EXAMPLES=15 ;;
    "") ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "api-check.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
esac

say() { echo "api-check.sh: $*" >&2; }
OUT="$ROOT/out/api-check"
mkdir -p "$OUT"

# Tools.
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing chromium"
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
        || say "chromium could not be installed"
fi
VENV="$ROOT/.venv-api"
if [ ! -x "$VENV/bin/schemathesis" ] || [ ! -x "$VENV/bin/openapi-spec-validator" ]; then
    say "installing schemathesis and openapi-spec-validator into $VENV"
    python3 -m venv "$VENV" >/dev/null 2>&1 || { [ "$(id -u)" -eq 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null 2>&1 && python3 -m venv "$VENV"; }
    "$VENV/bin/pip" install -q schemathesis openapi-spec-validator >/dev/null
fi

# The database.
OWN_CLUSTER=0
if [ -z "${DATABASE_URL:-}" ]; then
    export PORTFOLIO_PG_PORT="${PORTFOLIO_API_PG_PORT:-54349}"
    export PORTFOLIO_PG_DIR="${PORTFOLIO_API_PG_DIR:-$ROOT/.postgres-api}"
    DATABASE_URL="$("$ROOT/Scripts/postgres.sh" start)"
    OWN_CLUSTER=1
fi
ADMIN_URL="$DATABASE_URL"
if [ -z "${PORTFOLIO_BIN_DIR:-}" ]; then
    swift build --product portfolio >/dev/null && swift build --product portfolio-server >/dev/null
    PORTFOLIO_BIN_DIR="$(swift build --show-bin-path)"
fi
BIN="$PORTFOLIO_BIN_DIR"
DB_NAME="portfolio_api_check"
export DATABASE_URL="${ADMIN_URL%/*}/$DB_NAME"
export PORTFOLIO_ACTOR="api-check"

SERVER_PID=""
CHROME_PID=""
cleanup() {
    [ -n "$CHROME_PID" ] && kill "$CHROME_PID" 2>/dev/null || true
    [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null || true
    psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null 2>&1 || true
    [ "$OWN_CLUSTER" -eq 1 ] && "$ROOT/Scripts/postgres.sh" stop >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME" >/dev/null
"$BIN/portfolio" migrate >/dev/null
"$BIN/portfolio" sample load >/dev/null

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
PORT="$(free_port)"
ulimit -n 8192 2>/dev/null || ulimit -n 4096 2>/dev/null || true
# Room for the browser's own event streams besides the 1,000 clients of check 5.
PORTFOLIO_SERVER_MAX_EVENT_CLIENTS=1100 "$BIN/portfolio-server" --address "127.0.0.1:$PORT" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    grep -q "listening on" "$OUT/server.log" && break
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$OUT/server.log" >&2; exit 1; }
    sleep 0.1
done
BASE="http://127.0.0.1:$PORT"
say "portfolio-server at $BASE"
failures=0
check() { local name="$1"; shift; if "$@"; then say "$name: passed"; else say "$name: FAILED"; failures=$((failures + 1)); fi; }

# 1. The contract itself.
python3 -c 'import sys, urllib.request; sys.stdout.write(urllib.request.urlopen(sys.argv[1]).read().decode())' "$BASE/openapi.json" > "$OUT/openapi.json"
check "openapi-spec-validator" "$VENV/bin/openapi-spec-validator" "$OUT/openapi.json"

# 2. Every operation against the contract.
check "schemathesis (every operation, every check)" \
    "$VENV/bin/schemathesis" run "$BASE/openapi.json" --checks all --max-examples "$EXAMPLES" --no-color \
    --exclude-path /api/v1/events \
    --report junit --report-dir "$OUT" > "$OUT/schemathesis.txt" 2>&1 \
    || { tail -n 60 "$OUT/schemathesis.txt" >&2; false; }

# 3–4. A real browser.
if command -v chromium >/dev/null 2>&1; then
    CHROME=(chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run --user-data-dir="$OUT/chromium")
    dom_ok() {
        timeout 60 "${CHROME[@]}" --dump-dom "$BASE/" > "$OUT/dashboard-dom.html" 2>/dev/null
        grep -q '<h1>Portfolio report</h1>' "$OUT/dashboard-dom.html" && grep -q 'href="/projects/ILL-EN-05"' "$OUT/dashboard-dom.html" \
            && grep -q '<svg' "$OUT/dashboard-dom.html"
    }
    check "chromium --dump-dom reads the dashboard" dom_ok
    timeout 60 "${CHROME[@]}" --window-size=1280,2400 --screenshot="$OUT/dashboard.png" "$BASE/" >/dev/null 2>&1 || true
    check "chromium screenshot" test -s "$OUT/dashboard.png"
    CDP_PORT="$(free_port)"
    "${CHROME[@]}" --remote-debugging-port="$CDP_PORT" about:blank > "$OUT/chromium.log" 2>&1 &
    CHROME_PID=$!
    for _ in $(seq 1 100); do
        python3 -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)' "http://127.0.0.1:$CDP_PORT/json/version" 2>/dev/null && break
        sleep 0.1
    done
    check "the open dashboard shows a CLI status change within 2 s" \
        python3 "$ROOT/Scripts/api/live_check.py" "$CDP_PORT" "$BASE/" ILL-EN-05 finished 2 -- \
        "$BIN/portfolio" status set ILL-EN-05 finished --note "live check"
    kill "$CHROME_PID" 2>/dev/null || true
    CHROME_PID=""
else
    say "chromium is not installed (run as root to install it): the browser checks FAILED"
    failures=$((failures + 1))
fi

# 5. Many idle event-stream clients.
check "1,000 idle event-stream clients for ${HOLD} s" \
    python3 "$ROOT/Scripts/api/sse_clients.py" 127.0.0.1 "$PORT" "$SERVER_PID" 1000 "$HOLD" 30 -- \
    "$BIN/portfolio" target set 8,100,000,000 USD

if [ "$failures" -ne 0 ]; then
    say "$failures checks failed; see $OUT"
    exit 1
fi
say "every check passed; figures and files in $OUT"
