#!/usr/bin/env python3
"""The peer of benchmark row 2: pgqueuer burning down no-op jobs.

Run with the Python of the benchmark's virtual environment (pgqueuer, asyncpg, uvloop):

    pgq_noop.py enqueue DSN N                      queue N jobs for the entrypoint `noop`
    pgq_noop.py drain DSN CONCURRENCY BATCH        burn the queue down; prints {"seconds": ...}
    pgq_noop.py work DSN BATCH                     (internal) one queue manager

pgqueuer's objects live in the schema named by PGQUEUER_SCHEMA (the benchmark uses
`pgqueuer`), apart from the portfolio's own tables. `drain` starts CONCURRENCY processes, one
queue manager each (pgqueuer runs one event loop per process, so this is the same
concurrency as the worker's lanes), each in `drain` mode with the given batch size on uvloop
when it is installed. The clock starts once every process has connected and registered its
entrypoint, so interpreter start-up is not counted against the peer, and stops when the last
process exits.
"""
import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import timedelta


def run(coro):
    try:
        import uvloop  # type: ignore

        return uvloop.run(coro)
    except ImportError:
        return asyncio.run(coro)


async def enqueue(dsn: str, count: int) -> None:
    import asyncpg
    from pgqueuer import AsyncpgDriver, Queries

    connection = await asyncpg.connect(dsn)
    try:
        queries = Queries(AsyncpgDriver(connection))
        chunk = 5000
        done = 0
        while done < count:
            k = min(chunk, count - done)
            await queries.enqueue(["noop"] * k, [None] * k, [0] * k)
            done += k
    finally:
        await connection.close()


async def work(dsn: str, batch: int) -> None:
    import asyncpg
    from pgqueuer import AsyncpgDriver, Queries, QueueManager
    from pgqueuer.types import QueueExecutionMode

    connection = await asyncpg.connect(dsn)
    qm = QueueManager(Queries(AsyncpgDriver(connection)))

    @qm.entrypoint("noop")
    async def noop(job) -> None:  # noqa: ARG001
        return None

    print("ready", flush=True)
    # Wait for the parent's go.
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)
    await qm.run(batch_size=batch, mode=QueueExecutionMode.drain, dequeue_timeout=timedelta(seconds=1))


def drain(dsn: str, concurrency: int, batch: int) -> None:
    children = []
    for _ in range(concurrency):
        child = subprocess.Popen([sys.executable, os.path.abspath(__file__), "work", dsn, str(batch)],
                                 stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        children.append(child)
    for child in children:
        line = child.stdout.readline().strip()
        if line != "ready":
            for other in children:
                other.kill()
            raise SystemExit(f"pgq_noop.py: a queue manager did not start (said {line!r})")
    start = time.perf_counter()
    for child in children:
        child.stdin.write("go\n")
        child.stdin.flush()
    codes = [child.wait() for child in children]
    seconds = time.perf_counter() - start
    if any(codes):
        raise SystemExit(f"pgq_noop.py: queue managers exited with {codes}")
    print(json.dumps({"seconds": seconds}))


def main() -> None:
    os.environ.setdefault("PGQUEUER_SCHEMA", "pgqueuer")
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    command, dsn = sys.argv[1], sys.argv[2]
    if command == "enqueue":
        run(enqueue(dsn, int(sys.argv[3])))
    elif command == "work":
        run(work(dsn, int(sys.argv[3])))
    elif command == "drain":
        drain(dsn, int(sys.argv[3]), int(sys.argv[4]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
