"""Row 10 of the benchmark suite (Scripts/bench/bench.py): transactions recorded/s, target ≥ 0.5."""
import os

from harness import BenchError, PREFIX, HERE, run

NUMBER = 10
WHAT = "transactions recorded/s"
TARGET = "≥ 0.5"


def measure(bench):
    n = bench.scale["jobs"]
    projects = min(bench.scale["projects"], 10_000)
    template = f"{PREFIX}_ledger_tmpl"
    bench.migrated_db(template)
    csv_path = bench.generate("ledger-projects.csv", projects, status="committed", prefix="LG")
    bench.portfolio(template, "project", "import", csv_path)
    # Every project–lender pair, numbered, with the project's currency: both sides disburse
    # 0.01 at a time through them, round robin, far within every commitment.
    bench.psql(template, """
        CREATE TABLE bench_pairs AS
        SELECT row_number() OVER (ORDER BY p.id, l.id) AS n, p.id AS project_id, l.id AS lender_id, p.code, l.name, p.currency
        FROM projects p JOIN project_lenders pl ON pl.project_id = p.id JOIN lenders l ON l.id = pl.lender_id;
        CREATE UNIQUE INDEX ON bench_pairs (n)""")
    bench.psql(template, "VACUUM ANALYZE")
    pairs = bench.psql(template, "SELECT code || '|' || name || '|' || currency FROM bench_pairs ORDER BY n").splitlines()
    if not pairs:
        raise BenchError("no project-lender pairs to record transactions on")

    def ledger_file(name, count):
        path = os.path.join(bench.work, name)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("code,type,lender,amount,currency,date,ref,note\n")
            for i in range(count):
                code, lender, currency = pairs[i % len(pairs)].split("|")
                amount = "1" if currency == "JPY" else "0.01"
                handle.write(f'{code},disbursement,"{lender}",{amount},{currency},2025-01-01,B-{i},\n')
        return path

    warm_file, run_file = ledger_file("ledger-warm.csv", min(n, 1000)), ledger_file("ledger.csv", n)

    def ours(path, count):
        db = bench.create_db(f"{PREFIX}_ledger_run", template)
        result = bench.portfolio(db, "tx", "import", path)
        recorded = int(bench.psql(db, "SELECT count(*) FROM ledger_transactions"))
        if recorded != count:
            raise BenchError(f"tx import recorded {recorded} of {count} transactions")
        bench.drop_db(db)
        return count / result.seconds

    script_path = os.path.join(bench.work, "ledger_insert.sql")
    with open(os.path.join(HERE, "ledger_insert.sql"), encoding="utf-8") as source, \
            open(script_path, "w", encoding="utf-8") as handle:
        handle.write(source.read())

    def peer(count):
        db = bench.create_db(f"{PREFIX}_ledger_pgbench", template)
        bench.psql(db, "CREATE SEQUENCE bench_tx_seq")
        result = run([os.path.join(bench.pgbin, "pgbench"), "-n", "-M", "prepared", "-c", "1", "-j", "1", "-t", str(count),
                      "-D", f"pairs={len(pairs)}", "-f", script_path, bench.url(db)], env=bench.env)
        recorded = int(bench.psql(db, "SELECT count(*) FROM ledger_transactions"))
        if recorded != count:
            raise BenchError(f"pgbench recorded {recorded} of {count} transactions")
        bench.drop_db(db)
        return count / result.seconds

    ours(warm_file, min(n, 1000))
    peer(min(n, 1000))
    ours_runs = [ours(run_file, n) for _ in range(bench.runs)]
    peer_runs = [peer(n) for _ in range(bench.runs)]
    bench.drop_db(template)
    ours_rate, peer_rate = bench.median(ours_runs), bench.median(peer_runs)
    ratio = ours_rate / peer_rate
    bench.add(NUMBER, f"transactions recorded/s, {n:,} in one import", ours_rate, peer_rate, ratio, TARGET, ratio >= 0.5,
              unit="/s",
              note=f"portfolio tx import, whole process, one transaction; pgbench -M prepared, one client, the ledger row "
              f"(with its check) and an audit entry per transaction; ours {', '.join(f'{r:,.0f}' for r in ours_runs)}; "
              f"pgbench {', '.join(f'{r:,.0f}' for r in peer_runs)}")
