# shellcheck shell=bash
# Scenario 7 of Scripts/chaos.sh, which sources this file after Scripts/chaos/lib.sh and calls
# the scenario function below; what it does is told in the header of Scripts/chaos.sh.

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
    record 7 name="stale attempts" stale_attempts_fenced:int="$fenced" completed_on_a_later_attempt:int="$reclaimed" \
        changes_requested:int="$total" changes_applied:int="$applied" seconds:num="$seconds" \
        drained:bool="$([ $drained -eq 1 ] && echo true || echo false)" worker_exit_on_sigterm:int="$status" invariants:table@"$INVARIANTS_FILE" \
        ok:bool="$([ "$INVARIANTS" = ok ] && [ $drained -eq 1 ] && [ "$applied" -eq "$total" ] && [ "$fenced" -gt 0 ] && [ $status -eq 0 ] && echo true || echo false)"
}
