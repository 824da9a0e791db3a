"""The one-shot listener on 127.0.0.1 that receives an OAuth redirect (RFC 8252, section 7.3).

`connect` opens the consent page in a browser; the platform sends the browser back to
http://127.0.0.1:<port>/callback?code=...&state=...; this listener takes that one request and
stops. When the browser is on another machine (SSH), the person pastes the address the browser
was sent to on standard input instead: whichever arrives first wins.

Only the answer to *this* run is taken: its `state` (compared in constant time), on the
callback path, with the loopback Host the redirect names. Anything else (a web page the
person has open firing `<img src="http://127.0.0.1:8765/callback?error=x">`, a DNS-rebound
name, another local user's probe) is answered 400/404 and the listener keeps waiting; before,
the first such request ended `connect` and the real redirect then met a closed port.
"""

from __future__ import annotations

import contextlib
import hmac
import io
import queue
import select
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TextIO
from urllib.parse import parse_qsl, urlsplit

from social_bot.errors import UserError

CALLBACK_PATH = "/callback"
# Each connection is served on its own thread, and has this long in all (not per read) to
# deliver its request: a client trickling a byte every 4 s held the one-at-a-time listener,
# and the real redirect got no answer (session 50 attack review, finding 5).
REQUEST_SECONDS = 5.0
# Connections served at once (a thread each); more are closed as they come, unread. Nothing
# capped them (session 50, left open): a local client opening thousands held a thread and a
# descriptor each for 5 s, renewed at will. A browser opens a few; 32 leaves it room. A
# client that holds all 32 delays the browser's answer, never takes it: the address the
# browser was sent to can still be pasted (docs/history/security.md, "Session 51: settings").
MAX_CONNECTIONS = 32
_PAGE = (b"<!doctype html><title>socialbot</title><p>socialbot received the answer. "
         b"You can close this tab and return to the terminal.</p>")
_REFUSED = (b"<!doctype html><title>socialbot</title><p>This is not the answer socialbot "
            b"is waiting for.</p>")


class _Server(ThreadingHTTPServer):
    block_on_close = False  # closing does not wait for a slow client's thread (daemonic)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        super().__init__(*args, **kwargs)

    def process_request(self, request: Any, client_address: Any) -> None:
        """A thread for the connection while a slot is free; otherwise it is closed now,
        without a thread or a wait (the accepting loop must stay free for the browser)."""
        if not self._slots.acquire(blocking=False):
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self._slots.release()  # no thread was started to release it
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


def state_matches(url: str, expected: str) -> bool:
    """Whether `url`'s query carries exactly one `state`, equal to `expected` (constant time:
    a local caller must not learn the state a character at a time)."""
    states = [v for k, v in parse_qsl(urlsplit(url).query) if k == "state"]
    return len(states) == 1 and hmac.compare_digest(states[0].encode(), expected.encode())


class LoopbackReceiver:
    def __init__(self, port: int = 0, state: str = "") -> None:
        received: queue.Queue[str] = queue.Queue()
        self._received = received
        # Requests are served concurrently now: the first with the right state takes the
        # lock, and with it the one answer; a check-then-set event let two through.
        taken = threading.Lock()

        class Handler(BaseHTTPRequestHandler):
            timeout = REQUEST_SECONDS

            def handle(self) -> None:
                """The whole request under one deadline: when it passes, the connection is
                shut, which ends a read that a trickle of bytes kept alive."""
                cut = threading.Timer(REQUEST_SECONDS, self._cut)
                cut.daemon = True
                cut.start()
                try:
                    super().handle()
                finally:
                    cut.cancel()

            def _cut(self) -> None:
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)

            def _answer(self, status: int, body: bytes = b"") -> None:
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                host, port = self.server.server_address[:2]
                if urlsplit(self.path).path != CALLBACK_PATH:
                    self._answer(404)
                elif (self.headers.get("Host") or "").lower() not in (
                        f"{host}:{port}", host if port == 80 else None):
                    self._answer(400, _REFUSED)  # a DNS-rebound name: not our redirect
                elif not state_matches(self.path, state) or not taken.acquire(blocking=False):
                    self._answer(400, _REFUSED)
                else:
                    received.put(f"http://{host}:{port}{self.path}")
                    self._answer(200, _PAGE)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return  # the query string holds the authorization code: never log it

        try:
            self._server = _Server(("127.0.0.1", port), Handler)
        except OSError as exc:
            raise UserError(f"cannot listen on 127.0.0.1:{port} for the OAuth redirect "
                            f"({exc.strerror}); choose another --port") from None
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.1}, daemon=True,
                                        name="socialbot-oauth-redirect")
        self._thread.start()

    @property
    def redirect_uri(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{CALLBACK_PATH}"

    def wait(self, timeout: float, stdin: TextIO | None = None, *,
             end_of_input_ends: bool = False) -> str:
        """The redirect URL: from the browser, or a line pasted on `stdin` (if given);
        ``end_of_input_ends``: no browser was opened, so the end of `stdin` is the end.

        `stdin` is read here, only when a line is ready, never from a thread left blocked
        on it: such a thread (before) took the first answer typed at the next prompt
        ("Which organization (1-2)?"), so that prompt seemed to ignore it."""
        deadline = time.monotonic() + timeout
        fd = fileno_of(stdin)
        try:
            while (left := deadline - time.monotonic()) > 0:
                with contextlib.suppress(queue.Empty):
                    return self._received.get(timeout=min(0.1, left))
                if stdin is None or fd is not None and not select.select([fd], [], [], 0)[0]:
                    continue
                line = stdin.readline()  # a line is ready (or EOF): this does not block
                if line.strip():
                    return line.strip()
                if not line and end_of_input_ends:
                    raise UserError("no answer on standard input (it ended); with "
                                    "--no-browser, paste the address the browser was sent to")
                if not line:  # end of input: only the browser can answer now
                    stdin = None
            raise UserError(f"no answer from the browser within {timeout:g} s; run connect "
                            "again (or paste the address the browser was sent to)")
        finally:
            self.close()

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackReceiver:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(Exception):
            self.close()


def fileno_of(stream: TextIO | None) -> int | None:
    """The descriptor to wait on, None for a stream without one (a test's StringIO)."""
    try:
        return stream.fileno() if stream is not None else None
    except (OSError, ValueError, io.UnsupportedOperation):
        return None
