"""The HTTP plumbing every adapter shares: a base URL, timeouts and a total deadline on every
request, one safe retry of idempotent reads, transport errors translated into the adapter error
family.

Imports requests; platform modules load this lazily so validation stays light.
"""

from __future__ import annotations

import functools
import json as jsonlib
import logging
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import requests
from urllib3.exceptions import NewConnectionError

from adapters._deadline import DeadlineExceeded, watched_session, within
from adapters.base import DEFAULT_DEADLINE, AdapterError, TransientError, redact

log = logging.getLogger(__name__)

# Third-party loggers that write credentials at DEBUG level (oauthlib logs the consumer key
# and access token while signing; urllib3 logs request lines).
NOISY_LOGGERS = (
    "urllib3.connectionpool",
    "requests_oauthlib.oauth1_auth",
    "oauthlib.oauth1.rfc5849",
    "oauthlib.oauth1.rfc5849.signature",
    "tweepy.client",
    "adapters._http",
)
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS"})
RETRY_PAUSE = 0.2  # seconds before the single retry of an idempotent read


def is_write(method: str) -> bool:
    """True for a request that can change state on the platform (POST, PUT, DELETE, ...)."""
    return method.upper() not in IDEMPOTENT


def server_error(message: str, method: str) -> TransientError:
    """The one rule for a 5xx (or a platform's own "temporary" error): worth retrying, and
    ambiguous after a write, because a gateway can answer 500/502/503/504 after the platform
    has applied the request; the caller must reconcile (find_published) before trying again.
    A read changes nothing, so it is never ambiguous."""
    return TransientError(message, ambiguous=is_write(method))


