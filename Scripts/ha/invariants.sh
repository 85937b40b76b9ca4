#!/usr/bin/env bash
# The chaos run's invariants (Scripts/chaos/invariants.sql) on a database an HA scenario used.
# The checks compare the history and the audit trail against what was asked for, kept in the
# `chaos` schema: each FILE given is recorded as one `status import` that succeeded, and its
# rows (code,status,effective_date,note,key) as the changes it queued. Prints each broken
# invariant and exits 1 if any count is not 0.
# Usage: Scripts/ha/invariants.sh URL [FILE ...]   (a superuser's URL to the database)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
url="${1:?usage: Scripts/ha/invariants.sh URL [FILE ...]}"
shift
export PGOPTIONS="-c client_min_messages=warning"
psql -X -q -v ON_ERROR_STOP=1 "$url" -f "$ROOT/Scripts/chaos/schema.sql" >/dev/null
for file in "$@"; do
    psql -X -q -v ON_ERROR_STOP=1 "$url" >/dev/null <<SQL
CREATE TEMP TABLE queued (code text, status text, effective date, note text, key text);
\copy queued FROM '$file' WITH (FORMAT csv, HEADER true)
INSERT INTO chaos.requested_status (scenario, source, code, status, effective, key, note)
    SELECT 'ha', 'job', code, status, effective, key, note FROM queued;
INSERT INTO chaos.status_imports (scenario, file) VALUES ('ha', '$(basename "$file")');
SQL
done
out="$(psql -X -tA -q -v ON_ERROR_STOP=1 -F '|' "$url" -f "$ROOT/Scripts/chaos/invariants.sql")"
bad="$(awk -F'|' 'NF >= 2 && $2 != 0' <<<"$out")"
if [ -n "$bad" ]; then
    while IFS='|' read -r id count what; do echo "invariant $id broken: $count $what" >&2; done <<<"$bad"
    exit 1
fi
echo "$(grep -c '|' <<<"$out") invariants hold"
