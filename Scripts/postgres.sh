#!/usr/bin/env bash
# Embedded PostgreSQL for development, the demo and the tests.
#
#   Scripts/postgres.sh start    create (once) and start the cluster; prints DATABASE_URL
#   Scripts/postgres.sh stop     stop it (no error if it is not running)
#   Scripts/postgres.sh status   say whether it runs; exit 0 if it does, 3 if not
#   Scripts/postgres.sh url      print the DATABASE_URL
#   Scripts/postgres.sh datadir  print the data folder (for a standby next to it)
#   Scripts/postgres.sh psql     open psql on it (extra arguments go to psql)
#   Scripts/postgres.sh destroy  stop it and delete its folder
#
# Environment: PORTFOLIO_PG_PORT (default 54329), PORTFOLIO_PG_DIR (default .postgres in
# the repository), PORTFOLIO_PG_DB (default portfolio). When run as root the server runs as
# the `postgres` OS user, which owns the data, socket and log folders.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${PORTFOLIO_PG_PORT:-54329}"
DIR="${PORTFOLIO_PG_DIR:-$ROOT/.postgres}"
DB="${PORTFOLIO_PG_DB:-portfolio}"
# PostgreSQL runs as `postgres` when we are root; if that user cannot reach the repository
# (a clone under a private folder), the cluster lives in a folder of its own under /var/tmp,
# named after the checkout and the requested folder so that each keeps its own.
if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1 \
    && ! runuser -u postgres -- test -x "$(dirname "$DIR")" 2>/dev/null; then
    DIR="/var/tmp/portfolio-postgres-$(printf '%s' "$ROOT:$DIR" | md5sum | cut -c1-12)"
fi
DATA="$DIR/data"
SOCK="$DIR/run"
LOG="$DIR/log/postgres.log"

log() { echo "postgres.sh: $*" >&2; }

ensure_packages() {
    local missing=()
    command -v pg_config >/dev/null 2>&1 || missing+=(libpq-dev)
    [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
    find_bindir >/dev/null 2>&1 || missing+=(postgresql)
    [ ${#missing[@]} -eq 0 ] && return 0
    if [ "$(id -u)" -ne 0 ]; then
        log "missing packages: ${missing[*]} (install them with apt-get as root)"
        exit 69
    fi
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
}

find_bindir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; fi
    done | sort -V | tail -n 1 | grep .
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        # From /, so the server programs need not reach the caller's folder.
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

url() {
    echo "postgresql://postgres@127.0.0.1:$PORT/$DB"
}

is_running() {
    local bin="$1"
    [ -f "$DATA/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
    ensure_packages
    local bin
    bin="$(find_bindir)"
    if [ "$(id -u)" -eq 0 ] && ! runuser -u postgres -- test -x "$(dirname "$DIR")"; then
        log "the postgres user cannot reach $(dirname "$DIR"); set PORTFOLIO_PG_DIR to a folder it can reach"
        exit 69
    fi
    case "$DIR" in /var/tmp/portfolio-postgres-*) log "the postgres user cannot reach $ROOT; the cluster lives in $DIR" ;; esac
    mkdir -p "$DIR" "$SOCK" "$(dirname "$LOG")"
    if [ "$(id -u)" -eq 0 ]; then chown -R postgres:postgres "$DIR"; fi
    if [ ! -f "$DATA/PG_VERSION" ]; then
        log "creating a cluster in $DATA"
        as_owner "$bin/initdb" -D "$DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
        cat >>"$DATA/postgresql.conf" <<CONF
# Throwaway development cluster: speed over durability.
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCK'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
max_wal_size = 2GB
log_min_messages = warning
log_min_error_statement = panic
CONF
    fi
    if is_running "$bin"; then
        log "already running on port $PORT"
    else
        as_owner "$bin/pg_ctl" -D "$DATA" -l "$LOG" -o "-p $PORT" -w -t 60 start >/dev/null || {
            log "start failed; the end of $LOG:"; tail -n 20 "$LOG" >&2 || true; exit 69; }
        log "started on port $PORT (stop it with: Scripts/postgres.sh stop)"
    fi
    if ! as_owner "$bin/psql" -h "$SOCK" -p "$PORT" -U postgres -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
        as_owner "$bin/createdb" -h "$SOCK" -p "$PORT" -U postgres "$DB"
    fi
    url
}

stop() {
    local bin
    bin="$(find_bindir 2>/dev/null)" || return 0
    if is_running "$bin"; then
        as_owner "$bin/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
        log "stopped"
    fi
}

cmd="${1:-status}"
shift || true
case "$cmd" in
    start) start ;;
    stop) stop ;;
    status)
        bin="$(find_bindir 2>/dev/null)" || { echo "not installed"; exit 3; }
        if is_running "$bin"; then echo "running on port $PORT: $(url)"; else echo "stopped"; exit 3; fi ;;
    url) url ;;
    datadir) echo "$DATA" ;;
    psql)
        bin="$(find_bindir)"
        exec psql "$(url)" "$@" ;;
    destroy) stop; rm -rf "$DIR"; log "deleted $DIR" ;;
    *) echo "usage: Scripts/postgres.sh start|stop|status|url|datadir|psql|destroy" >&2; exit 64 ;;
esac
