"""Row 7 of the benchmark suite (Scripts/bench/bench.py): report sectors, whole process (s), target ≤ 1.5."""

from harness import PREFIX

NUMBER = 7
WHAT = "report sectors, whole process (s)"
TARGET = "≤ 1.5"


def measure(bench):
    db = f"{PREFIX}_main"
    n = bench.scale["projects"]
    bench.take_snapshot(db)
    query = ("SELECT sector_code, count(*), sum(value_minor), "
             "sum(value_minor) FILTER (WHERE status IN ('committed', 'ongoing', 'finished')) "
             "FROM projects GROUP BY sector_code ORDER BY 3 DESC")
    queries = [query]

    def ours():
        return bench.report_seconds(db, n)

    def base():
        return bench.psql_seconds(db, queries)

    runs = max(7, bench.runs)
    ours(), base()
    ours_runs, base_runs = [], []
    for _ in range(runs):  # interleaved, so drift in the machine's load hits both sides
        ours_runs.append(ours())
        base_runs.append(base())
    o, b = bench.median(ours_runs), bench.median(base_runs)
    ratio = o / b
    bench.add(7, f"report sectors --format json, process", o * 1000, b * 1000, ratio, "≤ 1.5",
             ratio <= 1.5, unit="ms", note=f"after a snapshot; medians of {runs}; baseline psql -c GROUP BY with counted")
