#!/usr/bin/env python3
"""The JSON of Scripts/chaos.sh: every scenario's figures and the summary, written with the json module.

    results.py record FILE FIELD...
        Writes one JSON object to FILE, the fields in the order given. A FIELD is
            key=TEXT          a string
            key:int=N         a whole number
            key:num=N         a number (whole when written without a point)
            key:bool=B        true or false
            key:ints=N N ...  a list of whole numbers (blank: an empty list)
            key:nums=N N ...  a list of numbers
            key:obj=          an empty object (filled by later dotted keys)
            key:json@PATH     the JSON held in PATH; null when PATH is empty or missing
            key:table@PATH    the lines `name|count|...` of PATH (psql -At -F '|') as an object
                              {name: count}; null when PATH is empty or missing
        A dotted key (a.b.c) puts the value in nested objects.

    results.py collect FOLDER OUT MODE TOTAL_SECONDS FAILED COMMIT DURATIONS
        Gathers FOLDER/N.json of every scenario into OUT with the run's summary; DURATIONS is
        `N=seconds,N=seconds...` (the time each scenario took).
"""
import datetime
import json
import os
import sys


def number(text):
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        return float(text)


def read_json(path):
    if not path or not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def read_table(path):
    if not path or not os.path.exists(path):
        return None
    table = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            fields = line.rstrip("\n").split("|")
            if len(fields) >= 2:
                try:
                    table[fields[0]] = number(fields[1])
                except ValueError:
                    table[fields[0]] = fields[1]
    return table


def boolean(text):
    if text not in ("true", "false"):
        raise ValueError(f"not true or false: {text!r}")
    return text == "true"


KINDS = {
    "int": int,
    "num": number,
    "bool": boolean,
    "ints": lambda text: [int(n) for n in text.replace(",", " ").split()],
    "nums": lambda text: [number(n) for n in text.replace(",", " ").split()],
    "obj": lambda text: {},
}
FILE_KINDS = {"json": read_json, "table": read_table}


def field(spec):
    """key, value of one FIELD argument."""
    if "=" in spec and "@" not in spec.split("=", 1)[0]:
        name, text = spec.split("=", 1)
        key, _, kind = name.partition(":")
        return key, (KINDS[kind](text) if kind else text)
    name, path = spec.split("@", 1)
    key, _, kind = name.partition(":")
    return key, FILE_KINDS[kind](path)


def record(path, specs):
    result = {}
    for spec in specs:
        key, value = field(spec)
        *parents, last = key.split(".")
        target = result
        for parent in parents:
            target = target.setdefault(parent, {})
        if isinstance(value, dict) and isinstance(target.get(last), dict):
            continue  # key:obj= after its contents: keep them
        target[last] = value
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(result, handle)
        handle.write("\n")


def collect(folder, out, mode, total, failed, commit, durations):
    scenarios = {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name)) as handle:
            try:
                scenarios[name[:-5]] = json.load(handle)
            except json.JSONDecodeError as error:
                scenarios[name[:-5]] = {"unreadable": str(error)}
    for item in filter(None, durations.split(",")):
        key, seconds = item.split("=")
        scenarios.setdefault(key, {})["scenario_seconds"] = float(seconds)
    result = {"mode": mode, "commit": commit,
              "finished_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
              "total_seconds": int(total), "ok": failed == "0", "scenarios": scenarios}
    with open(out, "w") as handle:
        json.dump(result, handle, indent=2)


def main(argv):
    if len(argv) >= 2 and argv[0] == "record":
        record(argv[1], argv[2:])
    elif len(argv) == 8 and argv[0] == "collect":
        collect(*argv[1:])
    else:
        print(__doc__, file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
