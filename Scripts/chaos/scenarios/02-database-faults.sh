# shellcheck shell=bash
# Scenario 2 of Scripts/chaos.sh, which sources this file after Scripts/chaos/lib.sh and calls
# the scenario function below; what it does is told in the header of Scripts/chaos.sh.

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
    # A fault that hits a lane mid-batch is logged as a retry and a reconnection; one that hits an
    # idle pooled connection is replaced before its next use without a word; the listener's
    # connection is always open. So the workers must have logged the faults somewhere.
    [ $((retries + reconnects + listener)) -gt 0 ] \
        || fail "scenario 2: the workers logged no retry, lane reconnection or listener reconnection"
    settle s2
    local applied
    applied="$(applied_count s2)"
    [ "$applied" -eq "$total" ] || fail "scenario 2: $applied of $total changes applied"
    check_invariants s2
    line "scenario 2 database faults: $terms terminations ($killed_backends backends) and $restarts restarts survived, $applied of $total changes applied in $seconds s; logged $retries retries (longest backoff ${max_backoff:-0} s), $reconnects lane reconnections, $listener listener reconnections; /health answered 503 $health503 times during restarts — invariants $INVARIANTS"
    record 2 name="database faults" terminations:int="$terms" backends_terminated:int="$killed_backends" \
        restarts:int="$restarts" changes_requested:int="$total" changes_applied:int="$applied" seconds:num="$seconds" \
        drained:bool="$([ $drained -eq 1 ] && echo true || echo false)" logged_retries:int="$retries" logged_reconnections:int="$reconnects" \
        listener_reconnections:int="$listener" health_codes_during_restarts="${health_down% }" \
        longest_backoff_s:num="${max_backoff:-0}" worker_exits_on_sigterm:ints="$s1 $s2" invariants:table@"$INVARIANTS_FILE" \
        ok:bool="$([ "$INVARIANTS" = ok ] && [ $drained -eq 1 ] && [ "$applied" -eq "$total" ] && [ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ $alive -eq 1 ] && echo true || echo false)"
}
