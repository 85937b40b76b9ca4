#!/usr/bin/env python3
"""Runs the benchmark suite of issue 6 and prints one table; called by Scripts/bench.sh.

Every row is our figure against a baseline measured in the same run on the same PostgreSQL:
medians of several runs (a warm-up run first, not counted) wherever a run is cheap. Python 3
standard library only; PostgreSQL is reached through psql and pgbench, pgqueuer through the
Python of the benchmark's virtual environment.

The databases it makes are all named `portfolio_bench_*` and dropped at the end. What the rows
share (processes, databases, medians, the table, the results file) is in harness.py; each row is
a module of rows/.
"""
import sys

import harness
from rows import (row1_import, row2_pgqueuer, row3_pgbench_queue, row4_status, row5_full_rollup, row6_incremental,
                  row7_report, row8_latency, row9_memory, row10_ledger, row11_ledger_rollup,
                  row12_iati_import, row13_aiddata_import, row14_server)

# The order they run in: the projects' rows first, then the queue's; row 9 reads what rows 2 and 8 saw.
ROWS = [row1_import, row5_full_rollup, row7_report, row6_incremental, row2_pgqueuer, row3_pgbench_queue, row4_status,
        row8_latency, row9_memory, row10_ledger, row11_ledger_rollup, row12_iati_import, row13_aiddata_import, row14_server]

if __name__ == "__main__":
    sys.exit(harness.main(ROWS, __doc__))
