"""Session 45: a total deadline on every platform request (adapters._deadline).

Before, a server that sent its answer one byte at a time, each before the read timeout, held
the call until it chose to finish: requests' read timeout bounds one socket read. These
tests trickle from a real 127.0.0.1 server (a few bytes, a 2 s deadline, a 1 s read
timeout that each byte beats) and check that the call ends at the deadline: a read as a
transient failure, a write as ambiguous, and, through the publisher, as a delivery in doubt
that is reconciled (found, not sent again). Every server here stops with its test.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
import requests
from sqlalchemy import func, select
from test_daemon_helpers import Clock, approved_post

from adapters import build_adapter
from adapters.base import Adapter, PermanentError, TransientError
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.daemon.runner import AdapterPool
from social_bot.db.models import AuditRecord
from social_bot.posts import show_post
from social_bot.sandbox import sandbox_env, start_sandbox

DEADLINE = 2.0
# each trickled byte comes well within the read timeout
SETTINGS = {"SOCIALBOT_CONNECT_TIMEOUT": "1", "SOCIALBOT_READ_TIMEOUT": "1",
            "SOCIALBOT_REQUEST_DEADLINE": str(DEADLINE)}
TOKEN = "tok-deadline-test"
PAUSE = 0.25          # seconds between two trickled bytes
SLACK = 1.5           # a loaded CI machine's scheduling, beyond the deadline
HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
BODY = b'{"id": "urn:li:share:1", "localizedName": "a clinic, trickled byte by byte"}'


@dataclass
class Trickler:
    """A 127.0.0.1 server answering each request with ``answer``: the first ``fast`` bytes
    at once, the rest one byte per PAUSE (at most 200 bytes, so at most 50 s old-code)."""

    answer: bytes
    fast: int = 0
    port: int = 0
    requests: list[bytes] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> Trickler:
        server = socket.create_server(("127.0.0.1", 0))
        server.settimeout(0.2)
        self.port = server.getsockname()[1]
        threading.Thread(target=self._accept, args=(server,), daemon=True).start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _accept(self, server: socket.socket) -> None:
        with server:
            while not self.stop.is_set():
                try:
                    conn, _ = server.accept()
                except TimeoutError:
                    continue
                threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(1.0)
            try:
                self.requests.append(conn.recv(65536))
                conn.sendall(self.answer[:self.fast])
                for index in range(self.fast, min(len(self.answer), 200)):
                    if self.stop.wait(PAUSE):
                        return
                    conn.sendall(self.answer[index:index + 1])
            except OSError:
                return  # the client hung up: its deadline passed


@pytest.fixture
def trickle() -> Iterator[list[Trickler]]:
    started: list[Trickler] = []
    yield started
    for server in started:
        server.stop.set()


def _serve(started: list[Trickler], answer: bytes, fast: int = 0) -> Trickler:
    server = Trickler(answer, fast).start()
    started.append(server)
    return server


def _adapter(platform: str, url: str) -> Adapter:
    return build_adapter(platform, {**sandbox_env(url, TOKEN), **SETTINGS})


def _timed(call) -> tuple[BaseException, float]:  # noqa: ANN001
    began = time.monotonic()
    with pytest.raises(TransientError) as caught:
        call()
    return caught.value, time.monotonic() - began


def test_a_read_whose_headers_trickle_ends_at_the_deadline_without_a_retry(trickle) -> None:
    server = _serve(trickle, HEAD + b"Content-Length: %d\r\n\r\n" % len(BODY) + BODY)
    error, took = _timed(_adapter("linkedin", server.url).check_credentials)
    assert took < DEADLINE + SLACK
    assert "no complete response within 2 s" in str(error)
    assert error.ambiguous is False  # a read changed nothing
    assert len(server.requests) == 1  # the one safe retry had no time left


def test_a_trickled_body_without_a_length_is_not_read_as_complete(trickle) -> None:
    # No Content-Length: the body ends when the connection does, so a socket shut down at the
    # deadline would look like a whole (short) answer unless the deadline is checked after.
    server = _serve(trickle, HEAD + b"Connection: close\r\n\r\n" + BODY, fast=len(HEAD) + 25)
    error, took = _timed(_adapter("linkedin", server.url).check_credentials)
    assert took < DEADLINE + SLACK
    assert "within 2 s" in str(error)


WRITES = {
    "reply": lambda adapter: adapter.reply_to_comment("7_1", "7_1_2", "Thank you!"),
    "hide": lambda adapter: adapter.hide_comment("7_1_3"),
}


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_trickled_write_is_ambiguous_so_it_is_not_sent_again(trickle, write: str) -> None:
    server = _serve(trickle, HEAD + b"Content-Length: %d\r\n\r\n" % len(BODY) + BODY,
                    fast=len(HEAD))
    adapter = _adapter("facebook", server.url)
    error, took = _timed(lambda: WRITES[write](adapter))
    assert took < DEADLINE + SLACK
    assert error.ambiguous is True  # the platform may have applied it
    assert len(server.requests) == 1
    assert TOKEN not in str(error)


def test_a_fast_answer_is_untouched_and_the_connection_reused(trickle) -> None:
    server = _serve(trickle, HEAD + b"Content-Length: %d\r\n\r\n" % len(BODY) + BODY,
                    fast=10_000)
    adapter = _adapter("linkedin", server.url)
    adapter.check_credentials()
    adapter.check_credentials()  # a pooled connection that outlived its watch still works
    assert len(server.requests) == 2


@pytest.mark.parametrize("value", ["nan", "0", "-1", "inf", "soon"])
def test_the_deadline_setting_refuses_what_is_not_a_time(value: str) -> None:
    from adapters.base import deadline_from_env

    with pytest.raises(PermanentError, match="SOCIALBOT_REQUEST_DEADLINE"):
        deadline_from_env({"SOCIALBOT_REQUEST_DEADLINE": value})
    assert deadline_from_env({}) == 60.0
    assert deadline_from_env({"SOCIALBOT_REQUEST_DEADLINE": "12.5"}) == 12.5


# -- through the publisher: the write ends in doubt and is reconciled, never sent twice ----

PLATFORMS = ("facebook", "linkedin", "x")


@pytest.fixture
def sandbox():  # noqa: ANN201
    server = start_sandbox(0, reject_duplicates=False)  # a second publish would be counted
    yield server
    server.stop()


def _set_trickle(url: str, platform: str, every: int) -> None:
    answer = requests.post(f"{url}/_sandbox/faults", timeout=5, json={
        "platform": platform, "mode": "trickle", "every": every, "seconds": PAUSE})
    assert answer.status_code == 200, answer.text


@pytest.mark.timeout(120)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_trickled_publish_is_in_doubt_then_found_not_posted_twice(
    make_app, sandbox, platform: str  # noqa: ANN001
) -> None:
    app = make_app()
    env = {**sandbox_env(sandbox.url), **SETTINGS}
    text = f"Trickle check on {platform}: the walk-in clinic opens at eight on Saturdays"
    post_id = approved_post(app, text, platforms=(platform,))
    clock = Clock()
    config = DaemonConfig(retry_base=1.0, retry_cap=5.0, batch=5)
    publisher = Publisher(app, AdapterPool(env), "deadline-worker", config, clock=clock)

    _set_trickle(sandbox.url, platform, every=1)
    began = time.monotonic()
    publisher.run_lane(platform)
    assert time.monotonic() - began < DEADLINE + SLACK + 2.0  # one call, not one per byte
    (delivery,) = show_post(app, post_id)["deliveries"]
    assert delivery["status"] == "attempting"  # in doubt: neither failed nor retried blind

    _set_trickle(sandbox.url, platform, every=0)
    for _ in range(5):
        clock.advance(30)
        publisher.run_lane(platform)
        if show_post(app, post_id)["deliveries"][0]["status"] == "published":
            break
    posts = requests.get(f"{sandbox.url}/_sandbox/posts", timeout=5).json()[platform]
    assert Counter(p["text"] for p in posts)[text] == 1
    assert show_post(app, post_id)["deliveries"][0]["status"] == "published"
    with app.db.read() as session:
        how = session.scalar(select(func.count()).where(
            AuditRecord.action == "delivery.published",
            AuditRecord.detail.like('%"how": "reconciled"%')))
    assert how == 1
