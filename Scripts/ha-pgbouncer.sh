#!/usr/bin/env bash
# PgBouncer (Debian's), tested on real PostgreSQL with the programs unchanged from what users
# run. The same load three times, each on a database of its own: straight to PostgreSQL (the
# baseline), through PgBouncer in session mode, and through PgBouncer in transaction mode.
# Each time: migrate, the sample, N more projects; 4 workers apply N queued status changes
# while a CLI loop adds lenders. Checked each time: every change applied exactly once, every CLI
# write kept, the invariants of Scripts/chaos/invariants.sql, and the reports through the
# pooler byte-identical to the ones read straight from PostgreSQL. Through PgBouncer the
# programs know they are pooled (statements unnamed, timeouts per transaction, no LISTEN: the
# workers say so and poll). Measured: changes applied per second and CLI writes per second,
# each against the baseline.
# Usage: Scripts/ha-pgbouncer.sh [--quick]   (--quick: 200 changes and 40 CLI writes; else 1000 and 150)
# As root it installs pgbouncer and PostgreSQL if missing; if they cannot be had it says what is
# missing and exits 0 ("skipped"). Uses PORTFOLIO_BIN_DIR when given, otherwise builds
# portfolio and portfolio-worker. Writes ha/pgbouncer.txt and logs under ha/pgbouncer/.
# Ports: PostgreSQL 54376, PgBouncer 26441 (PORTFOLIO_PGBOUNCER_PG_PORT, PORTFOLIO_PGBOUNCER_PORT).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CHANGES=1000
WRITES=150
case "${1:-}" in
    --quick) CHANGES=200; WRITES=40 ;;
    "") ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ha-pgbouncer.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
esac

say() { echo "ha-pgbouncer.sh: $*" >&2; }
OUT="$ROOT/ha"
LOGS="$OUT/pgbouncer"
mkdir -p "$LOGS"
PG_PORT="${PORTFOLIO_PGBOUNCER_PG_PORT:-54376}"
BOUNCER_PORT="${PORTFOLIO_PGBOUNCER_PORT:-26441}"

if ! [ -x /usr/sbin/pgbouncer ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing pgbouncer"
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer; } >/dev/null 2>&1 || true
fi
if ! [ -x /usr/sbin/pgbouncer ]; then
    say "missing: pgbouncer (install it with apt-get as root); skipped"
    exit 0
fi

