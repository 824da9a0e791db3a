"""Run the ASGI app under uvicorn: in the foreground, or in a thread (daemon, demo, tests)."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import stat
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from social_bot.errors import UserError
from social_bot.web import metrics

# Limits uvicorn leaves open (review, session 44). It waited for a request's line and
# headers for ever, buffered them without bound and accepted every connection: a client
# trickling or padding headers held a file descriptor each (1,500 idle connections held
# 1,500; the publisher's platform calls and the database need descriptors too) or grew
# the daemon's memory by 60 MB per connection.
HEAD_TIMEOUT = 10.0  # seconds for a request's line and headers to arrive
MAX_HEAD = 32 * 1024  # bytes of request line and headers; Slack's are about 1 KiB
# Open at once. Past it, the oldest connection not being answered (still sending its
# request's head or body, or idle between requests) is answered 503 and closed to make room;
# only when every one is being answered is the new one refused so. Refusing the newest
# (session 44) let a client holding 256 slow connections, each renewed within 10 s, keep
# Slack's requests, and so the approvers' votes, out for as long as it liked (session 51).
MAX_CONNECTIONS = 256
# Seconds a response may sit unsent because the client does not read it (writing paused by
# flow control) before the connection is cut. No other limit applied to a blocked write: a
# client pipelining requests it never read held its slot for as long as it liked, and 256
# such held every slot (session 51's attack review, finding 3). Slack and Mattermost read
# every answer at once.
WRITE_STALL = 30.0


async def _head_too_large(scope: Any, receive: Any, send: Any) -> None:
    """The answer to a request whose head is over MAX_HEAD, in place of the application."""
    await send({"type": "http.response.start", "status": 431,
                "headers": [(b"content-length", b"0"), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": b"", "more_body": False})


def public_bind_warning(host: str) -> str | None:
    """What to tell an admin who binds the daemon's server beyond this host, or None for a
    loopback address. /metrics and /healthz answer whoever reaches the port (counts, never
    text: the process, the Python version, flagged comments per flag); Slack and Mattermost
    need only /slack/* and /mattermost/* (an outside review, session 44: nothing warned)."""
    import ipaddress

    name = host.strip().strip("[]")
    if name == "localhost":
        return None
    try:
        if ipaddress.ip_address(name).is_loopback:
            return None
    except ValueError:
        pass  # a host name: whatever it resolves to may be public
    return (f"SOCIALBOT_HTTP_HOST={host} serves /metrics and /healthz beyond this host: put a "
            "TLS reverse proxy in front that forwards only /slack/* and /mattermost/* "
            "(docs/security.md)")


@cache
def _protocol() -> type[asyncio.Protocol]:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class GuardedProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol with a deadline and a size cap on each request's
        head, a cap on open connections, and no keep-alive after an unread body."""

        _head_timer: asyncio.TimerHandle | None = None
        _head_bytes = 0
        _field_bytes = 0  # the request line and headers parsed so far, however they came

        _opened = 0  # the order connections were made in (the oldest has the lowest)
        _stall_timer: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)  # type: ignore[arg-type]
            self._opened = next(_MADE)
            # Those already being closed (made room for, or cut) no longer hold a place.
            open_now = [c for c in self.connections if not c.transport.is_closing()]
            if len(open_now) > MAX_CONNECTIONS:
                waiting = [c for c in open_now if c is not self and _waiting(c)]
                if not waiting:
                    self._refuse(503, "Service Unavailable", "too_many_connections")
                    return
                oldest = min(waiting, key=lambda c: c._opened)
                oldest._refuse(503, "Service Unavailable", "made_room")
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            self._unstall()
            super().connection_lost(exc)

        def pause_writing(self) -> None:
            super().pause_writing()
            if self._stall_timer is None:
                self._stall_timer = self.loop.call_later(WRITE_STALL, self._stalled)

        def resume_writing(self) -> None:
            self._unstall()
            super().resume_writing()

        def _unstall(self) -> None:
            self._stall_timer = _cancelled(self._stall_timer)

        def _stalled(self) -> None:
            self._stall_timer = None
            self._refuse(503, "Service Unavailable", "write_stalled")

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._head_bytes = self._field_bytes = 0
            if self._head_timer is None:  # the next request on a kept-alive connection
                self._arm()

        # The chunks below count a head still arriving; these count what was parsed, so
        # a head that came whole in one read (or began a kept-alive connection's next
        # request, whose first chunk is not counted) is held to the cap too (review,
        # session 44: 120 KB of headers in one read were served).
        def on_url(self, url: bytes) -> None:
            self._field_bytes += len(url)
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._field_bytes += len(name) + len(value) + 4  # ": " and CRLF
            super().on_header(name, value)

        def on_headers_complete(self) -> None:
            self._disarm()
            if self._field_bytes <= MAX_HEAD:
                super().on_headers_complete()
                return
            metrics.REFUSED_CONNECTIONS.labels("head_too_large").inc()
            app, self.app = self.app, _head_too_large  # uvicorn's own way (its 503)
            try:
                super().on_headers_complete()
            finally:
                self.app = app

        def data_received(self, data: bytes) -> None:
            in_head = self._head_timer is not None
            super().data_received(data)
            # Counted only while the head is still incomplete after this chunk, so a body
            # arriving with its head is never mistaken for headers.
            if in_head and self._head_timer is not None and not self.transport.is_closing():
                self._head_bytes += len(data)
                if self._head_bytes > MAX_HEAD:
                    self._refuse(431, "Request Header Fields Too Large", "head_too_large")

        def on_response_complete(self) -> None:
            # A body the answer did not wait for (a refusal, a GET with a body) may still be
            # trickling in; keeping the connection would let it trickle for ever. Only the
            # answered request's: a pipelined request queued behind it (``self.cycle`` is
            # then the next one, its body held back while reading is paused) is not
            # unread, and closing dropped it unanswered (review, session 44).
            cycle = self.cycle
            if cycle is not None and cycle.response_complete and cycle.more_body:
                self.transport.close()
            super().on_response_complete()

        def _arm(self) -> None:
            self._head_timer = self.loop.call_later(HEAD_TIMEOUT, self._too_slow)

        def _disarm(self) -> None:
            self._head_timer = _cancelled(self._head_timer)

        def _too_slow(self) -> None:
            self._head_timer = None
            self._refuse(408, "Request Timeout", "head_too_slow")

        def _refuse(self, status: int, phrase: str, reason: str) -> None:
            self._disarm()
            metrics.REFUSED_CONNECTIONS.labels(reason).inc()
            if self.transport.is_closing():
                return
            if _write_blocked(self):
                # close() would wait to send what the client is not reading, holding the
                # descriptor as long as the client likes: drop it instead
                self.transport.abort()
                return
            if self.cycle is None or self.cycle.response_complete:  # not mid-answer
                self.transport.write(f"HTTP/1.1 {status} {phrase}\r\ncontent-length: 0\r\n"
                                     "connection: close\r\n\r\n".encode("ascii"))
            self.transport.close()

    return GuardedProtocol


_MADE = itertools.count()


def _cancelled(timer: asyncio.TimerHandle | None) -> None:
    """Cancel the timer if there is one: what a protocol's timer attribute becomes."""
    if timer is not None:
        timer.cancel()


def _waiting(protocol: Any) -> bool:
    """Whether no request of this connection is being answered for a client that reads:
    it is still sending a request's head or body, idles between requests, has pipelined
    requests queued behind the one answered, or does not read what it was answered (the
    answer sits unsent). Such a connection is made room from; one whose whole request is in
    (a vote being counted) is not. Slack and Mattermost neither pipeline nor leave an answer
    unread, so the last two are a client holding a slot (session 51's attack review)."""
    cycle = getattr(protocol, "cycle", None)
    return (cycle is None or cycle.response_complete or cycle.more_body
            or bool(getattr(protocol, "pipeline", ())) or _write_blocked(protocol))


def _write_blocked(protocol: Any) -> bool:
    """Whether part of an answer is waiting for the client to read it."""
    flow = getattr(protocol, "flow", None)
    transport = getattr(protocol, "transport", None)
    return bool((flow is not None and flow.write_paused) or
                (transport is not None and transport.get_write_buffer_size() > 0))


def _config(asgi_app: Any, host: str, port: int, log_level: str,
            uds: Path | None = None) -> Any:
    import uvicorn

    # log_config=None: uvicorn adds no handlers of its own, so its lines reach the root
    # logger's JSON formatter (social_bot/logs.py) with secrets masked like every other line.
    return uvicorn.Config(asgi_app, host=host, port=port, log_level=log_level, lifespan="on",
                          access_log=False, server_header=False, timeout_keep_alive=30,
                          log_config=None, http=_protocol(),
                          uds=str(uds) if uds is not None else None)


# The chat door on a Unix socket (session 52's attack review, findings 3 and 3b): on a TCP
# port any local login could bind it while the daemon was down (or bind [::1] on the same
# port while it ran), take approvers' Slack-signed requests, show them another text, and
# resend the requests to the real door within Slack's five minutes. A socket in a folder
# only the daemon's account can write cannot be squatted by another login.
def chat_socket_problem(path: Path) -> str | None:
    """Why another login could put its own socket at ``path`` (None: it cannot): the
    socket's folder must be the daemon account's (or root's) and closed to group and others'
    writes, a sticky one (/tmp) included, and so must every folder on the way
    (filesafety.folder_problem)."""
    from social_bot.filesafety import folder_problem

    folder = path.absolute().parent
    try:
        st = folder.stat()
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return (f"is in {folder}, which others may write (mode "
                    f"{stat.S_IMODE(st.st_mode):o}): they could bind their own socket there")
        return folder_problem(path)
    except OSError as exc:
        return f"is in a folder that cannot be checked ({exc.strerror})"


def prepare_chat_socket(path: Path) -> Path:
    """The daemon's start with SOCIALBOT_CHAT_SOCKET: make the socket's folder if missing
    (0755: the proxy must reach the socket), then refuse (UserError, one line) a folder
    another login could write in."""
    if not path.is_absolute():
        raise UserError(f"SOCIALBOT_CHAT_SOCKET must be an absolute path, not {str(path)!r}")
    with contextlib.suppress(OSError):  # a missing parent is named by the check below
        path.parent.mkdir()
        path.parent.chmod(0o755)  # not the daemon's umask (077): the proxy must reach it
    why = chat_socket_problem(path)
    if why is not None:
        raise UserError(f"refusing to start the daemon: the chat socket {path} {why}; put it "
                        "in a folder only the daemon's account can write, e.g. "
                        "/run/socialbot/chat.sock with systemd's RuntimeDirectory=socialbot "
                        "(docs/daemon.md)")
    if path.is_symlink() or (path.exists() and not stat.S_ISSOCK(path.lstat().st_mode)):
        raise UserError(f"refusing to start the daemon: {path} (SOCIALBOT_CHAT_SOCKET) exists "
                        "and is not a socket; remove it or name another path")
    return path


def tcp_door_warning(settings: Any, people: Sequence[str], daemon_login: str | None,
                     *, daemons_settings: bool = True) -> str | None:
    """`socialbot check`: the chat door on a TCP port on a machine where staff have logins of
    their own (the policy's os_users other than the daemon's): any of them can bind that
    port while the daemon is down, or [::1] on it while it runs (session 52, finding 3).
    ``daemons_settings``: False when `check` runs as another login than the daemon's, whose
    settings do not carry SOCIALBOT_CHAT_SOCKET (it said "listens on TCP" to every staff
    login of a deployment whose door was a socket: the second attack review)."""
    if settings.chat_socket is not None:
        return None
    others = sorted({p for p in people if p and p != daemon_login})
    if not others:
        return None
    if not daemons_settings:
        return (f"cannot tell whether the chat endpoint listens on TCP or on a socket: "
                f"SOCIALBOT_CHAT_SOCKET is the daemon's setting ({daemon_login or 'another'}"
                "'s), not in this login's; run `socialbot check` with the daemon's settings "
                "to see")
    shown = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
    return (f"the chat endpoint listens on TCP {settings.http_host}:{settings.http_port}, and "
            f"staff have logins on this machine ({shown}): any of them could take that port "
            "while the daemon is down and see approvers' signed chat requests; set "
            "SOCIALBOT_CHAT_SOCKET=/run/socialbot/chat.sock and point the proxy at it "
            "(docs/daemon.md)")


def serve(asgi_app: Any, host: str = "127.0.0.1", port: int = 8787,
          log_level: str = "info") -> None:
    """Serve until SIGINT/SIGTERM (uvicorn handles the signals in the main thread)."""
    import uvicorn

    uvicorn.Server(_config(asgi_app, host, port, log_level)).run()


@dataclass
class ServerHandle:
    url: str
    host: str
    port: int
    server: Any
    thread: threading.Thread

    def stop(self, timeout: float = 10.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def serve_in_thread(asgi_app: Any, host: str = "127.0.0.1", port: int = 0,
                    log_level: str = "warning", start_timeout: float = 10.0,
                    uds: Path | None = None) -> ServerHandle:
    """Start uvicorn in a background thread; port 0 picks a free one (see ``.url``).
    ``uds``: listen on that Unix socket instead (``.url`` is then ``unix:PATH``)."""
    import uvicorn

    server = uvicorn.Server(_config(asgi_app, host, port, log_level, uds))
    thread = threading.Thread(target=server.run, name="socialbot-http", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            where = (f"the socket {uds} (can this account write its folder?)"
                     if uds is not None else f"{host}:{port} (is the port in use?)")
            raise UserError(f"the chat endpoint could not start on {where}")
        time.sleep(0.01)
    if uds is not None:
        return ServerHandle(f"unix:{uds}", "", 0, server, thread)
    bound_port = server.servers[0].sockets[0].getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    return ServerHandle(f"http://{shown}:{bound_port}", host, bound_port, server, thread)
