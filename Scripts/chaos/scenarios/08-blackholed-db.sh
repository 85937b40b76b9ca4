# shellcheck shell=bash
# Scenario 8 of Scripts/chaos.sh, which sources this file after Scripts/chaos/lib.sh and calls
# the scenario function below; what it does is told in the header of Scripts/chaos.sh.

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
    record 8 name="blackholed database" outages:int="$outages" outage_seconds:int="$outage_s" \
        outages_recovered:int="$ok_outages" seconds_to_503:nums="$noticed" seconds_to_200_after_restore:nums="$recovered" \
        batches_given_up:int="$given_up" changes_requested:int="$total" changes_applied:int="$applied" seconds:num="$seconds" \
        worker_exits_on_sigterm:ints="$s1 $s2" invariants:table@"$INVARIANTS_FILE" \
        ok:bool="$([ "$INVARIANTS" = ok ] && [ $drained -eq 1 ] && [ "$applied" -eq "$total" ] && [ $ok_outages -eq $outages ] && [ $s1 -eq 0 ] && [ $s2 -eq 0 ] && [ $alive -eq 1 ] && echo true || echo false)"
}
