"""A total deadline on one platform request: connecting, sending, the headers and the body.

requests' (connect, read) timeout bounds each socket operation, not the request: a platform,
proxy or captive portal that trickles its answer one byte per read timeout holds the call
for ever (and, with it, a comment's decision lock or a publish claim). urllib3's
``Timeout(total=...)`` does not help: it only shortens the socket timeout set before the
first read (measured: total=2 s against a 0.3 s/byte trickle returned after 11.7 s).
urllib3's own docs say to cut a request off by wall clock with a watcher thread; this is
that watcher. A timer shuts the request's socket down when the deadline passes, the blocked
read returns at once, and `within` raises DeadlineExceeded, a ReadTimeout, so every caller
treats it as it treats a read timeout today: a read may be retried, a write is ambiguous
(the platform may have applied it) and is reconciled, never sent again blind.

Imports requests; loaded lazily with adapters._http.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ConnectTimeoutError, NameResolutionError, NewConnectionError
from urllib3.util.connection import allowed_gai_family

T = TypeVar("T")
_local = threading.local()


class DeadlineExceeded(requests.exceptions.ReadTimeout):
    """No complete response within the request's deadline (its socket was shut down)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"no complete response within {seconds:g} s")
        self.seconds = seconds


class LookupExceeded(requests.exceptions.ConnectTimeout):
    """The host's name was not resolved within the request's deadline: nothing was sent, so
    a write is not in doubt (a ConnectTimeout, as callers already read it)."""

    def __init__(self, host: str, seconds: float) -> None:
        super().__init__(f"{host}: name not resolved within {seconds:g} s")
        self.seconds = seconds


# Name lookups in flight, one thread each, shared by every request waiting for that name.
# getaddrinfo blocks and ignores socket timeouts: a resolver that never answers held the
# request (and the lane, lock or chat thread behind it) past any deadline. The lookup runs
# on its own thread and the request waits for it only until its deadline; a hung lookup
# keeps its one thread, never one per request (bounded by the names being looked up).
_lookups: dict[tuple[str, int, int], concurrent.futures.Future[list[Any]]] = {}
_lookups_lock = threading.Lock()


def _lookup(key: tuple[str, int, int], pending: concurrent.futures.Future[list[Any]]) -> None:
    host, port, family = key
    try:
        found = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
    except BaseException as exc:  # noqa: BLE001 - handed to every waiter
        with _lookups_lock:
            _lookups.pop(key, None)
        pending.set_exception(exc)
        return
    with _lookups_lock:
        _lookups.pop(key, None)
    pending.set_result(found)


def resolve(host: str, port: int, family: int, seconds: float) -> list[Any]:
    """socket.getaddrinfo(host, port, family, SOCK_STREAM), waited for ``seconds`` at most
    (TimeoutError past them; the lookup goes on on its thread and serves later callers)."""
    key = (host, port, family)
    with _lookups_lock:
        pending = _lookups.get(key)
        if pending is None:
            pending = _lookups[key] = concurrent.futures.Future()
            threading.Thread(target=_lookup, args=(key, pending), daemon=True,
                             name=f"lookup {host}").start()
    return pending.result(timeout=seconds)


