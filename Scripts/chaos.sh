#!/usr/bin/env bash
# Chaos and security run: drives the release `portfolio` and `portfolio-worker` binaries as
# processes through crashes, database faults, concurrency, bad input, fuzzing and security
# checks, and checks the invariants in SQL after every scenario.
#
#   Scripts/chaos.sh [--quick]
#
#   1 worker crashes   status changes queued through `status import` (10,000; quick 2,000) plus
#                      the rollups they cause; `portfolio-worker` is killed with SIGKILL at 20
#                      random moments (quick 5) and restarted each time until every job is done
#   2 database faults  during a load, the workers' backends are terminated with
#                      pg_terminate_backend (8 times; quick 3) and PostgreSQL is restarted with
#                      `pg_ctl restart -m fast` (3 times; quick 1); the workers must log,
#                      reconnect and finish
#   3 concurrency      four workers and two admin CLIs (`status set` / `project update` loops on
#                      the same projects) for 60 s (quick 15 s); refusals must carry the
#                      documented exit codes (65, 75)
#   4 bad input        the case table in Scripts/chaos/bad_inputs.py (CLI arguments, import
#                      files, settings, paths): exit code, one `error:` line, identical pg_dump
#   5 fuzzing          Scripts/fuzz.sh --seconds 60 (quick 5) per target
#   6 security         no password in any log; workers run as the least-privilege role of
#                      `portfolio migrate --grant-to`; /health and /metrics on 127.0.0.1 only and
#                      GET only; a project named with SQL is stored and read back literally
#   7 stale attempts   one worker, three lanes, a 1 s lease; lane 0 waits 3 s between each claim
#                      of first attempts and holding it (the test-only PORTFOLIO_TEST_PAUSE_BEFORE_HOLD),
#                      so its leases run out, the worker's own leader rescues the jobs and its
#                      other lanes claim them again while lane 0 still has them in hand: lane 0's
#                      stale attempts must all be fenced off (2,000 changes; quick 600)
#   8 blackholed db    worker 1 reaches PostgreSQL through Scripts/chaos/blackhole_proxy.py, which
#                      goes silent (no byte moves, nothing closes) 4 times for 15 s (quick 2 × 6 s)
#                      during a load; its /health must turn 503 within the database timeout and
#                      return to 200 when the link does; worker 2 (direct) rescues meanwhile
#
# CHAOS_SCENARIOS="1 7" runs only those scenarios (for development: scenario 6 checks the roles
# and the log of scenarios 1 and 3).
#
# Invariants (Scripts/chaos/invariants.sql), after every scenario, once the workers have stopped
# and a rescue pass has run: a. every accepted status change is in the history exactly once;
# b. each project's status is its last history entry; c. no job stays running; d. the newest
# rollup equals a recomputation in SQL to the minor unit; e. one audit entry per change.
#
# Set-up is the same as Scripts/test.sh: as root, installs postgresql and libpq-dev if missing;
# creates a fresh throwaway cluster in .postgres-chaos/ on port 54359 (PORTFOLIO_CHAOS_PG_PORT;
# 54349 belongs to Scripts/bench.sh) run as the `postgres` user, with password (SCRAM)
# authentication for TCP; stops it on exit whatever happens. Builds with `swift build -c
# release --static-swift-stdlib` (CHAOS_BIN_DIR=DIR uses those binaries instead). Logs go to chaos/logs/, a summary to
# chaos/results.json (both git-ignored). Exits 0 when every scenario and invariant holds, 1
# otherwise, 64 for a usage error, 69 when PostgreSQL cannot be started.
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

QUICK=0
case "${1:-}" in
    --quick) QUICK=1 ;;
    "") ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "chaos.sh: unknown argument '$1' (use --quick or nothing)" >&2; exit 64 ;;
