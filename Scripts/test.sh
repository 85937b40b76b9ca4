#!/usr/bin/env bash
# Runs the whole test suite on a real PostgreSQL: installs what is missing (as root), starts a
# throwaway cluster, builds, runs `swift test`, then Scripts/api-check.sh --quick (the API
# against schemathesis and a headless browser), and stops the cluster whatever happens.
# Exits with the first failing status.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export PORTFOLIO_PG_PORT="${PORTFOLIO_TEST_PG_PORT:-54339}"
export PORTFOLIO_PG_DIR="${PORTFOLIO_TEST_PG_DIR:-$ROOT/.postgres-test}"

# Debian packages some tests use, installed when missing and running as root (each test says
# so when it skips): xmllint (libxml2-utils) validates the IATI export against the official
# schema; PgBouncer stands between the programs and PostgreSQL in the pooler tests.
missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
[ -x /usr/sbin/pgbouncer ] || command -v pgbouncer >/dev/null 2>&1 || missing+=(pgbouncer)
if [ "${#missing[@]}" -gt 0 ] && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${missing[*]}" >&2
    { DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"; } >/dev/null 2>&1 \
        || echo "test.sh: ${missing[*]} could not be installed; the tests that need them will say they skipped" >&2
fi

cleanup() {
    # PgBouncers a test started and could not stop (the test process died first).
    pkill -f 'pgbouncer .*portfolio-pgbouncer-' >/dev/null 2>&1 || true
    "$ROOT/Scripts/postgres.sh" stop || true
}
trap cleanup EXIT INT TERM

DATABASE_URL="$("$ROOT/Scripts/postgres.sh" start)"
export DATABASE_URL
echo "test.sh: PostgreSQL at $DATABASE_URL" >&2

swift build --build-tests "$@"
BIN_DIR="$(swift build --show-bin-path "$@")"
export PORTFOLIO_BIN_DIR="$BIN_DIR"

set +e
swift test --skip-build --parallel "$@" 2>&1 | tee "$ROOT/.build/test-output.log"
status=${PIPESTATUS[0]}
# The API against tools no one here wrote (schemathesis, openapi-spec-validator) and a real
# browser, on the same cluster and binaries.
"$ROOT/Scripts/api-check.sh" --quick
api_status=$?
set -e
if [ "$status" -eq 0 ] && [ "$api_status" -ne 0 ]; then status=$api_status; fi
exit "$status"
