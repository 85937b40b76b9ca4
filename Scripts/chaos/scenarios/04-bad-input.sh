# shellcheck shell=bash
# Scenario 4 of Scripts/chaos.sh, which sources this file after Scripts/chaos/lib.sh and calls
# the scenario function below; what it does is told in the header of Scripts/chaos.sh.

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
    record 4 name="bad input" seconds:num="$seconds" summary:json@"$WORK/s4-summary.json" invariants:table@"$INVARIANTS_FILE" \
        ok:bool="$([ "$INVARIANTS" = ok ] && [ $status -eq 0 ] && echo true || echo false)"
}
