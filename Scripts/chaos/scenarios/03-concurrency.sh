# shellcheck shell=bash
# Scenario 3 of Scripts/chaos.sh, which sources this file after Scripts/chaos/lib.sh and calls
# the scenario function below; what it does is told in the header of Scripts/chaos.sh.

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
    record 3 name=concurrency seconds:int="$seconds" workers:int=4 clis:int=2 cli_commands:int="$n_cmds" \
        status_set_accepted:int="$st_ok" status_set_refused_65:int="$st_65" status_set_conflict_75:int="$st_75" \
        update_accepted:int="$up_ok" update_conflict_75:int="$up_75" queued_changes:int="$total" queued_applied:int="$applied" \
        wall_seconds:num="$wall" worker_roles="$WORKER_ROLES" invariants:table@"$INVARIANTS_FILE" \
        ok:bool="$([ "$INVARIANTS" = ok ] && [ -z "$bad_codes" ] && [ -z "$bad_stderr" ] && [ "$applied" -eq "$total" ] && [ $drained -eq 1 ] && echo true || echo false)"
}
