"""Row 8 of the benchmark suite (Scripts/bench/bench.py): enqueue-to-start latency, target p50 ≤ 5 ms."""
import os
import signal
import subprocess
import time

from harness import BenchError, run

NUMBER = 8
WHAT = "enqueue-to-start latency"
TARGET = "p50 ≤ 5 ms"


def measure(bench):
    db = bench.queue_db()
    bench.psql(db, "TRUNCATE jobs")
    bench.psql(db, "VACUUM ANALYZE jobs")
    count = 200
    script = os.path.join(bench.work, "latency.sql")
    with open(script, "w", encoding="utf-8") as handle:
        for _ in range(count):
            handle.write("BEGIN; INSERT INTO jobs (kind) VALUES ('noop'); NOTIFY portfolio_jobs; COMMIT;\n"
                         "SELECT pg_sleep(0.02);\n")
    log_path = os.path.join(bench.work, "worker-idle.log")
    with open(log_path, "w") as worker_log:
        worker = subprocess.Popen(
            [os.path.join(bench.bin, "portfolio-worker"), "--http-address", "off",
             "--concurrency", str(bench.concurrency), "--batch-size", str(bench.batch)],
            env=bench.ours_env(db), cwd=bench.work, stdout=worker_log, stderr=worker_log, stdin=subprocess.DEVNULL)
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
        run([os.path.join(bench.pgbin, "psql"), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", bench.url(db),
             "-f", script], env=bench.env)
        deadline = time.monotonic() + 60
        while True:
            done = int(bench.psql(db, "SELECT count(*) FROM jobs WHERE kind = 'noop' AND state = 'completed'"))
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
    stats = bench.psql(db, """
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms), percentile_cont(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
        FROM (SELECT extract(epoch FROM attempted_at - created_at) * 1000 AS ms FROM jobs WHERE kind = 'noop') t""")
    p50, p99, worst = (float(x) for x in stats.split("|"))
    bench.add(8, f"enqueue-to-start latency, NOTIFY", p50, None, None, "p50 ≤ 5 ms",
             p50 <= 5, unit="ms", ours_text=f"p50 {p50:.2f}, p99 {p99:.2f} ms", baseline_text="—",
             note=f"attempted_at - created_at; max {worst:.2f} ms")
    bench.idle = idle
