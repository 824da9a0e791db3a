"""What the request deadline (adapters/_deadline.py, session 45) costs a fast request.

    python bench/http_deadline.py [--requests 300]

A 127.0.0.1 server answers a small JSON body at once; the same number of keep-alive GETs go
through a plain requests.Session and through adapters._http.BaseUrlSession (its watcher
timer, one per request, and the watched connection classes). Printed: median and p95
per request, each way, and the difference. Bounded: --requests at most 5,000.
"""

from __future__ import annotations

import argparse
import statistics
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

from adapters._http import BaseUrlSession

BODY = b'{"id": "1", "name": "bench"}'


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 65536  # headers and body in one write: no 40 ms delayed-ACK stall per request

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)

    def log_message(self, *args: object) -> None:
        pass


def timings(session: requests.Session, url: str, count: int) -> list[float]:
    session.get(url, timeout=(5, 30))  # connect once, outside the figures
    out = []
    for _ in range(count):
        began = time.perf_counter()
        session.get(url, timeout=(5, 30)).raise_for_status()
        out.append((time.perf_counter() - began) * 1000)
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    count = min(5000, max(10, parser.parse_args().requests))
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    sessions = (requests.Session(), BaseUrlSession(url, (5, 30)))
    plain: list[float] = []
    watched: list[float] = []
    try:
        for _ in range(10):  # alternating blocks, so drift on a shared machine hits both
            plain += timings(sessions[0], url, count // 10)
            watched += timings(sessions[1], url, count // 10)
    finally:
        server.shutdown()
    for name, figures in (("plain requests.Session", plain), ("with the deadline", watched)):
        p95 = statistics.quantiles(figures, n=20)[-1]
        print(f"{name:24} median {statistics.median(figures):6.2f} ms  p95 {p95:6.2f} ms")
    difference = statistics.median(watched) - statistics.median(plain)
    print(f"{'difference (median)':24} {difference:+.3f} ms over {count} requests")


if __name__ == "__main__":
    main()
