# shellcheck shell=bash
# Scenario 9 of Scripts/chaos.sh, which sources this file after Scripts/chaos/lib.sh and calls
# the scenario function below; what it does is told in the header of Scripts/chaos.sh.

# --- scenario 9: ledger import crashes ---------------------------------------------------------------
scenario_ledger_crashes() {
    say "scenario 9: ledger import crashes"
    local t0 projects="$WORK/s9-projects.csv" parts="$WORK/s9-parts.tsv" ledger="$WORK/s9-ledger.csv"
    local count kills expected recorded attempts=0 killed=0 committed_by_killed=0 status
    count=$([ "$QUICK" -eq 1 ] && echo 150 || echo 1000)
    kills=$([ "$QUICK" -eq 1 ] && echo 5 || echo 20)
    t0="$(now)"
    python3 "$ROOT/Scripts/bench/gen_projects.py" "$projects" "$count" --prefix S9 --status committed --seed 9 \
        || die "s9: generating projects failed"
    portfolio project import "$projects" >>"$LOGS/s9-cli.log" 2>&1 || die "s9: project import failed (see $LOGS/s9-cli.log)"
    q "SELECT p.code, l.name, p.currency, pl.part_minor, c.minor_digits FROM project_lenders pl
       JOIN projects p ON p.id = pl.project_id JOIN lenders l ON l.id = pl.lender_id JOIN currencies c ON c.code = p.currency
       WHERE p.code LIKE 'S9-%' ORDER BY p.code, l.name" | tr '|' '\t' >"$parts"
    expected="$(python3 "$ROOT/Scripts/chaos/gen_ledger.py" "$parts" "$ledger" --tranches 10 --prefix S9)" \
        || die "s9: generating the ledger failed"
    # Kill the import at random moments; each run records all of the file or none of it.
    for _ in $(seq 1 "$kills"); do
        attempts=$((attempts + 1))
        portfolio tx import "$ledger" >>"$LOGS/s9-cli.log" 2>&1 &
        local pid=$!
        sleep "0.$(printf %02d $((RANDOM % 60 + 5)))"
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        [ $? -eq 137 ] && killed=$((killed + 1))
        # A client killed just after sending COMMIT leaves its backend to finish it: wait for it.
        for _ in $(seq 1 100); do
            [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'portfolio' AND pid <> pg_backend_pid()")" -eq 0 ] && break
            sleep 0.05
        done
        recorded="$(q "SELECT count(*) FROM ledger_transactions WHERE reference LIKE 'S9-%'")"
        if [ "$recorded" -ne 0 ] && [ "$recorded" -ne "$expected" ]; then
            fail "scenario 9: a killed import left $recorded of $expected transactions"
        fi
        if [ "$recorded" -eq "$expected" ]; then committed_by_killed=1; break; fi
    done
    if [ "$committed_by_killed" -eq 0 ]; then
        attempts=$((attempts + 1))
        portfolio tx import "$ledger" >>"$LOGS/s9-cli.log" 2>&1 || fail "scenario 9: the import after the kills failed (see $LOGS/s9-cli.log)"
    fi
    # A second run is refused whole: nothing is doubled.
    portfolio tx import "$ledger" >>"$LOGS/s9-cli.log" 2>&1
    status=$?
    [ "$status" -eq 65 ] || fail "scenario 9: importing the file again exited $status, not 65"
    recorded="$(q "SELECT count(*) FROM ledger_transactions WHERE reference LIKE 'S9-%'")"
    [ "$recorded" -eq "$expected" ] || fail "scenario 9: $recorded transactions recorded, $expected expected"
    local seconds
    seconds="$(elapsed "$t0")"
    settle s9
    check_invariants s9
    line "scenario 9 ledger import crashes: $killed of $attempts imports killed mid-way, $recorded of $expected transactions recorded once, a second run refused — invariants $INVARIANTS"
    record 9 name="ledger import crashes" seconds:num="$seconds" killed:int="$killed" attempts:int="$attempts" \
        expected:int="$expected" recorded:int="$recorded" invariants:table@"$INVARIANTS_FILE" \
        ok:bool="$([ "$INVARIANTS" = ok ] && [ "$recorded" -eq "$expected" ] && echo true || echo false)"
}
