"""Session 44, an outside review of the daemon's HTTP server (social_bot/web).

What a client could do to the process that also publishes: hold connections and memory
with request heads that never end, keep a connection with a body nobody reads, make a
slow database turn a recorded vote into "the command failed" in Slack, and get a 500 with
a logged traceback from a header or a hang-up. Every socket here has a timeout: a bound
against a hang, not a measure of speed.
"""

from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from test_web_support import (  # noqa: F401 - fixtures
    capture_fixture,
    chat_app_fixture,
    command_body,
    new_post,
    server_fixture,
    slack_headers,
    snapshot,
)

DANA = "U01DANA"
BOUND = 10.0  # seconds a socket may wait before the test calls it a hang


def _answer_without_reading(request):  # noqa: ANN001, ANN202 - a Starlette endpoint
    return PlainTextResponse("ok")


@pytest.fixture(name="plain")
def plain_fixture(monkeypatch):
    """The server's own limits, small, in front of an app that never reads a body."""
    from social_bot.web import server as web_server

    monkeypatch.setattr(web_server, "HEAD_TIMEOUT", 0.3, raising=False)
    monkeypatch.setattr(web_server, "MAX_CONNECTIONS", 3, raising=False)
    app = Starlette(routes=[Route("/ping", _answer_without_reading, methods=["GET", "POST"])])
    handle = web_server.serve_in_thread(app)
    yield handle
    handle.stop()


def _connect(handle, first: bytes = b"") -> socket.socket:
    conn = socket.create_connection((handle.host, handle.port), timeout=BOUND)
    if first:
        conn.sendall(first)
    return conn


def _read_all(conn: socket.socket) -> bytes:
    """Everything until the server closes (a socket timeout fails the test)."""
    answer = b""
    while chunk := conn.recv(65536):
        answer += chunk
    return answer


def test_a_request_head_that_never_ends_is_cut_off(plain):
    # Before: uvicorn waited for the rest of the headers for ever, one descriptor each.
    with _connect(plain, b"POST /ping HTTP/1.1\r\nHost: x\r\nX-Slow: a") as conn:
        assert _read_all(conn).startswith(b"HTTP/1.1 408")


def test_an_idle_connection_is_cut_off(plain):
    with _connect(plain) as conn:
        assert _read_all(conn).startswith(b"HTTP/1.1 408")


def test_an_endless_stream_of_headers_is_refused_not_buffered(plain, monkeypatch):
    from social_bot.web import server as web_server

    # the size, not the time, cuts it off
    monkeypatch.setattr(web_server, "HEAD_TIMEOUT", BOUND, raising=False)
    with _connect(plain, b"GET /ping HTTP/1.1\r\nHost: x\r\n") as conn:
        try:  # before: every byte was kept (60 MB of headers grew the daemon by 60 MB)
            for number in range(40):  # 40 KiB, past the 32 KiB cap; then the client waits
                conn.sendall(f"X-Pad-{number}: {'a' * 1000}\r\n".encode())
            answer = _read_all(conn)
        # closed with some of the padding unread: also cut off (a reset, or, when the close
        # lands while the client is still sending, a broken pipe: CI once saw that one)
        except (ConnectionResetError, BrokenPipeError):
            answer = b"HTTP/1.1 431 (reset)"
    assert answer.startswith(b"HTTP/1.1 431")


