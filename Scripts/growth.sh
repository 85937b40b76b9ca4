#!/usr/bin/env bash
# Whether job claims and reports stay flat as history grows: measures both with 1,000,000 rows
# of history, grows the history to 20,000,000 rows (5,000,000 with --quick), measures again and
# prints each figure at both sizes with their ratio.
#
#   Scripts/growth.sh [--quick]
#
# History is what grows without bound: status_history, ledger_transactions, audit_log and the
# completed jobs awaiting pruning, in the mix 20 / 20 / 50 / 10 percent, spread over 10,000
# projects (GRW-00001 … GRW-10000) added next to the sample portfolio (Scripts/growth/*.sql;
# generate_series into the real tables, their constraints and triggers on).
#
# Claim latency: the worker's claim (ClaimJobs.swift) as a prepared statement through psql,
# 200 claims of a batch of 100 from a queue of 20,000 available jobs, each in its own
# transaction as the worker runs it; psql binds the NULL "every queue" parameter exactly as the
# worker does, which pgbench cannot. Median and p95 of the round trip.
# Report time: median of 5 runs (after one warm-up) of the whole `portfolio report KIND`
# process, today and --as-of 2020-12-31, after a rollup snapshot of the grown portfolio.
#
# It builds `portfolio` and `portfolio-worker` in release mode, starts its own throwaway cluster on port 54391 in
# .postgres-growth/ (stopped at the end), writes the figures to growth/results[-quick].txt and
# stdout. GROWTH_KEEP=1 keeps the database (portfolio_growth) and the cluster running;
# GROWTH_BIN_DIR uses those binaries instead of building.
# Exit status: 0 when measured, 1 on a failure, 64 for a usage error, 69 when a tool is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
die() { echo "growth.sh: $1" >&2; exit "${2:-1}"; }
say() { echo "growth.sh: $*" >&2; }

QUICK=0
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) QUICK=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" 64 ;;
    esac
done
SMALL=1000000
LARGE=20000000
SUFFIX=""
if [ "$QUICK" -eq 1 ]; then LARGE=5000000; SUFFIX="-quick"; fi
label() { awk -v n="$1" 'BEGIN { printf "%dM", n / 1000000 }'; }
AS_OF=2020-12-31
CLAIMS=200
STARTED=$(date +%s)

