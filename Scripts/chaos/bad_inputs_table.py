#!/usr/bin/env python3
"""Writes Scripts/chaos/bad_inputs.json, the one table of bad input for the `portfolio` and
`portfolio-worker` executables that both of its runners read:

  - scenario 4 of Scripts/chaos.sh (Scripts/chaos/bad_inputs.py) runs every case whose `chaos`
    is true, one after the other on one database holding its fixture projects;
  - the Swift suite (Tests/EndToEndTests/BadInputTests.swift) runs every case whose `swift` names
    one of its tests, each on a fresh database holding the sample portfolio.

A case both run is written once. The cases are written here, as code, because many of them come
in families (one bad value at a time, each setting of the worker, each path); this program lays
them out one by one and a test (BadInputTests, "the table is what its generator writes") fails
when the committed file is not what it writes.

    bad_inputs_table.py            writes the table
    bad_inputs_table.py --check    exits 1 when the committed table differs from what it would write

The fields of a case:
  label, group        what it is, and the kind of input (args, files, paths, config, worker,
                      streams, output, values, flags, database, codes)
  chaos, swift        whether scenario 4 runs it; the Swift test that runs it, or null
  program, args       `portfolio` or `portfolio-worker`, and its arguments
  exit, stderr_lines  the exit code of the contract (Sources/PortfolioStore/Support/ExitStatus.swift:
                      usage 64, data 65, no input 66, unavailable 69, output 74, conflict 75,
                      permission 77, 141 for a reader that closed the pipe) and how many lines,
                      each starting with `error: `, stderr must hold
  mentions, avoids    texts stderr must hold, and must not hold (secrets)
  files               written into the case's folder first: {path, text} or {path, base64}
  setup               commands of the same program that must succeed before the run
  env                 extra environment; null removes a variable
  shell               redirections the program runs under (`exec "$@" REDIRECTIONS` in /bin/sh)
  closed_pipe         stdout is a pipe whose reader has gone (SIGPIPE ignored)
  limit_file_size     the program runs under a 4 KiB file size limit

Placeholders, in args, env, files, mentions and avoids, are replaced by each runner: $DIR the
case's folder; $PLEDGED, $ONGOING, $FINISHED (and $..._LOWER, in lower case) the codes of
projects with that status (`fixtures` below: the chaos runner adds its own, the Swift one uses
the sample's); and, in the chaos run only, $PORT, $DB, $APP_PW, $EMPTY_URL (a database never
migrated), $READER_URL (a role that may only read) and $HELD_ADDRESS (an address another
listener holds).
"""
import base64
import json
import os
import sys

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad_inputs.json")

USAGE, DATA, NOINPUT, UNAVAILABLE, IOERR, CONFLICT, NOPERM, BROKEN_PIPE = 64, 65, 66, 69, 74, 75, 77, 141

# Projects of a known status: the placeholders, and what each runner puts in their place.
PLEDGED, ONGOING, FINISHED = "$PLEDGED", "$ONGOING", "$FINISHED"
PLEDGED_LOWER, ONGOING_LOWER, FINISHED_LOWER = "$PLEDGED_LOWER", "$ONGOING_LOWER", "$FINISHED_LOWER"
FIXTURES = {
    "chaos": {"PLEDGED": "BAD-PLG", "ONGOING": "BAD-ONG", "FINISHED": "BAD-FIN"},
    "swift": {"PLEDGED": "ILL-EN-09", "ONGOING": "ILL-EN-05", "FINISHED": "ILL-EN-01"},
}


def case(group, label, args, code, *, chaos=False, swift=None, program="portfolio", files=None, env=None, lines=None,
         shell=None, closed_pipe=False, limit_file_size=False, forbid=(), mentions=(), setup=()):
    def file(path, data):
        try:
            return {"path": path, "text": data.decode("utf-8")}
        except UnicodeDecodeError:
            return {"path": path, "base64": base64.b64encode(data).decode("ascii")}
    return {
        "label": label, "group": group, "chaos": chaos, "swift": swift, "program": program, "args": list(args),
        "exit": code, "stderr_lines": (0 if code == BROKEN_PIPE else 1) if lines is None else lines,
        "mentions": list(mentions), "avoids": list(forbid),
        "files": [file(path, data) for path, data in (files or {}).items()],
        "setup": [list(step) for step in setup], "env": dict(env or {}),
        "shell": shell, "closed_pipe": closed_pipe, "limit_file_size": limit_file_size,
    }


HEADER = "code,name,sector,status,value,currency,value_date,lenders,start_date,end_date,location"


def row(code, name="Test Plant", sector="energy", status="pledged", value="1000000.00", currency="USD",
        value_date="2024-01-02", lenders="China Development Bank=100", start="", end="", location="Minsk"):
    return ",".join([code, name, sector, status, value, currency, value_date, lenders, start, end, location])


def csv_file(*lines):
    return ("\n".join(lines) + "\n").encode()


def add_args(**changes):
    """A valid `project add`, with flags replaced (None leaves a flag out)."""
    base = [("--code", "BAD-NEW-01"), ("--name", "New Plant"), ("--sector", "energy"), ("--status", "pledged"),
            ("--value", "1000000"), ("--currency", "USD"), ("--value-date", "2024-01-02"),
            ("--lender", "China Development Bank=100")]
    args = ["project", "add"]
    for flag, value in base:
        key = flag[2:].replace("-", "_")
        if key in changes:
            if changes[key] is not None:
                args += [flag, changes[key]]
        else:
            args += [flag, value]
    return args


