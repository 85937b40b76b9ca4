# shellcheck shell=bash
# The shared part of Scripts/chaos.sh, sourced by it once ROOT, QUICK and MODE are set: the
# cluster (start, roles, stop), the programs (build, workers started, stopped and crashed), waiting
# for the queue to drain, the rescue pass, the invariants and the results. Defines functions and
# settings only; Scripts/chaos.sh sets the traps, prepares chaos/ and runs the scenarios.

PG_PORT="${PORTFOLIO_CHAOS_PG_PORT:-54359}"
PG_DIR_REQUESTED="$ROOT/.postgres-chaos"
DB=portfolio_chaos
EMPTY_DB=portfolio_chaos_empty
APP_ROLE=portfolio_app
READER_ROLE=portfolio_reader
OWNER_ROLE=portfolio_owner
APP_PW='S3cret-chaos-pw'
OWNER_PW='S3cret-owner-pw-9'
OUT="$ROOT/chaos"
LOGS="$OUT/logs"
WORK="$OUT/work"
RESULTS="$OUT/results.json"
HTTP_BASE=$((PG_PORT + 1000))   # workers' /health ports: 55359, 55360, ...

# Short leases, so that a killed worker's jobs come back within seconds.
export PORTFOLIO_WORKER_LEASE=5s
export PORTFOLIO_LEADER_LEASE=3s
export PORTFOLIO_WORKER_POLL_INTERVAL=1s
export PORTFOLIO_ROLLUP_INTERVAL=20s
export PORTFOLIO_ACTOR=chaos
unset PORTFOLIO_HTTP_ADDRESS PORTFOLIO_WORKER_CONCURRENCY PORTFOLIO_WORKER_BATCH_SIZE PORTFOLIO_WORKER_QUEUES \
      PORTFOLIO_LOG_FORMAT PORTFOLIO_JOBS_RETENTION PGHOST PGPORT PGUSER PGPASSWORD PGDATABASE

FAILED=0
STARTED_AT=$(date +%s)
WORKER_PIDS=()
OTHER_PIDS=()
PG_STARTED=0

