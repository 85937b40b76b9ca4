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
#   4 bad input        the cases of Scripts/chaos/bad_inputs.json marked for chaos, run by
#                      Scripts/chaos/bad_inputs.py (CLI arguments, import files, settings,
#                      paths): exit code, one `error:` line, identical pg_dump
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
#   9 ledger crashes   `portfolio tx import` of ten tranches for 1,000 projects (quick 150) is killed with
#                      SIGKILL at 20 random moments (quick 5): each run records all of the file or
#                      none of it, a second run is refused whole, and the ledger invariants hold
#
# CHAOS_SCENARIOS="1 7" runs only those scenarios (for development: scenario 6 checks the roles
# and the log of scenarios 1 and 3).
#
# Layout: this file reads the flags and runs the scenarios in order; Scripts/chaos/lib.sh holds
# what they share (the cluster and its roles, starting, stopping and crashing workers, settling,
# the invariants, the results); Scripts/chaos/scenarios/NN-*.sh holds one scenario each, as a
# function; Scripts/chaos/results.py writes every JSON file of the run.
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

# shellcheck source=Scripts/chaos/lib.sh
. "$ROOT/Scripts/chaos/lib.sh"
for scenario_file in "$ROOT"/Scripts/chaos/scenarios/[0-9][0-9]-*.sh; do
    # shellcheck source=/dev/null
    . "$scenario_file"
done
unset scenario_file

trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

rm -rf "$WORK" "$LOGS"
mkdir -p "$LOGS" "$WORK" "$OUT/results.d"
rm -f "$OUT"/results.d/* "$RESULTS"

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
run_scenario 9 scenario_ledger_crashes

TOTAL=$(( $(date +%s) - STARTED_AT ))
write_results
if [ "$FAILED" -eq 0 ]; then
    line "chaos ($MODE): every scenario and invariant held in $TOTAL s; summary in chaos/results.json"
else
    line "chaos ($MODE): FAILED (see above and chaos/logs/); summary in chaos/results.json"
fi
exit "$FAILED"
