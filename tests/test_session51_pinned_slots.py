"""Session 51 attack review, finding 3: pipelined answers a client never reads pinned every
slot of the chat endpoint.

Each connection sent pipelined GETs and read nothing: its answer's write blocked (flow
control), so the connection counted as "being answered" and was never made room from, and
no timeout applied to a blocked write. Past the cap every Slack request got 503. Now a
connection whose answer sits unsent, or with pipelined requests queued, is made room from
(dropped, not closed after a flush that never comes), and one whose writes stay paused for
WRITE_STALL is cut. Bounded: 127.0.0.1, three or one connections, a few dozen requests.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from test_session51_settings import POST, _open, _until_closed

from social_bot.web import metrics
from social_bot.web import server as web_server

BOUND = 20.0  # seconds the test waits for a state before calling it a hang
BIG = b"x" * 65536  # an answer larger than the socket buffers a non-reading client leaves
GET = b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n"


@pytest.fixture(name="server")
def server_fixture(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    from starlette.applications import Starlette
    from starlette.responses import PlainTextResponse, Response
    from starlette.routing import Route

    async def ping(request: Any) -> Response:
        return PlainTextResponse("ok")

    async def big(request: Any) -> Response:
        return Response(BIG, media_type="text/plain")

    monkeypatch.setattr(web_server, "MAX_CONNECTIONS", 3)
    app = Starlette(routes=[Route("/ping", ping, methods=["POST"]),
                            Route("/big", big, methods=["GET"])])
    handle = web_server.serve_in_thread(app)
    yield handle
    handle.stop()


def _pin(handle: Any) -> socket.socket:
    """A connection that pipelines 40 GETs in one small write and never reads."""
    conn = socket.socket()
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    conn.settimeout(BOUND)
    conn.connect((handle.host, handle.port))
    conn.sendall(GET * 40)
    return conn


def _until(what: Callable[[], bool]) -> bool:
    wait = threading.Event()
    for _ in range(int(BOUND / 0.05)):
        if what():
            return True
        wait.wait(0.05)
    return what()


def _open_on_server(handle: Any) -> list[Any]:
    return [c for c in handle.server.server_state.connections if not c.transport.is_closing()]


def test_connections_not_reading_their_answers_make_room_for_slack(server: Any) -> None:
    pins = [_pin(server) for _ in range(3)]
    try:
        # every slot held by a connection whose answer the kernel no longer takes
        assert _until(lambda: len(held := _open_on_server(server)) == 3
                      and all(c.transport.get_write_buffer_size() > 0 for c in held))
        with _open(server, POST % b"ping") as slack:
            assert _until_closed(slack).startswith(b"HTTP/1.1 200")  # before: 503
        # the oldest pin was dropped, not left flushing into a socket no one reads: the
        # other two remain (Slack's own ended with its answer)
        assert _until(lambda: len(server.server.server_state.connections) == 2)
    finally:
        for conn in pins:
            conn.close()


def test_a_connection_whose_answer_stays_unread_is_cut(server: Any,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web_server, "WRITE_STALL", 0.2, raising=False)
    cut = metrics.REFUSED_CONNECTIONS.labels("write_stalled")
    before = cut._value.get()
    pin = _pin(server)
    try:
        assert _until(lambda: len(_open_on_server(server)) == 1)
        assert _until(lambda: not server.server.server_state.connections)  # before: held
        assert cut._value.get() == before + 1
    finally:
        pin.close()
