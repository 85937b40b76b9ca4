"""Row 4 of the benchmark suite (Scripts/bench/bench.py): status changes/s, target ≥ 0.5."""
import os

from harness import BenchError, PREFIX, HERE, run

NUMBER = 4
WHAT = "status changes/s"
TARGET = "≥ 0.5"


def measure(bench):
    n = bench.scale["jobs"]
    n -= n % bench.concurrency
    template = f"{PREFIX}_status_tmpl"
    bench.migrated_db(template)
    csv_path = bench.generate("committed.csv", n, status="committed", prefix="ST")
    bench.portfolio(template, "project", "import", csv_path)
    bench.take_snapshot(template)
    bench.psql(template, "VACUUM ANALYZE")
    changes = os.path.join(bench.work, "status-changes.csv")
    with open(changes, "w", encoding="utf-8") as handle:
        handle.write("code,status,effective_date\n")
        for i in range(1, n + 1):
            handle.write(f"ST-{i:07d},ongoing,2025-01-01\n")
    warm_changes = os.path.join(bench.work, "status-warm.csv")
    with open(warm_changes, "w", encoding="utf-8") as handle:
        handle.write("code,status,effective_date\n")
        for i in range(1, min(n, 1000) + 1):
            handle.write(f"ST-{i:07d},ongoing,2025-01-01\n")

    def ours(path, count):
        db = bench.create_db(f"{PREFIX}_status_run", template)
        bench.portfolio(db, "status", "import", path)
        bench.psql(db, "VACUUM ANALYZE jobs")
        result = bench.worker_once(db, "--concurrency", str(bench.concurrency), "--batch-size", str(bench.batch),
                                  "--queues", "status")
        moved = int(bench.psql(db, "SELECT count(*) FROM projects WHERE status = 'ongoing'"))
        if moved != count:
            raise BenchError(f"the worker applied {moved} of {count} status changes")
        bench.drop_db(db)
        return count / result.seconds

    with open(os.path.join(HERE, "status_apply.sql"), encoding="utf-8") as handle:
        script = handle.read()
    script_path = os.path.join(bench.work, "status_apply.sql")
    with open(script_path, "w", encoding="utf-8") as handle:
        handle.write(script)

    def peer(count):
        db = bench.create_db(f"{PREFIX}_status_pgbench", template)
        bench.psql(db, "CREATE SEQUENCE bench_status_seq")
        per_client = count // bench.concurrency
        result = run([os.path.join(bench.pgbin, "pgbench"), "-n", "-M", "prepared", "-c", str(bench.concurrency),
                      "-j", str(bench.concurrency), "-t", str(per_client), "-f", script_path, bench.url(db)], env=bench.env)
        moved = int(bench.psql(db, "SELECT count(*) FROM projects WHERE status = 'ongoing'"))
        if moved != per_client * bench.concurrency:
            raise BenchError(f"pgbench applied {moved} of {per_client * bench.concurrency} status changes")
        bench.drop_db(db)
        return moved / result.seconds

    warm = min(n, 1000)
    ours(warm_changes, warm)
    peer(warm - warm % bench.concurrency)
    ours_runs = [ours(changes, n) for _ in range(bench.scale["status_runs"])]
    peer_runs = [peer(n) for _ in range(bench.runs)]
    bench.drop_db(template)
    ours_rate, peer_rate = bench.median(ours_runs), bench.median(peer_runs)
    ratio = ours_rate / peer_rate
    bench.add(4, f"status changes applied/s, {n:,} jobs", ours_rate, peer_rate, ratio, "≥ 0.5",
             ratio >= 0.5, unit="/s",
             note=f"portfolio-worker --once --queues status, whole process; pgbench -M prepared, lock+history+update+"
             f"rollup job; ours {', '.join(f'{r:,.0f}' for r in ours_runs)}; pgbench {', '.join(f'{r:,.0f}' for r in peer_runs)}")
