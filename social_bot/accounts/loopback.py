"""The one-shot listener on 127.0.0.1 that receives an OAuth redirect (RFC 8252, section 7.3).

`connect` opens the consent page in a browser; the platform sends the browser back to
http://127.0.0.1:<port>/callback?code=...&state=...; this listener takes that one request and
stops. When the browser is on another machine (SSH), the person pastes the address the browser
was sent to on standard input instead: whichever arrives first wins.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any, TextIO

from social_bot.errors import UserError

CALLBACK_PATH = "/callback"
_PAGE = (b"<!doctype html><title>socialbot</title><p>socialbot received the answer. "
         b"You can close this tab and return to the terminal.</p>")


class LoopbackReceiver:
    def __init__(self, port: int = 0) -> None:
        received: queue.Queue[str] = queue.Queue()
        self._received = received

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - stdlib name
                if not self.path.startswith(CALLBACK_PATH + "?"):
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                host, port = self.server.server_address[:2]
                received.put(f"http://{host}:{port}{self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(_PAGE)))
                self.end_headers()
                self.wfile.write(_PAGE)

            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
                return  # the query string holds the authorization code: never log it

        try:
            self._server = HTTPServer(("127.0.0.1", port), Handler)
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

    def wait(self, timeout: float, stdin: TextIO | None = None) -> str:
        """The redirect URL: from the browser, or a line pasted on `stdin` (if given)."""
        if stdin is not None:
            def read() -> None:
                with contextlib.suppress(OSError, ValueError):
                    line = stdin.readline().strip()
                    if line:
                        self._received.put(line)

            threading.Thread(target=read, daemon=True, name="socialbot-oauth-stdin").start()
        try:
            return self._received.get(timeout=timeout)
        except queue.Empty:
            raise UserError(f"no answer from the browser within {timeout:g} s; run connect "
                            "again (or paste the address the browser was sent to)") from None
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
