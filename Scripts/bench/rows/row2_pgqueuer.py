"""Row 2 of the benchmark suite (Scripts/bench/bench.py): jobs/s vs pgqueuer, target ≥ 1.5."""
import json
import os

from harness import BenchError, HERE, run

NUMBER = 2
WHAT = "jobs/s vs pgqueuer"
TARGET = "≥ 1.5"


def measure(bench):
    n = bench.scale["jobs"]
    ours = bench.ours_queue_runs()
    ours_rate = bench.median(ours)
    what = f"noop jobs/s vs pgqueuer, {n:,} jobs"
    if not bench.args.pgq_python:
        reason = bench.args.pgq_unavailable or "pgqueuer is not installed"
        bench.add(2, what, ours_rate, None, None, "≥ 1.5", None, unit="jobs/s", baseline_text=f"n/a: {reason}",
                 note=f"pgqueuer unavailable: {reason}")
        return
    db = bench.queue_db()
    url = bench.url(db)
    script = os.path.join(HERE, "pgq_noop.py")
    env = dict(bench.env)
    env["PGQUEUER_SCHEMA"] = "pgqueuer"
    pgq = os.path.join(os.path.dirname(bench.args.pgq_python), "pgq")
    if bench.psql(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'pgqueuer'") == "0":
        run([pgq, "--schema", "pgqueuer", "--pg-dsn", url, "install"], env=env)
    version = run([bench.args.pgq_python, "-c", "import pgqueuer; print(pgqueuer.__version__)"], env=env).stdout.strip()

    def burn(count):
        bench.psql(db, "TRUNCATE pgqueuer.pgqueuer, pgqueuer.pgqueuer_log, pgqueuer.pgqueuer_statistics")
        run([bench.args.pgq_python, script, "enqueue", url, str(count)], env=env)
        bench.psql(db, "VACUUM ANALYZE pgqueuer.pgqueuer")
        result = run([bench.args.pgq_python, script, "drain", url, str(bench.concurrency), str(bench.batch)], env=env)
        left = int(bench.psql(db, "SELECT count(*) FROM pgqueuer.pgqueuer"))
        if left:
            raise BenchError(f"pgqueuer left {left} of {count} jobs in its queue")
        return count / json.loads(result.stdout.strip().splitlines()[-1])["seconds"]

    burn(max(1000, n // 10))
    peer = [burn(n) for _ in range(bench.runs)]
    peer_rate = bench.median(peer)
    ratio = ours_rate / peer_rate
    bench.add(2, what, ours_rate, peer_rate, ratio, "≥ 1.5", ratio >= 1.5, unit="jobs/s",
             note=f"pgqueuer {version}, {bench.concurrency} queue managers (processes), batch {bench.batch}, uvloop, "
             f"clock from 'go' to last exit; ours whole process incl. start-up; "
             f"ours runs {', '.join(f'{r:,.0f}' for r in ours)}; peer runs {', '.join(f'{r:,.0f}' for r in peer)}")
