#!/usr/bin/env python3
"""The harness of the benchmark suite (Scripts/bench/bench.py runs it): processes timed with their
peak memory, the throwaway databases, medians, the table, the results file; each row is a module
of rows/ that measures through the Bench given to it and adds its line with Bench.add.

Every row is our figure against a baseline measured in the same run on the same PostgreSQL:
medians of several runs (a warm-up run first, not counted) wherever a run is cheap. Python 3
standard library only; PostgreSQL is reached through psql and pgbench, pgqueuer through the
Python of the benchmark's virtual environment.

The databases it makes are all named `portfolio_bench_*` and dropped at the end.
"""
import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "portfolio_bench"

SCALES = {
    # projects: rows 1, 5, 7 and the big side of 6; jobs: rows 2, 3 and 4.
    "small": {"projects": 10_000, "jobs": 10_000, "row6": (1_000, 10_000), "import_runs": 3, "status_runs": 3, "runs": 3},
    "large": {"projects": 1_000_000, "jobs": 100_000, "row6": (10_000, 1_000_000), "import_runs": 1, "status_runs": 1, "runs": 3},
}


class BenchError(Exception):
    pass


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Processes


class Result:
    def __init__(self, seconds: float, max_rss_kib: int, stdout: str, stderr: str):
        self.seconds = seconds
        self.max_rss_kib = max_rss_kib
        self.stdout = stdout
        self.stderr = stderr


