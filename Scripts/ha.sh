#!/usr/bin/env bash
# High availability, tested on real PostgreSQL: a primary and a streaming standby made with
# `pg_basebackup -R` on loopback ports, and the programs unchanged from what users run.
#   1. Reports from the standby under a write load on the primary: every read succeeds and says
#      how far behind the standby is; with replay paused, a read with --max-lag 5s is refused
#      (exit 69, the lag named) and --on-lag primary reads the primary instead, with the write
#      the standby has not replayed; after replay resumes, the standby serves it again.
#   2. Failover, twice (asynchronous, then synchronous replication): 4 workers working a queue
#      of status changes and a CLI write load, on a libpq multi-host URL
#      (target_session_attrs=read-write); once a fifth of the queue is applied, the primary's
#      postmaster is killed (-9) and the standby promoted (pg_ctl promote). The CLI and the
#      workers reconnect to the new primary; every queued change is applied exactly once (those
#      cut by the kill once their lease expires); the invariants of Scripts/chaos/invariants.sql
#      hold; the acknowledged CLI writes missing after the failover are counted: possibly some
#      with asynchronous replication, none with synchronous_standby_names = '*'.
#   3. PgBouncer in session and transaction mode against PostgreSQL straight
#      (Scripts/ha-pgbouncer.sh).
#   4. Patroni and etcd doing the failover instead of pg_ctl promote (Scripts/ha-patroni.sh).
# Usage: Scripts/ha.sh [--quick]   (the same scenarios; --quick shortens the loads)
# As root it installs PostgreSQL, PgBouncer, Patroni and etcd if missing (a scenario whose
# packages cannot be had says so and is skipped). Writes ha/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LOAD_SECONDS=30
QUEUED=3000
QUICK=""
case "${1:-}" in
    --quick) LOAD_SECONDS=8; QUEUED=1000; QUICK=1 ;;
    "") ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ha.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
esac

say() { echo "ha.sh: $*" >&2; }
OUT="$ROOT/ha"
mkdir -p "$OUT"
BASE="${PORTFOLIO_HA_DIR:-$ROOT/.postgres-ha}"
P1="${PORTFOLIO_HA_PORT:-54371}"
P2=$((P1 + 1))

# The primary, as the tests' clusters are made, and its standby next to it.
export PORTFOLIO_PG_PORT="$P1" PORTFOLIO_PG_DIR="$BASE/primary"
BIN_PG="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
as_owner() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
PRIMARY_DATA="$("$ROOT/Scripts/postgres.sh" datadir)"
STANDBY="$(dirname "$PRIMARY_DATA")/standby"

WORKERS=()
LOAD=""
# shellcheck source=Scripts/ha/failover-load.sh
. "$ROOT/Scripts/ha/failover-load.sh"
cleanup() {
    for pid in "${WORKERS[@]}" $LOAD; do kill "$pid" 2>/dev/null || true; done
    [ -n "$BIN_PG" ] && as_owner "$BIN_PG/pg_ctl" -D "$STANDBY/data" -m immediate stop >/dev/null 2>&1 || true
    "$ROOT/Scripts/postgres.sh" destroy >/dev/null 2>&1 || true
}
trap cleanup EXIT INT TERM

# A fresh primary and a standby streaming from it.
setup_pair() {
    [ -n "$BIN_PG" ] && as_owner "$BIN_PG/pg_ctl" -D "$STANDBY/data" -m immediate stop >/dev/null 2>&1 || true
    "$ROOT/Scripts/postgres.sh" destroy >/dev/null 2>&1 || true
    ADMIN="$("$ROOT/Scripts/postgres.sh" start)"
    BIN_PG="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    rm -rf "$STANDBY"
    mkdir -p "$STANDBY/run"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$STANDBY"; fi
    say "primary on $P1; taking a base backup for the standby"
    as_owner "$BIN_PG/pg_basebackup" -h 127.0.0.1 -p "$P1" -U postgres -D "$STANDBY/data" -R -X stream -c fast
    as_owner "$BIN_PG/pg_ctl" -D "$STANDBY/data" -l "$STANDBY/standby.log" -o "-p $P2 -k $STANDBY/run" -w -t 60 start >/dev/null
    say "standby streaming on $P2"
}
setup_pair

