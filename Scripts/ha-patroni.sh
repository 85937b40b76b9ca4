#!/usr/bin/env bash
# Failover by Patroni, tested on real PostgreSQL: a single-member etcd and two Patroni members on
# loopback ports, Patroni bootstrapping the cluster (initdb) and its replica (pg_basebackup), and
# the programs unchanged from what users run.
#   Twice, on a fresh cluster each time (asynchronous replication, then Patroni's
#   synchronous_mode): 4 workers working a queue of status changes and a CLI write load on a libpq multi-host URL
#   (target_session_attrs=read-write) naming both members; the leader's postmaster and its
#   Patroni process killed (-9) together, as if its machine were lost; the other member promoted
#   by Patroni once the leader key expires in etcd (ttl 10 s, loop_wait 2 s). Measured: the time
#   from the kill to the new leader and to the first acknowledged write after it, the
#   acknowledged CLI writes missing afterwards (possibly some when asynchronous, none allowed in
#   synchronous_mode), every queued status change applied exactly once (the kill comes once a
#   fifth of the queue is applied), no job left, the invariants of Scripts/chaos/invariants.sql.
# Usage: Scripts/ha-patroni.sh [--quick]   (the same scenario; --quick shortens the write load)
# As root it installs patroni, etcd-server and PostgreSQL if missing; if they cannot be had it
# says what is missing and exits 0 ("skipped"). Uses PORTFOLIO_BIN_DIR when given, otherwise
# builds portfolio and portfolio-worker. Writes ha/patroni.txt and logs under ha/patroni/.
# Ports: etcd 23791 (client) and 23801 (peer); PostgreSQL 54381, 54382; REST API 28011, 28012.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
LOAD_SECONDS=30
QUEUED=3000
case "${1:-}" in
    --quick) LOAD_SECONDS=8; QUEUED=1000 ;;
    "") ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "ha-patroni.sh: unknown argument '$1' (see --help)" >&2; exit 64 ;;
esac

say() { echo "ha-patroni.sh: $*" >&2; }
STARTED=$SECONDS
OUT="$ROOT/ha"
LOGS="$OUT/patroni"
ETCD_CLIENT=23791
ETCD_PEER=23801
PG_PORTS=(54381 54382)
API_PORTS=(28011 28012)
NAMES=(m1 m2)

