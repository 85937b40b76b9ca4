"""Row 11 of the benchmark suite (Scripts/bench/bench.py): rollup after one transaction, target ≤ 2."""
from harness import BenchError, PREFIX

NUMBER = 11
WHAT = "rollup after one transaction"
TARGET = "≤ 2"


def portfolio_with_ledger(bench, name, projects, per_project):
    """A portfolio of `projects` committed projects with `per_project` disbursements on each
    project–lender pair, loaded in bulk, and a snapshot taken from the whole of it."""
    db = bench.migrated_db(f"{PREFIX}_{name}")
    path = bench.generate(f"{name}.csv", projects, status="committed", prefix=name.upper()[:3])
    bench.portfolio(db, "project", "import", path)
    # Loaded the way a restore would: without the per-row checks, then one reset so that the
    # next snapshot recomputes the rollup and its financing lines from everything.
    bench.psql(db, f"""
        ALTER TABLE ledger_transactions DISABLE TRIGGER USER;
        INSERT INTO ledger_transactions (project_id, lender_id, type, amount_minor, currency, value_date, reference, actor)
        SELECT pl.project_id, pl.lender_id, 'disbursement', 1, p.currency, DATE '2024-06-01', 'BULK-' || pl.lender_id || '-' || g, 'bench'
        FROM project_lenders pl JOIN projects p ON p.id = pl.project_id, generate_series(1, {int(per_project)}) g;
        ALTER TABLE ledger_transactions ENABLE TRIGGER USER;
        INSERT INTO rollup_deltas (reset, reason) VALUES (true, 'bench: ledger loaded in bulk')""")
    bench.psql(db, "VACUUM ANALYZE")
    bench.take_snapshot(db)
    # The worker may take more than one snapshot (the import's change rollup too): one since the
    # reset recomputed everything, and the newest has the financing lines.
    check = bench.psql(db, """
        SELECT bool_or(s.full_recompute), (SELECT financing IS NOT NULL FROM rollup_snapshots ORDER BY id DESC LIMIT 1)
        FROM rollup_snapshots s JOIN rollup_deltas d ON d.snapshot_id = s.id WHERE d.reason = 'bench: ledger loaded in bulk'""")
    if check != "t|t":
        raise BenchError(f"{db}: the snapshots after the bulk load were '{check}', not a recomputation and financing lines")
    return db


def measure(bench):
    small_n, big_n = bench.scale["row6"]
    per_project = 10
    small_db = portfolio_with_ledger(bench, "ledger_small", small_n, per_project)
    big_db = portfolio_with_ledger(bench, "ledger_big", big_n, per_project)

    def measure_one(db):
        pairs = bench.psql(db, f"""
            SELECT p.code || '|' || l.name || '|' || p.currency FROM projects p
            JOIN project_lenders pl ON pl.project_id = p.id JOIN lenders l ON l.id = pl.lender_id
            ORDER BY p.id LIMIT {bench.runs + 1}""").splitlines()
        if len(pairs) < bench.runs + 1:
            raise BenchError(f"{db}: not enough project-lender pairs")
        times = []
        for pair in pairs:
            code, lender, currency = pair.split("|")
            amount = "1" if currency == "JPY" else "0.01"
            bench.portfolio(db, "tx", "add", code, "--type", "disbursement", "--lender", lender, "--amount", amount,
                            "--currency", currency, "--date", "2025-01-01")
            times.append(bench.worker_once(db).seconds)
            check = bench.psql(db, "SELECT full_recompute, deltas_applied, financing IS NOT NULL FROM rollup_snapshots ORDER BY id DESC LIMIT 1")
            if check != "f|1|t":
                raise BenchError(f"{db}: the snapshot after one transaction was '{check}', not an incremental fold of 1 with financing lines")
        return times[1:]

    transactions = {db: int(bench.psql(db, "SELECT count(*) FROM ledger_transactions")) for db in (small_db, big_db)}
    small_runs = measure_one(small_db)
    big_runs = measure_one(big_db)
    bench.drop_db(small_db)
    bench.drop_db(big_db)
    s, b = bench.median(small_runs), bench.median(big_runs)
    ratio = b / s
    bench.add(NUMBER, f"rollup after 1 transaction, {big_n:,} projects with {transactions[big_db]:,} transactions "
              f"vs {small_n:,} with {transactions[small_db]:,}", b * 1000, s * 1000, ratio, TARGET, ratio <= 2,
              unit="ms", note=f"portfolio tx add, then portfolio-worker --once folding it into a new snapshot with its financing "
              f"lines, whole process; big {', '.join(f'{t:.3f}' for t in big_runs)}; small {', '.join(f'{t:.3f}' for t in small_runs)}")
