"""Row 5 of the benchmark suite (Scripts/bench/bench.py): full rollup (s), target ≤ 1.3."""

from harness import PREFIX

NUMBER = 5
WHAT = "full rollup (s)"
TARGET = "≤ 1.3"


def measure(bench):
    db = f"{PREFIX}_main"
    n = bench.scale["projects"]
    bench.psql(db, "VACUUM ANALYZE")
    # The same breakdowns a rollup has (sector and status, lender and status), summed bare:
    # no conversion, no exact split, no validation.
    queries = ["SELECT sector_code, status, sum(value_minor), count(*) FROM projects GROUP BY sector_code, status",
               "SELECT pl.lender_id, p.status, sum(p.value_minor * pl.share_bp / 10000), count(*) "
               "FROM project_lenders pl JOIN projects p ON p.id = pl.project_id GROUP BY pl.lender_id, p.status"]
    query = "; ".join(queries)

    def ours():
        bench.psql(db, "INSERT INTO rollup_deltas (reset, reason) VALUES (true, 'bench')")
        return bench.report_seconds(db, n)

    def base():
        return bench.psql_seconds(db, queries)

    ours(), base()
    ours_runs, base_runs = [], []
    for _ in range(bench.runs):  # interleaved, so drift in the machine's load hits both sides
        ours_runs.append(ours())
        base_runs.append(base())
    o, b = bench.median(ours_runs), bench.median(base_runs)
    ratio = o / b
    bench.add(5, f"full rollup, {n:,} projects", o * 1000, b * 1000, ratio, "≤ 1.3",
             ratio <= 1.3, unit="ms",
             note=f"reset change pending, so the report recomputes from every project; both whole process; baseline "
             f"psql -c '{query}'")
