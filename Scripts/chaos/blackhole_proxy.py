#!/usr/bin/env python3
"""A loopback TCP proxy that can stop carrying bytes without closing anything.

    blackhole_proxy.py --listen PORT --target PORT [--ready FILE]

SIGUSR1 blackholes it: no byte moves on open connections and new ones are not accepted (the
kernel still completes their handshake), as a network link that drops every packet looks to
both ends. SIGUSR2 forwards again (bytes held meanwhile are then delivered). SIGTERM ends it.
Writes its pid to --ready once listening.
"""
import argparse
import os
import selectors
import signal
import socket
import sys
import time

forwarding = True
running = True


def main():
    global forwarding, running
    parser = argparse.ArgumentParser()
    parser.add_argument("--listen", type=int, required=True)
    parser.add_argument("--target", type=int, required=True)
    parser.add_argument("--ready")
    args = parser.parse_args()

    def blackhole(*_):
        global forwarding
        forwarding = False

    def restore(*_):
        global forwarding
        forwarding = True

    def stop(*_):
        global running
        running = False

    signal.signal(signal.SIGUSR1, blackhole)
    signal.signal(signal.SIGUSR2, restore)
    signal.signal(signal.SIGTERM, stop)

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.listen))
    listener.listen(128)
    listener.setblocking(False)
    if args.ready:
        with open(args.ready, "w") as handle:
            handle.write(str(os.getpid()))

    selector = selectors.DefaultSelector()
    peers = {}
    while running:
        wanted = {listener} | set(peers) if forwarding else set()
        registered = set(key.fileobj for key in selector.get_map().values())
        for sock in registered - wanted:
            selector.unregister(sock)
        for sock in wanted - registered:
            selector.register(sock, selectors.EVENT_READ)
        try:
            events = selector.select(timeout=0.05) if wanted else []
        except InterruptedError:
            continue
        if not wanted:
            time.sleep(0.05)
        for key, _ in events:
            sock = key.fileobj
            if not forwarding:
                break
            if sock is listener:
                try:
                    client, _ = listener.accept()
                except BlockingIOError:
                    continue
                upstream = socket.create_connection(("127.0.0.1", args.target))
                client.setblocking(True)
                peers[client] = upstream
                peers[upstream] = client
                continue
            other = peers.get(sock)
            if other is None:
                continue
            try:
                data = sock.recv(65536)
            except OSError:
                data = b""
            if data:
                try:
                    other.sendall(data)
                    continue
                except OSError:
                    pass
            for end in (sock, other):
                peers.pop(end, None)
                try:
                    selector.unregister(end)
                except (KeyError, ValueError):
                    pass
                end.close()
    for sock in list(peers):
        sock.close()
    listener.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
