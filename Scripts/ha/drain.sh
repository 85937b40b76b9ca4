#!/usr/bin/env bash
# Works what is left in a scenario's queue (the rollups its changes asked for, some not due
# yet) with `portfolio-worker --once`, until no job is available or running (at most ~15 s).
# Usage: Scripts/ha/drain.sh URL BIN_DIR
set -euo pipefail
url="${1:?usage: Scripts/ha/drain.sh URL BIN_DIR}"
bin="${2:?usage: Scripts/ha/drain.sh URL BIN_DIR}"
for _ in $(seq 1 40); do
    DATABASE_URL="$url" "$bin/portfolio-worker" --once --http-address off >/dev/null 2>&1 || true
    [ "$(psql -X -tAq "$url" -c "SELECT count(*) FROM jobs WHERE state IN ('available', 'running')")" = "0" ] && exit 0
    sleep 0.25
done
echo "drain.sh: jobs still available or running after 40 passes" >&2
exit 1
