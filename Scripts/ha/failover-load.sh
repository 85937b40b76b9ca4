# The load a failover is tested under, and what is counted after it. Sourced by Scripts/ha.sh
# and Scripts/ha-patroni.sh, which set BIN (the programs), ROOT and QUEUED (how many status
# changes to queue), and DATABASE_URL (a multi-host URL to the primary). Sets WORKERS (their
# pids) and LOAD (the CLI loop's pid).

# load_start NAME DIR PRIMARY_URL STANDBY_URL WRITES
#   Queues QUEUED status changes (keys NAME-00001, …) on new projects and waits until the
#   standby has them; starts 4 workers (5 s leases) and a loop of WRITES `lender add "NAME
#   lender I"` that retries each write until acknowledged, noting "I acked-at began-at" in
#   DIR/NAME-acked.txt. Returns once a fifth of the queue is applied on the primary, with the
#   rest under way or waiting; sets AT_KILL to the number applied by then.
load_start() {
    local name="$1" dir="$2" primary="$3" standby="$4" writes="$5"
    "$ROOT/Scripts/ha/queued-load.sh" "$QUEUED" "$name" "$dir"
    "$BIN/portfolio" project import "$dir/$name-projects.csv" >/dev/null
    "$BIN/portfolio" status import "$dir/$name-changes.csv" >/dev/null
    for _ in $(seq 1 100); do
        [ "$(psql -tAq "$standby" -c "SELECT count(*) FROM jobs WHERE kind = 'status.apply'" 2>/dev/null || echo 0)" = "$QUEUED" ] && break
        sleep 0.1
    done
    WORKERS=()
    for w in 1 2 3 4; do
        PORTFOLIO_WORKER_LEASE=5s PORTFOLIO_DATABASE_TIMEOUT=3s "$BIN/portfolio-worker" --http-address off > "$dir/$name-worker-$w.log" 2>&1 &
        WORKERS+=($!)
    done
    : > "$dir/$name-acked.txt"
    ( for i in $(seq 1 "$writes"); do
          for _ in $(seq 1 150); do
              began="$(date +%s.%N)"
              if "$BIN/portfolio" lender add "$name lender $i" >/dev/null 2>&1; then echo "$i $(date +%s.%N) $began" >> "$dir/$name-acked.txt"; break; fi
              sleep 0.2
          done
      done ) &
    LOAD=$!
    local applied="SELECT count(*) FROM status_history WHERE request_key LIKE '$name-%'"
    for _ in $(seq 1 300); do
        [ "$(psql -tAq "$primary" -c "$applied" 2>/dev/null || echo 0)" -ge $((QUEUED / 5)) ] && break
        sleep 0.05
    done
    AT_KILL="$(psql -tAq "$primary" -c "$applied" 2>/dev/null || echo "?")"
}

# load_results NAME DIR NEW_URL KILLED
#   Waits for the CLI loop, then up to 60 s for the workers to apply the rest of the queue on
#   the new primary; stops them and works what is left. Sets ACKED (writes acknowledged), LOST
#   (acknowledged but missing), FIRST_AFTER (seconds from KILLED to the first write begun after
#   it; empty if none), APPLIED (queued changes applied), TWICE (applied more than once) and
#   PENDING (status changes left available or running).
load_results() {
    local name="$1" dir="$2" new="$3" killed="$4"
    wait "$LOAD" || true
    LOAD=""
    # The first write whose successful attempt began after the kill: one already under way may
    # still commit on a backend of the killed postmaster.
    FIRST_AFTER="$(awk -v k="$killed" '$3 > k { printf "%.1f", $2 - k; exit }' "$dir/$name-acked.txt")"
    PENDING=1
    for _ in $(seq 1 120); do
        PENDING="$(psql -tAq "$new" -c "SELECT count(*) FROM jobs WHERE kind = 'status.apply' AND state IN ('available', 'running')" 2>/dev/null || echo 1)"
        [ "$PENDING" = "0" ] && break
        sleep 0.5
    done
    for pid in "${WORKERS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${WORKERS[@]}"; do wait "$pid" 2>/dev/null || true; done
    WORKERS=()
    "$ROOT/Scripts/ha/drain.sh" "$new" "$BIN" || true
    ACKED="$(wc -l < "$dir/$name-acked.txt" | tr -d ' ')"
    local found
    found="$(cut -d' ' -f1 "$dir/$name-acked.txt" | sed "s/^/$name lender /" \
        | psql -tAq "$new" -c "CREATE TEMP TABLE acked (name text)" -c "COPY acked FROM STDIN" \
            -c "SELECT count(*) FROM acked a WHERE EXISTS (SELECT 1 FROM lenders l WHERE l.name = a.name)" | tail -n 1)"
    LOST=$((ACKED - found))
    APPLIED="$(psql -tAq "$new" -c "SELECT count(DISTINCT request_key) FROM status_history WHERE request_key LIKE '$name-%'")"
    TWICE="$(psql -tAq "$new" -c "SELECT count(*) FROM (SELECT request_key FROM status_history WHERE request_key LIKE '$name-%' GROUP BY request_key HAVING count(*) > 1) t")"
}