def test_connections_past_the_cap_are_closed_at_once(plain, monkeypatch):
    from social_bot.web import server as web_server

    monkeypatch.setattr(web_server, "HEAD_TIMEOUT", BOUND, raising=False)
    held = [_connect(plain) for _ in range(3)]
    try:
        # Since session 51 the oldest connection not being answered makes room (503, closed
        # at once), not the newest: idle holders kept every Slack request out.
        with _connect(plain):
            assert _read_all(held[0]).startswith(b"HTTP/1.1 503")
    finally:
        for conn in held:
            conn.close()
    deadline = time.monotonic() + BOUND  # the server notices the closes on its own time
    while True:
        try:
            assert requests.get(f"{plain.url}/ping", timeout=BOUND).text == "ok"
            break
        except (requests.ConnectionError, AssertionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def test_a_body_nobody_reads_does_not_keep_the_connection(plain):
    # Answered, then before: kept alive while the rest of the body trickled in for ever.
    with _connect(plain, b"POST /ping HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nab") \
            as conn:
        answer = _read_all(conn)
    assert answer.startswith(b"HTTP/1.1 200") and answer.endswith(b"ok")


def test_a_keep_alive_connection_still_serves_requests(plain):
    with requests.Session() as session:
        for _ in range(3):
            assert session.get(f"{plain.url}/ping", timeout=BOUND).text == "ok"


# --- the chat doors -------------------------------------------------------------------------


def test_a_slow_database_is_answered_working_on_it_and_the_vote_follows(
        chat_app, server, capture, monkeypatch):
    """Before: the replay check waited for the database outside Slack's deadline; Slack
    gave up ("operation_timeout"), the vote was then recorded and its answer lost."""
    from social_bot.chat.memory import DbReplayGuard
    from social_bot.web import asgi

    monkeypatch.setattr(asgi, "DEADLINE", 0.2)
    post_id = new_post(chat_app)
    free = threading.Event()
    first_time = DbReplayGuard.first_time

    def slow(self, signature: str) -> bool:  # noqa: ANN001 - a database busy with a writer
        free.wait(BOUND)
        return first_time(self, signature)

    monkeypatch.setattr(DbReplayGuard, "first_time", slow)
    body = command_body(f"approve {post_id}", DANA, f"{capture.url}/r")
    try:
        answer = requests.post(f"{server.url}/slack/commands", data=body,
                               headers=slack_headers(body), timeout=BOUND / 2)
    finally:
        free.set()
    assert answer.status_code == 200 and answer.json()["text"] == asgi.WORKING
    assert "is recorded (1/2)" in capture.wait_for(1)[0]["body"]["text"]
    assert [a.approver for a in snapshot(chat_app)["approvals"]] == ["Dana Whitfield"]


def test_an_answer_due_later_still_arrives_when_the_daemon_stops(
        chat_app, capture, monkeypatch):
    """Before: the vote counted, and its follow-up was dropped with "cannot schedule new
    futures after shutdown"; the voter saw "working on it" and nothing after."""
    from social_bot.chat.memory import DbReplayGuard
    from social_bot.web import asgi, build_asgi_app, serve_in_thread

    monkeypatch.setattr(asgi, "DEADLINE", 0.0)
    post_id = new_post(chat_app)
    free = threading.Event()
    first_time = DbReplayGuard.first_time
    monkeypatch.setattr(DbReplayGuard, "first_time",
                        lambda self, sig: free.wait(BOUND) and first_time(self, sig))
    endpoint = build_asgi_app(chat_app)
    handle = serve_in_thread(endpoint)
    body = command_body(f"approve {post_id}", DANA, f"{capture.url}/r")
    try:
        answer = requests.post(f"{handle.url}/slack/commands", data=body,
                               headers=slack_headers(body), timeout=BOUND)
        assert answer.json()["text"] == asgi.WORKING
    finally:
        handle.stop()  # SIGTERM: the endpoint stops while the command still runs
        free.set()
    endpoint.state.doors.work.shutdown(wait=True)
    assert "is recorded (1/2)" in capture.wait_for(1, timeout=BOUND)[0]["body"]["text"]


def test_a_replay_still_counts_once_when_its_check_is_late(chat_app, capture, monkeypatch):
    from social_bot.chat.memory import DbReplayGuard
    from social_bot.web import asgi, build_asgi_app, serve_in_thread

    post_id = new_post(chat_app)
    body = command_body(f"approve {post_id}", DANA, f"{capture.url}/r")
    headers = slack_headers(body)
    endpoint = build_asgi_app(chat_app)
    handle = serve_in_thread(endpoint)
    try:
        assert requests.post(f"{handle.url}/slack/commands", data=body, headers=headers,
                             timeout=BOUND).status_code == 200
        # the replay is answered "later": its check is held past the deadline (a deadline of
        # 0 alone let a fast check finish first, and the replay was refused in time: 401)
        free = threading.Event()
        first_time = DbReplayGuard.first_time
        monkeypatch.setattr(DbReplayGuard, "first_time",
                            lambda self, sig: free.wait(BOUND) and first_time(self, sig))
        monkeypatch.setattr(asgi, "DEADLINE", 0.0)
        try:
            again = requests.post(f"{handle.url}/slack/commands", data=body, headers=headers,
                                  timeout=BOUND)
        finally:
            free.set()
        assert again.status_code == 200 and again.json()["text"] == asgi.WORKING
        endpoint.state.doors.work.shutdown(wait=True)  # the replay's check has run
        endpoint.state.doors.later.shutdown(wait=True)  # and whatever it queued
    finally:
        handle.stop()
    assert len(snapshot(chat_app)["approvals"]) == 1
    assert capture.received == []  # the first copy was answered in HTTP; nothing is posted


def test_a_database_error_on_the_replay_check_is_one_plain_line(chat_app, server, monkeypatch):
    from sqlalchemy.exc import OperationalError

    from social_bot.chat.memory import DbReplayGuard

    def gone(self, signature: str) -> bool:  # noqa: ANN001
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    monkeypatch.setattr(DbReplayGuard, "first_time", gone)
    post_id = new_post(chat_app)
    before = snapshot(chat_app)
    body = command_body(f"approve {post_id}", DANA, "https://hooks.example/r/1")
    answer = requests.post(f"{server.url}/slack/commands", data=body,
                           headers=slack_headers(body), timeout=BOUND)
    # before: 500 "Internal Server Error" (Slack: "failed with the error")
    assert answer.status_code == 200, answer.text
    assert "Nothing was changed" in answer.json()["text"]
    assert "locked" not in answer.text
    assert snapshot(chat_app) == before


def _raw_request(server, head: bytes, body: bytes) -> bytes:
    with socket.create_connection((server.host, server.port), timeout=BOUND) as conn:
        conn.sendall(head + b"Content-Length: " + str(len(body)).encode()
                     + b"\r\nConnection: close\r\n\r\n" + body)
        return _read_all(conn)


def test_a_signature_header_that_is_not_ascii_is_401_not_500(chat_app, server, caplog):
    body = command_body("help", DANA, "https://hooks.example/r/1")
    stamp = slack_headers(body)["X-Slack-Request-Timestamp"].encode()
    answer = _raw_request(server, b"POST /slack/commands HTTP/1.1\r\nHost: x\r\n"
                                  b"X-Slack-Request-Timestamp: " + stamp + b"\r\n"
                                  b"X-Slack-Signature: v0=\xff\xfe\r\n", body)
    assert answer.startswith(b"HTTP/1.1 401"), answer[:200]
    assert "Exception in ASGI application" not in caplog.text


@pytest.mark.parametrize("path", ["/slack/commands", "/mattermost/commands"])
def test_a_client_hanging_up_mid_body_leaves_no_traceback(chat_app, server, caplog, path):
    from social_bot.metrics import value

    door = path.split("/")[1]

    def seen(outcome: str) -> float:
        return value("socialbot_chat_requests_total", door=door, outcome=outcome)

    before = seen("400") + seen("error")
    with socket.create_connection((server.host, server.port), timeout=BOUND) as conn:
        conn.sendall(f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n"
                     "user_id=U".encode())
    deadline = time.monotonic() + BOUND
    while seen("400") + seen("error") == before and time.monotonic() < deadline:
        time.sleep(0.02)
    assert seen("400") + seen("error") == before + 1
    assert seen("error") == 0 and "Exception in ASGI application" not in caplog.text


@pytest.mark.parametrize("url", [
    "https://mm.example/hooks/../api/v4/users",
    "https://mm.example/hooks/%2e%2e/api/v4/users",
    "https://mm.example/hooks/./../admin",
])
def test_a_response_url_climbing_out_of_its_prefix_is_refused(url):
    from social_bot.web.verify import Rejected, check_response_url

    with pytest.raises(Rejected) as refused:
        check_response_url(url, ("https://mm.example/hooks/",))
    assert refused.value.status == 400
    assert check_response_url("https://mm.example/hooks/abc.def/x",
                              ("https://mm.example/hooks/",))


def test_a_reply_is_not_redirected_off_the_allowed_host():
    from social_bot.chat.guard import notice
    from social_bot.web.asgi import post_json

    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            hits.append(self.path)
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path == "/hooks/x":
                self.send_response(307)
                self.send_header("Location", "/internal/admin")
            else:
                self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/hooks/x"
        assert post_json(url, notice("a reply"), timeout=BOUND) is False
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert hits == ["/hooks/x"]
