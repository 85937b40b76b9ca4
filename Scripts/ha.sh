#!/usr/bin/env bash
# High availability, tested on real PostgreSQL: a primary and a streaming standby made with
# `pg_basebackup -R` on loopback ports, and the programs unchanged from what users run.
#   1. Reports from the standby under a write load on the primary: every read succeeds and says
#      how far behind the standby is; with replay paused, a read with --max-lag 5s is refused
#      (exit 69, the lag named) and --on-lag primary reads the primary instead, with the write
#      the standby has not replayed; after replay resumes, the standby serves it again.
# What is not here yet: failover with libpq multi-host URLs (scenario 2), PgBouncer (3),
# Patroni (4) and the partitioning of the tables that grow.
# Usage: Scripts/ha.sh [--quick]   (the same scenario; --quick shortens the write load)
# As root it installs PostgreSQL if missing (through Scripts/postgres.sh). Writes ha/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LOAD_SECONDS=30
case "${1:-}" in
    --quick) LOAD_SECONDS=8 ;;
    "") ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ha.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
esac

say() { echo "ha.sh: $*" >&2; }
OUT="$ROOT/ha"
mkdir -p "$OUT"
BASE="${PORTFOLIO_HA_DIR:-$ROOT/.postgres-ha}"
P1="${PORTFOLIO_HA_PORT:-54371}"
P2=$((P1 + 1))

# The primary, as the tests' clusters are made.
export PORTFOLIO_PG_PORT="$P1" PORTFOLIO_PG_DIR="$BASE/primary"
BIN_PG="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
as_owner() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
PRIMARY_DATA="$("$ROOT/Scripts/postgres.sh" datadir)"
STANDBY="$(dirname "$PRIMARY_DATA")/standby"
[ -n "$BIN_PG" ] && as_owner "$BIN_PG/pg_ctl" -D "$STANDBY/data" -m immediate stop >/dev/null 2>&1 || true
"$ROOT/Scripts/postgres.sh" destroy >/dev/null 2>&1 || true
ADMIN="$("$ROOT/Scripts/postgres.sh" start)"
BIN_PG="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
rm -rf "$STANDBY"
mkdir -p "$STANDBY/run"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$STANDBY"

cleanup() {
    as_owner "$BIN_PG/pg_ctl" -D "$STANDBY/data" -m immediate stop >/dev/null 2>&1 || true
    "$ROOT/Scripts/postgres.sh" destroy >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

say "primary on $P1; taking a base backup for the standby"
as_owner "$BIN_PG/pg_basebackup" -h 127.0.0.1 -p "$P1" -U postgres -D "$STANDBY/data" -R -X stream -c fast
as_owner "$BIN_PG/pg_ctl" -D "$STANDBY/data" -l "$STANDBY/standby.log" -o "-p $P2 -k $STANDBY/run" -w -t 60 start >/dev/null
say "standby streaming on $P2"

swift build --product portfolio >/dev/null
BIN="$(swift build --show-bin-path)"
PRIMARY_URL="${ADMIN%/*}/portfolio_ha"
STANDBY_URL="postgresql://postgres@127.0.0.1:$P2/portfolio_ha"
psql -q "$ADMIN" -c "CREATE DATABASE portfolio_ha" >/dev/null
export DATABASE_URL="$PRIMARY_URL" PORTFOLIO_ACTOR="ha"
"$BIN/portfolio" migrate >/dev/null
"$BIN/portfolio" sample load >/dev/null
for _ in $(seq 1 100); do
    [ "$(psql -tAq "$STANDBY_URL" -c 'SELECT count(*) FROM projects' 2>/dev/null || echo 0)" = "32" ] && break
    sleep 0.1
done

failures=0
check() { local name="$1"; shift; if "$@"; then say "$name: passed"; else say "$name: FAILED"; failures=$((failures + 1)); fi; }

# 1. Reads from the standby under a write load on the primary.
( end=$((SECONDS + LOAD_SECONDS)); i=0
  while [ $SECONDS -lt $end ]; do i=$((i + 1)); "$BIN/portfolio" target set "8,$((i % 900 + 100)),000,000" USD >/dev/null; done ) &
LOAD=$!
reads=0; read_failures=0; max_lag="0.0"
: > "$OUT/replica-reads.log"
while kill -0 "$LOAD" 2>/dev/null; do
    if "$BIN/portfolio" report progress --format csv --database-read-url "$STANDBY_URL" >/dev/null 2>>"$OUT/replica-reads.log"; then
        reads=$((reads + 1))
    else
        read_failures=$((read_failures + 1))
    fi
done
wait "$LOAD"
max_lag="$(grep -o 'replica [0-9.]* s behind' "$OUT/replica-reads.log" | awk '{ if ($2 > m) m = $2 } END { printf "%.1f", m + 0 }')"
say "under load: $reads reads from the standby, $read_failures failed, the largest lag reported $max_lag s"
check "every read from the standby under load succeeds and reports its lag" \
    test "$reads" -gt 0 -a "$read_failures" -eq 0 -a "$(grep -c 'read from a replica' "$OUT/replica-reads.log")" -eq "$reads"

# --max-lag with replay paused.
psql -q "$STANDBY_URL" -c "SELECT pg_wal_replay_pause()" >/dev/null
"$BIN/portfolio" target set 9,999,000,000 USD >/dev/null
sleep 6
set +e
"$BIN/portfolio" report progress --format csv --database-read-url "$STANDBY_URL" --max-lag 5s > "$OUT/refused.csv" 2> "$OUT/refused.err"
refused=$?
"$BIN/portfolio" report progress --format csv --database-read-url "$STANDBY_URL" --max-lag 5s --on-lag primary > "$OUT/primary.csv" 2> "$OUT/primary.err"
fell_back=$?
set -e
say "paused replay: --max-lag 5s exited $refused ($(cat "$OUT/refused.err")); --on-lag primary exited $fell_back ($(cat "$OUT/primary.err"))"
check "a standby further behind than --max-lag is refused with 69" test "$refused" -eq 69
check "--on-lag primary reads the primary, with the write the standby has not replayed" \
    bash -c "test $fell_back -eq 0 && grep -q 9999000000 '$OUT/primary.csv'"
psql -q "$STANDBY_URL" -c "SELECT pg_wal_replay_resume()" >/dev/null
caught_up=1
for _ in $(seq 1 100); do
    "$BIN/portfolio" report progress --format csv --database-read-url "$STANDBY_URL" --max-lag 5s 2>/dev/null | grep -q 9999000000 && { caught_up=0; break; }
    sleep 0.1
done
check "after replay resumes the standby serves the write" test "$caught_up" -eq 0

cat > "$OUT/results.txt" <<TXT
reads from the standby under ${LOAD_SECONDS} s of writes: $reads, failed: $read_failures, largest lag reported: $max_lag s
replay paused 6 s: --max-lag 5s exit $refused; --on-lag primary exit $fell_back
TXT
if [ "$failures" -ne 0 ]; then say "$failures checks failed; see $OUT"; exit 1; fi
say "every check passed; see $OUT/results.txt"