class BaseUrlSession(requests.Session):
    """A Session that gives every request a (connect, read) timeout and a total deadline
    (adapters._deadline: the read timeout bounds one socket read, not a trickled answer),
    retries an idempotent read once on a connection failure or a 5xx while the deadline
    leaves time, remembers the last response headers, and rewrites fixed upstream hosts to a
    configured base URL.

    The rewrite is how tweepy's Client is pointed at the sandbox: `Client.request` joins the
    hard-coded "https://api.twitter.com" with the route and calls `self.session.request`, and
    `session` is a documented public attribute of the Client.
    """

    def __init__(
        self,
        base_url: str,
        timeout: tuple[float, float],
        rewrite_hosts: Iterable[str] = (),
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        super().__init__()
        watched_session(self)
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.deadline = deadline  # seconds for the whole call, its one retry included
        self.rewrite_hosts = tuple(rewrite_hosts)
        self.last_headers: Mapping[str, str] = {}
        self.calls = 0  # requests sent, for the daemon's daily call budget

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> Any:
        method = method.decode() if isinstance(method, bytes) else method
        url = url.decode() if isinstance(url, bytes) else url
        for host in self.rewrite_hosts:
            if url.startswith(host):
                url = self.base_url + url[len(host) :]
                break
        kwargs.setdefault("timeout", self.timeout)
        kwargs["stream"] = False  # the body is read inside the deadline, never after it
        send = functools.partial(super().request, method, url, *args, **kwargs)
        ends = time.monotonic() + self.deadline
        attempts = 2 if method.upper() in IDEMPOTENT else 1
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            self.calls += 1
            try:
                response = within(ends - time.monotonic(), send)
            except DeadlineExceeded as exc:
                # Always the caller's: a write may have been applied (ambiguous), and a read
                # retried now would have no time left.
                raise DeadlineExceeded(self.deadline) from exc
            except requests.RequestException:
                if last or time.monotonic() + RETRY_PAUSE >= ends:
                    raise
                time.sleep(RETRY_PAUSE)
                continue
            if response.status_code >= 500 and not last and time.monotonic() + RETRY_PAUSE < ends:
                response.close()
                time.sleep(RETRY_PAUSE)
                continue
            self.last_headers = response.headers
            return response
        raise AssertionError("unreachable")  # pragma: no cover


class SecretFilter(logging.Filter):
    """Rewrites log records of the noisy loggers so no known credential reaches a handler."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            clean = redact(message, self.secrets)
            if clean != message:
                record.msg, record.args = clean, None
        return True


SECRET_FILTER = SecretFilter()


def protect_logs(secrets: Iterable[str]) -> None:
    """Register credentials to mask in every record of the loggers that might print them."""
    SECRET_FILTER.secrets.update(s for s in secrets if s and len(s) >= 4)
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        if SECRET_FILTER not in logger.filters:
            logger.addFilter(SECRET_FILTER)


def _refused(exc: BaseException) -> bool:
    """True when the connection was never made, so the request cannot have been applied."""
    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, NewConnectionError | ConnectionRefusedError):
            return True
        stack.extend([current.__cause__, current.__context__, getattr(current, "reason", None)])
        stack.extend(arg for arg in current.args if isinstance(arg, BaseException))
    return False


def transport_error(platform: str, method: str, path: str, exc: Exception) -> TransientError:
    """A requests exception as a TransientError whose message holds no URL query or header."""
    if isinstance(exc, requests.ConnectTimeout) or _refused(exc):
        return TransientError(f"{platform}: could not connect for {method} {path}", ambiguous=False)
    if isinstance(exc, DeadlineExceeded):
        what = f"no complete response within {exc.seconds:g} s"
    elif isinstance(exc, requests.ReadTimeout):
        what = "no response in time"
    elif isinstance(exc, requests.ConnectionError):
        what = "connection dropped before the response"
    else:
        what = f"request failed ({type(exc).__name__})"
    return TransientError(f"{platform}: {what} to {method} {path}", ambiguous=is_write(method))


def scrubbed(exc: AdapterError, secrets: Iterable[str]) -> AdapterError:
    """The same error with every secret removed from its message and reason."""
    secrets = tuple(secrets)
    exc.args = tuple(redact(str(arg), secrets) for arg in exc.args)
    if isinstance(getattr(exc, "reason", None), str):
        exc.reason = redact(exc.reason, secrets)  # type: ignore[attr-defined]
    return exc


ErrorMapper = Callable[[requests.Response, str, str], AdapterError]


class HttpClient:
    """One platform's HTTP access: every failure comes out as an AdapterError."""

    def __init__(
        self,
        platform: str,
        base_url: str,
        timeout: tuple[float, float],
        headers: Mapping[str, str],
        secrets: Iterable[str],
        error_for: ErrorMapper,
        deadline: float = DEFAULT_DEADLINE,
    ) -> None:
        self.platform = platform
        self.session = BaseUrlSession(base_url, timeout, deadline=deadline)
        self.session.headers.update(headers)
        self.secrets = tuple(secrets)
        self.error_for = error_for
        protect_logs(self.secrets)

    @property
    def base_url(self) -> str:
        return self.session.base_url

    def call(self, method: str, path: str, *, url: str | None = None, **kwargs: Any) -> Any:
        """Send a request and return the response; raise the mapped AdapterError otherwise."""
        target = url or self.base_url + path
        try:
            response = self.session.request(method, target, **kwargs)
        except requests.RequestException as exc:
            error = transport_error(self.platform, method, path, exc)
            raise scrubbed(error, self.secrets) from None
        log.debug("%s %s %s -> %s", self.platform, method, path, response.status_code)
        if response.status_code >= 400:
            raise scrubbed(self.error_for(response, method, path), self.secrets) from None
        return response

    def json(self, response: requests.Response, method: str, path: str) -> Any:
        """The response body as JSON; a malformed body after a write is ambiguous."""
        try:
            return response.json()
        except (ValueError, jsonlib.JSONDecodeError):
            raise TransientError(
                f"{self.platform}: malformed JSON in the response to {method} {path}",
                ambiguous=is_write(method),
            ) from None


def body_json(response: requests.Response) -> Any:
    """The error body as JSON, or {} when it is not JSON (error pages, empty bodies)."""
    try:
        return response.json()
    except ValueError:
        return {}


def retry_after_header(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None
