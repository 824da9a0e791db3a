"""Session 46: Graph's debug_token asked as a plain GET (Meta refuses the HTTP method override
to apps created since 2026-11-04, on every version), with the Page token that now sits in its
URL kept out of every error, log line and audit record; and a sandbox as strict as Graph."""

from __future__ import annotations

import io
import json
import logging
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from test_accounts_connect import connect, follow

from social_bot import logs
from social_bot.accounts import connect as flows
from social_bot.accounts.store import CredentialStore
from social_bot.errors import UserError
from social_bot.sandbox.oauth import FACEBOOK_PAGES, oauth_env

APP_ID = "4242424242"
APP_SECRET = "appsecret0a1b2c3d4e5f"
PAGE_TOKEN = "EAAGpagetoken7Zq0k1m2n3b4v5c6x7"
PAGE_ID = FACEBOOK_PAGES[0][0]


# -- the sandbox is as strict as Graph -------------------------------------------------------


def test_sandbox_refuses_the_method_override_on_every_graph_path(sandbox):
    graph = f"{sandbox.url}/facebook/v25.0"
    app = {"Authorization": f"Bearer sandbox|{sandbox.token}"}
    tunnelled = requests.post(f"{graph}/debug_token", headers=app, timeout=10,
                              data={"input_token": sandbox.token, "method": "GET"})
    assert tunnelled.status_code == 400
    error = tunnelled.json()["error"]
    assert error["code"] == 12 and error["type"] == "OAuthException"
    assert error["fbtrace_id"] and "method override" in error["message"]
    # in the query string of a Page edge too, and before anything is published
    feed = requests.post(f"{graph}/{PAGE_ID}/feed", params={"method": "POST"},
                         headers={"Authorization": f"Bearer {sandbox.token}"},
                         data={"message": "a tunnelled post"}, timeout=10)
    assert feed.status_code == 400 and feed.json()["error"]["code"] == 12
    assert requests.get(f"{sandbox.url}/_sandbox/posts", timeout=10).json()["facebook"] == []
    # the documented form is served
    plain = requests.get(f"{graph}/debug_token", params={"input_token": sandbox.token},
                         headers=app, timeout=10)
    assert plain.status_code == 200 and plain.json()["data"]["is_valid"] is True