# Patroni, etcd and PostgreSQL: installed with apt-get when root and missing.
missing_tools() {
    local m=()
    command -v patroni >/dev/null 2>&1 || m+=(patroni)
    command -v patronictl >/dev/null 2>&1 || m+=(patroni)
    command -v etcd >/dev/null 2>&1 || m+=(etcd-server)
    ls -d /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || m+=(postgresql)
    command -v psql >/dev/null 2>&1 || m+=(postgresql-client)
    command -v pg_config >/dev/null 2>&1 || m+=(libpq-dev)
    command -v curl >/dev/null 2>&1 || m+=(curl)
    [ ${#m[@]} -eq 0 ] || printf '%s\n' "${m[@]}" | sort -u | tr '\n' ' '
}
MISSING="$(missing_tools)"
if [ -n "$MISSING" ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing $MISSING"
    export DEBIAN_FRONTEND=noninteractive
    # shellcheck disable=SC2086
    { apt-get update -qq && apt-get install -y -qq $MISSING; } >/dev/null 2>&1 || true
    MISSING="$(missing_tools)"
fi
if [ -n "$MISSING" ]; then
    say "missing: $MISSING(install them with apt-get as root); skipped"
    exit 0
fi
BIN_PG="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
PG_VERSION="$(basename "$(dirname "$BIN_PG")")"

# The servers run as `postgres` when we are root (PostgreSQL refuses root). If that user cannot
# reach the repository, their folder lives under /var/tmp, named after the checkout.
BASE="${PORTFOLIO_PATRONI_DIR:-$ROOT/.postgres-patroni}"
if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then say "no postgres user; skipped"; exit 0; fi
    if ! runuser -u postgres -- test -x "$(dirname "$BASE")" 2>/dev/null; then
        BASE="/var/tmp/portfolio-patroni-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
    fi
fi
as_owner() { if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else (cd / && "$@"); fi; }

for port in "$ETCD_CLIENT" "$ETCD_PEER" "${PG_PORTS[@]}" "${API_PORTS[@]}"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        say "port $port on 127.0.0.1 is taken; stop what holds it first"
        exit 1
    fi
done

ETCD_PID=""
PATRONI_PIDS=()
WORKERS=()
LOAD=""
# shellcheck source=Scripts/ha/failover-load.sh
. "$ROOT/Scripts/ha/failover-load.sh"
# Stops everything this script started: workers, the write load, Patroni, PostgreSQL and etcd.
teardown() {
    local pid i
    for pid in "${WORKERS[@]}" $LOAD; do kill "$pid" 2>/dev/null || true; done
    for pid in "${WORKERS[@]}" $LOAD; do wait "$pid" 2>/dev/null || true; done
    WORKERS=(); LOAD=""
    for pid in "${PATRONI_PIDS[@]}"; do kill -9 "$pid" 2>/dev/null || true; done
    PATRONI_PIDS=()
    for i in 0 1; do
        if [ -f "$BASE/${NAMES[$i]}/data/postmaster.pid" ]; then
            as_owner "$BIN_PG/pg_ctl" -D "$BASE/${NAMES[$i]}/data" -m immediate stop >/dev/null 2>&1 || true
        fi
    done
    if [ -n "$ETCD_PID" ]; then
        kill "$ETCD_PID" 2>/dev/null || true
        wait "$ETCD_PID" 2>/dev/null || true
        ETCD_PID=""
    fi
}
trap teardown EXIT
trap 'exit 130' INT TERM

if [ -n "${PORTFOLIO_BIN_DIR:-}" ]; then
    BIN="$PORTFOLIO_BIN_DIR"
else
    say "building portfolio and portfolio-worker"
    swift build --product portfolio >/dev/null && swift build --product portfolio-worker >/dev/null
    BIN="$(swift build --show-bin-path)"
fi
rm -rf "$LOGS"
mkdir -p "$LOGS"

api() { curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:${API_PORTS[$1]}/$2" 2>/dev/null || true; }
# The member (0 or 1) whose REST API says it is the running primary, or nothing.
leader() { local i; for i in 0 1; do [ "$(api "$i" primary)" = 200 ] && { echo "$i"; return; }; done; true; }
wait_for() { local tries="$1"; shift; for _ in $(seq 1 "$tries"); do "$@" && return 0; sleep 0.2; done; return 1; }

# A fresh etcd and two Patroni members; the first bootstraps the cluster, the second joins it
# as a replica. synchronous_mode is on for "sync".
setup_cluster() {
    local mode="$1" sync=false i
    [ "$mode" = sync ] && sync=true
    teardown
    rm -rf "$BASE"
    mkdir -p "$BASE/etcd"
    etcd --name ha --data-dir "$BASE/etcd/data" \
        --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT" --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT" \
        --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
        --initial-cluster "ha=http://127.0.0.1:$ETCD_PEER" --initial-cluster-state new \
        > "$LOGS/$mode-etcd.log" 2>&1 &
    ETCD_PID=$!
    wait_for 100 bash -c "curl -sf --max-time 1 http://127.0.0.1:$ETCD_CLIENT/health | grep -q true" \
        || { say "etcd did not start; see $LOGS/$mode-etcd.log"; exit 1; }
    for i in 0 1; do
        local dir="$BASE/${NAMES[$i]}"
        mkdir -p "$dir/run"
        cat > "$dir/patroni.yml" <<YAML
scope: portfolio-$mode
name: ${NAMES[$i]}
log:
  level: INFO
restapi:
  listen: 127.0.0.1:${API_PORTS[$i]}
  connect_address: 127.0.0.1:${API_PORTS[$i]}
etcd3:
  hosts: 127.0.0.1:$ETCD_CLIENT
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 2
    retry_timeout: 5
    maximum_lag_on_failover: 1048576
    synchronous_mode: $sync
    postgresql:
      use_pg_rewind: false
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: "on"
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 128MB
  initdb:
    - encoding: UTF8
    - auth: trust
postgresql:
  listen: 127.0.0.1:${PG_PORTS[$i]}
  connect_address: 127.0.0.1:${PG_PORTS[$i]}
  data_dir: $dir/data
  bin_dir: $BIN_PG
  pgpass: $dir/pgpass
  authentication:
    superuser:
      username: postgres
    replication:
      username: postgres
  parameters:
    unix_socket_directories: $dir/run
    max_connections: 100
  pg_hba:
    - local all all trust
    - host all all 127.0.0.1/32 trust
    - host replication all 127.0.0.1/32 trust
watchdog:
  mode: "off"
YAML
    done
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$BASE"; fi
    for i in 0 1; do
        local dir="$BASE/${NAMES[$i]}"
        # The shell writes its pid and becomes Patroni, so that pid is Patroni's own.
        as_owner env HOME="$dir" sh -c 'echo $$ > "$1/patroni.pid"; exec patroni "$1/patroni.yml"' sh "$dir" \
            > "$LOGS/$mode-${NAMES[$i]}.log" 2>&1 &
        wait_for 50 test -s "$dir/patroni.pid" || { say "Patroni ${NAMES[$i]} did not start"; exit 1; }
        PATRONI_PIDS+=("$(cat "$dir/patroni.pid")")
        if [ "$i" -eq 0 ]; then
            wait_for 300 bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 http://127.0.0.1:${API_PORTS[0]}/primary)\" = 200 ]" \
                || { say "${NAMES[0]} did not become leader; see $LOGS/$mode-${NAMES[0]}.log"; exit 1; }
        fi
    done
    wait_for 300 bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 http://127.0.0.1:${API_PORTS[1]}/replica)\" = 200 ]" \
        || { say "${NAMES[1]} did not become a streaming replica; see $LOGS/$mode-${NAMES[1]}.log"; exit 1; }
    if [ "$sync" = true ]; then
        wait_for 150 bash -c "[ \"\$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 http://127.0.0.1:${API_PORTS[1]}/sync)\" = 200 ]" \
            || { say "${NAMES[1]} did not become the synchronous standby"; exit 1; }
    fi
    patronictl -c "$BASE/${NAMES[0]}/patroni.yml" list > "$LOGS/$mode-before.txt" 2>&1 || true
    say "$mode: Patroni cluster up (leader ${NAMES[0]} on ${PG_PORTS[0]}, replica ${NAMES[1]} on ${PG_PORTS[1]})"
}

failures=0
check() { local name="$1"; shift; if "$@"; then say "$name: passed"; else say "$name: FAILED"; failures=$((failures + 1)); fi; }

failover() {
    local mode="$1" n="$2"
    setup_cluster "$mode"
    local old new
    old="$(leader)"
    new=$((1 - old))
    local old_url="postgresql://postgres@127.0.0.1:${PG_PORTS[$old]}"
    local new_url="postgresql://postgres@127.0.0.1:${PG_PORTS[$new]}/portfolio_ha"
    local multi="postgresql://postgres@127.0.0.1:${PG_PORTS[0]},127.0.0.1:${PG_PORTS[1]}/portfolio_ha?target_session_attrs=read-write&connect_timeout=2"
    psql -q "$old_url/postgres" -c "CREATE DATABASE portfolio_ha" >/dev/null
    export DATABASE_URL="$multi" PORTFOLIO_ACTOR="ha"
    "$BIN/portfolio" migrate >/dev/null
    "$BIN/portfolio" sample load >/dev/null
    load_start "patroni-$mode" "$LOGS" "$old_url/portfolio_ha" "$new_url" "$n"
    # The leader's machine lost: its postmaster and its Patroni killed at once, nothing stopped
    # cleanly, the leader key left to expire in etcd.
    local killed promoted postmaster
    postmaster="$(head -n 1 "$BASE/${NAMES[$old]}/data/postmaster.pid")"
    killed="$(date +%s.%N)"
    kill -9 "$postmaster" "${PATRONI_PIDS[$old]}"
    promoted=""
    for _ in $(seq 1 600); do
        if [ "$(api "$new" primary)" = 200 ]; then promoted="$(date +%s.%N)"; break; fi
        sleep 0.1
    done
    [ -n "$promoted" ] || say "$mode: ${NAMES[$new]} did not become leader within 60 s"
    patronictl -c "$BASE/${NAMES[$new]}/patroni.yml" list > "$LOGS/$mode-after.txt" 2>&1 || true
    load_results "patroni-$mode" "$LOGS" "$new_url" "$killed"
    local promotion
    promotion="$(awk -v a="$killed" -v b="$promoted" 'BEGIN { if (b == "") print "none"; else printf "%.1f", b - a }')"
    local line="patroni failover ($mode): ${NAMES[$new]} leader ${promotion} s after the kill, first write begun after it acknowledged after ${FIRST_AFTER:-none} s; $ACKED of $n writes acknowledged, $LOST lost; $APPLIED of $QUEUED queued changes applied ($AT_KILL before the kill), $TWICE twice, $PENDING jobs left"
    say "$line"
    echo "$line" >> "$OUT/patroni.txt"
    check "$mode: Patroni promotes ${NAMES[$new]}" test -n "$promoted"
    check "$mode: the CLI and the workers reconnect to the new leader" \
        test "$ACKED" -eq "$n" -a "$PENDING" = "0" -a -n "$FIRST_AFTER"
    check "$mode: every queued change applied exactly once" test "$APPLIED" = "$QUEUED" -a "$TWICE" = "0"
    check "$mode: the invariants hold on the new leader" "$ROOT/Scripts/ha/invariants.sh" "$new_url" "$LOGS/patroni-$mode-changes.csv"
    if [ "$mode" = sync ]; then check "sync: no acknowledged write lost" test "$LOST" = 0; fi
}

mkdir -p "$OUT"
echo "# Patroni $(patroni --version | awk '{print $2}'), etcd $(etcd --version | awk '/etcd Version/ {print $3}'), PostgreSQL $PG_VERSION; ttl 10 s, loop_wait 2 s, retry_timeout 5 s" > "$OUT/patroni.txt"
failover async "$((LOAD_SECONDS * 5))"
failover sync "$((LOAD_SECONDS * 5))"
teardown
rm -rf "$BASE"
echo "# run time $((SECONDS - STARTED)) s" >> "$OUT/patroni.txt"
if [ "$failures" -ne 0 ]; then say "$failures checks failed; see $OUT/patroni.txt and $LOGS"; exit 1; fi
say "every check passed in $((SECONDS - STARTED)) s; see $OUT/patroni.txt"
