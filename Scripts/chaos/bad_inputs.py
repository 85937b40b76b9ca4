#!/usr/bin/env python3
"""Scenario 4 of Scripts/chaos.sh: malformed input must be refused by the contract and change nothing.

    bad_inputs.py --bin-dir DIR --url APP_URL --empty-url URL --reader-url URL --app-password PW
                  --port PORT --db DB --log FILE --summary FILE --dump-command 'pg_dump ... DB'
                  [--secret TEXT]... [--requested-updates FILE]

The cases are those of Scripts/chaos/bad_inputs.json whose `chaos` is true (the table the Swift
suite reads too; Scripts/chaos/bad_inputs_table.py writes it and tells its fields): command-line
arguments, project/FX/status import files, settings of both programs (DATABASE_URL, PORTFOLIO_*
variables, worker flags and --config files) and missing or unreadable paths. Each case names the
exit code the contract gives it (Sources/PortfolioStore/Support/ExitStatus.swift: usage 64, data
65, no input 66, unavailable 69, output 74, conflict 75, permission 77, and 141 for a reader that
closed the pipe) and must print its lines on stderr (one, as a rule), each starting with
`error:` (none for 141), holding the texts it mentions, nothing on stdout, and no secret. A case
may run through `/bin/sh` (`shell`: redirections such as `>/dev/full` or `>&-`) or with its
stdout on a pipe whose reader has gone (`closed_pipe`). `pg_dump --data-only` of the database is
taken before the first case and after the last, and must be identical once the lines that
legitimately vary are dropped (`\\restrict`/`\\unrestrict` keys, and `setval` lines: a refused
INSERT still uses up a sequence value).

Root can read any file, so unreadable inputs are a folder or a path that does not exist.
Exit status: 0 when every case behaved and the dumps match, 1 otherwise.
"""
import argparse
import base64
import json
import os
import shlex
import subprocess
import sys
import tempfile

TABLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad_inputs.json")


class Case:
    """One case of the table, its placeholders replaced (but $DIR, the folder it runs in)."""

    def __init__(self, entry, expand):
        self.group = entry["group"]
        self.label = expand(entry["label"])
        self.args = [expand(arg) for arg in entry["args"]]
        self.code = entry["exit"]
        self.program = entry["program"]
        self.lines = entry["stderr_lines"]
        self.mentions = [expand(text) for text in entry["mentions"]]
        self.forbid = [expand(text) for text in entry["avoids"]]
        self.env = {key: expand(value) for key, value in entry["env"].items()}
        self.files = {}
        for file in entry["files"]:
            data = file["text"].encode() if "text" in file else base64.b64decode(file["base64"])
            self.files[file["path"]] = expand(data)
        self.shell = entry["shell"]
        self.closed_pipe = entry["closed_pipe"]
        self.limit_file_size = entry["limit_file_size"]
        if entry["setup"]:
            raise ValueError(f"{self.label}: a chaos case runs on the shared fixtures; it has no setup of its own")


def placeholders(values):
    """expand(text or bytes): each $NAME of `values` replaced, the longest names first."""
    names = sorted(values, key=len, reverse=True)

    def expand(text):
        if isinstance(text, bytes):
            for name in names:
                text = text.replace(f"${name}".encode(), values[name].encode())
        elif isinstance(text, str):
            for name in names:
                text = text.replace(f"${name}", values[name])
        return text
    return expand


def load(values):
    """The chaos cases of the table, and the fixture codes (PLEDGED, ONGOING, FINISHED)."""
    with open(TABLE, encoding="utf-8") as handle:
        table = json.load(handle)
    fixtures = table["fixtures"]["chaos"]
    values = dict(values)
    for name, code in fixtures.items():
        values[name] = code
        values[name + "_LOWER"] = code.lower()
    expand = placeholders(values)
    return [Case(entry, expand) for entry in table["cases"] if entry["chaos"]], fixtures


def run_case(case, bin_dir, base_env, secrets):
    with tempfile.TemporaryDirectory(prefix="chaos-bad-") as folder:
        expand = placeholders({"DIR": folder})
        for name, data in case.files.items():
            path = os.path.join(folder, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(expand(data))
        env = dict(base_env)
        for key, value in case.env.items():
            if value is None:
                env.pop(key, None)
            else:
                env[key] = expand(value)
        args = [os.path.join(bin_dir, case.program)] + [expand(a) for a in case.args]
        mentions = [expand(text) for text in case.mentions]
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
                    if handle.read() != expand(case.files.get("old.html")):
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
    for mention in mentions:
        if mention not in text:
            problems.append(f"stderr does not mention {mention!r}")
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


def setup(bin_dir, env, log, fixtures):
    """Fixture projects with known statuses and a change scheduled far ahead; then a rollup."""
    portfolio = os.path.join(bin_dir, "portfolio")
    PLEDGED, ONGOING, FINISHED = fixtures["PLEDGED"], fixtures["ONGOING"], fixtures["FINISHED"]
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
    # A port another listener holds while the cases run, for the worker's HTTP address cases.
    import socket
    holder = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    holder.bind(("127.0.0.1", 0))
    holder.listen(1)
    all_cases, fixtures = load({"PORT": args.port, "DB": args.db, "APP_PW": args.app_password,
                                "EMPTY_URL": args.empty_url, "READER_URL": args.reader_url,
                                "HELD_ADDRESS": "127.0.0.1:%d" % holder.getsockname()[1]})
    with open(args.log, "w", encoding="utf-8") as log:
        if not setup(args.bin_dir, env, log, fixtures):
            print("bad_inputs.py: the setup failed; see " + args.log, file=sys.stderr)
            return 1
        if args.requested_updates:
            with open(args.requested_updates, "a", encoding="utf-8") as handle:
                handle.write(f"s4\t{fixtures['ONGOING']}\tMinsk\n")
        before = dump(args.dump_command)
        failures = []
        by_group = {}
        by_code = {}
        for case in all_cases:
            code, lines, problems = run_case(case, args.bin_dir, env, args.secret + [args.app_password])
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
