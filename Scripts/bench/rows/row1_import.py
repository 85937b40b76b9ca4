"""Row 1 of the benchmark suite (Scripts/bench/bench.py): project import (rows/s), target ≥ 0.5."""
import os

from harness import BenchError, PREFIX, run

NUMBER = 1
WHAT = "project import (rows/s)"
TARGET = "≥ 0.5"


def measure(bench):
    n = bench.scale["projects"]
    csv_path = bench.generate("projects.csv", n)
    warm = bench.generate("warmup.csv", min(1000, n), prefix="WARM")
    copy_db = bench.create_db(f"{PREFIX}_copy")
    bench.psql(copy_db, """
        CREATE TABLE staging (code text, name text, sector text, status text, value numeric, currency text,
                              value_date date, lenders text, start_date date, end_date date, location text)""")

    def copy(path):
        bench.psql(copy_db, "TRUNCATE staging")
        return run([os.path.join(bench.pgbin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", bench.url(copy_db),
                    "-c", f"\\copy staging FROM '{path}' CSV HEADER"], env=bench.env).seconds

    def ours(path, database):
        bench.migrated_db(database)
        return bench.portfolio(database, "project", "import", path).seconds

    ours(warm, f"{PREFIX}_warm")
    bench.drop_db(f"{PREFIX}_warm")
    copy(warm)
    base_times = [copy(csv_path) for _ in range(bench.runs)]
    count = bench.psql(copy_db, "SELECT count(*) FROM staging")
    if int(count) != n:
        raise BenchError(f"\\copy loaded {count} rows, not {n}")
    ours_times = []
    for i in range(bench.scale["import_runs"]):
        ours_times.append(ours(csv_path, f"{PREFIX}_main"))
    count = bench.psql(f"{PREFIX}_main", "SELECT count(*) FROM projects")
    if int(count) != n:
        raise BenchError(f"portfolio project import loaded {count} projects, not {n}")
    bench.drop_db(copy_db)
    ours_rate = n / bench.median(ours_times)
    base_rate = n / bench.median(base_times)
    ratio = ours_rate / base_rate
    bench.add(1, f"project import, {n:,} rows", ours_rate, base_rate, ratio, "≥ 0.5", ratio >= 0.5,
             unit="rows/s", note=f"ours {len(ours_times)} run(s): {', '.join(f'{t:.2f}s' for t in ours_times)}; "
             f"\\copy {len(base_times)} runs: {', '.join(f'{t:.2f}s' for t in base_times)}")
