#!/usr/bin/env python3
"""Runs the benchmark suite of issue 6 and prints one table; called by Scripts/bench.sh.

Every row is our figure against a baseline measured in the same run on the same PostgreSQL:
medians of several runs (a warm-up run first, not counted) wherever a run is cheap. Python 3
standard library only; PostgreSQL is reached through psql and pgbench, pgqueuer through the
Python of the benchmark's virtual environment.

The databases it makes are all named `portfolio_bench_*` and dropped at the end.
"""
import argparse
import datetime
import json
import math
import os
import signal
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

    def median(self, values):
        return statistics.median(values)

    # -- rows ---------------------------------------------------------------------------------

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

    # Row 1 ---------------------------------------------------------------------------------

    def row1_import(self):
        n = self.scale["projects"]
        csv_path = self.generate("projects.csv", n)
        warm = self.generate("warmup.csv", min(1000, n), prefix="WARM")
        copy_db = self.create_db(f"{PREFIX}_copy")
        self.psql(copy_db, """
            CREATE TABLE staging (code text, name text, sector text, status text, value numeric, currency text,
                                  value_date date, lenders text, start_date date, end_date date, location text)""")

        def copy(path):
            self.psql(copy_db, "TRUNCATE staging")
            return run([os.path.join(self.pgbin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url(copy_db),
                        "-c", f"\\copy staging FROM '{path}' CSV HEADER"], env=self.env).seconds

        def ours(path, database):
            self.migrated_db(database)
            return self.portfolio(database, "project", "import", path).seconds

        ours(warm, f"{PREFIX}_warm")
        self.drop_db(f"{PREFIX}_warm")
        copy(warm)
        base_times = [copy(csv_path) for _ in range(self.runs)]
        count = self.psql(copy_db, "SELECT count(*) FROM staging")
        if int(count) != n:
            raise BenchError(f"\\copy loaded {count} rows, not {n}")
        ours_times = []
        for i in range(self.scale["import_runs"]):
            ours_times.append(ours(csv_path, f"{PREFIX}_main"))
        count = self.psql(f"{PREFIX}_main", "SELECT count(*) FROM projects")
        if int(count) != n:
            raise BenchError(f"portfolio project import loaded {count} projects, not {n}")
        self.drop_db(copy_db)
        ours_rate = n / self.median(ours_times)
        base_rate = n / self.median(base_times)
        ratio = ours_rate / base_rate
        self.add(1, f"project import, {n:,} rows", ours_rate, base_rate, ratio, "≥ 0.5", ratio >= 0.5,
                 unit="rows/s", note=f"ours {len(ours_times)} run(s): {', '.join(f'{t:.2f}s' for t in ours_times)}; "
                 f"\\copy {len(base_times)} runs: {', '.join(f'{t:.2f}s' for t in base_times)}")

    # Rows 2, 3, 9 -----------------------------------------------------------------------------

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

    def row2_pgqueuer(self):
        n = self.scale["jobs"]
        ours = self.ours_queue_runs()
        ours_rate = self.median(ours)
        what = f"noop jobs/s vs pgqueuer, {n:,} jobs"
        if not self.args.pgq_python:
            reason = self.args.pgq_unavailable or "pgqueuer is not installed"
            self.add(2, what, ours_rate, None, None, "≥ 1.5", None, unit="jobs/s", baseline_text=f"n/a: {reason}",
                     note=f"pgqueuer unavailable: {reason}")
            return
        db = self.queue_db()
        url = self.url(db)
        script = os.path.join(HERE, "pgq_noop.py")
        env = dict(self.env)
        env["PGQUEUER_SCHEMA"] = "pgqueuer"
        pgq = os.path.join(os.path.dirname(self.args.pgq_python), "pgq")
        if self.psql(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgqueuer'") == "0":
            run([pgq, "--schema", "pgqueuer", "--pg-dsn", url, "install"], env=env)
        version = run([self.args.pgq_python, "-c", "import pgqueuer; print(pgqueuer.__version__)"], env=env).stdout.strip()

        def burn(count):
            self.psql(db, "TRUNCATE pgqueuer.pgqueuer, pgqueuer.pgqueuer_log, pgqueuer.pgqueuer_statistics")
            run([self.args.pgq_python, script, "enqueue", url, str(count)], env=env)
            self.psql(db, "VACUUM ANALYZE pgqueuer.pgqueuer")
            result = run([self.args.pgq_python, script, "drain", url, str(self.concurrency), str(self.batch)], env=env)
            left = int(self.psql(db, "SELECT count(*) FROM pgqueuer.pgqueuer"))
            if left:
                raise BenchError(f"pgqueuer left {left} of {count} jobs in its queue")
            return count / json.loads(result.stdout.strip().splitlines()[-1])["seconds"]

        burn(max(1000, n // 10))
        peer = [burn(n) for _ in range(self.runs)]
        peer_rate = self.median(peer)
        ratio = ours_rate / peer_rate
        self.add(2, what, ours_rate, peer_rate, ratio, "≥ 1.5", ratio >= 1.5, unit="jobs/s",
                 note=f"pgqueuer {version}, {self.concurrency} queue managers (processes), batch {self.batch}, uvloop, "
                 f"clock from 'go' to last exit; ours whole process incl. start-up; "
                 f"ours runs {', '.join(f'{r:,.0f}' for r in ours)}; peer runs {', '.join(f'{r:,.0f}' for r in peer)}")

    def row3_pgbench_queue(self):
        n = self.scale["jobs"]
        ours = self.ours_queue_runs()
        ours_rate = self.median(ours)
        db = self.queue_db()
        with open(os.path.join(HERE, "claim_complete.sql"), encoding="utf-8") as handle:
            sql = handle.read().replace("__BATCH__", str(int(self.batch)))
        script = os.path.join(self.work, "claim_complete.sql")
        with open(script, "w", encoding="utf-8") as handle:
            handle.write(sql)

        def burn(count):
            self.fill_noop(db, count)
            per_client = math.ceil(count / (self.batch * self.concurrency)) + 2
            result = run([os.path.join(self.pgbin, "pgbench"), "-n", "-M", "prepared", "-c", str(self.concurrency),
                          "-j", str(self.concurrency), "-t", str(per_client), "-f", script, self.url(db)], env=self.env)
            done = int(self.psql(db, "SELECT count(*) FROM jobs WHERE state = 'completed'"))
            if done != count:
                raise BenchError(f"pgbench completed {done} of {count} jobs")
            return count / result.seconds

        burn(max(1000, n // 10))
        limit = [burn(n) for _ in range(self.runs)]
        limit_rate = self.median(limit)
        ratio = ours_rate / limit_rate
        self.add(3, f"noop jobs/s vs pgbench claim+complete", ours_rate, limit_rate, ratio, "≥ 0.6",
                 ratio >= 0.6, unit="jobs/s",
                 note=f"pgbench -M prepared -c {self.concurrency} -j {self.concurrency}, batch {self.batch}, whole process; "
                 f"runs {', '.join(f'{r:,.0f}' for r in limit)}")

    # Row 4 ---------------------------------------------------------------------------------

    def row4_status(self):
        n = self.scale["jobs"]
        n -= n % self.concurrency
        template = f"{PREFIX}_status_tmpl"
        self.migrated_db(template)
        csv_path = self.generate("committed.csv", n, status="committed", prefix="ST")
        self.portfolio(template, "project", "import", csv_path)
        self.take_snapshot(template)
        self.psql(template, "VACUUM ANALYZE")
        changes = os.path.join(self.work, "status-changes.csv")
        with open(changes, "w", encoding="utf-8") as handle:
            handle.write("code,status,effective_date\n")
            for i in range(1, n + 1):
                handle.write(f"ST-{i:07d},ongoing,2025-01-01\n")
        warm_changes = os.path.join(self.work, "status-warm.csv")
        with open(warm_changes, "w", encoding="utf-8") as handle:
            handle.write("code,status,effective_date\n")
            for i in range(1, min(n, 1000) + 1):
                handle.write(f"ST-{i:07d},ongoing,2025-01-01\n")

        def ours(path, count):
            db = self.create_db(f"{PREFIX}_status_run", template)
            self.portfolio(db, "status", "import", path)
            self.psql(db, "VACUUM ANALYZE jobs")
            result = self.worker_once(db, "--concurrency", str(self.concurrency), "--batch-size", str(self.batch),
                                      "--queues", "status")
            moved = int(self.psql(db, "SELECT count(*) FROM projects WHERE status = 'ongoing'"))
            if moved != count:
                raise BenchError(f"the worker applied {moved} of {count} status changes")
            self.drop_db(db)
            return count / result.seconds

        with open(os.path.join(HERE, "status_apply.sql"), encoding="utf-8") as handle:
            script = handle.read()
        script_path = os.path.join(self.work, "status_apply.sql")
        with open(script_path, "w", encoding="utf-8") as handle:
            handle.write(script)

        def peer(count):
            db = self.create_db(f"{PREFIX}_status_pgbench", template)
            self.psql(db, "CREATE SEQUENCE bench_status_seq")
            per_client = count // self.concurrency
            result = run([os.path.join(self.pgbin, "pgbench"), "-n", "-M", "prepared", "-c", str(self.concurrency),
                          "-j", str(self.concurrency), "-t", str(per_client), "-f", script_path, self.url(db)], env=self.env)
            moved = int(self.psql(db, "SELECT count(*) FROM projects WHERE status = 'ongoing'"))
            if moved != per_client * self.concurrency:
                raise BenchError(f"pgbench applied {moved} of {per_client * self.concurrency} status changes")
            self.drop_db(db)
            return moved / result.seconds

        warm = min(n, 1000)
        ours(warm_changes, warm)
        peer(warm - warm % self.concurrency)
        ours_runs = [ours(changes, n) for _ in range(self.scale["status_runs"])]
        peer_runs = [peer(n) for _ in range(self.runs)]
        self.drop_db(template)
        ours_rate, peer_rate = self.median(ours_runs), self.median(peer_runs)
        ratio = ours_rate / peer_rate
        self.add(4, f"status changes applied/s, {n:,} jobs", ours_rate, peer_rate, ratio, "≥ 0.5",
                 ratio >= 0.5, unit="/s",
                 note=f"portfolio-worker --once --queues status, whole process; pgbench -M prepared, lock+history+update+"
                 f"rollup job; ours {', '.join(f'{r:,.0f}' for r in ours_runs)}; pgbench {', '.join(f'{r:,.0f}' for r in peer_runs)}")

    # Rows 5, 6, 7 ----------------------------------------------------------------------------

    def report_json(self, database: str) -> Result:
        result = self.portfolio(database, "report", "sectors", "--format", "json")
        data = json.loads(result.stdout)
        projects = sum(row["projects"] for row in data["rows"] if row.get("key") != "total")
        result.projects = projects
        return result

    def row5_full_rollup(self):
        db = f"{PREFIX}_main"
        n = self.scale["projects"]
        self.psql(db, "VACUUM ANALYZE")
        # The same breakdowns a rollup has (sector and status, lender and status), summed bare:
        # no conversion, no exact split, no validation.
        queries = ["SELECT sector_code, status, sum(value_minor), count(*) FROM projects GROUP BY sector_code, status",
                   "SELECT pl.lender_id, p.status, sum(p.value_minor * pl.share_bp / 10000), count(*) "
                   "FROM project_lenders pl JOIN projects p ON p.id = pl.project_id GROUP BY pl.lender_id, p.status"]
        query = "; ".join(queries)

        def ours():
            self.psql(db, "INSERT INTO rollup_deltas (reset, reason) VALUES (true, 'bench')")
            result = self.report_json(db)
            if result.projects != n:
                raise BenchError(f"the sectors report counted {result.projects} projects, not {n}")
            return result.seconds

        def base():
            command = [os.path.join(self.pgbin, "psql"), "-X", "-q", "-At", "-d", self.url(db)]
            for q in queries:
                command += ["-c", q]
            return run(command, env=self.env).seconds

        ours(), base()
        ours_runs, base_runs = [], []
        for _ in range(self.runs):  # interleaved, so drift in the machine's load hits both sides
            ours_runs.append(ours())
            base_runs.append(base())
        o, b = self.median(ours_runs), self.median(base_runs)
        ratio = o / b
        self.add(5, f"full rollup, {n:,} projects", o * 1000, b * 1000, ratio, "≤ 1.3",
                 ratio <= 1.3, unit="ms",
                 note=f"reset change pending, so the report recomputes from every project; both whole process; baseline "
                 f"psql -c '{query}'")

    def row7_report(self):
        db = f"{PREFIX}_main"
        n = self.scale["projects"]
        self.take_snapshot(db)
        query = ("SELECT sector_code, count(*), sum(value_minor), "
                 "sum(value_minor) FILTER (WHERE status IN ('committed', 'ongoing', 'finished')) "
                 "FROM projects GROUP BY sector_code ORDER BY 3 DESC")
        queries = [query]

        def ours():
            result = self.report_json(db)
            if result.projects != n:
                raise BenchError(f"the sectors report counted {result.projects} projects, not {n}")
            return result.seconds

        def base():
            command = [os.path.join(self.pgbin, "psql"), "-X", "-q", "-At", "-d", self.url(db)]
            for q in queries:
                command += ["-c", q]
            return run(command, env=self.env).seconds

        runs = max(7, self.runs)
        ours(), base()
        ours_runs, base_runs = [], []
        for _ in range(runs):  # interleaved, so drift in the machine's load hits both sides
            ours_runs.append(ours())
            base_runs.append(base())
        o, b = self.median(ours_runs), self.median(base_runs)
        ratio = o / b
        self.add(7, f"report sectors --format json, process", o * 1000, b * 1000, ratio, "≤ 1.5",
                 ratio <= 1.5, unit="ms", note=f"after a snapshot; medians of {runs}; baseline psql -c GROUP BY with counted")

    def row6_incremental(self):
        small_n, big_n = self.scale["row6"]
        big_db = f"{PREFIX}_main"
        if big_n != self.scale["projects"]:
            raise BenchError("row 6's big side must be the imported portfolio")
        small_db = self.migrated_db(f"{PREFIX}_small")
        path = self.generate("small.csv", small_n, prefix="SM")
        self.portfolio(small_db, "project", "import", path)
        self.take_snapshot(small_db)

        def measure(db):
            self.psql(db, "VACUUM ANALYZE")
            codes = self.psql(db, f"SELECT code FROM projects WHERE status = 'committed' ORDER BY id LIMIT {self.runs + 1}").split()
            if len(codes) < self.runs + 1:
                raise BenchError(f"{db}: not enough committed projects")
            times = []
            for code in codes:
                self.portfolio(db, "status", "set", code, "ongoing", "--effective", "2025-01-01")
                times.append(self.worker_once(db).seconds)
                check = self.psql(db, "SELECT full_recompute, deltas_applied FROM rollup_snapshots ORDER BY id DESC LIMIT 1")
                if check != "f|1":
                    raise BenchError(f"{db}: the snapshot after one change was '{check}', not an incremental fold of 1")
            return times[1:]

        small_runs = measure(small_db)
        big_runs = measure(big_db)
        self.drop_db(small_db)
        s, b = self.median(small_runs), self.median(big_runs)
        ratio = b / s
        self.add(6, f"rollup after 1 change, {big_n:,} vs {small_n:,}", b * 1000, s * 1000, ratio, "≤ 2", ratio <= 2,
                 unit="ms", note=f"portfolio-worker --once folding 1 change into a new snapshot, whole process; "
                 f"big {', '.join(f'{t:.3f}' for t in big_runs)}; small {', '.join(f'{t:.3f}' for t in small_runs)}")

    # Rows 8, 9 -------------------------------------------------------------------------------

    def row8_latency_and_row9(self):
        db = self.queue_db()
        self.psql(db, "TRUNCATE jobs")
        self.psql(db, "VACUUM ANALYZE jobs")
        count = 200
        script = os.path.join(self.work, "latency.sql")
        with open(script, "w", encoding="utf-8") as handle:
            for _ in range(count):
                handle.write("BEGIN; INSERT INTO jobs (kind) VALUES ('noop'); NOTIFY portfolio_jobs; COMMIT;\n"
                             "SELECT pg_sleep(0.02);\n")
        log_path = os.path.join(self.work, "worker-idle.log")
        with open(log_path, "w") as worker_log:
            worker = subprocess.Popen(
                [os.path.join(self.bin, "portfolio-worker"), "--http-address", "off",
                 "--concurrency", str(self.concurrency), "--batch-size", str(self.batch)],
                env=self.ours_env(db), cwd=self.work, stdout=worker_log, stderr=worker_log, stdin=subprocess.DEVNULL)
        idle = {}
        try:
            time.sleep(5)
            if worker.poll() is not None:
                raise BenchError(f"the worker exited with {worker.returncode}: {open(log_path).read()[-500:]}")
            with open(f"/proc/{worker.pid}/status") as handle:
                for line in handle:
                    key, _, value = line.partition(":")
                    if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                        idle[key] = int(value.split()[0])
            run([os.path.join(self.pgbin, "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", self.url(db),
                 "-f", script], env=self.env)
            deadline = time.monotonic() + 60
            while True:
                done = int(self.psql(db, "SELECT count(*) FROM jobs WHERE kind = 'noop' AND state = 'completed'"))
                if done == count:
                    break
                if time.monotonic() > deadline:
                    raise BenchError(f"the idle worker completed {done} of {count} notified jobs in 60 s")
                time.sleep(0.2)
        finally:
            if worker.poll() is None:
                worker.send_signal(signal.SIGTERM)
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    worker.kill()
                    worker.wait()
        stats = self.psql(db, """
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
            FROM (SELECT extract(epoch FROM attempted_at - created_at) * 1000 AS ms FROM jobs WHERE kind = 'noop') t""")
        p50, p99, worst = (float(x) for x in stats.split("|"))
        self.add(8, f"enqueue-to-start latency, NOTIFY", p50, None, None, "p50 ≤ 5 ms",
                 p50 <= 5, unit="ms", ours_text=f"p50 {p50:.2f}, p99 {p99:.2f} ms", baseline_text="—",
                 note=f"attempted_at - created_at; max {worst:.2f} ms")
        self.idle = idle

    def row9_memory(self):
        idle = getattr(self, "idle", None)
        if not idle:
            raise BenchError("no idle reading (row 8 did not run)")
        if not self.loaded_rss_kib:
            raise BenchError("no loaded reading (row 2 did not run)")
        idle_hwm = idle["VmHWM"] / 1024
        idle_rss = idle["VmRSS"] / 1024
        loaded = max(self.loaded_rss_kib) / 1024
        met = idle_hwm <= 20 and loaded <= 64
        self.add(9, "worker peak RSS, idle / during row 2", None, None, None,
                 "≤ 20 / ≤ 64 MiB", met, ours_text=f"{idle_hwm:.1f} / {loaded:.1f} MiB",
                 baseline_text="—",
                 note=f"idle: VmHWM after 5 s {idle_hwm:.1f} MiB, VmRSS {idle_rss:.1f} (anonymous {idle.get('RssAnon', 0) / 1024:.1f}, "
                 f"file-backed {idle.get('RssFile', 0) / 1024:.1f}); loaded: max ru_maxrss of the row-2 runs")

    # -- the whole suite ---------------------------------------------------------------------

    def suite(self):
        steps = [
            (1, "project import (rows/s)", "≥ 0.5", self.row1_import),
            (5, "full rollup (s)", "≤ 1.3", self.row5_full_rollup),
            (7, "report sectors, whole process (s)", "≤ 1.5", self.row7_report),
            (6, "rollup after one change", "≤ 2", self.row6_incremental),
            (2, "jobs/s vs pgqueuer", "≥ 1.5", self.row2_pgqueuer),
            (3, "jobs/s vs pgbench", "≥ 0.6", self.row3_pgbench_queue),
            (4, "status changes/s", "≥ 0.5", self.row4_status),
            (8, "enqueue-to-start latency", "p50 ≤ 5 ms", self.row8_latency_and_row9),
            (9, "worker memory", "≤ 20 idle, ≤ 64 loaded MiB", self.row9_memory),
        ]
        only = set(self.args.only or [])
        for number, what, target, step in steps:
            if only and number not in only:
                continue
            started = time.perf_counter()
            log(f"row {number}: {what} …")
            try:
                step()
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
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
        bench.suite()
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


if __name__ == "__main__":
    sys.exit(main())
