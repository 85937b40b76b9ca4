"""Row 13 of the benchmark suite (Scripts/bench/bench.py): AidData GCDF 3.0 import (rows/s), target ≥ 0.02."""
import csv
import os

from harness import BenchError, HERE, PREFIX, run

NUMBER = 13
WHAT = "AidData import (rows/s)"
TARGET = "≥ 0.02"


def extract_path():
    root = os.path.dirname(os.path.dirname(HERE))
    shared = os.environ.get("PORTFOLIO_REAL_DATA") or os.path.join(os.path.dirname(root), "shared", "real-data")
    return os.path.join(shared, "aiddata", "gcdf3-ports-extract.csv")


def measure(bench):
    n = min(bench.scale["projects"] // 2, 20_000)
    source = extract_path()
    if not os.path.exists(source):
        raise BenchError(f"the real GCDF 3.0 extract is needed as the rows' model: {source} is not present")
    with open(source, newline="", encoding="utf-8-sig") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        models = list(reader)
    # The real records again and again, each with a record ID of its own: GCDF 3.0 rows as
    # published (126 columns, multi-line descriptions).
    path = os.path.join(bench.work, "gcdf.csv")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for index in range(n):
            row = list(models[index % len(models)])
            row[0] = str(1_000_000 + index)
            writer.writerow(row)
    columns = ", ".join(f"c{i} text" for i in range(len(header)))

    def ours():
        db = bench.migrated_db(f"{PREFIX}_aiddata_run")
        result = bench.portfolio(db, "import", "--format", "aiddata", path)
        count = int(bench.psql(db, "SELECT count(*) FROM projects"))
        bench.drop_db(db)
        if count != n:
            raise BenchError(f"import --format aiddata stored {count} of {n} projects")
        return result

    def baseline():
        db = bench.create_db(f"{PREFIX}_aiddata_copy")
        bench.psql(db, f"CREATE TABLE gcdf ({columns})")
        result = run([os.path.join(bench.pgbin, "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", bench.url(db),
                      "-c", f"\\copy gcdf FROM '{path}' WITH (FORMAT csv, HEADER true)"], env=bench.env)
        count = int(bench.psql(db, "SELECT count(*) FROM gcdf"))
        bench.drop_db(db)
        if count != n:
            raise BenchError(f"psql \\copy stored {count} of {n} rows")
        return result

    ours_rate, base_rate, ours_runs, base_runs = bench.rates(n, ours, baseline)
    ratio = ours_rate / base_rate
    size_mib = os.path.getsize(path) / (1 << 20)
    rss = max(r.max_rss_kib for r in ours_runs) / 1024
    bench.add(NUMBER, f"AidData import, {n:,} rows ({size_mib:,.0f} MiB)", ours_rate, base_rate, ratio, TARGET, ratio >= 0.02,
              unit="/s",
              note=f"portfolio import --format aiddata into an empty database, whole process, the file read twice (map, then "
                   f"write in one transaction), peak RSS {rss:,.0f} MiB; psql \\copy of the same CSV into a table of "
                   f"{len(header)} text columns; ours {', '.join(f'{n / r.seconds:,.0f}' for r in ours_runs)}; "
                   f"psql {', '.join(f'{n / r.seconds:,.0f}' for r in base_runs)}")
