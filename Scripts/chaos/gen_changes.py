#!/usr/bin/env python3
"""Writes a `portfolio status import` file of valid status changes for generated projects.

    gen_changes.py PROJECTS.csv CHANGES.csv REQUESTED.tsv --per-project N --scenario NAME [--seed S]

PROJECTS.csv is a `gen_projects.py --status committed` file. Each project gets a random walk
of N changes that every step allows without --force (committed -> ongoing|suspended,
ongoing -> suspended, suspended -> committed|ongoing; the last step may also finish or cancel
an ongoing project), dated 2025-01-01 onwards, one day apart, so every change is due today
and after the project's imported entry. Rows go round by round (every project's first change,
then every second change, ...) so a project's changes are queued in date order. Each row has
a unique key. REQUESTED.tsv lists the same changes for `\\copy chaos.requested_status`.
"""
import argparse
import csv
import datetime
import random
import sys

NEXT = {
    "committed": ["ongoing", "suspended"],
    "ongoing": ["suspended"],
    "suspended": ["committed", "ongoing"],
}
LAST_EXTRA = {"ongoing": ["finished", "cancelled"]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("projects")
    parser.add_argument("changes")
    parser.add_argument("requested")
    parser.add_argument("--per-project", type=int, required=True)
    parser.add_argument("--scenario", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.projects, newline="", encoding="utf-8") as handle:
        projects = [(row["code"], row["status"]) for row in csv.DictReader(handle)]
    base = datetime.date(2025, 1, 1)
    walks = []
    for code, status in projects:
        if status not in NEXT:
            sys.exit(f"gen_changes.py: {code} is {status}; generate the projects with --status committed")
        steps = []
        for i in range(args.per_project):
            choices = list(NEXT[status])
            if i == args.per_project - 1:
                choices += LAST_EXTRA.get(status, [])
            status = rng.choice(choices)
            steps.append(status)
        walks.append((code, steps))
    with open(args.changes, "w", newline="", encoding="utf-8") as out, \
            open(args.requested, "w", newline="", encoding="utf-8") as req:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "status", "effective_date", "note", "key"])
        for i in range(args.per_project):
            effective = (base + datetime.timedelta(days=i)).isoformat()
            for code, steps in walks:
                key = f"{args.scenario}:{code}:{i + 1}"
                note = f"chaos {args.scenario} step {i + 1}"
                writer.writerow([code, steps[i], effective, note, key])
                req.write("\t".join([args.scenario, "job", code, steps[i], effective, key, note]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
