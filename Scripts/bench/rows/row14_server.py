"""Row 14 of the benchmark suite (Scripts/bench/bench.py): portfolio-server under load with wrk
(64 connections, 30 s each): the sectors report and the dashboard, each with and without
If-None-Match, against the server's own ceiling (GET /health, which touches no database) in
the same run. Targets: a revalidated report (304) ≥ 0.3 of the ceiling, a full report ≥ 0.02."""
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request

from harness import BenchError, PREFIX, run

NUMBER = 14
WHAT = "portfolio-server requests/s under wrk"
TARGET = "≥ 0.3 (304), ≥ 0.02"
SECONDS = 30
CONNECTIONS = 64


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(url: str, headers=()) -> float:
    command = [shutil.which("wrk") or "wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    result = run(command + [url], timeout=SECONDS * 4)
    match = re.search(r"Requests/sec:\s+([0-9.]+)", result.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if not match:
        raise BenchError(f"wrk printed no rate: {result.stdout[-400:]}")
    if errors:
        raise BenchError(f"wrk saw {errors.group(1)} error answers from {url}")
    return float(match.group(1))


def measure(bench):
    if shutil.which("wrk") is None:
        raise BenchError("wrk is needed (apt-get install wrk)")
    n = bench.scale["projects"]
    db = bench.migrated_db(f"{PREFIX}_server")
    bench.portfolio(db, "project", "import", bench.generate("server.csv", n, prefix="SV"))
    bench.take_snapshot(db)
    port = free_port()
    env = dict(bench.ours_env(db))
    server = subprocess.Popen([os.path.join(bench.bin, "portfolio-server"), "--address", f"127.0.0.1:{port}", "--pool-size", "4"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/health", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise BenchError("portfolio-server did not start")
        tags = {}
        for path in ("/api/v1/reports/sectors", "/"):
            with urllib.request.urlopen(base + path, timeout=30) as response:
                tags[path] = response.headers["ETag"]
        ceiling = wrk(base + "/health")
        report = wrk(base + "/api/v1/reports/sectors")
        report_304 = wrk(base + "/api/v1/reports/sectors", [f"If-None-Match: {tags['/api/v1/reports/sectors']}"])
        page = wrk(base + "/")
        page_304 = wrk(base + "/", [f"If-None-Match: {tags['/']}"])
    finally:
        server.terminate()
        server.wait(timeout=30)
        bench.drop_db(db)
    note = (f"wrk -t2 -c{CONNECTIONS} -d{SECONDS}s against portfolio-server (pool 4) on {n:,} projects after a snapshot; "
            f"ceiling GET /health {ceiling:,.0f}/s")
    bench.add(NUMBER, f"GET /api/v1/reports/sectors, {n:,} projects", report, ceiling, report / ceiling, "≥ 0.02",
              report / ceiling >= 0.02, unit="/s", note=note)
    bench.add(NUMBER, "  same, If-None-Match (304)", report_304, ceiling, report_304 / ceiling, "≥ 0.3",
              report_304 / ceiling >= 0.3, unit="/s", note=note)
    bench.add(NUMBER, "GET / (dashboard page)", page, ceiling, page / ceiling, "≥ 0.02", page / ceiling >= 0.02, unit="/s", note=note)
    bench.add(NUMBER, "  same, If-None-Match (304)", page_304, ceiling, page_304 / ceiling, "≥ 0.3",
              page_304 / ceiling >= 0.3, unit="/s", note=note)
