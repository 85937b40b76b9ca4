"""Row 3 of the benchmark suite (Scripts/bench/bench.py): jobs/s vs pgbench, target ≥ 0.6."""
import math
import os

from harness import BenchError, HERE, run

NUMBER = 3
WHAT = "jobs/s vs pgbench"
TARGET = "≥ 0.6"


def measure(bench):
    n = bench.scale["jobs"]
    ours = bench.ours_queue_runs()
    ours_rate = bench.median(ours)
    db = bench.queue_db()
    with open(os.path.join(HERE, "claim_complete.sql"), encoding="utf-8") as handle:
        sql = handle.read().replace("__BATCH__", str(int(bench.batch)))
    script = os.path.join(bench.work, "claim_complete.sql")
    with open(script, "w", encoding="utf-8") as handle:
        handle.write(sql)

    def burn(count):
        bench.fill_noop(db, count)
        per_client = math.ceil(count / (bench.batch * bench.concurrency)) + 2
        result = run([os.path.join(bench.pgbin, "pgbench"), "-n", "-M", "prepared", "-c", str(bench.concurrency),
                      "-j", str(bench.concurrency), "-t", str(per_client), "-f", script, bench.url(db)], env=bench.env)
        done = int(bench.psql(db, "SELECT count(*) FROM jobs WHERE state = 'completed'"))
        if done != count:
            raise BenchError(f"pgbench completed {done} of {count} jobs")
        return count / result.seconds

    burn(max(1000, n // 10))
    limit = [burn(n) for _ in range(bench.runs)]
    limit_rate = bench.median(limit)
    ratio = ours_rate / limit_rate
    bench.add(3, f"noop jobs/s vs pgbench claim+complete", ours_rate, limit_rate, ratio, "≥ 0.6",
             ratio >= 0.6, unit="jobs/s",
             note=f"pgbench -M prepared -c {bench.concurrency} -j {bench.concurrency}, batch {bench.batch}, whole process; "
             f"runs {', '.join(f'{r:,.0f}' for r in limit)}")