def chaos_cases():
    """Scenario 4 of Scripts/chaos.sh: one database with the fixtures of bad_inputs.py, every case in turn."""
    out = []

    def c(group, label, args, code, **kw):
        out.append(case(group, label, args, code, chaos=True, **kw))

    # -- project add: one bad value at a time ----------------------------------------------------
    bad_values = ["", "   ", "NaN", "nan", "Infinity", "-Infinity", "1e9", "1E3", "12abc", "abc", "1,00,000",
                  "1.000.00", "+5", "0x1F", "１２３", "1 000", "1000.123", "99999999999999999999",
                  "92233720368547758.08", "1..0", ".", ",", "1,", "--1", "1-", "½", "1_000", "$100", "100 USD",
                  "1\t000", "٣"]
    for v in bad_values:
        # A value starting with '-' must be attached (--value=-5), or it reads as a flag (64).
        args = add_args(value=None) + [f"--value={v}"] if v.startswith("-") else add_args(value=v)
        c("args", f"project add --value {v!r}", args, DATA)
    c("args", "project add --value -5 (reads as a flag: usage)", add_args(value=None) + ["--value", "-5"], USAGE)
    c("args", "project add --value=-5", add_args(value=None) + ["--value=-5"], DATA)
    c("args", "project add --value 1000.5 in JPY", add_args(value="1000.5", currency="JPY"), DATA)
    c("args", "project add --value 1.001 in KWD", add_args(value="1.0001", currency="KWD"), DATA)
    for cur in ["XYZ", "US", "USDD", "", "U$D", "123", "€"]:
        c("args", f"project add --currency {cur!r}", add_args(currency=cur), DATA)
    for d in ["2026-02-30", "2026-13-01", "20260101", "1899-12-31", "2026-02-29", "2026-01-01T00:00:00Z", "2026-1-1",
              "2201-01-01", "", "yesterday", "2026/01/01", "01-02-2024", "2024-00-10", "2024-01-00", "２０２４-01-02"]:
        c("args", f"project add --value-date {d!r}", add_args(value_date=d), DATA)
    for code in ["", "NEW 01", "A" * 33, "X'); DROP TABLE projects;--", "new/01", "ÄÖÜ-1", "a\nb", "semi;colon", "tab\tcode"]:
        c("args", f"project add --code {code!r}", add_args(code=code), DATA)
    for name in ["", "   ", "n" * 301, "Bell\x07Plant", "Two\nLines", "Esc\x1b[31m", "Null\x01Byte"]:
        c("args", f"project add --name {name[:20]!r}", add_args(name=name), DATA)
    for sector in ["mining", "Energy!", "", "en ergy", "energy; DROP TABLE sectors", "e" * 40]:
        c("args", f"project add --sector {sector!r}", add_args(sector=sector), DATA)
    for status in ["done", "on going", "Ongoing!", "finished?", "0"]:
        c("args", f"project add --status {status!r}", add_args(status=status), DATA)
    lender_cases = {
        "shares 60+30": ["China Development Bank=60", "Bank of China=30"],
        "shares 60+50": ["China Development Bank=60", "Bank of China=50"],
        "same lender twice": ["Bank of China=50", "Bank of China=50"],
        "same lender twice, other case": ["Bank of China=50", "BANK OF CHINA=50"],
        "one share missing": ["Bank of China=50", "Other Bank"],
        "three decimals": ["Bank of China=33.333", "Other Bank=66.667"],
        "share above 100": ["Bank of China=101"],
        "share of 0": ["Bank of China=0", "Other Bank=100"],
        "no name": ["=100"],
        "share not a number": ["Bank of China=all"],
        "joined with ;": ["Bank of China=50;Other Bank=50"],
        "empty": [""],
        "negative share": ["Bank of China=-10", "Other Bank=110"],
        "share NaN": ["Bank of China=NaN"],
        "name of 201 characters": ["L" * 201 + "=100"],
    }
    for label, lenders in lender_cases.items():
        args = add_args(lender=None)
        for lender in lenders:
            args += ["--lender", lender]
        c("args", f"project add lenders: {label}", args, DATA)
    c("args", "project add: start 2025-02-29", add_args() + ["--start", "2025-02-29"], DATA)
    c("args", "project add: end before start", add_args() + ["--start", "2026-01-01", "--end", "2025-12-31"], DATA)
    c("args", "project add: location of 201 characters", add_args() + ["--location", "l" * 201], DATA)
    c("args", "project add: description of 2001 characters", add_args() + ["--description", "d" * 2001], DATA)
    c("args", "project add: code of an existing project", add_args(code=ONGOING), DATA)
    for flag in ["code", "name", "sector", "value", "currency"]:
        c("args", f"project add: missing --{flag}", add_args(**{flag: None}), USAGE)
    c("args", "project add: no --lender", add_args(lender=None), USAGE)
    c("args", "project add: --value without a value", add_args(value=None) + ["--value"], USAGE)
    c("args", "project add: unknown flag", add_args() + ["--colour", "red"], USAGE)
    c("args", "project add: --format yaml", add_args() + ["--format", "yaml"], USAGE)

    # -- project update, show, list, export --------------------------------------------------------
    upd = ["project", "update", ONGOING]
    c("args", "update: unknown code", ["project", "update", "NOPE-1", "--name", "X"], DATA)
    c("args", "update: no field", upd, USAGE)
    c("args", "update: no code", ["project", "update"], USAGE)
    c("args", "update: --currency without --value", upd + ["--currency", "EUR"], USAGE)
    c("args", "update: --expect-version 0", upd + ["--name", "X", "--expect-version", "0"], USAGE)
    c("args", "update: --expect-version -3", upd + ["--name", "X", "--expect-version=-3"], USAGE)
    c("args", "update: --expect-version two", upd + ["--name", "X", "--expect-version", "two"], USAGE)
    c("args", "update: --expect-version far ahead (75)", upd + ["--name", "Future", "--expect-version", "999"], CONFLICT)
    c("args", "update: stale --expect-version 1 (75)", upd + ["--location", "Stale", "--expect-version", "1"], CONFLICT)
    for v in ["NaN", "-1", "1e9", "99999999999999999999", "12abc"]:
        c("args", f"update: --value {v!r}", upd + [f"--value={v}"], DATA)
    c("args", "update: --value= (no value: usage)", upd + ["--value="], USAGE)
    c("args", "update: unknown currency", upd + ["--value", "1", "--currency", "XXX"], DATA)
    c("args", "update: unknown sector", upd + ["--sector", "mining"], DATA)
    c("args", "update: malformed sector", upd + ["--sector", "Bad!"], DATA)
    c("args", "update: empty name", upd + ["--name", ""], DATA)
    c("args", "update: impossible start", upd + ["--start", "2026-02-30"], DATA)
    c("args", "update: end before start", upd + ["--start", "2020-01-01", "--end", "2010-01-01"], DATA)
    c("args", "update: shares 60+30", upd + ["--lender", "China Development Bank=60", "--lender", "Bank of China=30"], DATA)
    c("args", "update: lender joined with ;", upd + ["--lender", "A=50;B=50"], DATA)
    c("args", "update: location of 201", upd + ["--location", "l" * 201], DATA)
    c("args", "update: --status is not a field", upd + ["--status", "finished"], USAGE)
    c("args", "show: unknown code", ["project", "show", "NOPE-1"], DATA)
    c("args", "show: code full of SQL", ["project", "show", "x' OR '1'='1"], DATA)
    c("args", "show: code in the wrong case", ["project", "show", ONGOING_LOWER], DATA)
    c("args", "show: no code", ["project", "show"], USAGE)
    c("args", "show: --format xml", ["project", "show", ONGOING, "--format", "xml"], USAGE)
    c("args", "list: unknown status", ["project", "list", "--status", "done"], DATA)
    c("args", "list: malformed sector", ["project", "list", "--sector", "Bad!"], DATA)
    c("args", "list: --format pdf", ["project", "list", "--format", "pdf"], USAGE)
    c("args", "list: extra argument", ["project", "list", "energy"], USAGE)
    c("args", "export: --format xml", ["project", "export", "--format", "xml"], USAGE)

    # -- status set and history ----------------------------------------------------------------------
    c("args", "status set: unknown code", ["status", "set", "NOPE-1", "committed"], DATA)
    c("args", "status set: unknown code, future", ["status", "set", "NOPE-1", "committed", "--effective", "2099-01-01"], DATA)
    c("args", "status set: invalid status", ["status", "set", ONGOING, "completed"], DATA)
    c("args", "status set: empty status", ["status", "set", ONGOING, ""], DATA)
    c("args", "status set: finished -> ongoing unforced", ["status", "set", FINISHED, "ongoing"], DATA)
    c("args", "status set: --force without --note", ["status", "set", FINISHED, "ongoing", "--force"], DATA)
    c("args", "status set: --force with blank note", ["status", "set", FINISHED, "ongoing", "--force", "--note", "  "], DATA)
    c("args", "status set: to the status it has", ["status", "set", ONGOING, "ongoing"], DATA)
    c("args", "status set: pledged -> ongoing", ["status", "set", PLEDGED, "ongoing"], DATA)
    c("args", "status set: pledged -> suspended", ["status", "set", PLEDGED, "suspended"], DATA)
    c("args", "status set: pledged -> finished", ["status", "set", PLEDGED, "finished"], DATA)
    for d in ["2026-02-30", "tomorrow", "2026-1-1", "", "2201-01-01"]:
        c("args", f"status set: --effective {d!r}", ["status", "set", ONGOING, "finished", "--effective", d], DATA)
    c("args", "status set: --effective before the last change", ["status", "set", ONGOING, "finished", "--effective", "2010-01-01"], DATA)
    c("args", "status set: scheduled before one already scheduled later",
      ["status", "set", ONGOING, "finished", "--effective", "2098-01-01"], DATA)
    c("args", "status set: note with an escape", ["status", "set", ONGOING, "finished", "--note", "done\x1b[31m"], DATA)
    c("args", "status set: note of 2001", ["status", "set", ONGOING, "finished", "--note", "x" * 2001], DATA)
    c("args", "status set: missing status", ["status", "set", ONGOING], USAGE)
    c("args", "status set: unknown flag", ["status", "set", ONGOING, "finished", "--when", "now"], USAGE)
    c("args", "status history: unknown code", ["status", "history", "NOPE-1"], DATA)
    c("args", "status history: --format csv", ["status", "history", ONGOING, "--format", "csv"], USAGE)

    # -- reference data, reports, rollups, jobs ------------------------------------------------------
    c("args", "lender add: existing, other case", ["lender", "add", "china development bank"], DATA)
    c("args", "lender add: country CHN", ["lender", "add", "New Bank", "--country", "CHN"], DATA)
    c("args", "lender add: kind bank", ["lender", "add", "New Bank", "--kind", "bank"], DATA)
    c("args", "lender add: empty name", ["lender", "add", ""], DATA)
    c("args", "lender add: name with =", ["lender", "add", "Bank=50"], DATA)
    c("args", "lender add: name with a line break", ["lender", "add", "Two\nLines Bank"], DATA)
    c("args", "sector add: existing", ["sector", "add", "energy", "Energy again"], DATA)
    c("args", "sector add: accented code", ["sector", "add", "énergie", "Énergie"], DATA)
    c("args", "sector add: code with a space", ["sector", "add", "deep mining", "Mining"], DATA)
    c("args", "sector add: DAC of two digits", ["sector", "add", "mining", "Mining", "--dac", "32"], DATA)
    c("args", "sector add: DAC with letters", ["sector", "add", "mining", "Mining", "--dac", "3a2"], DATA)
    c("args", "sector add: missing name", ["sector", "add", "mining"], USAGE)
    for label, args in {"rate 0": ["CNY", "2024-01-02", "0"], "rate NaN": ["CNY", "2024-01-02", "NaN"],
                        "rate 1e3": ["CNY", "2024-01-02", "1e3"], "rate letters": ["CNY", "2024-01-02", "abc"],
                        "unknown currency": ["XXX", "2024-01-02", "0.14"], "impossible date": ["CNY", "2024-02-30", "0.14"],
                        "USD into USD": ["USD", "2024-01-02", "1"], "empty rate": ["CNY", "2024-01-02", ""]}.items():
        c("args", f"fx set: {label}", ["fx", "set"] + args, DATA)
    c("args", "fx set: negative rate", ["fx", "set", "--", "CNY", "2024-01-02", "-0.14"], DATA)
    c("args", "fx set: unknown --quote", ["fx", "set", "CNY", "2024-01-02", "0.14", "--quote", "ZZZ"], DATA)
    c("args", "fx set: missing rate", ["fx", "set", "CNY", "2024-01-02"], USAGE)
    for amount, cur in [("0", "USD"), ("NaN", "USD"), ("8000000000.001", "USD"), ("99999999999999999999", "USD"),
                        ("8000000000", "ABC"), ("-1", "USD"), ("", "USD")]:
        c("args", f"target set: {amount!r} {cur}", ["target", "set", "--", amount, cur], DATA)
    c("args", "report: unknown kind", ["report", "regions"], USAGE)
    c("args", "report: --format pdf", ["report", "sectors", "--format", "pdf"], USAGE)
    c("args", "report: --as-of 2026-02-30", ["report", "sectors", "--as-of", "2026-02-30"], DATA)
    c("args", "report: --currency XYZ", ["report", "progress", "--currency", "XYZ"], DATA)
    c("args", "rollup show: no such id", ["rollup", "show", "99999999"], DATA)
    c("args", "rollup show: id not a number", ["rollup", "show", "latest"], USAGE)
    c("args", "rollup diff: no such ids", ["rollup", "diff", "99999998", "99999999"], DATA)
    c("args", "jobs list: unknown state (a closed list of choices: usage)", ["jobs", "list", "--state", "sleeping"], USAGE)
    c("args", "jobs retry: id not a number", ["jobs", "retry", "x"], USAGE)
    c("args", "unknown command", ["frobnicate"], USAGE)
    c("args", "unknown project subcommand", ["project", "delete", ONGOING], USAGE)
    c("args", "unknown status subcommand", ["status", "undo", ONGOING], USAGE)
    c("args", "unknown global flag", ["--verbose", "project", "list"], USAGE)
    c("args", "unknown flag on list", ["project", "list", "--country", "CN"], USAGE)

    # -- project import files, one problem each ----------------------------------------------------
    def imp(label, data, code=DATA, lines=1, command=("project", "import")):
        c("files", f"{' '.join(command)}: {label}", list(command) + ["$DIR/in.csv"], code, files={"in.csv": data}, lines=lines)

    imp("empty file", b"")
    imp("unknown header column", csv_file(HEADER + ",colour", row("BAD-I-1") + ",red"))
    imp("header without lenders", csv_file(HEADER.replace(",lenders", ""), "BAD-I-1,P,energy,pledged,1,USD,2024-01-02,,,X"))
    imp("header repeats a column", csv_file(HEADER + ",name", row("BAD-I-1") + ",Again"))
    imp("header with a misspelt column (unknown, and the real one missing)",
        csv_file(HEADER.replace("currency", "curency"), row("BAD-I-1")), lines=2)
    imp("value NaN", csv_file(HEADER, row("BAD-I-1"), row("BAD-I-2", value="NaN")))
    imp("value 1e9", csv_file(HEADER, row("BAD-I-1", value="1e9")))
    imp("value -5", csv_file(HEADER, row("BAD-I-1", value="-5")))
    imp("value oversized", csv_file(HEADER, row("BAD-I-1", value="99999999999999999999")))
    imp("value with three decimals", csv_file(HEADER, row("BAD-I-1", value="1.001")))
    imp("unknown sector", csv_file(HEADER, row("BAD-I-1", sector="mining")))
    imp("unknown status", csv_file(HEADER, row("BAD-I-1", status="done")))
    imp("unknown currency", csv_file(HEADER, row("BAD-I-1", currency="XYZ")))
    imp("impossible date", csv_file(HEADER, row("BAD-I-1", value_date="2026-02-30")))
    imp("end before start", csv_file(HEADER, row("BAD-I-1", start="2026-01-01", end="2025-01-01")))
    imp("shares 90%", csv_file(HEADER, row("BAD-I-1", lenders="China Development Bank=60;Bank of China=30")))
    imp("same lender twice", csv_file(HEADER, row("BAD-I-1", lenders="Bank of China=50;bank of china=50")))
    imp("no lenders", csv_file(HEADER, row("BAD-I-1", lenders="")))
    imp("duplicate code in the file", csv_file(HEADER, row("BAD-I-1"), row("BAD-I-2"), row("BAD-I-1")))
    imp("code already in the database", csv_file(HEADER, row("BAD-I-1"), row(ONGOING)))
    imp("code with SQL", csv_file(HEADER, row("X';DROP-TABLE")))
    imp("unterminated quote", csv_file(HEADER, row("BAD-I-1"), 'BAD-I-2,"Open Quote,energy,pledged,1,USD,2024-01-02,A=100,,,X'))
    imp("quote inside an unquoted field", csv_file(HEADER, row("BAD-I-1", name='Pla"nt'), row("BAD-I-2")))
    imp("text after a closing quote", csv_file(HEADER, row("BAD-I-1", name='"Plant" B')))
    imp("too few fields", csv_file(HEADER, row("BAD-I-1"), "BAD-I-2,Short,energy"))
    imp("too many fields", csv_file(HEADER, row("BAD-I-1") + ",extra"))
    imp("invalid UTF-8", HEADER.encode() + b"\n" + row("BAD-I-1").encode() + b"\nBAD-I-2,Bad \xff\xfe\xc3( Bytes,energy,pledged,1000.00,USD,2024-01-02,China Development Bank=100,,,Minsk\n")
    imp("a NUL byte in a name", csv_file(HEADER, row("BAD-I-1", name="Nul\x00Plant")))
    imp("name of 301 characters", csv_file(HEADER, row("BAD-I-1", name="n" * 301)))
    imp("two bad rows (two lines)", csv_file(HEADER, row("BAD-I-1", value="NaN"), row("BAD-I-2", value="1e9")), lines=2)
    imp("dry run, bad value", csv_file(HEADER, row("BAD-I-1", value="1e9")), command=("project", "import", "--dry-run"))
    imp("sample load --file, bad value", csv_file(HEADER, row("BAD-I-1", value="1e9")), command=("sample", "load", "--file"))

    # -- status import files -----------------------------------------------------------------------
    sh = "code,status,effective_date,note,key"

    def simp(label, data, lines=1):
        c("files", f"status import: {label}", ["status", "import", "$DIR/in.csv"], DATA, files={"in.csv": data}, lines=lines)

    simp("empty file", b"")
    simp("header lacks status", csv_file("code,effective_date,note,key", f"{ONGOING},2026-01-01,,"))
    simp("unknown column", csv_file(sh + ",colour", f"{ONGOING},finished,2026-01-01,,,red"))
    simp("unknown code", csv_file(sh, "NOPE-1,finished,2026-01-01,,"))
    simp("empty code", csv_file(sh, ",finished,2026-01-01,,"))
    simp("unknown status", csv_file(sh, f"{ONGOING},done,2026-01-01,,"))
    simp("impossible date", csv_file(sh, f"{ONGOING},finished,2026-02-30,,"))
    simp("date with a time", csv_file(sh, f"{ONGOING},finished,2026-01-01T10:00,,"))
    simp("too few fields", csv_file(sh, f"{ONGOING},finished"))
    simp("too many fields", csv_file(sh, f"{ONGOING},finished,2026-01-01,,,extra"))
    simp("note of 2001", csv_file(sh, f"{ONGOING},finished,2026-01-01,{'x' * 2001},"))
    simp("key of 201", csv_file(sh, f"{ONGOING},finished,2026-01-01,,{'k' * 201}"))
    simp("unterminated quote", csv_file(sh, f'{ONGOING},finished,2026-01-01,"open note,'))
    simp("invalid UTF-8", sh.encode() + b"\n" + ONGOING.encode() + b",finished,2026-01-01,bad \xff\xfe note,\n")
    simp("code with SQL", csv_file(sh, "x' OR '1'='1,finished,2026-01-01,,"))
    # Rows the worker would refuse are refused before anything is queued.
    simp("one key on two rows", csv_file(sh, f"{PLEDGED},committed,2026-01-01,,k1", f"{FINISHED},cancelled,2026-01-01,,k1"))
    simp("forbidden after an earlier row", csv_file(sh, f"{PLEDGED},committed,2026-01-01,,", f"{PLEDGED},finished,2026-01-02,,"))
    simp("forbidden from the database's status", csv_file(sh, f"{FINISHED},ongoing,2026-01-01,,"))
    simp("the same change twice", csv_file(sh, f"{PLEDGED},committed,2026-01-01,,", f"{PLEDGED},committed,2026-01-02,,"))
    simp("rows followed in date order, not file order",
         csv_file(sh, f"{PLEDGED},committed,2026-03-01,,", f"{PLEDGED},cancelled,2026-01-01,,"))
    simp("before the last recorded change", csv_file(sh, f"{PLEDGED},committed,2010-01-01,,"))
    simp("before a change already scheduled", csv_file(sh, f"{ONGOING},finished,2030-01-01,,"))

    # -- fx import files ---------------------------------------------------------------------------
    def fimp(label, data, lines=1):
        c("files", f"fx import: {label}", ["fx", "import", "$DIR/in.csv"], DATA, files={"in.csv": data}, lines=lines)

    fimp("empty file", b"")
    fimp("unknown column", csv_file("currency,date,rate,colour", "CNY,2024-01-02,0.14,red"))
    fimp("missing rate column", csv_file("currency,date", "CNY,2024-01-02"))
    fimp("unknown currency", csv_file("currency,date,rate", "XXX,2024-01-02,0.14"))
    fimp("impossible date", csv_file("currency,date,rate", "EUR,2024-02-30,1.08"))
    fimp("rate 0", csv_file("currency,date,rate", "CNY,2024-01-03,0"))
    fimp("rate NaN", csv_file("currency,date,rate", "CNY,2024-01-03,NaN"))
    fimp("negative rate", csv_file("currency,date,rate", "CNY,2024-01-03,-1"))
    fimp("USD into USD", csv_file("currency,date,rate", "USD,2024-01-03,1"))
    fimp("too many fields", csv_file("currency,date,rate", "CNY,2024-01-03,0.14,USD,extra"))
    fimp("two bad rows", csv_file("currency,date,rate", "XXX,2024-01-02,0.14", "CNY,2024-01-03,0"), lines=2)
    fimp("13 decimals", csv_file("currency,date,rate", "CNY,2024-01-03,0.1408000000001"))
    fimp("19 integer digits", csv_file("currency,date,rate", "CNY,2024-01-03,1000000000000000000"))
    fimp("one currency and date twice", csv_file("currency,date,rate", "CNY,2024-01-02,0.14", "CNY,2024-01-02,0.15"))
    fimp("one key twice, the default quote written out",
         csv_file("currency,date,rate,quote", "CNY,2024-01-02,0.14,", "CNY,2024-01-02,0.14,USD"))
    for label, rate in [("13 decimals", "0.1408000000001"), ("rounds to 0 at 12 decimals", "0.0000000000006"),
                        ("19 integer digits", "1000000000000000000"), ("40 integer digits", "7" * 40),
                        ("leading +", "+0.14"), ("exponent", "1.4E-1"), ("inner space", "0. 14")]:
        c("args", f"fx set: {label}", ["fx", "set", "CNY", "2024-01-02", rate], DATA)
    c("args", "fx set: -0", ["fx", "set", "--", "CNY", "2024-01-02", "-0"], DATA)

    # -- missing and unreadable paths (root reads anything: use folders and missing paths) -----------
    for command in [["project", "import"], ["project", "import", "--dry-run"], ["status", "import"], ["fx", "import"],
                    ["sample", "load", "--file"]]:
        name = " ".join(command)
        c("paths", f"{name}: missing file", command + ["$DIR/nope.csv"], NOINPUT)
        c("paths", f"{name}: a folder", command + ["$DIR"], NOINPUT)
        c("paths", f"{name}: inside a missing folder", command + ["$DIR/no/such/dir/in.csv"], NOINPUT)
        c("paths", f"{name}: a file name with a line break, missing", command + ["$DIR/two\nlines.csv"], NOINPUT)
    c("paths", "sample load: PORTFOLIO_SAMPLE missing", ["sample", "load"], NOINPUT,
      env={"PORTFOLIO_SAMPLE": "/nonexistent/sample-portfolio.csv"})
    c("paths", "project import: no file argument", ["project", "import"], USAGE)

    # -- the CLI's database settings -----------------------------------------------------------------
    good_add = ["project", "add", "--code", "BAD-DB-1", "--name", "X", "--sector", "energy", "--value", "1",
                "--currency", "USD", "--lender", "A"]
    for label, url, code in [
        ("not a URL", "this is not a url", USAGE),
        ("unknown scheme", "mysql://u:pw@127.0.0.1/db", USAGE),
        ("unknown URL option", f"postgresql://127.0.0.1:$PORT/$DB?colour=red", USAGE),
        ("nothing listening", "postgresql://u:Wrong-pw-1@127.0.0.1:1/x", UNAVAILABLE),
        ("wrong password", f"postgresql://portfolio_app:Wrong-pw-2@127.0.0.1:$PORT/$DB", UNAVAILABLE),
        ("unknown role", f"postgresql://nobody_here:Wrong-pw-3@127.0.0.1:$PORT/$DB", UNAVAILABLE),
        ("unknown database", f"postgresql://portfolio_app:$APP_PW@127.0.0.1:$PORT/no_such_db", UNAVAILABLE),
        ("unresolvable host", f"postgresql://u:Wrong-pw-4@no-such-host.invalid:$PORT/$DB", UNAVAILABLE),
    ]:
        c("config", f"DATABASE_URL {label}", good_add, code, env={"DATABASE_URL": url})
        c("config", f"--database-url {label}", ["project", "list", "--database-url", url], code)
    # URLs libpq would read differently from RFC 3986: refused before connecting, no fragment shown.
    for label, userinfo in [("second @", "u:zq7@wv9"), ("/ in the password", "u:zq7/wv9"),
                            ("? in the password", "u:zq7?wv9"), ("# in the password", "u:zq7#wv9")]:
        url = f"postgresql://{userinfo}@127.0.0.1:$PORT/$DB"
        c("config", f"DATABASE_URL with a {label}", ["project", "list"], USAGE, env={"DATABASE_URL": url}, forbid=["zq7", "wv9"])
        c("config", f"worker: DATABASE_URL with a {label}", ["--once", "--http-address", "off"], USAGE,
          program="portfolio-worker", env={"DATABASE_URL": url}, forbid=["zq7", "wv9"])
    c("config", "PGPORT nothing listening, no DATABASE_URL", ["project", "list"], UNAVAILABLE,
      env={"DATABASE_URL": None, "PGHOST": "127.0.0.1", "PGPORT": "1", "PGUSER": "x", "PGPASSWORD": "Wrong-pw-5"})

    # -- the worker's settings ---------------------------------------------------------------------
    def w(label, code, args=(), env=None, files=None):
        c("worker", f"worker: {label}", ["--once", *args], code, program="portfolio-worker", env=env or {}, files=files)

    for name, values in {
        "PORTFOLIO_WORKER_CONCURRENCY": ["0", "65", "-1", "two", "1.5"],
        "PORTFOLIO_WORKER_BATCH_SIZE": ["0", "1001", "x", "-5"],
        "PORTFOLIO_ROLLUP_INTERVAL": ["0", "-5", "abc", "1y", "99999999999999s", "0s", "400d"],
        "PORTFOLIO_WORKER_LEASE": ["0", "soon", "-1s"],
        "PORTFOLIO_WORKER_POLL_INTERVAL": ["0ms", "fast"],
        "PORTFOLIO_JOBS_RETENTION": ["forever", "0"],
        "PORTFOLIO_LEADER_LEASE": ["0", "x"],
        "PORTFOLIO_HTTP_ADDRESS": ["localhost", "127.0.0.1:99999", "127.0.0.1:-1", ":", "[::1", "127.0.0.1:http"],
        "PORTFOLIO_LOG_FORMAT": ["xml", "JSONL"],
        "PORTFOLIO_WORKER_QUEUES": [",,,", "q" * 101],
    }.items():
        for value in values:
            w(f"{name}={value!r}", USAGE, env={name: value})
    for args in [["--concurrency", "0"], ["--concurrency", "abc"], ["--batch-size", "0"], ["--rollup-interval", "0s"],
                 ["--rollup-interval", "sometimes"], ["--http-address", "localhost"], ["--log-format", "yaml"],
                 ["--queues", ",,"], ["--frobnicate"], ["extra-argument"], ["--concurrency"]]:
        w(" ".join(args), USAGE, args=args)
    w("--config missing file", NOINPUT, args=["--config", "$DIR/nope.json"])
    w("--config is not JSON", USAGE, args=["--config", "$DIR/bad.json"], files={"bad.json": b"{ this is not json"})
    w("--config with a bad interval", USAGE, args=["--config", "$DIR/bad.json"],
      files={"bad.json": b'{"portfolio": {"rollup": {"interval": "never"}}}'})
    w("--config with concurrency 0", USAGE, args=["--config", "$DIR/bad.json"],
      files={"bad.json": b'{"portfolio": {"worker": {"concurrency": "0"}}}'})
    w("--config with a bad HTTP address", USAGE, args=["--config", "$DIR/bad.json"],
      files={"bad.json": b'{"portfolio": {"http": {"address": "anywhere"}}}'})
    w("Config/portfolio.json in the working folder is not JSON", USAGE, files={"Config/portfolio.json": b"[1, 2"})
    w("DATABASE_URL not a URL", USAGE, env={"DATABASE_URL": "this is not a url"})
    w("DATABASE_URL nothing listening", UNAVAILABLE, env={"DATABASE_URL": "postgresql://u:Wrong-pw-6@127.0.0.1:1/x"})
    w("DATABASE_URL wrong password", UNAVAILABLE,
      env={"DATABASE_URL": f"postgresql://portfolio_app:Wrong-pw-7@127.0.0.1:$PORT/$DB"})
    w("a database that was never migrated", UNAVAILABLE, env={"DATABASE_URL": "$EMPTY_URL"})

    # -- the worker's HTTP listener: checked before any job is claimed ------------------------------
    held = "$HELD_ADDRESS"
    def daemon(label, code, args=(), env=None, files=None):
        c("worker", f"worker daemon: {label}", list(args), code, program="portfolio-worker", env=env or {}, files=files)
    daemon(f"--http-address {held} (in use)", UNAVAILABLE, ["--http-address", held])
    daemon(f"PORTFOLIO_HTTP_ADDRESS={held} (in use)", UNAVAILABLE, env={"PORTFOLIO_HTTP_ADDRESS": held})
    daemon("--config with an address in use", UNAVAILABLE, ["--config", "$DIR/w.json"],
           files={"w.json": ('{"portfolio": {"http": {"address": "%s"}}}' % held).encode()})
    for address in ["256.1.1.1:80", "192.0.2.1:80", "no-such-host.invalid:8080"]:
        daemon(f"--http-address {address}", USAGE, ["--http-address", address])
        w(f"--http-address {address}", USAGE, args=["--http-address", address])
    for address in ["127.0.0.1:0", ":0", "127.1:80", "[127.0.0.1]:80", "[::1]80", "host_name:80", "", "none"]:
        w(f"--http-address {address!r}", USAGE, args=["--http-address", address])
    for queues in ["", " ", "a,,b", "a,", "a,a", "all,status"]:
        w(f"--queues {queues!r}", USAGE, args=["--queues", queues])
        w(f"PORTFOLIO_WORKER_QUEUES={queues!r}", USAGE, env={"PORTFOLIO_WORKER_QUEUES": queues})
    for args in [["--concurrency", "+2"], ["--concurrency", ""], ["--batch-size", "1e3"]]:
        w(" ".join(args) or "empty", USAGE, args=args)
    for name in ["PORTFOLIO_WORKER_CONCURRENCY", "PORTFOLIO_WORKER_LEASE", "PORTFOLIO_LOG_LEVEL"]:
        w(f"{name}=''", USAGE, env={name: ""})
    w("PORTFOLIO_LOG_LEVEL=loud", USAGE, env={"PORTFOLIO_LOG_LEVEL": "loud"})
    for label, body in [("concurrency 1.5", b'{"portfolio": {"worker": {"concurrency": 1.5}}}'),
                        ("concurrency as a list", b'{"portfolio": {"worker": {"concurrency": ["2"]}}}'),
                        ("no queues", b'{"portfolio": {"worker": {"queues": []}}}')]:
        w(f"--config with {label}", USAGE, args=["--config", "$DIR/w.json"], files={"w.json": body})

    # -- standard output that cannot be written, closed descriptors, --output files -------------
    for args in [["project", "list"], ["project", "export"], ["report", "sectors", "--format", "html"],
                 ["fx", "list", "--format", "json"], ["jobs", "list"], ["--help"], ["--version"]]:
        c("streams", f"{' '.join(args)} >/dev/full", args, IOERR, shell=">/dev/full")
    for args in [["project", "export"], ["report", "sectors", "--format", "html"], ["project", "list", "--format", "json"],
                 ["--help"]]:
        c("streams", f"{' '.join(args)} | (reader gone, SIGPIPE ignored)", args, BROKEN_PIPE, closed_pipe=True)
    for redirection in [">&-", "<&-", ">&- <&-"]:
        c("streams", f"show: unknown code {redirection}", ["project", "show", "NOPE-1"], DATA, shell=redirection)
        c("streams", f"status set: refused transition {redirection}", ["status", "set", FINISHED, "ongoing"], DATA,
          shell=redirection)
    c("output", "--output into a missing folder", ["report", "sectors", "--output", "$DIR/missing/r.txt"], IOERR)
    c("output", "--output is a folder", ["project", "export", "--output", "$DIR"], IOERR)
    c("output", "--output empty", ["project", "export", "--output", ""], IOERR)
    c("output", "--output beyond the file size limit (4 KiB)",
      ["report", "sectors", "--format", "html", "--output", "$DIR/old.html"], IOERR,
      files={"old.html": b"old\n"}, limit_file_size=True)

    # -- poison values: beyond the bound every sum provably fits, or in a currency with no rate ----
    for label, value, currency in [("10^18 minor units", "10,000,000,000,000,000.00", "USD"),
                                   ("Int64.max minor units", "92233720368547758.07", "USD"),
                                   ("45 digits", "9" * 45, "USD"), ("10^18 yen", "1000000000000000000", "JPY")]:
        c("values", f"add: value of {label}", add_args(value=value, currency=currency), DATA)
    c("values", "add: a currency with no rate (KZT)", add_args(value="1000", currency="KZT"), DATA)
    c("values", "update: Int64.max minor units", ["project", "update", ONGOING, "--value", "92233720368547758.07"], DATA)
    c("values", "update: 10^18 fils", ["project", "update", ONGOING, "--value", "1,000,000,000,000,000.000", "--currency", "KWD"], DATA)
    c("values", "update: a currency with no rate (KZT)", ["project", "update", ONGOING, "--currency", "KZT", "--value", "1000"], DATA)
    c("values", "update: --effective in the future", ["project", "update", ONGOING, "--name", "X", "--effective", "2999-01-01"], DATA)
    c("values", "update: --effective impossible", ["project", "update", ONGOING, "--name", "X", "--effective", "2024-02-30"], DATA)
    c("values", "import: Int64.max minor units", ["project", "import", "$DIR/p.csv"], DATA,
      files={"p.csv": csv_file(HEADER, row("BIG-01", value="92233720368547758.07"))})
    c("values", "import: one row in a currency with no rate", ["project", "import", "$DIR/p.csv"], DATA,
      files={"p.csv": csv_file(HEADER, row("OK-01"), row("KZT-01", currency="KZT"))})
    c("values", "fx set: above the largest rate", ["fx", "set", "VND", "2024-01-01", "1000000.000000000001"], DATA)
    c("values", "fx set: 25,000,000", ["fx", "set", "CNY", "2024-01-01", "25000000"], DATA)
    c("values", "target set: 10^18 minor units", ["target", "set", "10,000,000,000,000,000", "USD"], DATA)
    c("values", "target set: a currency no value converts into", ["target", "set", "1,000", "EUR"], DATA)
    c("values", "report in a currency with no rates", ["report", "progress", "--currency", "EUR"], DATA)

    # -- whole-number flags: one parser, one rule -----------------------------------------------
    for args in [["rollup", "run", "--wait", "--timeout", "0"], ["rollup", "run", "--wait", "--timeout=-5"],
                 ["rollup", "list", "--limit=-1"], ["rollup", "list", "--limit", "0"], ["jobs", "list", "--limit=-1"],
                 ["jobs", "list", "--limit", "100001"], ["jobs", "retry", "0"], ["jobs", "cancel", "-"],
                 ["rollup", "show", "0"], ["rollup", "diff", "0", "1"]]:
        c("flags", " ".join(args), args, USAGE)

    # -- the database: never migrated, or a role that may only read -----------------------------
    for args in [["project", "list"], ["report", "sectors"], ["status", "set", ONGOING, "finished"], ["fx", "list"],
                 ["jobs", "list"], ["rollup", "list"], ["sample", "load"], ["lender", "add", "Some Bank"]]:
        c("database", f"never migrated: {' '.join(args)}", args, UNAVAILABLE, env={"DATABASE_URL": "$EMPTY_URL"})
    for args in [["project", "update", ONGOING, "--location", "Brest"], ["status", "set", PLEDGED, "committed"],
                 ["fx", "set", "CNY", "2024-01-02", "0.14"], ["lender", "add", "Reader Bank"], ["rollup", "run"],
                 ["sector", "add", "mining", "Mining"], ["target", "set", "9000000000", "USD"]]:
        c("database", f"read-only role: {' '.join(args)}", args, NOPERM, env={"DATABASE_URL": "$READER_URL"})

    # -- project codes: unique regardless of case, starting with a letter or digit --------------
    c("codes", "add: existing code in another case", add_args(code=ONGOING_LOWER), DATA)
    for code in ["-x", "--x", ".x", "_x"]:
        c("codes", f"add: --code={code}", add_args(code=None) + [f"--code={code}"], DATA)
    c("codes", "import: one code twice in two cases", ["project", "import", "$DIR/p.csv"], DATA,
      files={"p.csv": csv_file(HEADER, row("CASE-A"), row("case-a"))})
    c("codes", "import: an existing code in another case", ["project", "import", "$DIR/p.csv"], DATA,
      files={"p.csv": csv_file(HEADER, row(PLEDGED_LOWER))})
    return out


