#!/usr/bin/env bash
# Runs the whole test suite on a real PostgreSQL: installs what is missing (as root), starts a
# throwaway cluster, builds, runs `swift test`, and stops the cluster whatever happens.
# Exits with the tests' status.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export PORTFOLIO_PG_PORT="${PORTFOLIO_TEST_PG_PORT:-54339}"
export PORTFOLIO_PG_DIR="${PORTFOLIO_TEST_PG_DIR:-$ROOT/.postgres-test}"

cleanup() { "$ROOT/Scripts/postgres.sh" stop || true; }
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
set -e
exit "$status"
