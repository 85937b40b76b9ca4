# shellcheck shell=bash
# Scenario 1 of Scripts/chaos.sh, which sources this file after Scripts/chaos/lib.sh and calls
# the scenario function below; what it does is told in the header of Scripts/chaos.sh.

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
    record 1 name="worker crashes" kills:int="$killed" kills_with_work_in_flight:int="$in_flight" \
        changes_requested:int="$total" changes_applied:int="$applied" seconds:num="$seconds" rollups_taken:int="$snaps" \
        rollups_asked:int="$rollups_asked" worker_exit_on_sigterm:int="$status" invariants:table@"$INVARIANTS_FILE" \
        ok:bool="$([ "$INVARIANTS" = ok ] && [ "$applied" -eq "$total" ] && [ $status -eq 0 ] && [ $died -eq 0 ] && echo true || echo false)"
}