export PORTFOLIO_PG_PORT="$PG_PORT" PORTFOLIO_PG_DIR="${PORTFOLIO_PGBOUNCER_DIR:-$ROOT/.postgres-pgbouncer}"
as_owner() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
WORKERS=()
BOUNCER_DIR=""
cleanup() {
    for pid in "${WORKERS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -n "$BOUNCER_DIR" ] && [ -f "$BOUNCER_DIR/pgbouncer.pid" ]; then kill "$(cat "$BOUNCER_DIR/pgbouncer.pid")" 2>/dev/null || true; fi
    "$ROOT/Scripts/postgres.sh" destroy >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

"$ROOT/Scripts/postgres.sh" destroy >/dev/null 2>&1 || true
ADMIN="$("$ROOT/Scripts/postgres.sh" start)"
say "PostgreSQL on $PG_PORT"
if [ -n "${PORTFOLIO_BIN_DIR:-}" ]; then
    BIN="$PORTFOLIO_BIN_DIR"
else
    swift build --product portfolio >/dev/null && swift build --product portfolio-worker >/dev/null
    BIN="$(swift build --show-bin-path)"
fi

# One PgBouncer, one pooled name per mode, each in front of a database of its own.
BOUNCER_DIR="$(dirname "$("$ROOT/Scripts/postgres.sh" datadir)")/pgbouncer"
mkdir -p "$BOUNCER_DIR"
printf '"postgres" ""\n' > "$BOUNCER_DIR/users.txt"
cat > "$BOUNCER_DIR/pgbouncer.ini" <<INI
[databases]
portfolio_session = host=127.0.0.1 port=$PG_PORT dbname=portfolio_pgb_session pool_mode=session
portfolio_transaction = host=127.0.0.1 port=$PG_PORT dbname=portfolio_pgb_transaction pool_mode=transaction
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir =
auth_type = trust
auth_file = $BOUNCER_DIR/users.txt
default_pool_size = 20
max_client_conn = 400
logfile = $BOUNCER_DIR/pgbouncer.log
pidfile = $BOUNCER_DIR/pgbouncer.pid
INI
if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$BOUNCER_DIR"; fi
as_owner /usr/sbin/pgbouncer -d "$BOUNCER_DIR/pgbouncer.ini"
for _ in $(seq 1 100); do psql -X -tAq "postgresql://postgres@127.0.0.1:$BOUNCER_PORT/pgbouncer" -c "SHOW VERSION" >/dev/null 2>&1 && break; sleep 0.1; done
VERSION="$(psql -X -tAq "postgresql://postgres@127.0.0.1:$BOUNCER_PORT/pgbouncer" -c "SHOW VERSION" 2>/dev/null | head -n 1 || echo PgBouncer)"
say "$VERSION on $BOUNCER_PORT"

# N projects to move from committed to ongoing through the queue, one key each.
"$ROOT/Scripts/ha/queued-load.sh" "$CHANGES" pgb "$LOGS"

failures=0
check() { local name="$1"; shift; if "$@"; then say "$name: passed"; else say "$name: FAILED"; failures=$((failures + 1)); fi; }
declare -A APPLY_RATE WRITE_RATE
: > "$OUT/pgbouncer.txt"

run_load() {
    local route="$1" url="$2" database="$3"
    local direct="${ADMIN%/*}/$database"
    psql -X -q "$ADMIN" -c "DROP DATABASE IF EXISTS $database" -c "CREATE DATABASE $database" 2>/dev/null
    export DATABASE_URL="$url" PORTFOLIO_ACTOR="ha-$route"
    "$BIN/portfolio" migrate >/dev/null
    "$BIN/portfolio" sample load >/dev/null
    "$BIN/portfolio" project import "$LOGS/pgb-projects.csv" >/dev/null
    WORKERS=()
    for w in 1 2 3 4; do
        "$BIN/portfolio-worker" --http-address off > "$LOGS/$route-worker-$w.log" 2>&1 &
        WORKERS+=($!)
    done
    local started applied=0 finished
    started="$(date +%s.%N)"
    "$BIN/portfolio" status import "$LOGS/pgb-changes.csv" >/dev/null
    # The CLI's writes while the workers apply the queue.
    ( writes_started="$(date +%s.%N)"; acked=0
      for i in $(seq 1 "$WRITES"); do
          "$BIN/portfolio" lender add "Pooled $route lender $i" >/dev/null 2>>"$LOGS/$route-cli.err" && acked=$((acked + 1))
      done
      echo "$acked $writes_started $(date +%s.%N)" > "$LOGS/$route-writes.txt" ) &
    local writer=$!
    for _ in $(seq 1 600); do
        applied="$(psql -X -tAq "$direct" -c "SELECT count(DISTINCT request_key) FROM status_history WHERE request_key LIKE 'pgb-%'")"
        [ "$applied" = "$CHANGES" ] && break
        sleep 0.05
    done
    finished="$(date +%s.%N)"
    wait "$writer" || true
    local acked writes_started writes_finished
    read -r acked writes_started writes_finished < "$LOGS/$route-writes.txt"
    for pid in "${WORKERS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${WORKERS[@]}"; do wait "$pid" 2>/dev/null || true; done
    WORKERS=()
    "$ROOT/Scripts/ha/drain.sh" "$direct" "$BIN" || true
    local twice kept
    twice="$(psql -X -tAq "$direct" -c "SELECT count(*) FROM (SELECT request_key FROM status_history WHERE request_key LIKE 'pgb-%' GROUP BY request_key HAVING count(*) > 1) t")"
    kept="$(psql -X -tAq "$direct" -c "SELECT count(*) FROM lenders WHERE name LIKE 'Pooled $route lender %'")"
    APPLY_RATE[$route]="$(awk -v n="$CHANGES" -v a="$started" -v b="$finished" 'BEGIN { printf "%.0f", n / (b - a) }')"
    WRITE_RATE[$route]="$(awk -v n="$acked" -v a="$writes_started" -v b="$writes_finished" 'BEGIN { printf "%.1f", n / (b - a) }')"
    say "$route: $applied of $CHANGES queued changes applied (${APPLY_RATE[$route]}/s), $twice twice; $acked of $WRITES CLI writes acknowledged (${WRITE_RATE[$route]}/s), $kept kept"
    check "$route: every queued change applied exactly once" test "$applied" = "$CHANGES" -a "$twice" = "0"
    check "$route: every CLI write acknowledged and kept" test "$acked" -eq "$WRITES" -a "$kept" = "$WRITES"
    check "$route: the invariants hold" "$ROOT/Scripts/ha/invariants.sh" "$direct" "$LOGS/pgb-changes.csv"
    local kind through straight same=0
    for kind in sectors progress statuses; do
        through="$("$BIN/portfolio" report "$kind" --format csv 2>&1)"
        straight="$(DATABASE_URL="$direct" "$BIN/portfolio" report "$kind" --format csv 2>&1)"
        [ "$through" = "$straight" ] && same=$((same + 1))
    done
    check "$route: reports through the route are byte-identical to PostgreSQL's own" test "$same" -eq 3
    if [ "$route" != direct ]; then
        check "$route: the workers know they are pooled and poll" grep -q "notifications cannot be relied on" "$LOGS/$route-worker-1.log"
    fi
    echo "$route: $CHANGES changes applied by 4 workers at ${APPLY_RATE[$route]}/s, $twice twice; $WRITES CLI writes at ${WRITE_RATE[$route]}/s, all kept" >> "$OUT/pgbouncer.txt"
}

run_load direct "${ADMIN%/*}/portfolio_pgb_direct" portfolio_pgb_direct
run_load session "postgresql://postgres@127.0.0.1:$BOUNCER_PORT/portfolio_session?sslmode=disable" portfolio_pgb_session
run_load transaction "postgresql://postgres@127.0.0.1:$BOUNCER_PORT/portfolio_transaction?sslmode=disable" portfolio_pgb_transaction

for route in session transaction; do
    echo "$route against direct: changes applied x$(awk -v a="${APPLY_RATE[$route]}" -v b="${APPLY_RATE[direct]}" 'BEGIN { printf "%.2f", a / b }'), CLI writes x$(awk -v a="${WRITE_RATE[$route]}" -v b="${WRITE_RATE[direct]}" 'BEGIN { printf "%.2f", a / b }')" >> "$OUT/pgbouncer.txt"
done
cat "$OUT/pgbouncer.txt" >&2
if [ "$failures" -ne 0 ]; then say "$failures checks failed; see $LOGS"; exit 1; fi
say "every check passed; see $OUT/pgbouncer.txt"