# -- the Swift suite's cases, as BadInputTests.swift wrote them ------------------------------------
class Exit:
    usage, data, noInput, unavailable, conflict = USAGE, DATA, NOINPUT, UNAVAILABLE, CONFLICT


def BadInput(label, arguments, status, setup=(), mentions=(), avoids=(), environment=None):
    return case("args", label, arguments, status, setup=setup, mentions=mentions, forbid=avoids, env=environment)


def addCase(label, changes, extra=(), status=DATA, mentions=()):
    """`project add` with some flags replaced (or, with None, left out) and extra arguments."""
    flags = {flag[2:].replace("-", "_"): value for flag, value in changes.items()}
    return BadInput("project add: " + label, add_args(**flags) + list(extra), status, mentions=mentions)


def swift_cases():
    """Tests/EndToEndTests/BadInputTests.swift: each case on a fresh database holding the sample
    portfolio, after its own setup commands; `swift` names the test that runs it."""
    projectAdd = [
        addCase("missing --code", {"--code": None}, status=Exit.usage),
        addCase("missing --name", {"--name": None}, status=Exit.usage),
        addCase("missing --sector", {"--sector": None}, status=Exit.usage),
        addCase("missing --value", {"--value": None}, status=Exit.usage),
        addCase("missing --currency", {"--currency": None}, status=Exit.usage),
        addCase("no --lender at all", {"--lender": None}, status=Exit.usage),
        addCase("--value given no value at the end", {"--value": None}, extra=["--value"], status=Exit.usage),
        addCase("empty --code", {"--code": ""}, mentions=["code"]),
        addCase("code with a space", {"--code": "NEW 01"}, mentions=["code"]),
        addCase("code of 33 characters", {"--code": "A" * 33}, mentions=["32"]),
        addCase("code full of SQL", {"--code": "X'); DROP TABLE projects;--"}, mentions=["code"]),
        addCase("empty --name", {"--name": ""}, mentions=["--name"]),
        addCase("blank --name", {"--name": "   "}, mentions=["--name"]),
        addCase("name of 301 characters", {"--name": "n" * 301}, mentions=["--name"]),
        addCase("name with a control character", {"--name": "Bell\x07Plant"}, mentions=["--name"]),
        addCase("name with a line break", {"--name": "Two\nLines"}, mentions=["--name"]),
        addCase("unknown sector", {"--sector": "mining"}, mentions=["mining"]),
        addCase("malformed sector code", {"--sector": "Energy!"}, mentions=["--sector"]),
        addCase("empty sector", {"--sector": ""}, mentions=["--sector"]),
        addCase("negative value", {"--value": None}, extra=["--value=-5"], mentions=["--value"]),
        addCase("oversized value 99999999999999999999", {"--value": "99999999999999999999"}, mentions=["--value"]),
        addCase("value with three decimals in USD", {"--value": "1000.123"}, mentions=["--value"]),
        addCase("value with decimals in JPY", {"--value": "1000.5", "--currency": "JPY"}, mentions=["--value"]),
        addCase("value NaN", {"--value": "NaN"}, mentions=["--value"]),
        addCase("value 1e9", {"--value": "1e9"}, mentions=["--value"]),
        addCase("value Infinity", {"--value": "Infinity"}, mentions=["--value"]),
        addCase("empty value", {"--value": ""}, mentions=["--value"]),
        addCase("value with letters", {"--value": "12abc"}, mentions=["--value"]),
        addCase("value with misplaced separators", {"--value": "1,00,000"}, mentions=["--value"]),
        addCase("value with two decimal points", {"--value": "1.000.00"}, mentions=["--value"]),
        addCase("value with a leading +", {"--value": "+5"}, mentions=["--value"]),
        addCase("value in hexadecimal", {"--value": "0x1F"}, mentions=["--value"]),
        addCase("value in full-width digits", {"--value": "１２３"}, mentions=["--value"]),
        addCase("value with a space inside", {"--value": "1 000"}, mentions=["--value"]),
        addCase("value of only spaces", {"--value": "   "}, mentions=["--value"]),
        addCase("unknown currency XYZ", {"--currency": "XYZ"}, mentions=["--currency"]),
        addCase("currency of two letters", {"--currency": "US"}, mentions=["--currency"]),
        addCase("empty currency", {"--currency": ""}, mentions=["--currency"]),
        addCase("unknown status", {"--status": "done"}, mentions=["--status"]),
        addCase("impossible value date 2026-02-30", {"--value-date": "2026-02-30"}, mentions=["--value-date"]),
        addCase("impossible value date 2026-13-01", {"--value-date": "2026-13-01"}, mentions=["--value-date"]),
        addCase("value date without dashes 20260101", {"--value-date": "20260101"}, mentions=["--value-date"]),
        addCase("value date in 1899", {"--value-date": "1899-12-31"}, mentions=["--value-date"]),
        addCase("value date 2026-02-29 in a common year", {"--value-date": "2026-02-29"}, mentions=["--value-date"]),
        addCase("value date with a time", {"--value-date": "2026-01-01T00:00:00Z"}, mentions=["--value-date"]),
        addCase("value date without leading zeros", {"--value-date": "2026-1-1"}, mentions=["--value-date"]),
        addCase("value date in 2201", {"--value-date": "2201-01-01"}, mentions=["--value-date"]),
        addCase("impossible start 2025-02-29", {}, extra=["--start", "2025-02-29"], mentions=["--start"]),
        addCase("end before start", {}, extra=["--start", "2026-01-01", "--end", "2025-12-31"], mentions=["--end"]),
        addCase("shares 60+30", {"--lender": None}, extra=["--lender", "China Development Bank=60", "--lender", "Bank of China=30"],
                mentions=["100%"]),
        addCase("shares 60+50", {"--lender": None}, extra=["--lender", "China Development Bank=60", "--lender", "Bank of China=50"],
                mentions=["100%"]),
        addCase("same lender twice", {"--lender": None}, extra=["--lender", "Bank of China=50", "--lender", "Bank of China=50"],
                mentions=["more than once"]),
        addCase("same lender twice, other case", {"--lender": None},
                extra=["--lender", "Bank of China=50", "--lender", "BANK OF CHINA=50"], mentions=["more than once"]),
        addCase("two lenders, one without a share", {"--lender": None}, extra=["--lender", "Bank of China=50", "--lender", "Other Bank"],
                mentions=["--lender"]),
        addCase("share with three decimals", {"--lender": None},
                extra=["--lender", "Bank of China=33.333", "--lender", "Other Bank=66.667"], mentions=["--lender"]),
        addCase("share above 100", {"--lender": "Bank of China=101"}, mentions=["--lender"]),
        addCase("share of 0", {"--lender": None}, extra=["--lender", "Bank of China=0", "--lender", "Other Bank=100"],
                mentions=["--lender"]),
        addCase("lender without a name", {"--lender": "=100"}, mentions=["--lender"]),
        addCase("lender share that is not a number", {"--lender": "Bank of China=all"}, mentions=["--lender"]),
        addCase("lender list joined with ';'", {"--lender": "Bank of China=50;Other Bank=50"}, mentions=["--lender"]),
        addCase("empty lender", {"--lender": ""}, mentions=["--lender"]),
        addCase("duplicate code of a sample project", {"--code": FINISHED}, mentions=[FINISHED]),
        addCase("unknown flag", {}, extra=["--colour", "red"], status=Exit.usage),
        addCase("unknown --format", {}, extra=["--format", "yaml"], status=Exit.usage),
    ]

    projectUpdate = [
        BadInput(label="update: unknown code", arguments=["project", "update", "NOPE-1", "--name", "X"], status=Exit.data,
                 mentions=["NOPE-1"]),
        BadInput(label="update: no field to change", arguments=["project", "update", ONGOING], status=Exit.usage),
        BadInput(label="update: no code", arguments=["project", "update"], status=Exit.usage),
        BadInput(label="update: --currency without --value", arguments=["project", "update", ONGOING, "--currency", "EUR"],
                 status=Exit.usage),
        BadInput(label="update: --expect-version 0", arguments=["project", "update", ONGOING, "--name", "X", "--expect-version", "0"],
                 status=Exit.usage),
        BadInput(label="update: --expect-version not a number",
                 arguments=["project", "update", ONGOING, "--name", "X", "--expect-version", "two"], status=Exit.usage),
        BadInput(label="update: stale --expect-version (75)",
                 arguments=["project", "update", ONGOING, "--name", "Stale Write", "--expect-version", "1"],
                 status=Exit.conflict, setup=[["project", "update", ONGOING, "--location", "Gomel"]],
                 mentions=[ONGOING]),
        BadInput(label="update: --expect-version ahead of the project (75)",
                 arguments=["project", "update", ONGOING, "--name", "Future Write", "--expect-version", "7"],
                 status=Exit.conflict),
        BadInput(label="update: empty name", arguments=["project", "update", ONGOING, "--name", ""], status=Exit.data),
        BadInput(label="update: negative value", arguments=["project", "update", ONGOING, "--value=-1"], status=Exit.data,
                 mentions=["--value"]),
        BadInput(label="update: value NaN", arguments=["project", "update", ONGOING, "--value", "NaN"], status=Exit.data,
                 mentions=["--value"]),
        BadInput(label="update: oversized value", arguments=["project", "update", ONGOING, "--value", "99999999999999999999"],
                 status=Exit.data, mentions=["--value"]),
        BadInput(label="update: unknown currency", arguments=["project", "update", ONGOING, "--value", "1", "--currency", "XXX"],
                 status=Exit.data, mentions=["--currency"]),
        BadInput(label="update: unknown sector", arguments=["project", "update", ONGOING, "--sector", "mining"], status=Exit.data,
                 mentions=["mining"]),
        BadInput(label="update: impossible start date", arguments=["project", "update", ONGOING, "--start", "2026-02-30"],
                 status=Exit.data, mentions=["--start"]),
        BadInput(label="update: end before the stored start", arguments=["project", "update", ONGOING, "--end", "2010-01-01"],
                 status=Exit.data, mentions=["end"]),
        BadInput(label="update: shares 60+30",
                 arguments=["project", "update", ONGOING, "--lender", "China Development Bank=60", "--lender", "Bank of China=30"],
                 status=Exit.data, mentions=["100%"]),
        BadInput(label="update: same lender twice",
                 arguments=["project", "update", ONGOING, "--lender", "Bank of China=50", "--lender", "bank of china=50"],
                 status=Exit.data, mentions=["more than once"]),
        BadInput(label="update: location of 201 characters",
                 arguments=["project", "update", ONGOING, "--location", "l" * 201], status=Exit.data),
        BadInput(label="update: status is not a field here", arguments=["project", "update", ONGOING, "--status", "finished"],
                 status=Exit.usage),
    ]

    projectRead = [
        BadInput(label="show: unknown code", arguments=["project", "show", "NOPE-1"], status=Exit.data, mentions=["NOPE-1"]),
        BadInput(label="show: code full of SQL", arguments=["project", "show", "x' OR '1'='1"], status=Exit.data),
        BadInput(label="show: code in the wrong case", arguments=["project", "show", FINISHED_LOWER], status=Exit.data),
        BadInput(label="show: no code", arguments=["project", "show"], status=Exit.usage),
        BadInput(label="show: --format xml", arguments=["project", "show", FINISHED, "--format", "xml"], status=Exit.usage),
        BadInput(label="list: unknown status", arguments=["project", "list", "--status", "done"], status=Exit.data,
                 mentions=["--status"]),
        BadInput(label="list: malformed sector", arguments=["project", "list", "--sector", "Bad!"], status=Exit.data,
                 mentions=["--sector"]),
        BadInput(label="list: --format pdf", arguments=["project", "list", "--format", "pdf"], status=Exit.usage),
        BadInput(label="export: --format xml", arguments=["project", "export", "--format", "xml"], status=Exit.usage),
    ]

    status = [
        BadInput(label="status set: unknown code", arguments=["status", "set", "NOPE-1", "committed"], status=Exit.data,
                 mentions=["NOPE-1"]),
        BadInput(label="status set: unknown code, future date",
                 arguments=["status", "set", "NOPE-1", "committed", "--effective", "2099-01-01"], status=Exit.data,
                 mentions=["NOPE-1"]),
        BadInput(label="status set: invalid status name", arguments=["status", "set", ONGOING, "completed"], status=Exit.data),
        BadInput(label="status set: finished → ongoing without --force",
                 arguments=["status", "set", FINISHED, "ongoing"], status=Exit.data, mentions=["terminal"]),
        BadInput(label="status set: --force without --note",
                 arguments=["status", "set", FINISHED, "ongoing", "--force"], status=Exit.data, mentions=["note"]),
        BadInput(label="status set: --force with a blank --note",
                 arguments=["status", "set", FINISHED, "ongoing", "--force", "--note", "   "], status=Exit.data,
                 mentions=["note"]),
        BadInput(label="status set: to the status it has", arguments=["status", "set", ONGOING, "ongoing"], status=Exit.data,
                 mentions=["already"]),
        BadInput(label="status set: pledged → ongoing skips committed", arguments=["status", "set", PLEDGED, "ongoing"],
                 status=Exit.data),
        BadInput(label="status set: pledged → suspended", arguments=["status", "set", PLEDGED, "suspended"], status=Exit.data),
        BadInput(label="status set: impossible --effective 2026-02-30",
                 arguments=["status", "set", ONGOING, "finished", "--effective", "2026-02-30"], status=Exit.data,
                 mentions=["--effective"]),
        BadInput(label="status set: --effective before the last recorded change",
                 arguments=["status", "set", ONGOING, "finished", "--effective", "2010-01-01"], status=Exit.data),
        BadInput(label="status set: scheduled before a change already scheduled later",
                 arguments=["status", "set", "ILL-EN-08", "suspended", "--effective", "2098-01-01"], status=Exit.data,
                 setup=[["status", "set", "ILL-EN-08", "ongoing", "--effective", "2099-01-01"]]),
        BadInput(label="status set: scheduled twice to the same status",
                 arguments=["status", "set", PLEDGED, "committed", "--effective", "2100-01-01"], status=Exit.data,
                 setup=[["status", "set", PLEDGED, "committed", "--effective", "2099-01-01"]]),
        BadInput(label="status set: note with a control character",
                 arguments=["status", "set", ONGOING, "finished", "--note", "done\x1b[31m"], status=Exit.data,
                 mentions=["--note"]),
        BadInput(label="status set: note of 2001 characters",
                 arguments=["status", "set", ONGOING, "finished", "--note", "x" * 2001],
                 status=Exit.data, mentions=["--note"]),
        BadInput(label="status set: missing status", arguments=["status", "set", ONGOING], status=Exit.usage),
        BadInput(label="status set: unknown flag", arguments=["status", "set", ONGOING, "finished", "--when", "now"],
                 status=Exit.usage),
        BadInput(label="status history: unknown code", arguments=["status", "history", "NOPE-1"], status=Exit.data,
                 mentions=["NOPE-1"]),
        BadInput(label="status history: --format csv", arguments=["status", "history", FINISHED, "--format", "csv"],
                 status=Exit.usage),
    ]

    reference = [
        BadInput(label="lender add: existing lender in another case", arguments=["lender", "add", "china development bank"],
                 status=Exit.data),
        BadInput(label="lender add: country of three letters", arguments=["lender", "add", "New Bank", "--country", "CHN"],
                 status=Exit.data, mentions=["--country"]),
        BadInput(label="lender add: unknown kind", arguments=["lender", "add", "New Bank", "--kind", "bank"], status=Exit.data,
                 mentions=["--kind"]),
        BadInput(label="lender add: empty name", arguments=["lender", "add", ""], status=Exit.data),
        BadInput(label="lender add: name with '='", arguments=["lender", "add", "Bank=50"], status=Exit.data),
        BadInput(label="sector add: existing sector", arguments=["sector", "add", "energy", "Energy again"], status=Exit.data),
        BadInput(label="sector add: code with an accent", arguments=["sector", "add", "énergie", "Énergie"], status=Exit.data),
        BadInput(label="sector add: DAC code of two digits", arguments=["sector", "add", "mining", "Mining", "--dac", "32"],
                 status=Exit.data),
        BadInput(label="sector add: missing name", arguments=["sector", "add", "mining"], status=Exit.usage),
        BadInput(label="fx set: rate 0", arguments=["fx", "set", "CNY", "2024-01-02", "0"], status=Exit.data, mentions=["rate"]),
        BadInput(label="fx set: negative rate after --", arguments=["fx", "set", "--", "CNY", "2024-01-02", "-0.14"],
                 status=Exit.data, mentions=["rate"]),
        BadInput(label="fx set: rate NaN", arguments=["fx", "set", "CNY", "2024-01-02", "NaN"], status=Exit.data, mentions=["rate"]),
        BadInput(label="fx set: unknown currency", arguments=["fx", "set", "XXX", "2024-01-02", "0.14"], status=Exit.data,
                 mentions=["currency"]),
        BadInput(label="fx set: impossible date", arguments=["fx", "set", "CNY", "2024-02-30", "0.14"], status=Exit.data,
                 mentions=["date"]),
        BadInput(label="fx set: USD into USD", arguments=["fx", "set", "USD", "2024-01-02", "1"], status=Exit.data),
        BadInput(label="fx set: missing rate", arguments=["fx", "set", "CNY", "2024-01-02"], status=Exit.usage),
        BadInput(label="fx set: 13 decimals", arguments=["fx", "set", "CNY", "2024-01-02", "0.1408000000001"], status=Exit.data,
                 mentions=["rate: rate \"0.1408000000001\" has 13 decimals; an FX rate may have at most 12"]),
        BadInput(label="fx set: a rate that would round to zero", arguments=["fx", "set", "CNY", "2024-01-02", "0.0000000000006"],
                 status=Exit.data, mentions=["at most 12"]),
        BadInput(label="fx set: 19 integer digits", arguments=["fx", "set", "CNY", "2024-01-02", "1000000000000000000"],
                 status=Exit.data, mentions=["more than 1000000, the largest rate"]),
        BadInput(label="fx set: 40 integer digits", arguments=["fx", "set", "CNY", "2024-01-02", "7" * 40],
                 status=Exit.data, mentions=["more than 1000000, the largest rate"]),
        BadInput(label="fx set: leading +", arguments=["fx", "set", "CNY", "2024-01-02", "+0.14"], status=Exit.data, mentions=["rate"]),
        BadInput(label="fx set: exponent", arguments=["fx", "set", "CNY", "2024-01-02", "1.4E-1"], status=Exit.data,
                 mentions=["exponent"]),
        BadInput(label="fx set: negative zero", arguments=["fx", "set", "--", "CNY", "2024-01-02", "-0"], status=Exit.data,
                 mentions=["greater than 0"]),
        BadInput(label="fx set: inner space", arguments=["fx", "set", "CNY", "2024-01-02", "0. 14"], status=Exit.data, mentions=["rate"]),
        BadInput(label="target set: zero", arguments=["target", "set", "0", "USD"], status=Exit.data),
        BadInput(label="target set: NaN", arguments=["target", "set", "NaN", "USD"], status=Exit.data),
        BadInput(label="target set: three decimals in USD", arguments=["target", "set", "8000000000.001", "USD"], status=Exit.data),
        BadInput(label="target set: oversized", arguments=["target", "set", "99999999999999999999", "USD"], status=Exit.data),
        BadInput(label="target set: unknown currency", arguments=["target", "set", "8000000000", "ABC"], status=Exit.data),
    ]

    def tx(label, changes, status=Exit.data, mentions=(), code="ILL-MF-09"):
        """`tx add` of a disbursement the sample's ledger allows, with some flags replaced (None
        leaves one out) or added."""
        flags = {"--type": "disbursement", "--lender": "Industrial and Commercial Bank of China", "--amount": "1",
                 "--currency": "USD", "--date": "2025-08-01"}
        flags.update(changes)
        args = ["tx", "add", code]
        for flag, value in flags.items():
            if value is not None:
                args += [flag] if value is True else [flag, value]
        return BadInput("tx add: " + label, args, status, mentions=mentions)

    ledgerAndArchive = [
        tx("unknown type", {"--type": "gift"}, mentions=["--type"]),
        tx("negative amount, read as a flag", {"--amount": "-5"}, status=Exit.usage),
        tx("zero amount", {"--amount": "0"}, mentions=["--amount"]),
        tx("three decimals in USD", {"--amount": "1.001"}, mentions=["--amount"]),
        tx("amount NaN", {"--amount": "NaN"}, mentions=["--amount"]),
        tx("amount of 40 digits", {"--amount": "9" * 40}, mentions=["--amount"]),
        tx("unknown currency", {"--currency": "XYZ"}, mentions=["--currency"]),
        tx("impossible date", {"--date": "2025-02-30"}, mentions=["--date"]),
        tx("date after today", {"--date": "2199-01-01"}, mentions=["after today"]),
        tx("unknown project", {}, mentions=["NOPE-1"], code="NOPE-1"),
        tx("a lender that does not finance the project", {"--lender": "China Development Bank"}, mentions=["does not finance"]),
        tx("an unknown lender", {"--lender": "Nobody Bank"}, mentions=["lender"]),
        tx("above the commitment", {"--amount": "999,999,999"}, mentions=["above its commitment"]),
        tx("--force without a note", {"--force": True}, mentions=["--note"]),
        tx("reference of 201 characters", {"--ref": "r" * 201}, mentions=["--ref"]),
        tx("note of 2001 characters", {"--note": "n" * 2001}, mentions=["--note"]),
        tx("missing --amount", {"--amount": None}, status=Exit.usage),
        BadInput("tx list: unknown type", ["tx", "list", "--type", "gift"], Exit.data, mentions=["--type"]),
        BadInput("tx list: impossible --from", ["tx", "list", "--from", "2024-13-01"], Exit.data, mentions=["--from"]),
        BadInput("tx import: missing file", ["tx", "import", "$DIR/ledger.csv"], Exit.noInput, mentions=["$DIR/ledger.csv"]),
        BadInput("report disbursements: --period week", ["report", "disbursements", "--period", "week"], Exit.usage),
        BadInput("report disbursements: --by region", ["report", "disbursements", "--by", "region"], Exit.usage),
        BadInput("report disbursements: impossible --from", ["report", "disbursements", "--from", "2024-13-01"], Exit.data,
                 mentions=["--from"]),
        BadInput("report sectors: --period", ["report", "sectors", "--period", "month"], Exit.data, mentions=["--period"]),
        BadInput("report financing: --from", ["report", "financing", "--from", "2024-01-01"], Exit.data, mentions=["--from"]),
        BadInput("report disbursements: --as-recorded not a time", ["report", "disbursements", "--as-recorded", "yesterday"], Exit.data,
                 mentions=["--as-recorded"]),
        BadInput("project show: impossible --as-of", ["project", "show", FINISHED, "--as-of", "2024-02-30"], Exit.data,
                 mentions=["--as-of"]),
        BadInput("project show: before the project entered", ["project", "show", FINISHED, "--as-of", "1990-01-01"], Exit.data,
                 mentions=["was not in the portfolio on 1990-01-01"]),
        BadInput("export: no --all", ["export"], Exit.usage),
        BadInput("import --all: missing folder", ["import", "--all", "$DIR/archive"], Exit.noInput, mentions=["manifest.json"]),
        BadInput("import --all: an empty path", ["import", "--all", ""], Exit.noInput, mentions=["--all: the path is empty"]),
        case("files", "export --all: an empty path", ["export", "--all", ""], IOERR, mentions=["--all: the path is empty"]),
        BadInput("tx import: an empty path", ["tx", "import", ""], Exit.noInput, mentions=["the file's path is empty"]),
        BadInput("project import: an empty path", ["project", "import", ""], Exit.noInput, mentions=["the file's path is empty"]),
        BadInput("status import: an empty path", ["status", "import", ""], Exit.noInput, mentions=["the file's path is empty"]),
        BadInput("tx import --queue: missing file", ["tx", "import", "$DIR/ledger.csv", "--queue"], Exit.noInput,
                 mentions=["$DIR/ledger.csv"]),
        case("files", "export --all: onto a file", ["export", "--all", "$DIR/taken"], IOERR, files={"taken": b"x"},
             mentions=["is a file"]),
        case("files", "export --all: into a folder that is not empty", ["export", "--all", "$DIR"], IOERR, files={"kept.txt": b"x"},
             mentions=["not empty"]),
        case("files", "import --all: a manifest that is not JSON", ["import", "--all", "$DIR"], DATA, files={"manifest.json": b"{"},
             mentions=["manifest.json"]),
        case("files", "import --all: another archive format", ["import", "--all", "$DIR"], DATA,
             files={"manifest.json": b'{"format": "other", "version": 1, "schema_version": 12, "tables": {}}'}, mentions=["format other"]),
    ]

    usageAndFiles = [
        BadInput(label="unknown command", arguments=["frobnicate"], status=Exit.usage),
        BadInput(label="unknown project subcommand", arguments=["project", "delete", FINISHED], status=Exit.usage),
        BadInput(label="unknown status subcommand", arguments=["status", "undo", FINISHED], status=Exit.usage),
        BadInput(label="unknown global flag", arguments=["--verbose", "project", "list"], status=Exit.usage),
        BadInput(label="unknown flag on list", arguments=["project", "list", "--country", "CN"], status=Exit.usage),
        BadInput(label="extra argument to list", arguments=["project", "list", "energy"], status=Exit.usage),
        BadInput(label="project import: missing file", arguments=["project", "import", "$DIR/nope.csv"], status=Exit.noInput,
                 mentions=["$DIR/nope.csv"]),
        BadInput(label="project import: a folder", arguments=["project", "import", "$DIR"], status=Exit.noInput),
        BadInput(label="project import --dry-run: missing file", arguments=["project", "import", "$DIR/nope.csv", "--dry-run"],
                 status=Exit.noInput),
        BadInput(label="project import: no file argument", arguments=["project", "import"], status=Exit.usage),
        BadInput(label="fx import: missing file", arguments=["fx", "import", "$DIR/rates.csv"], status=Exit.noInput,
                 mentions=["$DIR/rates.csv"]),
        BadInput(label="sample load: missing --file", arguments=["sample", "load", "--file", "$DIR/sample.csv"], status=Exit.noInput),
        BadInput(label="sample load: PORTFOLIO_SAMPLE names a missing file", arguments=["sample", "load"], status=Exit.noInput,
                 environment={"PORTFOLIO_SAMPLE": "/nonexistent/sample-portfolio.csv"}),
        BadInput(label="database unavailable (69)", arguments=["project", "add", "--code", "NEW-01", "--name", "X", "--sector", "energy",
                                                                  "--value", "1", "--currency", "USD", "--lender", "A"],
                 status=Exit.unavailable, avoids=["secret"],
                 environment={"DATABASE_URL": "postgresql://u:secret@127.0.0.1:1/x"}),
    ]
    return [(test, case) for test, cases in [("project add", projectAdd), ("project update", projectUpdate),
                                              ("project read", projectRead), ("status", status),
                                              ("reference", reference), ("usage and files", usageAndFiles),
                                              ("ledger and archive", ledgerAndArchive)]
            for case in cases]


