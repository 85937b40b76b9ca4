#!/usr/bin/env python3
"""Writes a project import CSV of N generated projects for the benchmarks.

    gen_projects.py OUT.csv N [--prefix BENCH] [--status mixed|committed] [--seed 42]

Same header as `portfolio project import`; sectors from the five seeds, USD values, about one
project in four co-financed by two Chinese banks (shares such as 60/40). With `--status
committed` every project is `committed` (the status benchmark moves each one to `ongoing`);
`mixed` spreads them over every status, a quarter of them `committed`.
"""
import argparse
import csv
import datetime
import random
import sys

SECTORS = ["energy", "manufacturing", "agriculture", "logistics", "other"]
STATUSES = (["committed"] * 25 + ["ongoing"] * 30 + ["finished"] * 25 + ["pledged"] * 10
            + ["suspended"] * 5 + ["cancelled"] * 5)
LENDERS = [
    "China Development Bank",
    "Export-Import Bank of China",
    "Bank of China",
    "Industrial and Commercial Bank of China",
    "China Construction Bank",
    "Agricultural Bank of China",
]
SPLITS = [(60, 40), (70, 30), (50, 50), (80, 20), (55, 45)]
KINDS = {
    "energy": ["Combined Heat and Power Plant", "Hydropower Station", "Solar Park", "Grid Substation"],
    "manufacturing": ["Cement Plant", "Pulp Mill", "Glass Works", "Tractor Assembly Line"],
    "agriculture": ["Irrigation Scheme", "Grain Terminal", "Dairy Complex", "Greenhouse Cluster"],
    "logistics": ["Rail Freight Hub", "Highway Section", "Airport Cargo Terminal", "Dry Port"],
    "other": ["Hospital Wing", "Water Treatment Works", "Technology Park", "Housing Block"],
}
REGIONS = ["Brest Region", "Vitebsk Region", "Gomel Region", "Grodno Region", "Minsk Region", "Mogilev Region"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("count", type=int)
    parser.add_argument("--prefix", default="BENCH")
    parser.add_argument("--status", choices=["mixed", "committed"], default="mixed")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    if args.count < 0:
        parser.error("count must not be negative")
    rng = random.Random(args.seed)
    base = datetime.date(2005, 1, 1)
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["code", "name", "sector", "status", "value", "currency", "value_date", "lenders",
                         "start_date", "end_date", "location"])
        for i in range(1, args.count + 1):
            sector = SECTORS[i % len(SECTORS)]
            status = "committed" if args.status == "committed" else rng.choice(STATUSES)
            # 1,000,000.00 to 900,000,000.00 USD, in cents.
            cents = rng.randrange(1_000_000_00, 900_000_000_00)
            value = f"{cents // 100}.{cents % 100:02d}"
            value_date = base + datetime.timedelta(days=rng.randrange(0, 7000))
            if rng.random() < 0.25:
                first, second = rng.sample(LENDERS, 2)
                a, b = rng.choice(SPLITS)
                lenders = f"{first}={a};{second}={b}"
            else:
                lenders = f"{rng.choice(LENDERS)}=100"
            start = value_date + datetime.timedelta(days=rng.randrange(30, 400))
            end = start + datetime.timedelta(days=rng.randrange(365, 2500)) if rng.random() < 0.8 else None
            name = f"{rng.choice(REGIONS).split()[0]} {rng.choice(KINDS[sector])} {i}"
            writer.writerow([f"{args.prefix}-{i:07d}", name, sector, status, value, "USD", value_date.isoformat(),
                             lenders, start.isoformat(), end.isoformat() if end else "", rng.choice(REGIONS)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
