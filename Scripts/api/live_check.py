"""Opens the dashboard in headless Chromium (through the DevTools protocol), reads a project's
status from the page, runs a command that changes it, and checks that the open page shows the
new status within the limit, without being reloaded by anyone but itself.

Usage: live_check.py DEVTOOLS_PORT PAGE_URL CODE EXPECTED LIMIT_SECONDS -- COMMAND...
"""
import subprocess
import sys
import time

from cdp import CDP


def main() -> int:
    separator = sys.argv.index("--")
    port, url, code, expected, limit = sys.argv[1:separator]
    command = sys.argv[separator + 1:]
    page = CDP(int(port), url)
    status_js = (f"(function () {{ var a = document.querySelector('a[href=\"/projects/{code}\"]');"
                 f" return a ? a.closest('tr').children[3].textContent : null; }})()")
    deadline = time.monotonic() + 30
    before = None
    while time.monotonic() < deadline:
        before = page.evaluate(status_js)
        if before and page.evaluate("document.readyState") == "complete":
            break
        time.sleep(0.1)
    if not before:
        print(f"live_check: the page never showed {code}", file=sys.stderr)
        return 1
    # The page's event stream must be open before the change, or it would not hear it.
    time.sleep(1.0)
    page.evaluate("document.body.setAttribute('data-loaded-once', 'yes')")
    started = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    changed = time.monotonic()
    while time.monotonic() - changed < float(limit) + 5:
        now = page.evaluate(status_js)
        if now == expected:
            elapsed = time.monotonic() - changed
            same_document = page.evaluate("document.body.getAttribute('data-loaded-once')") == "yes"
            updated = page.evaluate("document.documentElement.getAttribute('data-updated')") is not None
            print(f"live_check: {code} went from {before} to {now} on the open page {elapsed:.2f} s after the command "
                  f"(command took {changed - started:.2f} s); same document: {same_document}; updated by its script: {updated}")
            return 0 if elapsed <= float(limit) and same_document and updated else 1
        time.sleep(0.05)
    print(f"live_check: the open page still shows {page.evaluate(status_js)} for {code}, not {expected}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
