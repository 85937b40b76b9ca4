#!/usr/bin/env python3
"""Scenario 4 of Scripts/chaos.sh: malformed input must be refused by the contract and change nothing.

    bad_inputs.py --bin-dir DIR --url APP_URL --empty-url URL --work DIR --log FILE --summary FILE
                  --dump-command 'pg_dump ... DB' [--secret TEXT]...

The table of cases is `cases()` below: command-line arguments, project/FX/status import files,
settings of both programs (DATABASE_URL, PORTFOLIO_* variables, worker flags and --config
files) and missing or unreadable paths. Each case names the exit code the contract gives it
(Sources/PortfolioStore/Support/ExitStatus.swift: usage 64, data 65, no input 66, unavailable
69, output 74, conflict 75, permission 77, and 141 for a reader that closed the pipe) and must
print exactly one line on stderr, starting with `error:` (none for 141), nothing on stdout,
and no secret. A case may run through `/bin/sh` (`shell`: redirections such as `>/dev/full`
or `>&-`) or with its stdout on a pipe whose reader has gone (`closed_pipe`). `pg_dump --data-only` of the database is taken before the first case and
after the last, and must be identical once the lines that legitimately vary are dropped
(`\\restrict`/`\\unrestrict` keys, and `setval` lines: a refused INSERT still uses up a
sequence value).

Root can read any file, so unreadable inputs are a folder or a path that does not exist.
Exit status: 0 when every case behaved and the dumps match, 1 otherwise.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile

USAGE, DATA, NOINPUT, UNAVAILABLE, IOERR, CONFLICT, NOPERM, BROKEN_PIPE = 64, 65, 66, 69, 74, 75, 77, 141

# Fixture projects made before the first dump (see setup()): their statuses are known.
PLEDGED, ONGOING, FINISHED = "BAD-PLG", "BAD-ONG", "BAD-FIN"

# A port another listener holds while the cases run (main() opens it), for the worker's HTTP
# address cases.
HELD_PORT = 0


class Case:
    def __init__(self, group, label, args, code, *, program="portfolio", files=None, env=None, lines=None,
                 shell=None, closed_pipe=False, limit_file_size=False, forbid=()):
        self.forbid = list(forbid)
        self.shell = shell
        self.limit_file_size = limit_file_size
        self.closed_pipe = closed_pipe
        if lines is None:
            lines = 0 if code == BROKEN_PIPE else 1
        self.group = group
        self.label = label
        self.args = args
        self.code = code
        self.program = program
        self.files = files or {}
        self.env = env or {}
        self.lines = lines


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


def cases(port, db, reader_url):
    out = []

    def c(group, label, args, code, **kw):
        out.append(Case(group, label, args, code, **kw))

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
    c("args", "show: code in the wrong case", ["project", "show", ONGOING.lower()], DATA)
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
        ("unknown URL option", f"postgresql://127.0.0.1:{port}/{db}?colour=red", USAGE),
        ("nothing listening", "postgresql://u:Wrong-pw-1@127.0.0.1:1/x", UNAVAILABLE),
        ("wrong password", f"postgresql://portfolio_app:Wrong-pw-2@127.0.0.1:{port}/{db}", UNAVAILABLE),
        ("unknown role", f"postgresql://nobody_here:Wrong-pw-3@127.0.0.1:{port}/{db}", UNAVAILABLE),
        ("unknown database", f"postgresql://portfolio_app:$APP_PW@127.0.0.1:{port}/no_such_db", UNAVAILABLE),
        ("unresolvable host", f"postgresql://u:Wrong-pw-4@no-such-host.invalid:{port}/{db}", UNAVAILABLE),
    ]:
        c("config", f"DATABASE_URL {label}", good_add, code, env={"DATABASE_URL": url})
        c("config", f"--database-url {label}", ["project", "list", "--database-url", url], code)
    # URLs libpq would read differently from RFC 3986: refused before connecting, no fragment shown.
    for label, userinfo in [("second @", "u:zq7@wv9"), ("/ in the password", "u:zq7/wv9"),
                            ("? in the password", "u:zq7?wv9"), ("# in the password", "u:zq7#wv9")]:
        url = f"postgresql://{userinfo}@127.0.0.1:{port}/{db}"
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
      env={"DATABASE_URL": f"postgresql://portfolio_app:Wrong-pw-7@127.0.0.1:{port}/{db}"})
    w("a database that was never migrated", UNAVAILABLE, env={"DATABASE_URL": "$EMPTY_URL"})

    # -- the worker's HTTP listener: checked before any job is claimed ------------------------------
    held = f"127.0.0.1:{HELD_PORT}"
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
        c("database", f"read-only role: {' '.join(args)}", args, NOPERM, env={"DATABASE_URL": reader_url})

    # -- project codes: unique regardless of case, starting with a letter or digit --------------
    c("codes", "add: existing code in another case", add_args(code=ONGOING.lower()), DATA)
    for code in ["-x", "--x", ".x", "_x"]:
        c("codes", f"add: --code={code}", add_args(code=None) + [f"--code={code}"], DATA)
    c("codes", "import: one code twice in two cases", ["project", "import", "$DIR/p.csv"], DATA,
      files={"p.csv": csv_file(HEADER, row("CASE-A"), row("case-a"))})
    c("codes", "import: an existing code in another case", ["project", "import", "$DIR/p.csv"], DATA,
      files={"p.csv": csv_file(HEADER, row(PLEDGED.lower()))})
    return out


def run_case(case, bin_dir, base_env, secrets, app_pw, empty_url):
    with tempfile.TemporaryDirectory(prefix="chaos-bad-") as folder:
        def expand(text):
            return (text.replace("$DIR", folder).replace("$APP_PW", app_pw).replace("$EMPTY_URL", empty_url)
                    if isinstance(text, str) else text)
        for name, data in case.files.items():
            path = os.path.join(folder, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(data)
        env = dict(base_env)
        for key, value in case.env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = expand(value)
        args = [os.path.join(bin_dir, case.program)] + [expand(a) for a in case.args]
        if case.shell is not None:
            # `exec "$@" REDIRECTIONS`: the program itself gets the redirected descriptors.
            args = ["/bin/sh", "-c", f'exec "$@" {case.shell}', "sh"] + args
        try:
            if case.closed_pipe:
                reader, writer = os.pipe()
                os.close(reader)
                # Python ignores SIGPIPE; restore_signals=False keeps it ignored in the child,
                # so its write fails with EPIPE instead of killing it.
                run = subprocess.run(args, cwd=folder, env=env, stdout=writer, stderr=subprocess.PIPE,
                                     timeout=60, restore_signals=False)
                os.close(writer)
                code, stdout, stderr = run.returncode, b"", run.stderr
            elif case.limit_file_size:
                def limit():
                    import resource
                    import signal
                    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
                    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
                run = subprocess.run(args, cwd=folder, env=env, capture_output=True, timeout=60, preexec_fn=limit)
                code, stdout, stderr = run.returncode, run.stdout, run.stderr
                # The old file must be whole: a failed --output write never leaves half a file.
                with open(os.path.join(folder, "old.html"), "rb") as handle:
                    if handle.read() != case.files.get("old.html"):
                        stderr += b"error: the old --output file was changed by a failed write\n"
            else:
                run = subprocess.run(args, cwd=folder, env=env, capture_output=True, timeout=60)
                code, stdout, stderr = run.returncode, run.stdout, run.stderr
        except subprocess.TimeoutExpired as expired:
            code, stdout, stderr = "timeout", expired.stdout or b"", expired.stderr or b""
    text = stderr.decode("utf-8", "replace")
    lines = text.splitlines()
    problems = []
    if code != case.code:
        problems.append(f"exit {code}, expected {case.code}")
    if len(lines) != case.lines:
        problems.append(f"{len(lines)} stderr lines, expected {case.lines}")
    if not all(line.startswith("error: ") for line in lines) or (case.lines and not lines):
        problems.append("stderr lines not all starting with 'error: '")
    if text and not text.endswith("\n"):
        problems.append("stderr does not end its line")
    if stdout:
        problems.append(f"stdout not empty: {stdout[:120]!r}")
    for secret in list(secrets) + case.forbid:
        if secret and (secret in text or secret in stdout.decode("utf-8", "replace")):
            problems.append("a password appears in the output")
    return code, lines, problems


def dump(command):
    text = subprocess.run(shlex.split(command), capture_output=True, check=True).stdout.decode()
    keep = [line for line in text.splitlines()
            if not line.startswith("\\restrict") and not line.startswith("\\unrestrict")
            and not line.startswith("SELECT pg_catalog.setval")]
    return keep


def setup(bin_dir, env, log):
    """Fixture projects with known statuses and a change scheduled far ahead; then a rollup."""
    portfolio = os.path.join(bin_dir, "portfolio")
    steps = [
        ["project", "add", "--code", PLEDGED, "--name", "Bad Input Pledged", "--sector", "energy", "--status", "pledged",
         "--value", "1000000", "--currency", "USD", "--value-date", "2024-01-02", "--lender", "China Development Bank=100"],
        ["project", "add", "--code", ONGOING, "--name", "Bad Input Ongoing", "--sector", "logistics", "--status", "ongoing",
         "--value", "2000000", "--currency", "USD", "--value-date", "2024-01-02", "--lender", "Bank of China=60",
         "--lender", "China Development Bank=40"],
        ["project", "add", "--code", FINISHED, "--name", "Bad Input Finished", "--sector", "other", "--status", "finished",
         "--value", "3000000", "--currency", "USD", "--value-date", "2024-01-02", "--lender", "Bank of China=100"],
        ["project", "update", ONGOING, "--location", "Minsk"],  # version 2, so --expect-version 1 is stale
        ["status", "set", ONGOING, "suspended", "--effective", "2099-01-01"],
    ]
    for step in steps:
        run = subprocess.run([portfolio] + step, env=env, capture_output=True)
        log.write(f"setup {step[:3]}: exit {run.returncode} {run.stderr.decode(errors='replace').strip()}\n")
        if run.returncode != 0 and b"exists already" not in run.stderr:
            return False
    run = subprocess.run([os.path.join(bin_dir, "portfolio-worker"), "--once", "--http-address", "off"],
                         env=env, capture_output=True, cwd="/")
    log.write(f"setup worker --once: exit {run.returncode}\n{run.stderr.decode(errors='replace')}\n")
    return run.returncode == 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin-dir", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--empty-url", required=True)
    parser.add_argument("--reader-url", required=True)
    parser.add_argument("--app-password", required=True)
    parser.add_argument("--port", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--dump-command", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--summary", required=True)
    parser.add_argument("--secret", action="append", default=[])
    parser.add_argument("--requested-updates", help="TSV file to append the setup's accepted project update to")
    args = parser.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith("PORTFOLIO_") and not k.startswith("PG")}
    env.update({"DATABASE_URL": args.url, "PORTFOLIO_ACTOR": "chaos-bad-input"})
    with open(args.log, "w", encoding="utf-8") as log:
        if not setup(args.bin_dir, env, log):
            print("bad_inputs.py: the setup failed; see " + args.log, file=sys.stderr)
            return 1
        if args.requested_updates:
            with open(args.requested_updates, "a", encoding="utf-8") as handle:
                handle.write(f"s4\t{ONGOING}\tMinsk\n")
        import socket
        global HELD_PORT
        holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        HELD_PORT = holder.getsockname()[1]
        before = dump(args.dump_command)
        all_cases = cases(args.port, args.db, args.reader_url)
        failures = []
        by_group = {}
        by_code = {}
        for case in all_cases:
            code, lines, problems = run_case(case, args.bin_dir, env, args.secret + [args.app_password],
                                             args.app_password, args.empty_url)
            group = by_group.setdefault(case.group, [0, 0])
            group[0] += 1
            by_code[str(case.code)] = by_code.get(str(case.code), 0) + 1
            verdict = "ok  " if not problems else "FAIL"
            first = lines[0] if lines else ""
            log.write(f"{verdict} [{case.group}] {case.label!r}: exit {code} (expected {case.code}); {first[:200]!r}\n")
            if problems:
                group[1] += 1
                failures.append((case, problems, lines))
                log.write("     " + "; ".join(problems) + "\n")
                for line in lines[:5]:
                    log.write(f"     stderr: {line[:300]}\n")
        after = dump(args.dump_command)
        same = before == after
        if not same:
            import difflib
            log.write("DUMP DIFFERS:\n")
            for line in list(difflib.unified_diff(before, after, lineterm="", n=1))[:200]:
                log.write(line + "\n")
    groups = ", ".join(f"{k} {v[0]}" for k, v in by_group.items())
    codes = ", ".join(f"{k}: {v}" for k, v in sorted(by_code.items()))
    text = (f"{len(all_cases)} bad inputs tried ({groups}; expected exits {codes}), "
            f"{len(all_cases) - len(failures)} refused as the contract says, "
            f"pg_dump before and after {'identical' if same else 'CHANGED'}")
    summary = {
        "line": text,
        "cases": len(all_cases), "failed": len(failures), "dump_identical": same,
        "by_group": {k: {"cases": v[0], "failed": v[1]} for k, v in by_group.items()},
        "by_expected_exit": by_code,
        "failures": [{"label": c.label, "problems": p, "stderr": l[:3]} for c, p, l in failures[:50]],
    }
    with open(args.summary, "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    for case, problems, lines in failures[:20]:
        print(f"  FAIL {case.label!r}: {'; '.join(problems)}; stderr: {lines[:2]}", file=sys.stderr)
    return 0 if not failures and same else 1


if __name__ == "__main__":
    sys.exit(main())
