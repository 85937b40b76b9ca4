# shellcheck shell=bash
# Scenario 6 of Scripts/chaos.sh, which sources this file after Scripts/chaos/lib.sh and calls
# the scenario function below; what it does is told in the header of Scripts/chaos.sh.

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
    record 6 name=security checks:int="$checks" failed:int="$failures" http_methods="${codes% }" remote_http="$remote" \
        worker_roles="${WORKER_ROLES:-}" invariants:table@"$INVARIANTS_FILE" \
        ok:bool="$([ "$INVARIANTS" = ok ] && [ $failures -eq 0 ] && echo true || echo false)"
}