export PORTFOLIO_PG_PORT=54391 PORTFOLIO_PG_DIR="$ROOT/.postgres-growth"
STARTED_CLUSTER=0
cleanup() {
    local status=$?
    if [ "$STARTED_CLUSTER" -eq 1 ] && [ "${GROWTH_KEEP:-0}" != 1 ]; then
        "$ROOT/Scripts/postgres.sh" stop || true
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

command -v python3 >/dev/null 2>&1 || die "python3 is needed" 69

# 1. The release binary.
if [ -n "${GROWTH_BIN_DIR:-}" ]; then
    BIN_DIR="$(cd "$GROWTH_BIN_DIR" && pwd)"
    say "using $BIN_DIR/portfolio (GROWTH_BIN_DIR; no build)"
else
    for product in portfolio portfolio-worker; do
        say "swift build -c release --product $product"
        swift build -c release --product "$product" >&2 || die "the release build failed"
    done
    BIN_DIR="$(swift build -c release --show-bin-path)"
fi
PORTFOLIO="$BIN_DIR/portfolio"
WORKER="$BIN_DIR/portfolio-worker"
for exe in "$PORTFOLIO" "$WORKER"; do [ -x "$exe" ] || die "$exe is missing" 69; done

# 2. A throwaway cluster and a fresh database.
BASE_URL="$("$ROOT/Scripts/postgres.sh" start)" || die "could not start PostgreSQL" 69
STARTED_CLUSTER=1
PSQL=""
for d in /usr/lib/postgresql/*/bin; do [ -x "$d/psql" ] && PSQL="$d/psql"; done
[ -n "$PSQL" ] || PSQL="$(command -v psql)" || die "psql is needed" 69
ADMIN_URL="${BASE_URL%/*}/postgres"
export DATABASE_URL="${BASE_URL%/*}/portfolio_growth"
"$PSQL" -X -q "$ADMIN_URL" -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS portfolio_growth" -c "CREATE DATABASE portfolio_growth" \
    || die "could not create the database"
sql() { "$PSQL" -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" "$@"; }
value() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 "$DATABASE_URL" -c "$1"; }

"$PORTFOLIO" migrate >&2
"$PORTFOLIO" sample load >&2
say "adding 10,000 projects"
sql -f "$ROOT/Scripts/growth/projects.sql"

# 3. Growing the history to a number of rows.
history_rows() {
    value "SELECT (SELECT count(*) FROM status_history) + (SELECT count(*) FROM ledger_transactions)
                + (SELECT count(*) FROM audit_log)
                + (SELECT count(*) FROM jobs WHERE state IN ('completed', 'discarded', 'cancelled'))"
}
STEP=0
grow_to() {
    local target="$1" from="$2" to="$3" have add t0
    have="$(history_rows)"
    add=$((target - have))
    [ "$add" -gt 0 ] || die "history has $have rows already, more than $target"
    STEP=$((STEP + 1))
    say "growing the history from $have to $target rows"
    t0=$(date +%s)
    sql -v step="$STEP" -v status_n=$((add / 5)) -v ledger_n=$((add / 5)) -v jobs_n=$((add / 10)) \
        -v audit_n=$((add - 2 * (add / 5) - add / 10)) -v audit_from="$from" -v audit_to="$to" \
        -f "$ROOT/Scripts/growth/grow.sql"
    say "loaded in $(($(date +%s) - t0)) s; VACUUM ANALYZE"
    sql -c "VACUUM (ANALYZE)" -c "CHECKPOINT"
    # A snapshot of the grown portfolio, taken by the worker as in production.
    "$PORTFOLIO" rollup run >&2
    "$WORKER" --once --http-address off >&2
    say "history: $(history_rows) rows ($(value "SELECT format('status_history %s, ledger_transactions %s, audit_log %s, finished jobs %s',
        (SELECT count(*) FROM status_history), (SELECT count(*) FROM ledger_transactions), (SELECT count(*) FROM audit_log),
        (SELECT count(*) FROM jobs WHERE state IN ('completed', 'discarded', 'cancelled')))")); $(value "SELECT pg_size_pretty(pg_database_size(current_database()))")"
}

# 4. Measuring.
RESULTS="$(mktemp -d)"
median() { python3 -c 'import statistics, sys; print(f"{statistics.median(float(x) for x in sys.stdin.read().split()):.1f}")'; }

measure_claims() {
    local size="$1"
    local times="$RESULTS/claims-$size"
    # The queue holds only the measured jobs (the sample's waiting rollup job is not run here).
    sql -c "DELETE FROM jobs WHERE state = 'available'" -c "INSERT INTO jobs (kind, queue, run_at) SELECT 'noop', 'default', now() - interval '1 second' FROM generate_series(1, $((CLAIMS * 100)))" \
        -c "VACUUM (ANALYZE) jobs"
    # psql writes the timing to stdout whatever -o says; -o takes the rows.
    {
        cat "$ROOT/Scripts/growth/claim.sql"
        echo '\timing on'
        for _ in $(seq "$CLAIMS"); do echo "EXECUTE growth_claim(NULL, 'growth-claims', 30000);"; done
    } | "$PSQL" -X -q -v ON_ERROR_STOP=1 "$DATABASE_URL" -o /dev/null | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' >"$times"
    local claimed
    claimed="$(value "SELECT count(*) FROM jobs WHERE owner = 'growth-claims'")"
    [ "$claimed" -eq $((CLAIMS * 100)) ] || die "the claims took $claimed jobs, not $((CLAIMS * 100))"
    sql -c "DELETE FROM jobs WHERE kind = 'noop'" -c "VACUUM (ANALYZE) jobs"
    python3 - "$times" >"$RESULTS/claim-$size" <<'PY'
import statistics, sys
xs = sorted(float(x) for x in open(sys.argv[1]).read().split())
p95 = xs[min(len(xs) - 1, int(round(0.95 * len(xs))) - 1)]
print(f"{statistics.median(xs):.2f} {p95:.2f} {len(xs)}")
PY
}

REPORTS=(
    "sectors" "statuses" "lenders" "progress" "trend" "financing" "disbursements"
    "sectors --as-of $AS_OF" "statuses --as-of $AS_OF" "lenders --as-of $AS_OF" "progress --as-of $AS_OF"
    "trend --as-of $AS_OF" "financing --as-of $AS_OF" "disbursements --as-of $AS_OF"
)
measure_reports() {
    local size="$1" i=0 args run t0 t1
    for args in "${REPORTS[@]}"; do
        # shellcheck disable=SC2086
        "$PORTFOLIO" report $args >/dev/null || die "portfolio report $args failed"
        for run in 1 2 3 4 5; do
            t0=$(date +%s%N)
            # shellcheck disable=SC2086
            "$PORTFOLIO" report $args >/dev/null
            t1=$(date +%s%N)
            echo "$(((t1 - t0) / 1000)) " 
        done | awk '{ printf "%.1f\n", $1 / 1000 }' | median >"$RESULTS/report-$i-$size"
        i=$((i + 1))
    done
}

measure() {
    say "measuring at $(label "$1") rows: $CLAIMS claims"
    measure_claims "$1"
    say "measuring at $(label "$1") rows: reports"
    measure_reports "$1"
}

grow_to "$SMALL" "2016-01-01" "2018-01-01"
measure "$SMALL"
grow_to "$LARGE" "2018-01-01" "$(date -u -d yesterday +%F)"
measure "$LARGE"

# 5. The table.
mkdir -p "$ROOT/growth"
OUT="$ROOT/growth/results$SUFFIX.txt"
S="$(label "$SMALL")"
L="$(label "$LARGE")"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
{
    echo "Scripts/growth.sh${SUFFIX:+ --quick}, commit $COMMIT, $(date -u +%FT%TZ), $(nproc) cores"
    printf '%-48s %12s %12s %7s\n' "measure" "at $S" "at $L" "ratio"
    read -r m1 p1 _ <"$RESULTS/claim-$SMALL"
    read -r m2 p2 _ <"$RESULTS/claim-$LARGE"
    ratio() { python3 -c "import sys; a, b = float(sys.argv[1]), float(sys.argv[2]); print(f'{b / a:.2f}' if a > 0 else '-')" "$1" "$2"; }
    printf '%-48s %9s ms %9s ms %7s\n' "claim of 100, median ($CLAIMS claims)" "$m1" "$m2" "$(ratio "$m1" "$m2")"
    printf '%-48s %9s ms %9s ms %7s\n' "claim of 100, p95" "$p1" "$p2" "$(ratio "$p1" "$p2")"
    i=0
    for args in "${REPORTS[@]}"; do
        a="$(cat "$RESULTS/report-$i-$SMALL")"
        b="$(cat "$RESULTS/report-$i-$LARGE")"
        printf '%-48s %9s ms %9s ms %7s\n' "report $args, median of 5" "$a" "$b" "$(ratio "$a" "$b")"
        i=$((i + 1))
    done
    echo "history at $L: $(value "SELECT format('status_history %s, ledger_transactions %s, audit_log %s, finished jobs %s',
        (SELECT count(*) FROM status_history), (SELECT count(*) FROM ledger_transactions), (SELECT count(*) FROM audit_log),
        (SELECT count(*) FROM jobs WHERE state IN ('completed', 'discarded', 'cancelled')))"); run time $(($(date +%s) - STARTED)) s"
} | tee "$OUT"
rm -rf "$RESULTS"
if [ "${GROWTH_KEEP:-0}" != 1 ]; then
    "$PSQL" -X -q "$ADMIN_URL" -c "DROP DATABASE portfolio_growth" || true
fi