say() { echo "chaos.sh: $*" >&2; }
line() { echo "$*"; }
die() { say "$1"; exit "${2:-1}"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
fail() { FAILED=1; line "  FAILED: $*"; }

# --- cleanup: whatever happens, kill what we started and stop the cluster -------------------------
cleanup() {
    local status=$?
    local pid
    for pid in "${WORKER_PIDS[@]}" "${OTHER_PIDS[@]}"; do
        kill -9 "$pid" 2>/dev/null || true
    done
    if [ "$PG_STARTED" -eq 1 ]; then
        PORTFOLIO_PG_PORT="$PG_PORT" PORTFOLIO_PG_DIR="$PG_DIR_REQUESTED" "$ROOT/Scripts/postgres.sh" stop >/dev/null 2>&1 || true
    fi
    exit "$status"
}

# --- PostgreSQL: a fresh throwaway cluster with password authentication over TCP -------------------
pg() { PORTFOLIO_PG_PORT="$PG_PORT" PORTFOLIO_PG_DIR="$PG_DIR_REQUESTED" PORTFOLIO_PG_DB="$DB" "$ROOT/Scripts/postgres.sh" "$@"; }

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

setup_cluster() {
    pg destroy >/dev/null 2>&1 || true
    PG_STARTED=1
    pg start >"$LOGS/postgres-start.log" 2>&1 || { cat "$LOGS/postgres-start.log" >&2; die "could not start PostgreSQL" 69; }
    PG_BIN=""
    local d
    for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && PG_BIN="$d"; done
    [ -n "$PG_BIN" ] || die "no PostgreSQL server programs found" 69
    # Where postgres.sh put the cluster (it moves it to /var/tmp when `postgres` cannot reach us).
    PG_DATA="$("$PG_BIN/psql" -X -At "postgresql://postgres@127.0.0.1:$PG_PORT/postgres" -c 'SHOW data_directory')" \
        || die "cannot ask the new cluster for its data directory" 69
    PG_SOCK="$(dirname "$PG_DATA")/run"
    PG_LOG="$(dirname "$PG_DATA")/log/postgres.log"
    admin() { "$PG_BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$PG_SOCK" -p "$PG_PORT" -U postgres "$@"; }
    admin -d postgres >/dev/null <<SQL || die "could not create the roles" 69
CREATE ROLE $OWNER_ROLE LOGIN PASSWORD '$OWNER_PW';
CREATE ROLE $APP_ROLE LOGIN PASSWORD '$APP_PW';
CREATE ROLE $READER_ROLE LOGIN PASSWORD '$APP_PW';
ALTER DATABASE $DB OWNER TO $OWNER_ROLE;
CREATE DATABASE $EMPTY_DB OWNER $OWNER_ROLE;
SQL
    # Unix socket (the superuser's checks): trust. TCP (every program under test): SCRAM passwords.
    local hba
    hba="$(mktemp)"
    printf '%s\n' "local all all trust" "host all all 127.0.0.1/32 scram-sha-256" "host all all ::1/128 scram-sha-256" >"$hba"
    cp "$hba" "$PG_DATA/pg_hba.conf"; rm -f "$hba"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DATA/pg_hba.conf"
    admin -d postgres -c 'SELECT pg_reload_conf()' >/dev/null
    sleep 0.5
    if "$PG_BIN/psql" -X -At "postgresql://postgres@127.0.0.1:$PG_PORT/postgres" -c 'SELECT 1' >/dev/null 2>&1; then
        die "TCP connections still work without a password; pg_hba.conf was not applied" 69
    fi
    OWNER_URL="postgresql://$OWNER_ROLE:$OWNER_PW@127.0.0.1:$PG_PORT/$DB"
    APP_URL="postgresql://$APP_ROLE:$APP_PW@127.0.0.1:$PG_PORT/$DB"
    EMPTY_URL="postgresql://$APP_ROLE:$APP_PW@127.0.0.1:$PG_PORT/$EMPTY_DB"
    READER_URL="postgresql://$READER_ROLE:$APP_PW@127.0.0.1:$PG_PORT/$DB"
    export DATABASE_URL="$APP_URL"
}

sql() { admin -d "$DB" "$@"; }
q() { admin -d "$DB" -c "$1"; }
# q, retried while PostgreSQL restarts.
qr() { local i; for i in $(seq 1 100); do q "$1" 2>/dev/null && return 0; sleep 0.3; done; return 1; }

# --- programs --------------------------------------------------------------------------------------
build() {
    if [ -n "${CHAOS_BIN_DIR:-}" ]; then
        BIN_DIR="$(cd "$CHAOS_BIN_DIR" && pwd)"
        say "using the binaries in $BIN_DIR (CHAOS_BIN_DIR; no build)"
    else
        say "swift build -c release --static-swift-stdlib"
        swift build -c release --static-swift-stdlib >"$LOGS/build.log" 2>&1 || { tail -30 "$LOGS/build.log" >&2; die "the release build failed"; }
        BIN_DIR="$(swift build -c release --static-swift-stdlib --show-bin-path)"
    fi
    [ -x "$BIN_DIR/portfolio" ] && [ -x "$BIN_DIR/portfolio-worker" ] || die "$BIN_DIR lacks portfolio or portfolio-worker" 69
    export BIN_DIR
}

portfolio() { "$BIN_DIR/portfolio" "$@"; }

# start_worker LOGNAME ARGS... : starts a worker in $WORK (no Config/ there) and sets WORKER_PID.
start_worker() {
    local name="$1"; shift
    (cd "$WORK" && exec "$BIN_DIR/portfolio-worker" "$@") >>"$LOGS/$name.log" 2>&1 &
    WORKER_PID=$!
    WORKER_PIDS+=("$WORKER_PID")
}

forget_worker() {
    local pid="$1" kept=() p
    for p in "${WORKER_PIDS[@]}"; do [ "$p" != "$pid" ] && kept+=("$p"); done
    WORKER_PIDS=("${kept[@]+"${kept[@]}"}")
}

# stop_worker PID [TIMEOUT]: SIGTERM, wait; returns the worker's exit status (124 on timeout).
stop_worker() {
    local pid="$1" timeout="${2:-40}" end
    kill -TERM "$pid" 2>/dev/null || true
    end=$((SECONDS + timeout))
    while kill -0 "$pid" 2>/dev/null && [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" != Z ]; do
        if [ $SECONDS -ge $end ]; then kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; forget_worker "$pid"; return 124; fi
        sleep 0.1
    done
    wait "$pid" 2>/dev/null
    local status=$?
    forget_worker "$pid"
    return $status
}

crash_worker() {
    kill -9 "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    forget_worker "$1"
}

jobs_left() { q "SELECT count(*) FROM jobs WHERE state IN ('available', 'running')"; }

# wait_drained TIMEOUT: until no job waits or runs; returns 1 on timeout.
wait_drained() {
    local end=$((SECONDS + $1)) left
    while true; do
        left="$(jobs_left 2>/dev/null || echo ?)"
        [ "$left" = 0 ] && return 0
        [ $SECONDS -ge $end ] && return 1
        sleep 0.5
    done
}

# settle NAME: after a scenario's workers stopped: wait out any lease still running and any job
# snoozed for the next minute (a rollup waiting for more changes when its worker stopped), then
# one rescue pass (`portfolio-worker --once`, which rescues expired leases and works what is due).
settle() {
    local name="$1" wait
    wait="$(q "SELECT coalesce(ceil(extract(epoch FROM max(t) - now())), 0)::int FROM (
                   SELECT lease_expires_at AS t FROM jobs WHERE state = 'running'
                   UNION ALL SELECT run_at FROM jobs WHERE state = 'available' AND run_at < now() + interval '1 minute') w")"
    if [ "${wait:-0}" -gt 0 ]; then sleep $((wait + 1)); fi
    (cd "$WORK" && "$BIN_DIR/portfolio-worker" --once --http-address off) >>"$LOGS/$name-settle.log" 2>&1 \
        || fail "$name: the rescue pass (portfolio-worker --once) exited $?"
}

# check_invariants NAME: runs invariants.sql; prints every violation; sets INVARIANTS to ok/FAILED
# and INVARIANTS_FILE to the figures (`id|count|what` lines; empty when the checks did not run).
check_invariants() {
    local name="$1" out bad
    INVARIANTS_FILE=""
    out="$(sql -F '|' -f "$ROOT/Scripts/chaos/invariants.sql" 2>&1)" || { fail "$name: invariants.sql failed: $out"; INVARIANTS=FAILED; return 1; }
    echo "$out" >"$LOGS/$name-invariants.txt"
    INVARIANTS_FILE="$LOGS/$name-invariants.txt"
    bad="$(awk -F'|' '$2 != 0' <<<"$out")"
    if [ -n "$bad" ]; then
        INVARIANTS=FAILED
        FAILED=1
        while IFS='|' read -r id count what; do line "  INVARIANT $id BROKEN: $count $what"; done <<<"$bad"
        return 1
    fi
    INVARIANTS=ok
}

# record NUMBER FIELD...: one scenario's figures for results.json, written by Scripts/chaos/results.py
# (FIELD as it reads them: key=text, key:int=N, key:bool=true, key:table@FILE, ...).
record() {
    local number="$1"; shift
    python3 "$ROOT/Scripts/chaos/results.py" record "$OUT/results.d/$number.json" "$@" \
        || fail "scenario $number: its figures could not be written"
}

# write_results: chaos/results.json from every scenario's figures and the run's summary.
write_results() {
    python3 "$ROOT/Scripts/chaos/results.py" collect "$OUT/results.d" "$RESULTS" "$MODE" "$TOTAL" "$FAILED" \
        "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
        "$(for k in "${!SCENARIO_SECONDS[@]}"; do echo "$k=${SCENARIO_SECONDS[$k]}"; done | paste -sd, -)"
}

# queue_load SCENARIO PREFIX PROJECTS PER_PROJECT SEED: imports PROJECTS committed projects and
# queues PER_PROJECT valid changes each through `status import`; records what was requested.
queue_load() {
    local scenario="$1" prefix="$2" count="$3" per="$4" seed="$5"
    local projects="$WORK/$scenario-projects.csv" changes="$WORK/$scenario-changes.csv" requested="$WORK/$scenario-requested.tsv"
    python3 "$ROOT/Scripts/bench/gen_projects.py" "$projects" "$count" --prefix "$prefix" --status committed --seed "$seed" \
        || die "$scenario: generating projects failed"
    portfolio project import "$projects" >>"$LOGS/$scenario-cli.log" 2>&1 || die "$scenario: project import failed (see $LOGS/$scenario-cli.log)"
    python3 "$ROOT/Scripts/chaos/gen_changes.py" "$projects" "$changes" "$requested" --per-project "$per" \
        --scenario "$scenario" --seed "$seed" || die "$scenario: generating changes failed"
    portfolio status import "$changes" >>"$LOGS/$scenario-cli.log" 2>&1 || die "$scenario: status import failed (see $LOGS/$scenario-cli.log)"
    sql -c "\\copy chaos.requested_status (scenario, source, code, status, effective, key, note) FROM '$requested'" >/dev/null
    q "INSERT INTO chaos.status_imports VALUES ('$scenario', '$changes')" >/dev/null
}

applied_count() { q "SELECT count(*) FROM status_history WHERE request_key LIKE '$1:%'"; }
snapshots() { q "SELECT count(*) FROM rollup_snapshots"; }