def test_connect_and_check_facebook_work_against_a_strict_graph_without_leaking_the_token(
        sandbox, cli_env, db):
    env = {**{k: v for k, v in cli_env.items() if not k.startswith(("LINKEDIN_", "FACEBOOK_",
                                                                     "X_"))},
           **oauth_env(sandbox.url)}
    probe = requests.post(f"{sandbox.url}/facebook/v25.0/debug_token", timeout=10,
                          headers={"Authorization": f"Bearer sandbox|{sandbox.token}"},
                          data={"input_token": sandbox.token, "method": "GET"})
    assert probe.status_code == 400  # the override is refused, as Graph does for a new app

    done = connect(env, "facebook", browser=follow)
    assert done.returncode == 0, done.stderr
    assert f"Sandbox Practice (Page {PAGE_ID})" in done.stdout
    token = CredentialStore(Path(env["SOCIALBOT_DATA_DIR"])).get("facebook").values[
        "FACEBOOK_PAGE_TOKEN"]
    assert token not in done.stdout + done.stderr

    checked = subprocess.run([sys.executable, "-m", "social_bot", "check", "--json",
                              "facebook"], env=env, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    [report] = json.loads(checked.stdout)
    assert report["never_expires"] and report["scopes_missing"] == []  # debug_token answered
    assert token not in checked.stdout + checked.stderr

    exported = subprocess.run([sys.executable, "-m", "social_bot", "audit", "export",
                               "--format", "jsonl"], env=env, capture_output=True, text=True,
                              timeout=60)
    assert exported.returncode == 0, exported.stderr
    assert '"account.connected"' in exported.stdout and token not in exported.stdout


# -- a failing Graph: the token in the URL never surfaces ----------------------------------


class FakeGraph(BaseHTTPRequestHandler):
    """debug_token that fails as the server's `mode` says."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        mode = self.server.mode  # type: ignore[attr-defined]
        release: threading.Event = self.server.release  # type: ignore[attr-defined]
        if mode == "hang":
            release.wait(10)
            return
        if mode == "http":  # a proxy or platform that quotes the request back
            body = json.dumps({"error": {"message": f"cannot serve {self.requestline}",
                                         "code": 1}}).encode()
            self._head(500, len(body))
            self.wfile.write(body)
            return
        # "trickle": every byte inside the read timeout, the whole past the deadline
        body = b'{"data": {"is_valid": true}}'
        self._head(200, len(body))
        for byte in body:
            if release.wait(0.2):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:
                return

    do_POST = do_GET

    def _head(self, status: int, length: int) -> None:
        self.send_response(status)
        for name, value in (("Content-Type", "application/json"),
                            ("Content-Length", str(length))):
            self.send_header(name, value)
        self.end_headers()


@pytest.fixture
def graph() -> Iterator[ThreadingHTTPServer]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeGraph)
    server.daemon_threads = True
    server.mode = "http"  # type: ignore[attr-defined]
    server.release = threading.Event()  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.release.set()  # type: ignore[attr-defined]
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("mode", ["refused", "timeout", "http", "deadline"])
def test_debug_token_is_a_plain_get_and_no_failure_shows_the_token(graph, monkeypatch, mode):
    sent: list[requests.PreparedRequest] = []
    send = requests.Session.send

    def spy(self: requests.Session, request: requests.PreparedRequest, **kwargs: object):
        sent.append(request)
        return send(self, request, **kwargs)

    monkeypatch.setattr(requests.Session, "send", spy)
    monkeypatch.setattr(flows, "TIMEOUT", (2.0, 0.5 if mode == "timeout" else 5.0))
    monkeypatch.setattr(flows, "DEADLINE", 1.0 if mode == "deadline" else 30.0)
    graph.mode = {"timeout": "hang", "deadline": "trickle"}.get(mode, mode)
    port = _closed_port() if mode == "refused" else graph.server_address[1]

    out = io.StringIO()
    logs.configure("DEBUG", out, env={})  # no setting names the new Page token
    log = logging.getLogger("socialbot.accounts")
    started = time.monotonic()
    try:
        with pytest.raises(UserError) as caught:
            flows.debug_token(f"http://127.0.0.1:{port}/v25.0", APP_ID, APP_SECRET, PAGE_TOKEN)
        log.warning("account.introspection_failed", exc_info=caught.value,
                    extra={"error": str(caught.value)})
    finally:
        logging.getLogger().handlers.clear()
    assert time.monotonic() - started < 10

    [request] = sent
    query = parse_qs(urlsplit(request.url).query)
    assert request.method == "GET" and request.body is None
    assert query == {"input_token": [PAGE_TOKEN]}  # no method override, no app secret
    assert request.headers["Authorization"] == f"Bearer {APP_ID}|{APP_SECRET}"

    expected = {"refused": "ConnectionError", "timeout": "ReadTimeout", "http": "HTTP 500",
                "deadline": "DeadlineExceeded"}[mode]
    error = caught.value
    assert str(error).startswith("facebook: inspecting the token: ") and expected in str(error)
    chain = [error, error.__cause__, error.__context__]
    shown = " ".join(f"{e!s} {e!r}" for e in chain if e is not None) + out.getvalue()
    assert PAGE_TOKEN not in shown and APP_SECRET not in shown
    assert "account.introspection_failed" in out.getvalue()


def test_log_lines_quoting_a_url_lose_its_credential_parameters():
    """urllib3 and requests quote the URL they used (a retry warning, an exception's text):
    the formatter masks each credential query parameter even when no setting names it."""
    out = io.StringIO()
    logs.configure("INFO", out, env={})
    try:
        logging.getLogger("urllib3.connectionpool").warning(
            "Retrying after connection broken by 'reset': %s",
            f"/v25.0/debug_token?input_token={PAGE_TOKEN}&access_token={APP_ID}%7C{APP_SECRET}")
        logging.getLogger("socialbot.accounts").warning(
            "account.introspection_failed",
            extra={"error": f"GET http://graph.test/v25.0/debug_token?input_token={PAGE_TOKEN}"
                            " failed", "url": f"http://127.0.0.1:9/callback?code={APP_SECRET}"
                                              "&state=kept"})
    finally:
        logging.getLogger().handlers.clear()
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(lines) == 2
    text = out.getvalue()
    assert PAGE_TOKEN not in text and APP_SECRET not in text
    assert "input_token=***" in lines[0]["event"] and "state=kept" in lines[1]["url"]
    assert logs.mask(f"x?input_token={PAGE_TOKEN}", ()) == "x?input_token=***"
