#!/usr/bin/env python3
"""Writes a ledger import CSV for chaos scenario 9 from the parts psql printed.

    gen_ledger.py PARTS.tsv OUT.csv --tranches 3 --prefix S9

PARTS.tsv has one `code<TAB>lender<TAB>currency<TAB>part_minor<TAB>minor_digits` line per
project and lender. Each pair gets `--tranches` disbursements of a third (a quarter, ...) of its
part rounded down, dated in the past and referenced PREFIX-CODE-LENDER#-N, so the whole file stays
within every commitment and a second run of it is refused whole. The CSV is written by the csv
module.
"""
import argparse
import csv
import datetime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("parts")
    parser.add_argument("out")
    parser.add_argument("--tranches", type=int, default=3)
    parser.add_argument("--prefix", default="S9")
    args = parser.parse_args()
    rows = 0
    with open(args.parts) as parts, open(args.out, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "type", "lender", "amount", "currency", "date", "ref", "note"])
        for index, line in enumerate(parts):
            code, lender, currency, part, digits = line.rstrip("\n").split("\t")
            each = int(part) // (args.tranches + 1)
            if each <= 0:
                continue
            scale = 10 ** int(digits)
            for tranche in range(args.tranches):
                day = datetime.date(2024, 1, 1) + datetime.timedelta(days=30 * tranche + index % 28)
                amount = f"{each // scale}.{each % scale:0{int(digits)}d}" if int(digits) else str(each)
                writer.writerow([code, "disbursement", lender, amount, currency, day.isoformat(),
                                 f"{args.prefix}-{code}-{index}-{tranche}", ""])
                rows += 1
    print(rows)


if __name__ == "__main__":
    main()
