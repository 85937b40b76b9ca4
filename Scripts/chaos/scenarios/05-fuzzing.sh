# shellcheck shell=bash
# Scenario 5 of Scripts/chaos.sh, which sources this file after Scripts/chaos/lib.sh and calls
# the scenario function below; what it does is told in the header of Scripts/chaos.sh.

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
    # Each target's line of fuzz.sh (`csv: 1234 executions, 56 exec/s`) as targets.NAME.*.
    local targets=() target executions rate
    while read -r target executions _ rate _; do
        targets+=("targets.${target%:}.executions:int=$executions" "targets.${target%:}.exec_per_s=$rate")
    done < <(grep -oE '^[a-z]+: [0-9]+ executions, [0-9?]+ exec/s' <<<"$figures")
    record 5 name=fuzzing seconds_per_target:int="$seconds" executions:int="$total" targets:obj= "${targets[@]}" \
        fuzz_exit:int="$status" wall_seconds:num="$wall" invariants:table@"$INVARIANTS_FILE" \
        ok:bool="$([ "$INVARIANTS" = ok ] && [ $status -eq 0 ] && echo true || echo false)"
}
