"""Holds many idle Server-Sent Events clients on /api/v1/events for a while, then makes a change
and checks that every one of them hears it; reports the server's resident memory before and
after. Fails on any client error, on a client that misses the change, or on memory growth
above the limit.

Usage: sse_clients.py HOST PORT SERVER_PID CLIENTS SECONDS MAX_GROWTH_MIB -- COMMAND...
"""
import selectors
import socket
import subprocess
import sys
import time


def rss_mib(pid: int) -> float:
    with open(f"/proc/{pid}/status") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    separator = sys.argv.index("--")
    host, port, pid, clients, seconds, max_growth = sys.argv[1:separator]
    command = sys.argv[separator + 1:]
    port, pid, clients, seconds, max_growth = int(port), int(pid), int(clients), float(seconds), float(max_growth)
    selector = selectors.DefaultSelector()
    received = {}
    request = f"GET /api/v1/events HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode()
    for index in range(clients):
        sock = socket.create_connection((host, port), timeout=10)
        sock.sendall(request)
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, index)
        received[index] = b""
    errors = 0

    def pump(until: float, done) -> None:
        nonlocal errors
        while time.monotonic() < until and not done():
            for key, _ in selector.select(timeout=0.2):
                try:
                    data = key.fileobj.recv(65536)
                except OSError:
                    data = b""
                if not data:
                    errors += 1
                    selector.unregister(key.fileobj)
                    continue
                received[key.data] += data

    pump(time.monotonic() + 30, lambda: all(b"retry:" in value for value in received.values()))
    opened = sum(1 for value in received.values() if b" 200 " in value.split(b"\r\n", 1)[0] and b"retry:" in value)
    start_rss = rss_mib(pid)
    pump(time.monotonic() + seconds, lambda: False)
    end_rss = rss_mib(pid)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    pump(time.monotonic() + 15, lambda: all(b"event: change" in value for value in received.values()))
    heard = sum(1 for value in received.values() if b"event: change" in value)
    growth = end_rss - start_rss
    print(f"sse_clients: {opened} of {clients} streams opened, held {seconds:.0f} s; server RSS {start_rss:.1f} MiB -> "
          f"{end_rss:.1f} MiB ({growth:+.1f}); {heard} of {clients} heard the change; {errors} errors")
    return 0 if opened == clients and heard == clients and errors == 0 and growth <= max_growth else 1


if __name__ == "__main__":
    sys.exit(main())