swift build --product portfolio >/dev/null && swift build --product portfolio-worker >/dev/null
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
LOAD=""
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

# 2. Failover.
failover() {
    local mode="$1" n="$2"
    setup_pair
    local multi="postgresql://postgres@127.0.0.1:$P1,127.0.0.1:$P2/portfolio_ha?target_session_attrs=read-write&connect_timeout=2"
    psql -q "$ADMIN" -c "CREATE DATABASE portfolio_ha" >/dev/null
    if [ "$mode" = sync ]; then
        psql -q "$ADMIN" -c "ALTER SYSTEM SET synchronous_standby_names = '*'" -c "ALTER SYSTEM SET synchronous_commit = 'on'" >/dev/null
        psql -q "$ADMIN" -c "SELECT pg_reload_conf()" >/dev/null
    fi
    export DATABASE_URL="$multi"
    "$BIN/portfolio" migrate >/dev/null
    "$BIN/portfolio" sample load >/dev/null
    load_start "ha-$mode" "$OUT" "$PRIMARY_URL" "postgresql://postgres@127.0.0.1:$P2/portfolio_ha" "$n"
    local killed promoted
    killed="$(date +%s.%N)"
    kill -9 "$(head -n 1 "$PRIMARY_DATA/postmaster.pid")"
    as_owner "$BIN_PG/pg_ctl" -D "$STANDBY/data" promote -w -t 60 >/dev/null
    promoted="$(date +%s.%N)"
    local new="postgresql://postgres@127.0.0.1:$P2/portfolio_ha"
    load_results "ha-$mode" "$OUT" "$new" "$killed"
    local promotion
    promotion="$(awk -v a="$killed" -v b="$promoted" 'BEGIN { printf "%.1f", b - a }')"
    say "$mode: $ACKED of $n CLI writes acknowledged, $LOST of them missing after the failover; queued changes applied $APPLIED of $QUEUED ($AT_KILL before the kill), $TWICE twice, $PENDING jobs left; the first write begun after the kill acknowledged in ${FIRST_AFTER:-none} s (promotion $promotion s)"
    echo "failover ($mode): $ACKED of $n writes acknowledged, $LOST lost; $APPLIED of $QUEUED queued changes applied ($AT_KILL before the kill), $TWICE twice; first write begun after the kill acknowledged in ${FIRST_AFTER:-none} s" >> "$OUT/failover.txt"
    check "$mode: the CLI and the workers reconnect to the new primary" test "$ACKED" -eq "$n" -a "$PENDING" = "0" -a -n "$FIRST_AFTER"
    check "$mode: every queued change applied exactly once" test "$APPLIED" = "$QUEUED" -a "$TWICE" = "0"
    check "$mode: the invariants hold on the new primary" "$ROOT/Scripts/ha/invariants.sh" "$new" "$OUT/ha-$mode-changes.csv"
    if [ "$mode" = sync ]; then check "sync: no acknowledged write lost" test "$LOST" -eq 0; fi
    export DATABASE_URL="$PRIMARY_URL"
}
: > "$OUT/failover.txt"
failover async "$((LOAD_SECONDS * 5))"
failover sync "$((LOAD_SECONDS * 5))"

# 3. PgBouncer, session and transaction mode, against PostgreSQL straight.
export PORTFOLIO_BIN_DIR="$BIN"
check "PgBouncer (Scripts/ha-pgbouncer.sh)" "$ROOT/Scripts/ha-pgbouncer.sh" ${QUICK:+--quick}
# 4. Patroni and etcd doing the failover.
check "Patroni (Scripts/ha-patroni.sh)" "$ROOT/Scripts/ha-patroni.sh" ${QUICK:+--quick}

cat > "$OUT/results.txt" <<TXT
reads from the standby under ${LOAD_SECONDS} s of writes: $reads, failed: $read_failures, largest lag reported: $max_lag s
replay paused 6 s: --max-lag 5s exit $refused; --on-lag primary exit $fell_back
$(cat "$OUT/failover.txt")
$(cat "$OUT/pgbouncer.txt" 2>/dev/null)
$(cat "$OUT/patroni.txt" 2>/dev/null)
TXT
if [ "$failures" -ne 0 ]; then say "$failures checks failed; see $OUT"; exit 1; fi
say "every check passed; see $OUT/results.txt"