esac
MODE=$([ "$QUICK" -eq 1 ] && echo quick || echo full)

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
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$WORK" "$LOGS"
mkdir -p "$LOGS" "$WORK" "$OUT/results.d"
rm -f "$OUT"/results.d/* "$RESULTS"

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

# check_invariants NAME: runs invariants.sql; prints every violation; sets INVARIANTS to ok/FAILED.
check_invariants() {
    local name="$1" out bad
    INVARIANTS_JSON=null
    out="$(sql -F '|' -f "$ROOT/Scripts/chaos/invariants.sql" 2>&1)" || { fail "$name: invariants.sql failed: $out"; INVARIANTS=FAILED; return 1; }
    echo "$out" >"$LOGS/$name-invariants.txt"
    bad="$(awk -F'|' '$2 != 0' <<<"$out")"
    INVARIANTS_JSON="$(awk -F'|' 'BEGIN { printf "{" } { printf "%s\"%s\": %s", (NR > 1 ? ", " : ""), $1, $2 } END { printf "}" }' <<<"$out")"
    if [ -n "$bad" ]; then
        INVARIANTS=FAILED
        FAILED=1
        while IFS='|' read -r id count what; do line "  INVARIANT $id BROKEN: $count $what"; done <<<"$bad"
        return 1
    fi
    INVARIANTS=ok
}

# record NAME JSON: one scenario's figures for results.json.
record() { printf '%s\n' "$2" >"$OUT/results.d/$1.json"; }

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

# --- scenario 1: worker crashes --------------------------------------------------------------------
scenario_crashes() {
    local projects per kills
    if [ "$QUICK" -eq 1 ]; then projects=400; per=5; kills=5; else projects=2000; per=5; kills=20; fi
    local total=$((projects * per))
    say "scenario 1: queueing $total status changes on $projects projects"
    queue_load s1 S1 "$projects" "$per" 101
    local snaps0 t0 killed=0 in_flight=0 left applied rate delay kills_left rollups_asked=0 died=0
    snaps0="$(snapshots)"
    t0="$(now)"
    start_worker s1-worker --http-address off
    delay=1.5
    while [ $killed -lt $kills ]; do
        sleep "$delay"
        if ! kill -0 "$WORKER_PID" 2>/dev/null; then
            wait "$WORKER_PID" 2>/dev/null
            fail "scenario 1: the worker exited by itself (status $?) before kill $((killed + 1))"
            died=$((died + 1)); forget_worker "$WORKER_PID"
        else
            left="$(jobs_left)"
            [ "$left" -gt 0 ] && in_flight=$((in_flight + 1))
            crash_worker "$WORKER_PID"
        fi
        killed=$((killed + 1))
        if [ $((killed % 4)) -eq 0 ]; then portfolio rollup run >>"$LOGS/s1-cli.log" 2>&1 && rollups_asked=$((rollups_asked + 1)); fi
        start_worker s1-worker --http-address off
        # Spread the remaining kills over the work that remains, at the rate seen so far.
        applied="$(applied_count s1)"
        kills_left=$((kills - killed))
        delay="$(awk -v a="$applied" -v t="$total" -v e="$(elapsed "$t0")" -v k="$kills_left" -v r="$RANDOM" 'BEGIN {
            rate = (a > 0 && e > 0) ? a / e : 50; rest = (t - a) / rate; if (k < 1) k = 1
            d = (0.2 + 1.6 * (r / 32767)) * rest / k; if (d < 0.3) d = 0.3; if (d > 6) d = 6; printf "%.2f", d }')"
    done
    if ! wait_drained 900; then fail "scenario 1: jobs still waiting 900 s after the last restart"; fi
    local seconds status
    seconds="$(elapsed "$t0")"
    stop_worker "$WORKER_PID"; status=$?
    [ $status -eq 0 ] || fail "scenario 1: the last worker exited $status on SIGTERM (expected 0)"
    settle s1
    applied="$(applied_count s1)"
    [ "$applied" -eq "$total" ] || fail "scenario 1: $applied of $total changes applied"
    local snaps=$(( $(snapshots) - snaps0 ))
    check_invariants s1
    line "scenario 1 worker crashes: $killed kills survived ($in_flight with work in flight), $applied of $total changes applied in $seconds s, $snaps rollups taken ($rollups_asked asked for) — invariants $INVARIANTS"
    record 1 "{\"name\": \"worker crashes\", \"kills\": $killed, \"kills_with_work_in_flight\": $in_flight, \"changes_requested\": $total, \"changes_applied\": $applied, \"seconds\": $seconds, \"rollups_taken\": $snaps, \"rollups_asked\": $rollups_asked, \"worker_exit_on_sigterm\": $status, \"invariants\": $INVARIANTS_JSON, \"ok\": $([ "$INVARIANTS" = ok ] && [ "$applied" -eq "$total" ] && [ $status -eq 0 ] && [ $died -eq 0 ] && echo true || echo false)}"
}

# --- scenario 2: database faults -------------------------------------------------------------------
terminate_backends() {
    q "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'portfolio-worker' AND pid <> pg_backend_pid()" 2>/dev/null || echo 0
}

restart_postgres() {
    as_owner "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -m fast -w -t 60 restart >>"$LOGS/s2-pg_ctl.log" 2>&1
}

scenario_db_faults() {
    local projects per events
    if [ "$QUICK" -eq 1 ]; then projects=300; per=4; events="T T R T"; else projects=1000; per=5; events="T T R T T R T T R T T"; fi
    local total=$((projects * per))
    say "scenario 2: queueing $total status changes on $projects projects"
    queue_load s2 S2 "$projects" "$per" 202
    local t0 w1 w2 terms=0 restarts=0 killed_backends=0 e n alive=1
    t0="$(now)"
    start_worker s2-worker-1 --http-address "127.0.0.1:$HTTP_BASE"; w1=$WORKER_PID
    start_worker s2-worker-2 --http-address off; w2=$WORKER_PID
    sleep 1.5
    local health_down=""
    for e in $events; do
        case "$e" in
            T)  n="$(terminate_backends)"
                if [ "${n:-0}" -gt 0 ]; then terms=$((terms + 1)); killed_backends=$((killed_backends + n)); fi ;;
            R)  # Restart in the background and watch worker 1's /health meanwhile.
                restart_postgres & local rp=$!
                while kill -0 "$rp" 2>/dev/null; do
                    health_down+="$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$HTTP_BASE/health") "
                    sleep 0.1
                done
                if wait "$rp"; then restarts=$((restarts + 1)); else fail "scenario 2: pg_ctl restart failed (see $LOGS/s2-pg_ctl.log)"; fi
                health_down+="| " ;;
        esac
        sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.2f", 1 + 2 * r / 32767 }')"
        for n in $w1 $w2; do kill -0 "$n" 2>/dev/null || alive=0; done
    done
    [ $alive -eq 1 ] || fail "scenario 2: a worker exited during the faults"
    local drained=1
    if ! wait_drained 600; then
        drained=0
        fail "scenario 2: jobs still waiting or running 600 s after the last fault"
        q "SELECT state, owner, count(*), min(lease_expires_at) - now() AS lease_left FROM jobs WHERE state IN ('available','running') GROUP BY 1, 2" \
            | sed 's/^/    left: /'
    fi
    local seconds s1 s2
    seconds="$(elapsed "$t0")"
    stop_worker "$w1"; s1=$?
    stop_worker "$w2"; s2=$?
    { [ $s1 -eq 0 ] && [ $s2 -eq 0 ]; } || fail "scenario 2: workers exited $s1 and $s2 on SIGTERM (expected 0)"
    local retries reconnects listener max_backoff health503
    max_backoff="$(cat "$LOGS"/s2-worker-*.log | grep -oE 'retry_in_s=[0-9.]+' | cut -d= -f2 | sort -g | tail -1)"
    health503="$(grep -o 503 <<<"$health_down" | wc -l)"
    retries=$(cat "$LOGS"/s2-worker-*.log | grep -c 'database error; retrying')
    reconnects=$(cat "$LOGS"/s2-worker-*.log | grep -c 'database reachable again')
    listener=$(cat "$LOGS"/s2-worker-*.log | grep -c 'listener reconnected')
    { [ "$retries" -gt 0 ] && [ "$reconnects" -gt 0 ]; } || fail "scenario 2: the workers did not log their retries and reconnections ($retries, $reconnects)"
    settle s2
    local applied
    applied="$(applied_count s2)"
    [ "$applied" -eq "$total" ] || fail "scenario 2: $applied of $total changes applied"
    check_invariants s2
    line "scenario 2 database faults: $terms terminations ($killed_backends backends) and $restarts restarts survived, $applied of $total changes applied in $seconds s; logged $retries retries (longest backoff ${max_backoff:-0} s), $reconnects lane reconnections, $listener listener reconnections; /health answered 503 $health503 times during restarts — invariants $INVARIANTS"
    record 2 "{\"name\": \"database faults\", \"terminations\": $terms, \"backends_terminated\": $killed_backends, \"restarts\": $restarts, \"changes_requested\": $total, \"changes_applied\": $applied, \"seconds\": $seconds, \"drained\": $([ $drained -eq 1 ] && echo true || echo false), \"logged_retries\": $retries, \"logged_reconnections\": $reconnects, \"listener_reconnections\": $listener, \"health_codes_during_restarts\": \"${health_down% }\", \"longest_backoff_s\": ${max_backoff:-0}, \"worker_exits_on_sigterm\": [$s1, $s2], \"invariants\": $INVARIANTS_JSON, \"ok\": $([ "$INVARIANTS" = ok ] && [ $drained -eq 1 ] && [ "$applied" -eq "$total" ] && [ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ $alive -eq 1 ] && echo true || echo false)}"
}

# --- scenario 3: concurrency ------------------------------------------------------------------------
scenario_concurrency() {
    local seconds projects per
    if [ "$QUICK" -eq 1 ]; then seconds=15; projects=250; per=4; else seconds=60; projects=800; per=5; fi
    local total=$((projects * per))
    say "scenario 3: four workers and two admin CLIs for $seconds s"
    queue_load s3 S3 "$projects" "$per" 303
    # The projects both administrators fight over.
    python3 "$ROOT/Scripts/bench/gen_projects.py" "$WORK/s3x-projects.csv" 4 --prefix S3X --status committed --seed 33 >/dev/null
    portfolio project import "$WORK/s3x-projects.csv" >>"$LOGS/s3-cli.log" 2>&1 || die "scenario 3: project import failed"
    local codes
    mapfile -t codes < <(tail -n +2 "$WORK/s3x-projects.csv" | cut -d, -f1)
    local t0 pids=() i c1 c2
    t0="$(now)"
    for i in 1 2 3 4; do
        start_worker "s3-worker-$i" --concurrency 2 --http-address off; pids+=("$WORKER_PID")
    done
    "$ROOT/Scripts/chaos/cli_loop.sh" 1 "$seconds" "$WORK/s3-cli1.tsv" "${codes[@]}" 2>>"$LOGS/s3-cli-loop.log" & c1=$!
    "$ROOT/Scripts/chaos/cli_loop.sh" 2 "$seconds" "$WORK/s3-cli2.tsv" "${codes[@]}" 2>>"$LOGS/s3-cli-loop.log" & c2=$!
    OTHER_PIDS+=("$c1" "$c2")
    sleep 3
    # Who the workers are to the database: the least-privilege role, never a superuser.
    WORKER_ROLES="$(q "SELECT string_agg(DISTINCT usename, ',') FROM pg_stat_activity WHERE application_name = 'portfolio-worker'")"
    wait "$c1"; wait "$c2"
    OTHER_PIDS=()
    local drained=1
    wait_drained 600 || { drained=0; fail "scenario 3: jobs still waiting 600 s after the CLIs stopped"; }
    local wall statuses=() s
    wall="$(elapsed "$t0")"
    for i in "${pids[@]}"; do stop_worker "$i"; s=$?; statuses+=("$s"); [ $s -eq 0 ] || fail "scenario 3: a worker exited $s on SIGTERM"; done
    cat "$WORK/s3-cli1.tsv" "$WORK/s3-cli2.tsv" >"$WORK/s3-cli.tsv"
    # Accepted commands become requests; every exit code must be one the contract allows.
    awk -F'\t' '$1 == "status" && $6 == 0 { print "s3\tcli\t" $2 "\t" $3 "\t" $9 "\t\\N\t" $4 }' "$WORK/s3-cli.tsv" >"$WORK/s3-cli-requested.tsv"
    awk -F'\t' '$1 == "update" && $6 == 0 { print "s3\t" $2 "\t" $3 }' "$WORK/s3-cli.tsv" >"$WORK/s3-cli-updates.tsv"
    sql -c "\\copy chaos.requested_status (scenario, source, code, status, effective, key, note) FROM '$WORK/s3-cli-requested.tsv'" >/dev/null
    sql -c "\\copy chaos.requested_update (scenario, code, location) FROM '$WORK/s3-cli-updates.tsv'" >/dev/null
    local bad_codes bad_stderr
    bad_codes="$(awk -F'\t' '($1 == "status" && $6 != 0 && $6 != 65 && $6 != 75) || ($1 == "update" && $6 != 0 && $6 != 75)' "$WORK/s3-cli.tsv")"
    bad_stderr="$(awk -F'\t' '$8 != 1 || ($6 != 0 && $7 != 1)' "$WORK/s3-cli.tsv")"
    [ -z "$bad_codes" ] || { fail "scenario 3: exit codes outside the contract:"; head -5 <<<"$bad_codes" | sed 's/^/    /'; }
    [ -z "$bad_stderr" ] || { fail "scenario 3: refusals without exactly one 'error:' line:"; head -5 <<<"$bad_stderr" | sed 's/^/    /'; }
    case ",$WORKER_ROLES," in *",$APP_ROLE,"*) ;; *) fail "scenario 3: workers connected as '$WORKER_ROLES', not $APP_ROLE";; esac
    [ "$WORKER_ROLES" = "$APP_ROLE" ] || fail "scenario 3: workers connected as '$WORKER_ROLES'"
    settle s3
    local applied
    applied="$(applied_count s3)"
    [ "$applied" -eq "$total" ] || fail "scenario 3: $applied of $total queued changes applied"
    local st_ok st_65 st_75 up_ok up_75 n_cmds
    n_cmds=$(wc -l <"$WORK/s3-cli.tsv")
    st_ok=$(awk -F'\t' '$1 == "status" && $6 == 0' "$WORK/s3-cli.tsv" | wc -l)
    st_65=$(awk -F'\t' '$1 == "status" && $6 == 65' "$WORK/s3-cli.tsv" | wc -l)
    st_75=$(awk -F'\t' '$1 == "status" && $6 == 75' "$WORK/s3-cli.tsv" | wc -l)
    up_ok=$(awk -F'\t' '$1 == "update" && $6 == 0' "$WORK/s3-cli.tsv" | wc -l)
    up_75=$(awk -F'\t' '$1 == "update" && $6 == 75' "$WORK/s3-cli.tsv" | wc -l)
    check_invariants s3
    line "scenario 3 concurrency: 4 workers + 2 CLIs for $seconds s: $n_cmds CLI commands (status set: $st_ok accepted, $st_65 refused 65, $st_75 conflicts 75; project update: $up_ok accepted, $up_75 conflicts 75), $applied of $total queued changes applied by the workers (wall $wall s; workers as '$WORKER_ROLES') — invariants $INVARIANTS"
    record 3 "{\"name\": \"concurrency\", \"seconds\": $seconds, \"workers\": 4, \"clis\": 2, \"cli_commands\": $n_cmds, \"status_set_accepted\": $st_ok, \"status_set_refused_65\": $st_65, \"status_set_conflict_75\": $st_75, \"update_accepted\": $up_ok, \"update_conflict_75\": $up_75, \"queued_changes\": $total, \"queued_applied\": $applied, \"wall_seconds\": $wall, \"worker_roles\": \"$WORKER_ROLES\", \"invariants\": $INVARIANTS_JSON, \"ok\": $([ "$INVARIANTS" = ok ] && [ -z "$bad_codes" ] && [ -z "$bad_stderr" ] && [ "$applied" -eq "$total" ] && [ $drained -eq 1 ] && echo true || echo false)}"
}

# --- scenario 4: bad input --------------------------------------------------------------------------
scenario_bad_input() {
    say "scenario 4: bad input"
    local t0 status summary
    t0="$(now)"
    python3 "$ROOT/Scripts/chaos/bad_inputs.py" --bin-dir "$BIN_DIR" --url "$APP_URL" --empty-url "$EMPTY_URL" \
        --reader-url "$READER_URL" --app-password "$APP_PW" --secret "$OWNER_PW" --port "$PG_PORT" --db "$DB" \
        --dump-command "$PG_BIN/pg_dump --data-only --no-owner -h $PG_SOCK -p $PG_PORT -U postgres $DB" \
        --log "$LOGS/s4-bad-inputs.log" --summary "$WORK/s4-summary.json" --requested-updates "$WORK/s4-updates.tsv"
    status=$?
    [ -f "$WORK/s4-updates.tsv" ] && sql -c "\\copy chaos.requested_update (scenario, code, location) FROM '$WORK/s4-updates.tsv'" >/dev/null
    [ $status -eq 0 ] || fail "scenario 4: some bad inputs were not refused by the contract (see $LOGS/s4-bad-inputs.log)"
    local seconds
    seconds="$(elapsed "$t0")"
    settle s4
    check_invariants s4
    summary="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["line"])' "$WORK/s4-summary.json" 2>/dev/null || echo "no summary")"
    line "scenario 4 bad input: $summary in $seconds s — invariants $INVARIANTS"
    record 4 "{\"name\": \"bad input\", \"seconds\": $seconds, \"summary\": $(cat "$WORK/s4-summary.json" 2>/dev/null || echo null), \"invariants\": $INVARIANTS_JSON, \"ok\": $([ "$INVARIANTS" = ok ] && [ $status -eq 0 ] && echo true || echo false)}"
}

# --- scenario 5: fuzzing ------------------------------------------------------------------------------
scenario_fuzz() {
    local seconds
    if [ "$QUICK" -eq 1 ]; then seconds=5; else seconds=60; fi
    say "scenario 5: Scripts/fuzz.sh --seconds $seconds"
    local t0 status
    t0="$(now)"
    "$ROOT/Scripts/fuzz.sh" --seconds "$seconds" >"$LOGS/s5-fuzz.log" 2>&1
    status=$?
    [ $status -eq 0 ] || fail "scenario 5: fuzz.sh exited $status (see $LOGS/s5-fuzz.log)"
    local wall figures total
    wall="$(elapsed "$t0")"
    figures="$(sed -n '/^---$/,$p' "$LOGS/s5-fuzz.log" | tail -n +2)"
    total="$(grep -oE '^[a-z]+: [0-9]+ executions' <<<"$figures" | awk '{ s += $2 } END { print s + 0 }')"
    check_invariants s5
    line "scenario 5 fuzzing: $seconds s per target, $total executions in all ($(grep -oE '^[a-z]+: [0-9]+ executions' <<<"$figures" | sed 's/ executions//' | paste -sd, - | sed 's/,/, /g')); fuzz.sh exit $status; wall $wall s — invariants $INVARIANTS"
    local targets_json
    targets_json="$(grep -oE '^[a-z]+: [0-9]+ executions, [0-9?]+ exec/s' <<<"$figures" | awk '{ gsub(":", "", $1); printf "%s\"%s\": {\"executions\": %s, \"exec_per_s\": \"%s\"}", (NR > 1 ? ", " : ""), $1, $2, $4 }')"
    record 5 "{\"name\": \"fuzzing\", \"seconds_per_target\": $seconds, \"executions\": $total, \"targets\": {$targets_json}, \"fuzz_exit\": $status, \"wall_seconds\": $wall, \"invariants\": $INVARIANTS_JSON, \"ok\": $([ "$INVARIANTS" = ok ] && [ $status -eq 0 ] && echo true || echo false)}"
}

# --- scenario 6: security -----------------------------------------------------------------------------
scenario_security() {
    say "scenario 6: security"
    local checks=0 failures=0
    check() { # check DESCRIPTION CONDITION-STATUS
        checks=$((checks + 1))
        if [ "$2" -eq 0 ]; then line "  ok   $1"; else failures=$((failures + 1)); fail "scenario 6: $1"; fi
    }

    # A project whose name, lender and location are SQL, stored and read back literally.
    local evil_name="'; DROP TABLE projects; --" evil_lender="Robert') DROP TABLE lenders --" evil_location="x' OR '1'='1"
    local before_count after_count shown
    before_count="$(q "SELECT count(*) FROM projects")"
    portfolio project add --code SEC-SQL-1 --name "$evil_name" --sector energy --status committed --value 1000000 \
        --currency USD --value-date 2024-01-02 --lender "$evil_lender=100" --location "$evil_location" >>"$LOGS/s6-cli.log" 2>&1
    check "a project named with SQL is accepted (portfolio project add exit 0)" $?
    shown="$(portfolio project show SEC-SQL-1 --format json 2>>"$LOGS/s6-cli.log")"
    SHOWN="$shown" python3 - "$evil_name" "$evil_lender" "$evil_location" 2>>"$LOGS/s6-cli.log" <<'PY'
import json, os, sys
project = json.loads(os.environ["SHOWN"])
name, lender, location = sys.argv[1:4]
def find(obj, key):
    if isinstance(obj, dict):
        if key in obj: return obj[key]
        for v in obj.values():
            r = find(v, key)
            if r is not None: return r
    return None
lenders = json.dumps(find(project, "lenders"))
assert find(project, "name") == name, find(project, "name")
assert find(project, "location") == location, find(project, "location")
assert json.dumps(lender)[1:-1] in lenders, lenders
PY
    check "the SQL name, lender and location read back literally (project show --format json)" $?
    after_count="$(q "SELECT count(*) FROM projects")"
    [ "$after_count" -eq $((before_count + 1)) ] && [ "$(q "SELECT count(*) FROM lenders WHERE name = \$\$$evil_lender\$\$")" -eq 1 ]
    check "the projects and lenders tables are intact ($before_count -> $after_count projects)" $?
    portfolio project list --format csv 2>>"$LOGS/s6-cli.log" | grep -qF "$evil_name"
    check "project list --format csv shows the SQL name literally" $?

    # The least-privilege role: no schema changes, no history rewriting, no migrations.
    local stmt rc denied=0 tried=0
    for stmt in "DROP TABLE projects" "CREATE TABLE intruder (id int)" "ALTER TABLE projects ADD COLUMN x int" \
                "UPDATE audit_log SET actor = 'someone else'" "DELETE FROM status_history" "TRUNCATE jobs" \
                "UPDATE currencies SET minor_digits = 4" "SELECT * FROM chaos.requested_status"; do
        tried=$((tried + 1))
        "$PG_BIN/psql" -X -q "$APP_URL" -v ON_ERROR_STOP=1 -c "$stmt" >/dev/null 2>>"$LOGS/s6-privileges.log" || denied=$((denied + 1))
    done
    [ $denied -eq $tried ]
    check "the application role ($APP_ROLE) is refused $denied of $tried schema/history changes" $?
    portfolio migrate >>"$LOGS/s6-cli.log" 2>&1; rc=$?
    [ $rc -ne 0 ]
    check "portfolio migrate as $APP_ROLE is refused (exit $rc)" $?
    [ "${WORKER_ROLES:-}" = "$APP_ROLE" ]
    check "the workers of scenario 3 connected as $APP_ROLE only (${WORKER_ROLES:-unknown})" $?
    [ "$(q "SELECT rolsuper OR rolcreaterole OR rolcreatedb FROM pg_roles WHERE rolname = '$APP_ROLE'")" = f ]
    check "$APP_ROLE is no superuser and cannot create roles or databases" $?

    # HTTP: loopback only by default, GET only.
    local port=8080 pid listen code m methods_ok=1 codes="" ip remote=skipped
    if ss -Htln "sport = :$port" | grep -q .; then
        line "  note port 8080 is taken by another program; the default-address check uses the log line only"
        port=""
    fi
    start_worker s6-worker-default; pid=$WORKER_PID
    local end=$((SECONDS + 20))
    while [ $SECONDS -lt $end ] && ! grep -q 'worker starting' "$LOGS/s6-worker-default.log" 2>/dev/null; do sleep 0.2; done
    grep 'worker starting' "$LOGS/s6-worker-default.log" | grep -q 'http=127.0.0.1:8080\|http: 127.0.0.1:8080\|127.0.0.1:8080'
    check "with no HTTP setting the worker announces 127.0.0.1:8080" $?
    if [ -n "$port" ]; then
        end=$((SECONDS + 20))
        while [ $SECONDS -lt $end ] && ! ss -Htln "sport = :$port" | grep -q .; do sleep 0.2; done
        listen="$(ss -Htln "sport = :$port" | awk '{ print $4 }' | paste -sd' ' -)"
        [ "$listen" = "127.0.0.1:$port" ]
        check "/health and /metrics listen on 127.0.0.1:$port only (ss: ${listen:-nothing})" $?
        code="$(curl -s -o "$WORK/s6-health.json" -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/health")"
        [ "$code" = 200 ] && grep -q '"status"' "$WORK/s6-health.json"
        check "GET /health answers 200 with JSON ($code: $(head -c 160 "$WORK/s6-health.json" 2>/dev/null))" $?
        code="$(curl -s -o "$WORK/s6-metrics.txt" -w '%{http_code}' --max-time 5 "http://127.0.0.1:$port/metrics")"
        [ "$code" = 200 ] && grep -q '^# TYPE' "$WORK/s6-metrics.txt"
        check "GET /metrics answers 200 in Prometheus format ($code)" $?
        for m in POST PUT DELETE PATCH; do
            for path in /health /metrics; do
                code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 -X "$m" -d 'x=1' "http://127.0.0.1:$port$path")"
                codes+="$m $path $code; "
                case "$code" in 404|405) ;; *) methods_ok=0 ;; esac
            done
        done
        [ $methods_ok -eq 1 ]
        check "non-GET methods are refused (${codes% })" $?
        ip="$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -v '^127\.' | grep -v ':' | head -1)"
        if [ -n "$ip" ]; then
            curl -s -o /dev/null --max-time 3 "http://$ip:$port/health"; rc=$?
            remote="curl exit $rc"
            [ $rc -ne 0 ]
            check "/health is not reachable on $ip:$port ($remote)" $?
        fi
    fi
    stop_worker "$pid"; rc=$?
    [ $rc -eq 0 ]
    check "the default-settings worker exits 0 on SIGTERM ($rc)" $?

    settle s6
    # No password in any log of this run (the server's log included).
    local found
    found="$(grep -rlF -e "$APP_PW" -e "$OWNER_PW" "$LOGS" "$PG_LOG" "$WORK"/*.tsv 2>/dev/null | paste -sd' ' -)"
    [ -z "$found" ]
    check "no password in $(find "$LOGS" -type f | wc -l) log files nor the server log${found:+ (found in: $found)}" $?
    grep -q 'postgresql://portfolio_app:\*\*\*@' "$LOGS"/s1-worker.log
    check "the worker logs its database as postgresql://portfolio_app:***@…" $?

    check_invariants s6
    line "scenario 6 security: $((checks - failures)) of $checks checks passed — invariants $INVARIANTS"
    record 6 "{\"name\": \"security\", \"checks\": $checks, \"failed\": $failures, \"http_methods\": \"${codes% }\", \"remote_http\": \"$remote\", \"worker_roles\": \"${WORKER_ROLES:-}\", \"invariants\": $INVARIANTS_JSON, \"ok\": $([ "$INVARIANTS" = ok ] && [ $failures -eq 0 ] && echo true || echo false)}"
}

# --- scenario 8: blackholed database ---------------------------------------------------------------
# health_code PORT: /health's status code, 000 when no answer within 2 s.
health_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1/health"; }

# wait_health PORT CODE SECONDS: polls /health until CODE; prints the seconds it took, or fails.
wait_health() {
    local port="$1" code="$2" limit="$3" t0
    t0="$(now)"
    while awk -v a="$t0" -v b="$(now)" -v l="$limit" 'BEGIN { exit !(b - a < l) }'; do
        if [ "$(health_code "$port")" = "$code" ]; then elapsed "$t0"; return 0; fi
        sleep 0.1
    done
    return 1
}

scenario_blackhole() {
    local projects per outages outage_s
    if [ "$QUICK" -eq 1 ]; then projects=100; per=4; outages=2; outage_s=6; else projects=400; per=5; outages=4; outage_s=15; fi
    local total=$((projects * per)) proxy_port=$((HTTP_BASE + 40)) http=$((HTTP_BASE + 41))
    say "scenario 8: queueing $total status changes; worker 1 reaches the database through a proxy that goes silent $outages times for $outage_s s"
    queue_load s8 S8 "$projects" "$per" 808
    python3 "$ROOT/Scripts/chaos/blackhole_proxy.py" --listen "$proxy_port" --target "$PG_PORT" --ready "$WORK/s8-proxy.pid" \
        >>"$LOGS/s8-proxy.log" 2>&1 &
    local proxy=$! i
    for i in $(seq 1 50); do [ -s "$WORK/s8-proxy.pid" ] && break; sleep 0.1; done
    local t0 w1 w2 alive=1 noticed="" recovered="" ok_outages=0
    t0="$(now)"
    # Worker 1 through the proxy, with a 2 s database timeout and a 5 s lease; worker 2 direct,
    # so it rescues what worker 1 is cut off from.
    DATABASE_URL="postgresql://$APP_ROLE:$APP_PW@127.0.0.1:$proxy_port/$DB?connect_timeout=3&sslmode=disable" \
        PORTFOLIO_DATABASE_TIMEOUT=2s PORTFOLIO_WORKER_LEASE=5s PORTFOLIO_LEADER_LEASE=3s \
        start_worker s8-worker-1 --http-address "127.0.0.1:$http" --batch-size 20; w1=$WORKER_PID
    PORTFOLIO_WORKER_LEASE=5s PORTFOLIO_LEADER_LEASE=3s start_worker s8-worker-2 --http-address off --batch-size 20; w2=$WORKER_PID
    wait_health "$http" 200 60 >/dev/null || fail "scenario 8: worker 1 never answered /health 200"
    for i in $(seq 1 "$outages"); do
        sleep 1
        kill -USR1 "$proxy"
        local took
        if took="$(wait_health "$http" 503 30)"; then noticed+="$took "; else fail "scenario 8: outage $i: /health did not turn 503 within 30 s"; fi
        sleep "$outage_s"
        kill -USR2 "$proxy"
        if took="$(wait_health "$http" 200 60)"; then recovered+="$took "; ok_outages=$((ok_outages + 1)); else fail "scenario 8: outage $i: /health did not return to 200 within 60 s"; fi
        for n in $w1 $w2; do kill -0 "$n" 2>/dev/null || alive=0; done
    done
    [ $alive -eq 1 ] || fail "scenario 8: a worker exited during the outages"
    local drained=1
    # Every change applied and nothing due or running (a later scenario's job scheduled for years
    # ahead may wait in the queue; it is not this scenario's).
    local end=$((SECONDS + 600))
    until [ "$(applied_count s8)" = "$total" ] && [ "$(q "SELECT count(*) FROM jobs WHERE state = 'running' OR (state = 'available' AND run_at <= now())")" = 0 ]; do
        [ $SECONDS -ge $end ] && { drained=0; fail "scenario 8: jobs still waiting 600 s after the last outage"; break; }
        sleep 0.5
    done
    local seconds s1 s2 given_up
    seconds="$(elapsed "$t0")"
    stop_worker "$w1"; s1=$?
    stop_worker "$w2"; s2=$?
    kill "$proxy" 2>/dev/null; wait "$proxy" 2>/dev/null
    { [ $s1 -eq 0 ] && [ $s2 -eq 0 ]; } || fail "scenario 8: workers exited $s1 and $s2 on SIGTERM (expected 0)"
    given_up=$(grep -c 'leases within' "$LOGS/s8-worker-1.log")
    settle s8
    local applied
    applied="$(applied_count s8)"
    [ "$applied" -eq "$total" ] || fail "scenario 8: $applied of $total changes applied"
    check_invariants s8
    local worst_notice worst_recover
    worst_notice="$(tr ' ' '\n' <<<"$noticed" | sort -g | tail -1)"
    worst_recover="$(tr ' ' '\n' <<<"$recovered" | sort -g | tail -1)"
    line "scenario 8 blackholed database: $ok_outages of $outages outages of $outage_s s; /health 503 after ${worst_notice:-?} s at worst (database timeout 2 s), 200 again ${worst_recover:-?} s after the link returned; $given_up stuck batches given up; $applied of $total changes applied in $seconds s — invariants $INVARIANTS"
    record 8 "{\"name\": \"blackholed database\", \"outages\": $outages, \"outage_seconds\": $outage_s, \"outages_recovered\": $ok_outages, \"seconds_to_503\": [$(tr ' ' ',' <<<"${noticed% }")], \"seconds_to_200_after_restore\": [$(tr ' ' ',' <<<"${recovered% }")], \"batches_given_up\": $given_up, \"changes_requested\": $total, \"changes_applied\": $applied, \"seconds\": $seconds, \"worker_exits_on_sigterm\": [$s1, $s2], \"invariants\": $INVARIANTS_JSON, \"ok\": $([ "$INVARIANTS" = ok ] && [ $drained -eq 1 ] && [ "$applied" -eq "$total" ] && [ $ok_outages -eq $outages ] && [ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ $alive -eq 1 ] && echo true || echo false)}"
}

# --- scenario 7: stale attempts of one worker --------------------------------------------------------
scenario_stale_attempts() {
    local projects per
    if [ "$QUICK" -eq 1 ]; then projects=150; per=4; else projects=400; per=5; fi
    local total=$((projects * per))
    say "scenario 7: queueing $total status changes for one worker whose lane 0 pauses past its lease"
    queue_load s7 S7 "$projects" "$per" 707
    local t0 drained=1 status
    t0="$(now)"
    PORTFOLIO_WORKER_LEASE=1s PORTFOLIO_LEADER_LEASE=1s PORTFOLIO_TEST_PAUSE_BEFORE_HOLD=3s \
        start_worker s7-worker --concurrency 3 --batch-size 20 --http-address off
    # Drained of work due within the hour, snoozed jobs included (scenario 4 leaves a change
    # scheduled for 2099 waiting).
    local end=$((SECONDS + 600)) left
    while left="$(q "SELECT count(*) FROM jobs WHERE state = 'running' OR (state = 'available' AND run_at < now() + interval '1 hour')")"; [ "$left" != 0 ]; do
        if [ $SECONDS -ge $end ]; then
            drained=0
            fail "scenario 7: jobs still due within the hour or running 600 s after the start"
            q "SELECT state, kind, attempt, count(*), min(run_at - now()) FROM jobs WHERE state IN ('available', 'running') GROUP BY 1, 2, 3" \
                | sed 's/^/    left: /'
            break
        fi
        sleep 0.5
    done
    local seconds
    seconds="$(elapsed "$t0")"
    # The others may drain the queue while lane 0 still waits: give its stale batch the time to run.
    end=$((SECONDS + 15))
    while [ $SECONDS -lt $end ] && ! grep -q 'job lost its lease' "$LOGS/s7-worker.log"; do sleep 0.2; done
    stop_worker "$WORKER_PID"; status=$?
    [ $status -eq 0 ] || fail "scenario 7: the worker exited $status on SIGTERM (expected 0)"
    local fenced reclaimed
    fenced=$(grep -c 'job lost its lease' "$LOGS/s7-worker.log")
    # Completed on a later attempt by the same worker (the only one running) before the rescue pass.
    reclaimed="$(q "SELECT count(*) FROM jobs WHERE kind = 'status.apply' AND args->>'code' LIKE 'S7%' AND state = 'completed' AND attempt >= 2")"
    [ "$fenced" -gt 0 ] || fail "scenario 7: no stale attempt was fenced off (the pause made none)"
    settle s7
    local applied
    applied="$(applied_count s7)"
    [ "$applied" -eq "$total" ] || fail "scenario 7: $applied of $total changes applied"
    check_invariants s7
    line "scenario 7 stale attempts: $fenced stale attempts of lane 0 fenced off, $reclaimed of its changes applied by the same worker on a later attempt, $applied of $total changes applied in $seconds s — invariants $INVARIANTS"
    record 7 "{\"name\": \"stale attempts\", \"stale_attempts_fenced\": $fenced, \"completed_on_a_later_attempt\": $reclaimed, \"changes_requested\": $total, \"changes_applied\": $applied, \"seconds\": $seconds, \"drained\": $([ $drained -eq 1 ] && echo true || echo false), \"worker_exit_on_sigterm\": $status, \"invariants\": $INVARIANTS_JSON, \"ok\": $([ "$INVARIANTS" = ok ] && [ $drained -eq 1 ] && [ "$applied" -eq "$total" ] && [ "$fenced" -gt 0 ] && [ $status -eq 0 ] && echo true || echo false)}"
}

# --- run ----------------------------------------------------------------------------------------------
say "mode $MODE; logs in chaos/logs/"
setup_cluster
build
say "migrating as $OWNER_ROLE, granting to $APP_ROLE"
DATABASE_URL="$OWNER_URL" portfolio migrate --grant-to "$APP_ROLE" >"$LOGS/migrate.log" 2>&1 || { cat "$LOGS/migrate.log" >&2; die "migrate failed"; }
sql -f "$ROOT/Scripts/chaos/schema.sql" >/dev/null || die "could not create the chaos schema"
# A role that may read the portfolio and nothing else: its writes are the permission cases (77).
sql -c "GRANT USAGE ON SCHEMA public TO $READER_ROLE; GRANT SELECT ON ALL TABLES IN SCHEMA public TO $READER_ROLE" >/dev/null \
    || die "could not grant the reader role"

declare -A SCENARIO_SECONDS
run_scenario() {
    local number="$1" fn="$2" t
    if [ -n "${CHAOS_SCENARIOS:-}" ]; then
        case " $CHAOS_SCENARIOS " in *" $number "*) ;; *) return 0 ;; esac
    fi
    t="$(now)"
    "$fn"
    SCENARIO_SECONDS[$number]="$(elapsed "$t")"
}
run_scenario 1 scenario_crashes
run_scenario 2 scenario_db_faults
run_scenario 3 scenario_concurrency
run_scenario 4 scenario_bad_input
run_scenario 5 scenario_fuzz
run_scenario 6 scenario_security
run_scenario 7 scenario_stale_attempts
run_scenario 8 scenario_blackhole

TOTAL=$(( $(date +%s) - STARTED_AT ))
python3 - "$OUT/results.d" "$RESULTS" "$MODE" "$TOTAL" "$FAILED" "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    "$(for k in "${!SCENARIO_SECONDS[@]}"; do echo "$k=${SCENARIO_SECONDS[$k]}"; done | paste -sd, -)" <<'PY'
import json, os, sys, datetime
folder, out, mode, total, failed, commit, durations = sys.argv[1:8]
scenarios = {}
for name in sorted(os.listdir(folder)):
    with open(os.path.join(folder, name)) as handle:
        try:
            scenarios[name[:-5]] = json.load(handle)
        except json.JSONDecodeError as error:
            scenarios[name[:-5]] = {"unreadable": str(error)}
for item in filter(None, durations.split(",")):
    key, seconds = item.split("=")
    scenarios.setdefault(key, {})["scenario_seconds"] = float(seconds)
result = {"mode": mode, "commit": commit, "finished_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "total_seconds": int(total), "ok": failed == "0", "scenarios": scenarios}
with open(out, "w") as handle:
    json.dump(result, handle, indent=2)
PY
if [ "$FAILED" -eq 0 ]; then
    line "chaos ($MODE): every scenario and invariant held in $TOTAL s; summary in chaos/results.json"
else
    line "chaos ($MODE): FAILED (see above and chaos/logs/); summary in chaos/results.json"
fi
exit "$FAILED"
