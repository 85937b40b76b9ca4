"""Row 6 of the benchmark suite (Scripts/bench/bench.py): rollup after one change, target ≤ 2."""
from harness import BenchError, PREFIX

NUMBER = 6
WHAT = "rollup after one change"
TARGET = "≤ 2"


def measure(bench):
    small_n, big_n = bench.scale["row6"]
    big_db = f"{PREFIX}_main"
    if big_n != bench.scale["projects"]:
        raise BenchError("row 6's big side must be the imported portfolio")
    small_db = bench.migrated_db(f"{PREFIX}_small")
    path = bench.generate("small.csv", small_n, prefix="SM")
    bench.portfolio(small_db, "project", "import", path)
    bench.take_snapshot(small_db)

    def measure(db):
        bench.psql(db, "VACUUM ANALYZE")
        codes = bench.psql(db, f"SELECT code FROM projects WHERE status = 'committed' ORDER BY id LIMIT {bench.runs + 1}").split()
        if len(codes) < bench.runs + 1:
            raise BenchError(f"{db}: not enough committed projects")
        times = []
        for code in codes:
            bench.portfolio(db, "status", "set", code, "ongoing", "--effective", "2025-01-01")
            times.append(bench.worker_once(db).seconds)
            check = bench.psql(db, "SELECT full_recompute, deltas_applied FROM rollup_snapshots ORDER BY id DESC LIMIT 1")
            if check != "f|1":
                raise BenchError(f"{db}: the snapshot after one change was '{check}', not an incremental fold of 1")
        return times[1:]

    small_runs = measure(small_db)
    big_runs = measure(big_db)
    bench.drop_db(small_db)
    s, b = bench.median(small_runs), bench.median(big_runs)
    ratio = b / s
    bench.add(6, f"rollup after 1 change, {big_n:,} vs {small_n:,}", b * 1000, s * 1000, ratio, "≤ 2", ratio <= 2,
             unit="ms", note=f"portfolio-worker --once folding 1 change into a new snapshot, whole process; "
             f"big {', '.join(f'{t:.3f}' for t in big_runs)}; small {', '.join(f'{t:.3f}' for t in small_runs)}")