def _numeric(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return False
    return True


class _Watch:
    """The sockets one request on one thread uses, and whether its deadline passed. Sockets,
    not connections: http.client drops a connection's socket once the headers say
    "Connection: close", while the response goes on reading the body from it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sockets: list[Any] = []
        self.fired = False
        self.done = False
        self.ends = float("inf")  # time.monotonic() at the deadline
        self.unresolved = ""  # a host whose name lookup was still unanswered at the deadline

    def left(self) -> float:
        return max(0.0, self.ends - time.monotonic())

    def attach(self, sock: Any) -> None:
        if sock is None:
            return  # not connected yet: connect() attaches it
        with self.lock:
            if not self.done and sock not in self.sockets:
                self.sockets.append(sock)
            late = self.fired and not self.done
        if late:  # connected after the deadline passed: cut it before it sends or reads
            _shut(sock)

    def detach(self, sock: Any) -> None:
        """The request is done with this socket (its connection goes back to the pool)."""
        with self.lock:
            if sock in self.sockets:
                self.sockets.remove(sock)

    def fire(self) -> None:
        # Shut under the lock, so a socket is either shut before it is back in the pool
        # (urllib3 then sees it dropped and connects anew) or detached and never shut.
        with self.lock:
            if self.done:
                return
            self.fired = True
            for sock in self.sockets:
                _shut(sock)

    def finish(self) -> bool:
        """Stop watching; True when the deadline passed first."""
        with self.lock:
            self.done = True
            return self.fired


def _shut(sock: Any) -> None:
    """Shut the socket down (a blocked recv returns); never raises. The plain socket's
    shutdown is called, not SSLSocket's, which would unwrap TLS under the reader."""
    while sock is not None and not isinstance(sock, socket.socket):
        sock = getattr(sock, "socket", None)  # urllib3's SSLTransport (TLS in a TLS proxy)
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Watched:
    """Mixed into urllib3's connection classes: hands the connection's socket to the deadline
    of the request running on this thread, whether it is new or reused from the pool."""

    sock: Any

    _dns_host: str
    port: int

    def _new_conn(self) -> Any:
        # The bare socket, watched before a proxy's CONNECT answer or the TLS handshake is
        # read from it (each read is bounded by the connect timeout, not the exchange)
        watch: _Watch | None = getattr(_local, "watch", None)
        if watch is None or _numeric(self._dns_host):
            sock = super()._new_conn()  # type: ignore[misc]
        else:
            sock = self._connect_resolved(watch)
        if watch is not None:
            watch.attach(sock)
        return sock

    def _connect_resolved(self, watch: _Watch) -> Any:
        """urllib3's connect with the name looked up inside the deadline: each address found
        is connected to in turn, by number, as urllib3 would. The name is put back before
        the TLS handshake, which checks the certificate against it (self.host)."""
        name = self._dns_host
        try:
            found = resolve(name, self.port, allowed_gai_family(), watch.left())
        except TimeoutError:
            watch.unresolved = name.rstrip(".")
            raise NameResolutionError(name, self, socket.gaierror(  # type: ignore[arg-type]
                "no answer within the request's deadline")) from None
        except socket.gaierror as exc:
            raise NameResolutionError(name, self, exc) from exc  # type: ignore[arg-type]
        error: Exception | None = None
        for address in dict.fromkeys(info[4][0] for info in found):
            self._dns_host = address
            try:
                return super()._new_conn()  # type: ignore[misc]
            except (NewConnectionError, ConnectTimeoutError) as exc:
                error = exc
            finally:
                self._dns_host = name
        raise error or NameResolutionError(name, self, socket.gaierror(  # type: ignore[arg-type]
            "no address"))

    def connect(self) -> None:
        watch: _Watch | None = getattr(_local, "watch", None)
        super().connect()  # type: ignore[misc]
        if watch is not None:
            watch.attach(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        watch: _Watch | None = getattr(_local, "watch", None)
        if watch is not None:
            watch.attach(self.sock)
        self._before_send = getattr(_local, "before_send", None)
        super().request(*args, **kwargs)  # type: ignore[misc]

    def send(self, data: Any) -> None:
        """http.client's send; the request's first one runs `before_each_send`'s check
        once the connection is up (a plain-http connection is opened here, on first send)."""
        check = getattr(self, "_before_send", None)
        if check is not None:
            self._before_send = None  # a proxy's CONNECT, sent while connecting, passes
            if self.sock is None and getattr(self, "auto_open", False):
                self.connect()
            check()
        super().send(data)  # type: ignore[misc]


class _WatchedPool:
    """Mixed into urllib3's pool classes: a connection given back to the pool leaves the
    deadline of the request that used it. Before, a timer firing after the answer was read
    shut a socket that another thread's request had meanwhile taken from the pool."""

    def _put_conn(self, conn: Any) -> None:
        watch: _Watch | None = getattr(_local, "watch", None)
        if watch is not None and conn is not None:
            watch.detach(getattr(conn, "sock", None))
        super()._put_conn(conn)  # type: ignore[misc]


@functools.cache
def _watched_pool(pool_class: type) -> type:
    connection_class = pool_class.ConnectionCls
    watched = type(f"Watched{connection_class.__name__}", (_Watched, connection_class), {})
    return type(f"Watched{pool_class.__name__}", (_WatchedPool, pool_class),
                {"ConnectionCls": watched})


def _watch_manager(manager: Any) -> Any:
    manager.pool_classes_by_scheme = {
        scheme: _watched_pool(pool) for scheme, pool in manager.pool_classes_by_scheme.items()}
    return manager


class DeadlineAdapter(HTTPAdapter):
    """requests' HTTPAdapter whose connections (direct or through a proxy) obey `within`."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        _watch_manager(self.poolmanager)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> Any:
        fresh = proxy not in self.proxy_manager
        manager = super().proxy_manager_for(proxy, **proxy_kwargs)
        return _watch_manager(manager) if fresh else manager


def within(seconds: float, send: Callable[[], T]) -> T:
    """``send()`` (one request, on this thread, through a DeadlineAdapter) with its socket shut
    down once ``seconds`` have passed. Raises DeadlineExceeded if they did, whatever ``send``
    returned or raised: a body cut short can look complete (no Content-Length)."""
    if seconds <= 0:
        raise DeadlineExceeded(0.0)
    watch = _Watch()
    watch.ends = time.monotonic() + seconds
    outer = getattr(_local, "watch", None)
    _local.watch = watch
    timer = threading.Timer(seconds, watch.fire)
    timer.daemon = True
    timer.start()
    try:
        result = send()
    except Exception as exc:
        fired = watch.finish()
        if watch.unresolved:  # nothing was sent: not in doubt, as a connect timeout
            raise LookupExceeded(watch.unresolved, seconds) from exc
        if fired:
            raise DeadlineExceeded(seconds) from exc
        raise
    finally:
        timer.cancel()
        watch.finish()
        _local.watch = outer
    if watch.fired:
        getattr(result, "close", lambda: None)()
        raise DeadlineExceeded(seconds)
    return result


@contextlib.contextmanager
def before_each_send(check: Callable[[], None]) -> Iterator[None]:
    """Run ``check`` on this thread just before each request's first byte is written: after
    its name lookup, connect, proxy tunnel and TLS handshake, the last moment a request can
    still be stood down. Whatever ``check`` raises propagates unwrapped and nothing is sent
    (the connection is discarded)."""
    outer = getattr(_local, "before_send", None)
    _local.before_send = check
    try:
        yield
    finally:
        _local.before_send = outer


def watched_session(session: requests.Session | None = None) -> requests.Session:
    """``session`` (a new one by default) with every http(s) connection watched by `within`."""
    session = session if session is not None else requests.Session()
    for prefix in ("https://", "http://"):
        session.mount(prefix, DeadlineAdapter())
    return session


def request_within(seconds: float, method: str, url: str, **kwargs: Any) -> requests.Response:
    """One request outside an adapter (connect's token exchanges, the chat webhooks) under
    the same total deadline: its body is read inside it, never after."""
    with watched_session() as session:
        return within(seconds, lambda: session.request(method, url, stream=False, **kwargs))
