"""Row 12 of the benchmark suite (Scripts/bench/bench.py): IATI import (activities/s), target ≥ 0.02."""
import os
import shutil

from harness import BenchError, PREFIX, run

NUMBER = 12
WHAT = "IATI import (activities/s)"
TARGET = "≥ 0.02"


def measure(bench):
    n = min(bench.scale["projects"], 100_000)
    xmllint = shutil.which("xmllint")
    if xmllint is None:
        raise BenchError("xmllint is needed for the baseline (apt-get install libxml2-utils)")
    source = bench.migrated_db(f"{PREFIX}_iati_source")
    bench.portfolio(source, "project", "import", bench.generate("iati.csv", n, prefix="IA"))
    path = os.path.join(bench.work, "activities.xml")
    bench.portfolio(source, "export", "--format", "iati", "--output", path)
    bench.drop_db(source)
    with open(path, "rb") as handle:
        activities = handle.read().count(b"<iati-activity ")
    if activities != n:
        raise BenchError(f"the export holds {activities} activities, not {n}")

    def ours():
        db = bench.migrated_db(f"{PREFIX}_iati_run")
        result = bench.portfolio(db, "import", "--format", "iati", path)
        count = int(bench.psql(db, "SELECT count(*) FROM projects"))
        bench.drop_db(db)
        if count != n:
            raise BenchError(f"import --format iati stored {count} of {n} projects")
        return result

    def baseline():
        return run([xmllint, "--stream", "--noout", path], env=bench.env)

    ours_rate, base_rate, ours_runs, base_runs = bench.rates(n, ours, baseline)
    ratio = ours_rate / base_rate
    size_mib = os.path.getsize(path) / (1 << 20)
    rss = max(r.max_rss_kib for r in ours_runs) / 1024
    bench.add(NUMBER, f"IATI import, {n:,} activities ({size_mib:,.0f} MiB)", ours_rate, base_rate, ratio, TARGET, ratio >= 0.02,
              unit="/s",
              note=f"portfolio import --format iati into an empty database, whole process, the file read twice (map, then write "
                   f"in one transaction; a third time for a ledger), peak RSS {rss:,.0f} MiB; xmllint --stream --noout reading the same file; "
                   f"ours {', '.join(f'{n / r.seconds:,.0f}' for r in ours_runs)}; "
                   f"xmllint {', '.join(f'{n / r.seconds:,.0f}' for r in base_runs)}")
