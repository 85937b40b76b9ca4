"""Row 9 of the benchmark suite (Scripts/bench/bench.py): worker memory, target ≤ 20 idle, ≤ 64 loaded MiB."""
from harness import BenchError

NUMBER = 9
WHAT = "worker memory"
TARGET = "≤ 20 idle, ≤ 64 loaded MiB"


def measure(bench):
    idle = getattr(bench, "idle", None)
    if not idle:
        raise BenchError("no idle reading (row 8 did not run)")
    if not bench.loaded_rss_kib:
        raise BenchError("no loaded reading (row 2 did not run)")
    idle_hwm = idle["VmHWM"] / 1024
    idle_rss = idle["VmRSS"] / 1024
    loaded = max(bench.loaded_rss_kib) / 1024
    met = idle_hwm <= 20 and loaded <= 64
    bench.add(9, "worker peak RSS, idle / during row 2", None, None, None,
             "≤ 20 / ≤ 64 MiB", met, ours_text=f"{idle_hwm:.1f} / {loaded:.1f} MiB",
             baseline_text="—",
             note=f"idle: VmHWM after 5 s {idle_hwm:.1f} MiB, VmRSS {idle_rss:.1f} (anonymous {idle.get('RssAnon', 0) / 1024:.1f}, "
             f"file-backed {idle.get('RssFile', 0) / 1024:.1f}); loaded: max ru_maxrss of the row-2 runs")