def run(cmd, env=None, timeout=3600, cwd=None, check=True, stdin_file=None) -> Result:
    """Runs a command to its end; returns its wall time and peak RSS (from wait4)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        stdin = open(stdin_file, "rb") if stdin_file else subprocess.DEVNULL
        try:
            start = time.perf_counter()
            child = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err, stdin=stdin)
            timer = threading.Timer(timeout, child.kill)
            timer.start()
            try:
                _, status, usage = os.wait4(child.pid, 0)
            finally:
                timer.cancel()
            seconds = time.perf_counter() - start
            child.returncode = os.waitstatus_to_exitcode(status)
        finally:
            if stdin_file:
                stdin.close()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if check and child.returncode != 0:
        tail = "\n".join((stderr or stdout).strip().splitlines()[-8:])
        raise BenchError(f"{os.path.basename(cmd[0])} {' '.join(cmd[1:3])} … exited {child.returncode}: {tail}")
    return Result(seconds, usage.ru_maxrss, stdout, stderr)


class Bench:
    def __init__(self, args):
        self.args = args
        self.scale = dict(SCALES[args.scale])
        if args.runs:
            self.scale["runs"] = args.runs
            self.scale["import_runs"] = args.runs
            self.scale["status_runs"] = args.runs
        self.runs = self.scale["runs"]
        self.bin = args.bin_dir
        self.pgbin = args.pg_bin
        self.base_url = args.database_url
        self.concurrency = args.concurrency
        self.batch = args.batch_size
        self.work = tempfile.mkdtemp(prefix="portfolio-bench-")
        self.rows = []
        self.databases = set()
        env = {k: v for k, v in os.environ.items()
               if not (k.startswith("PORTFOLIO_") or k.startswith("PG") or k == "DATABASE_URL")}
        env["PORTFOLIO_ACTOR"] = "bench"
        env["PORTFOLIO_LOG_FORMAT"] = "text"
        self.env = env
        self.loaded_rss_kib = []

    # -- databases --------------------------------------------------------------------------

    def url(self, database: str) -> str:
        parts = urllib.parse.urlsplit(self.base_url)
        return urllib.parse.urlunsplit(parts._replace(path="/" + database))

    def psql(self, database: str, sql: str, timeout=3600) -> str:
        result = run([os.path.join(self.pgbin, "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1",
                      "-d", self.url(database), "-c", sql], env=self.env, timeout=timeout)
        return result.stdout.strip()

    def create_db(self, name: str, template: str | None = None) -> str:
        self.drop_db(name)
        sql = f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")
        self.psql("postgres", sql)
        self.databases.add(name)
        return name

    def drop_db(self, name: str) -> None:
        self.psql("postgres", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.databases.discard(name)

    def ours_env(self, database: str) -> dict:
        env = dict(self.env)
        env["DATABASE_URL"] = self.url(database)
        return env

    def portfolio(self, database: str, *argv, timeout=3600) -> Result:
        return run([os.path.join(self.bin, "portfolio"), *argv], env=self.ours_env(database), cwd=self.work, timeout=timeout)

    def worker_once(self, database: str, *argv, timeout=3600) -> Result:
        return run([os.path.join(self.bin, "portfolio-worker"), "--once", "--http-address", "off", *argv],
                   env=self.ours_env(database), cwd=self.work, timeout=timeout)

    def migrated_db(self, name: str, template: str | None = None) -> str:
        self.create_db(name, template)
        if template is None:
            self.portfolio(name, "migrate")
        return name

    def generate(self, name: str, count: int, status: str = "mixed", prefix: str = "BENCH") -> str:
        path = os.path.join(self.work, name)
        run([sys.executable, os.path.join(HERE, "gen_projects.py"), path, str(count), "--status", status, "--prefix", prefix])
        return path

    def take_snapshot(self, database: str) -> None:
        """A rollup snapshot through the worker, so the next fold starts from it."""
        self.portfolio(database, "rollup", "run")
        self.worker_once(database)
        pending = self.psql(database, "SELECT count(*) FROM rollup_deltas WHERE snapshot_id IS NULL")
        if pending != "0":
            raise BenchError(f"{database}: {pending} rollup changes still pending after the snapshot")

    def rates(self, n: int, ours, baseline):
        """Items per second of `ours` and `baseline` (each runs the whole job once and returns its
        Result): one warm-up each, then `runs` of ours and `runs` of the baseline. Returns the
        two medians and the runs."""
        ours()
        baseline()
        ours_runs = [ours() for _ in range(self.runs)]
        base_runs = [baseline() for _ in range(self.runs)]
        return (self.median([n / r.seconds for r in ours_runs]), self.median([n / r.seconds for r in base_runs]),
                ours_runs, base_runs)

    def median(self, values):
        return statistics.median(values)

    # -- the table's lines: each row adds its own ----------------------------------------------

    def add(self, number, what, ours, baseline, ratio, target, met, unit="", note="", ours_text=None,
            baseline_text=None, ratio_text=None):
        def fmt(value):
            if value is None:
                return "—"
            if isinstance(value, str):
                return value
            if abs(value) >= 1000:
                return f"{value:,.0f}"
            if abs(value) >= 10:
                return f"{value:.1f}"
            return f"{value:.3g}" if abs(value) < 1 else f"{value:.2f}"
        row = {
            "row": number, "what": what, "unit": unit,
            "ours": ours, "baseline": baseline, "ratio": ratio, "target": target, "met": met, "note": note,
            "ours_text": ours_text or (fmt(ours) + (f" {unit}" if unit and ours is not None else "")),
            "baseline_text": baseline_text or (fmt(baseline) + (f" {unit}" if unit and baseline is not None else "")),
            "ratio_text": ratio_text or (f"{ratio:.2f}" if isinstance(ratio, (int, float)) else "—"),
        }
        self.rows.append(row)
        log(f"row {number}: ours {row['ours_text']}, baseline {row['baseline_text']}, ratio {row['ratio_text']}, "
            f"target {target}, met {met}" + (f" ({note})" if note else ""))

    def failed(self, number, what, target, error):
        message = str(error).strip().replace("\n", " ")
        self.rows.append({"row": number, "what": what, "unit": "", "ours": None, "baseline": None, "ratio": None,
                          "target": target, "met": None, "note": f"error: {message}", "ours_text": "error",
                          "baseline_text": "—", "ratio_text": "—"})
        log(f"row {number} failed: {message}")

    # -- shared by rows: the job queue (2, 3, 8), the report as JSON (5, 7) ------------------

    def queue_db(self):
        name = f"{PREFIX}_queue"
        if name not in self.databases:
            self.migrated_db(name)
        return name

    def fill_noop(self, database: str, n: int) -> None:
        self.psql(database, "TRUNCATE jobs")
        self.psql(database, f"INSERT INTO jobs (kind) SELECT 'noop' FROM generate_series(1, {int(n)})")
        self.psql(database, "VACUUM ANALYZE jobs")

    def ours_noop(self, database: str, n: int) -> Result:
        self.fill_noop(database, n)
        result = self.worker_once(database, "--concurrency", str(self.concurrency), "--batch-size", str(self.batch))
        done = int(self.psql(database, "SELECT count(*) FROM jobs WHERE kind = 'noop' AND state = 'completed'"))
        if done != n:
            raise BenchError(f"the worker completed {done} of {n} noop jobs")
        return result

    def ours_queue_runs(self):
        """Our burn-down figures, shared by rows 2 and 3 (measured once, before either peer)."""
        if hasattr(self, "_ours_queue"):
            return self._ours_queue
        db = self.queue_db()
        n = self.scale["jobs"]
        self.ours_noop(db, max(1000, n // 10))
        results = [self.ours_noop(db, n) for _ in range(self.runs)]
        self.loaded_rss_kib = [r.max_rss_kib for r in results]
        self._ours_queue = [n / r.seconds for r in results]
        return self._ours_queue




    def report_json(self, database: str) -> Result:
        result = self.portfolio(database, "report", "sectors", "--format", "json")
        data = json.loads(result.stdout)
        projects = sum(row["projects"] for row in data["rows"] if row.get("key") != "total")
        result.projects = projects
        return result

    def report_seconds(self, database: str, projects: int) -> float:
        """`portfolio report sectors --format json`, whole process; it must count every project."""
        result = self.report_json(database)
        if result.projects != projects:
            raise BenchError(f"the sectors report counted {result.projects} projects, not {projects}")
        return result.seconds

    def psql_seconds(self, database: str, queries) -> float:
        """One psql process running these queries: the baseline of a report."""
        command = [os.path.join(self.pgbin, "psql"), "-X", "-q", "-At", "-d", self.url(database)]
        for query in queries:
            command += ["-c", query]
        return run(command, env=self.env).seconds

    # -- the whole suite ---------------------------------------------------------------------

    def suite(self, rows):
        """Measures each row (a module of rows/: NUMBER, WHAT, TARGET, measure(bench)) in the order given."""
        only = set(self.args.only or [])
        for row in rows:
            number, what, target = row.NUMBER, row.WHAT, row.TARGET
            if only and number not in only:
                continue
            started = time.perf_counter()
            log(f"row {number}: {what} …")
            try:
                row.measure(self)
            except Exception as error:  # one failed row must not stop the rest
                if self.args.verbose:
                    traceback.print_exc()
                self.failed(number, what, target, error)
            log(f"row {number} took {time.perf_counter() - started:.1f} s")
        self.rows.sort(key=lambda row: row["row"])

    def cleanup(self):
        for name in list(self.databases):
            try:
                self.drop_db(name)
            except Exception as error:
                log(f"could not drop {name}: {error}")
        subprocess.run(["rm", "-rf", self.work], check=False)


def table(rows) -> str:
    header = ["#", "what", "ours", "baseline", "ratio", "target", "met?"]
    body = [[str(r["row"]), r["what"], r["ours_text"], r["baseline_text"], r["ratio_text"], r["target"],
             "yes" if r["met"] is True else "NO" if r["met"] is False else "n/a"] for r in rows]
    widths = [max(len(line[i]) for line in [header] + body) for i in range(len(header))]
    right = {0, 2, 3, 4}

    def line(cells):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))).rstrip()

    out = [line(header), line(["-" * w for w in widths])]
    out += [line(b) for b in body]
    return "\n".join(out)


def main(rows, description: str) -> int:
    parser = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--pg-bin", required=True)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--pgq-python", default="")
    parser.add_argument("--pgq-unavailable", default="")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--runs", type=int, default=0, help="timed runs per figure (default: the scale's)")
    parser.add_argument("--only", type=int, action="append", help="run only this row (repeatable; 9 needs 2 and 8)")
    parser.add_argument("--commit", default="")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    bench = Bench(args)
    started = datetime.datetime.now(datetime.timezone.utc)
    try:
        server = bench.psql("postgres", "SHOW server_version")
        bench.suite(rows)
    finally:
        bench.cleanup()
    finished = datetime.datetime.now(datetime.timezone.utc)
    text = table(bench.rows)
    print(f"Benchmarks, scale {args.scale}: {bench.scale['projects']:,} projects, {bench.scale['jobs']:,} jobs, "
          f"concurrency {args.concurrency}, batch {args.batch_size}; PostgreSQL {server}; "
          f"{(finished - started).total_seconds():.0f} s")
    print(text)
    results = {
        "scale": args.scale, "projects": bench.scale["projects"], "jobs": bench.scale["jobs"],
        "concurrency": args.concurrency, "batch_size": args.batch_size, "runs": bench.runs,
        "commit": args.commit, "postgres": server, "started_at": started.isoformat(timespec="seconds"),
        "seconds": round((finished - started).total_seconds(), 1), "cpus": os.cpu_count(),
        "rows": bench.rows, "table": text.splitlines(),
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as handle:
        json.dump(results, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    print(f"wrote {args.output}")
    errors = [row for row in bench.rows if str(row.get("note", "")).startswith("error:")]
    for row in errors:
        print(f"row {row['row']}: {row['note']}", file=sys.stderr)
    return 1 if errors else 0
