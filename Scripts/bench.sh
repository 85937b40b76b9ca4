#!/usr/bin/env bash
# The benchmark suite (issue 6): each figure against a baseline measured in the same run on
# the same PostgreSQL; prints one table and writes the same as JSON to bench/results.json.
#
#   Scripts/bench.sh [--scale small|large] [--only ROW]... [--runs N]
#
#   small (default)  10,000 projects, 10,000 jobs: a few minutes
#   large            1,000,000 projects, 100,000 jobs: the headline figures
#
# It builds in release mode with the Swift runtime linked in, as the README recommends for
# deployment (`swift build -c release --static-swift-stdlib`), starts its own throwaway cluster on
# port 54349 in .postgres-bench/ (or uses DATABASE_URL, creating and dropping databases named
# portfolio_bench_* there) and stops the cluster it started when it ends, whatever happens.
# pgqueuer, the peer of row 2, is installed from PyPI into .venv-bench/; when it cannot be,
# row 2 says so and the rest goes on.
#
# Environment: BENCH_BIN_DIR (use these release binaries, skip the build),
# BENCH_CONCURRENCY (worker lanes, default 2), BENCH_BATCH_SIZE (claim batch, default 100),
# PORTFOLIO_BENCH_PG_PORT (default 54349).
# Exit status: 0 when every row was measured (targets met or not), 1 when a row failed,
# 64 for a usage error, 69 when PostgreSQL or a tool is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; }
die() { echo "bench.sh: $1" >&2; exit "${2:-1}"; }

SCALE=small
EXTRA=()
while [ $# -gt 0 ]; do
    case "$1" in
        --scale) [ $# -ge 2 ] || die "--scale needs small or large" 64; SCALE="$2"; shift 2 ;;
        --scale=*) SCALE="${1#--scale=}"; shift ;;
        --only|--runs) [ $# -ge 2 ] || die "$1 needs a number" 64; EXTRA+=("$1" "$2"); shift 2 ;;
        --verbose) EXTRA+=("$1"); shift ;;
        -h|--help) usage; exit 0 ;;
        *) die "unknown argument '$1' (see --help)" 64 ;;
    esac
done
case "$SCALE" in small|large) ;; *) die "--scale must be small or large, not '$SCALE'" 64 ;; esac

command -v python3 >/dev/null 2>&1 || die "python3 is needed" 69

STARTED_CLUSTER=0
cleanup() {
    local status=$?
    if [ "$STARTED_CLUSTER" -eq 1 ]; then
        PORTFOLIO_PG_PORT="$PG_PORT" PORTFOLIO_PG_DIR="$ROOT/.postgres-bench" "$ROOT/Scripts/postgres.sh" stop || true
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. Release binaries.
if [ -n "${BENCH_BIN_DIR:-}" ]; then
    BIN_DIR="$(cd "$BENCH_BIN_DIR" && pwd)"
    echo "bench.sh: using the binaries in $BIN_DIR (BENCH_BIN_DIR; no build)" >&2
else
    echo "bench.sh: swift build -c release --static-swift-stdlib" >&2
    swift build -c release --static-swift-stdlib >&2 || die "the release build failed" 1
    BIN_DIR="$(swift build -c release --static-swift-stdlib --show-bin-path)"
fi
for exe in portfolio portfolio-worker; do
    [ -x "$BIN_DIR/$exe" ] || die "$BIN_DIR/$exe is missing" 69
done

# 2. PostgreSQL: the caller's, or a throwaway cluster of our own.
PG_PORT="${PORTFOLIO_BENCH_PG_PORT:-54349}"
if [ -n "${DATABASE_URL:-}" ]; then
    URL="$DATABASE_URL"
    echo "bench.sh: using DATABASE_URL (databases portfolio_bench_* are created and dropped there)" >&2
else
    URL="$(PORTFOLIO_PG_PORT="$PG_PORT" PORTFOLIO_PG_DIR="$ROOT/.postgres-bench" "$ROOT/Scripts/postgres.sh" start)" \
        || die "could not start PostgreSQL" 69
    STARTED_CLUSTER=1
fi
PG_BIN=""
for d in /usr/lib/postgresql/*/bin; do
    if [ -x "$d/pgbench" ] && [ -x "$d/psql" ]; then PG_BIN="$d"; fi
done
if [ -z "$PG_BIN" ] && command -v pgbench >/dev/null 2>&1; then PG_BIN="$(dirname "$(command -v pgbench)")"; fi
[ -n "$PG_BIN" ] || die "pgbench and psql are needed (apt-get install postgresql)" 69

# 3. pgqueuer, the peer of row 2, in a git-ignored virtual environment.
VENV="$ROOT/.venv-bench"
PGQ_PYTHON=""
PGQ_REASON=""
if [ ! -x "$VENV/bin/python" ] && ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "bench.sh: installing python3-venv" >&2
        { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null 2>&1 \
            && python3 -m venv "$VENV" >/dev/null 2>&1; } || true
    fi
fi
if [ -x "$VENV/bin/python" ]; then
    if "$VENV/bin/python" -c 'import pgqueuer, asyncpg' >/dev/null 2>&1 \
        || "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
            'pgqueuer==1.6.0' 'asyncpg==0.32.0' 'uvloop==0.23.0' >"$VENV/install.log" 2>&1; then
        PGQ_PYTHON="$VENV/bin/python"
    else
        PGQ_REASON="pip install pgqueuer failed (see .venv-bench/install.log)"
    fi
else
    PGQ_REASON="no Python venv to install pgqueuer into"
fi
if [ -n "$PGQ_REASON" ]; then echo "bench.sh: $PGQ_REASON; row 2 will say so" >&2; fi

# 4. The suite.
mkdir -p "$ROOT/bench"
COMMIT="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || true)"
if [ -n "$COMMIT" ] && [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
    COMMIT="$COMMIT+changes"
fi
python3 "$ROOT/Scripts/bench/bench.py" --scale "$SCALE" --bin-dir "$BIN_DIR" --pg-bin "$PG_BIN" \
    --database-url "$URL" --output "$ROOT/bench/results.json" \
    --pgq-python "$PGQ_PYTHON" --pgq-unavailable "$PGQ_REASON" \
    --concurrency "${BENCH_CONCURRENCY:-2}" --batch-size "${BENCH_BATCH_SIZE:-100}" \
    --commit "$COMMIT" ${EXTRA[@]+"${EXTRA[@]}"}
