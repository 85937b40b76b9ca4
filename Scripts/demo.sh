#!/usr/bin/env bash
# The demo: starts the embedded PostgreSQL, loads the illustrative sample portfolio into a
# fresh `portfolio_demo` database, records status changes (directly, queued through
# `status import`, and one scheduled for a future date), runs the worker once, prints the
# sectors, statuses and progress reports, and writes an HTML report.
# Running it again starts the demo database afresh. The cluster keeps running afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "Starting the embedded PostgreSQL"
ADMIN_URL="$("$ROOT/Scripts/postgres.sh" start)"
DEMO_URL="${ADMIN_URL%/*}/portfolio_demo"
psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS portfolio_demo WITH (FORCE)" -c "CREATE DATABASE portfolio_demo"
export DATABASE_URL="$DEMO_URL"
export PORTFOLIO_ACTOR="${PORTFOLIO_ACTOR:-demo}"
echo "DATABASE_URL=$DATABASE_URL"

step "Building"
swift build --product portfolio 2>&1 | tail -n 1
swift build --product portfolio-worker 2>&1 | tail -n 1
swift build --product portfolio-server 2>&1 | tail -n 1
BIN="$(swift build --show-bin-path)"
portfolio() { "$BIN/portfolio" "$@"; }
worker() { "$BIN/portfolio-worker" "$@"; }

step "portfolio migrate"
portfolio migrate

step "portfolio sample load   (illustrative projects, codes ILL-…)"
portfolio sample load
portfolio project list --status committed

step "Status changes, recorded directly"
portfolio status set ILL-EN-08 ongoing --note "construction started"
portfolio status set ILL-AG-05 committed --note "loan agreement signed"
portfolio status set ILL-OT-04 suspended --note "permits under review"

step "Status changes queued for the worker (portfolio status import)"
CHANGES="$(mktemp --suffix=.csv)"
cat >"$CHANGES" <<CSV
code,status,effective_date,note,key
ILL-MF-09,ongoing,$(date -u +%Y-%m-01),works started,demo-1
ILL-LG-05,ongoing,$(date -u +%Y-%m-01),terminal works started,demo-2
ILL-OT-04,ongoing,$(date -u +%Y-%m-%d),permits granted,demo-3
CSV
portfolio status import "$CHANGES"
rm -f "$CHANGES"

step "A change scheduled for a future date"
FUTURE="$(date -u -d '+30 days' +%Y-%m-%d)"
portfolio status set ILL-EN-09 committed --effective "$FUTURE" --note "financing close expected"
portfolio status history ILL-EN-09

step "portfolio-worker --once   (applies what is due, takes a rollup)"
worker --once --http-address off
portfolio jobs stats

step "portfolio report sectors"
portfolio report sectors
step "portfolio report statuses"
portfolio report statuses
step "portfolio report progress"
portfolio report progress

step "Money after the signature: a disbursement, then each lender's financing"
portfolio tx add ILL-MF-09 --type disbursement --lender "Industrial and Commercial Bank of China" \
    --amount 20,000,000 --currency USD --date "$(date -u +%Y-%m-%d)" --ref DEMO-D1
portfolio tx list ILL-MF-09
portfolio report financing

step "Disbursements and repayments per quarter and sector, since 2024"
portfolio report disbursements --period quarter --by sector --from 2024-01-01

step "A correction recorded later: the figures published before it can still be reproduced"
# Whole seconds on either side of the moment the figures were published.
sleep 1
PUBLISHED="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
sleep 1
portfolio project update ILL-OT-04 --sector logistics --effective 2020-01-01
portfolio report sectors --as-recorded "$PUBLISHED"
portfolio report sectors

step "HTML reports"
mkdir -p "$ROOT/out"
portfolio report progress --format html --output "$ROOT/out/portfolio-report.html"
portfolio report disbursements --format html --output "$ROOT/out/disbursements.html"
echo "Open $ROOT/out/portfolio-report.html and $ROOT/out/disbursements.html in a browser (they work offline)."

step "portfolio-server   (the API and the dashboard, read-only, on loopback)"
SERVER_ADDRESS="${PORTFOLIO_SERVER_ADDRESS:-127.0.0.1:8081}"
if [ -f "$ROOT/.demo-server.pid" ] && kill -0 "$(cat "$ROOT/.demo-server.pid")" 2>/dev/null; then
    kill "$(cat "$ROOT/.demo-server.pid")" && sleep 1
fi
"$BIN/portfolio-server" --address "$SERVER_ADDRESS" > "$ROOT/out/portfolio-server.log" 2>&1 &
echo $! > "$ROOT/.demo-server.pid"
for _ in $(seq 1 50); do
    grep -q "listening on" "$ROOT/out/portfolio-server.log" 2>/dev/null && break
    kill -0 "$(cat "$ROOT/.demo-server.pid")" 2>/dev/null || { cat "$ROOT/out/portfolio-server.log"; break; }
    sleep 0.2
done
if grep -q "listening on" "$ROOT/out/portfolio-server.log" 2>/dev/null; then
    curl -fsS "http://$SERVER_ADDRESS/api/v1/reports/statuses?format=csv" 2>/dev/null || true
    echo "Dashboard: http://$SERVER_ADDRESS/   API: http://$SERVER_ADDRESS/api/v1/reports/sectors   Contract: http://$SERVER_ADDRESS/openapi.json"
fi

step "Done"
cat <<TXT
The demo database and the server stay up to explore:
  export DATABASE_URL=$DATABASE_URL
  $BIN/portfolio project show ILL-EN-08
  curl http://$SERVER_ADDRESS/api/v1/projects/ILL-EN-08
  $BIN/portfolio-worker            # run the daemon (Ctrl-C to stop); /health on http://127.0.0.1:8080/health
Stop the server with:   kill \$(cat $ROOT/.demo-server.pid)
Stop the cluster with:  Scripts/postgres.sh stop
TXT