def kind_of(entry):
    """The group of a Swift case that no chaos case matches: where its input comes from."""
    if "DATABASE_URL" in entry["env"]:
        return "config"
    if "PORTFOLIO_SAMPLE" in entry["env"] or any("$DIR" in arg for arg in entry["args"]):
        return "paths"
    return "args"


def same_run(entry):
    """What makes two cases the same run, whatever their labels and the texts they look for."""
    keys = ("program", "args", "exit", "stderr_lines", "files", "setup", "env", "shell", "closed_pipe", "limit_file_size")
    return json.dumps([entry[key] for key in keys], sort_keys=True)


def table():
    cases = chaos_cases()
    by_run = {same_run(entry): entry for entry in cases}
    for test, entry in swift_cases():
        shared = by_run.get(same_run(entry)) if not entry["setup"] else None
        if shared is not None and shared["swift"] is None:
            shared["swift"] = test
            shared["mentions"] += [m for m in entry["mentions"] if m not in shared["mentions"]]
            shared["avoids"] += [a for a in entry["avoids"] if a not in shared["avoids"]]
        else:
            entry["swift"] = test
            entry["group"] = kind_of(entry)
            cases.append(entry)
    return {
        "about": "Bad input for portfolio and portfolio-worker and what the contract says of it; written by "
                 "Scripts/chaos/bad_inputs_table.py (do not edit by hand), read by Scripts/chaos/bad_inputs.py "
                 "and Tests/EndToEndTests/BadInputTests.swift. Fields and placeholders: see the generator.",
        "fixtures": FIXTURES,
        "cases": cases,
    }


def text():
    return json.dumps(table(), indent=1, ensure_ascii=False) + "\n"


def main(argv):
    wanted = text()
    if argv == ["--check"]:
        try:
            with open(TABLE, encoding="utf-8") as handle:
                current = handle.read()
        except FileNotFoundError:
            current = None
        if current != wanted:
            print(f"{TABLE} is not what Scripts/chaos/bad_inputs_table.py writes: run it and commit the table",
                  file=sys.stderr)
            return 1
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 64
    with open(TABLE, "w", encoding="utf-8") as handle:
        handle.write(wanted)
    cases = json.loads(wanted)["cases"]
    print(f"{TABLE}: {len(cases)} cases, {sum(c['chaos'] for c in cases)} for chaos, "
          f"{sum(c['swift'] is not None for c in cases)} for Swift, "
          f"{sum(c['chaos'] and c['swift'] is not None for c in cases)} for both")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
