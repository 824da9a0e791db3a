"""The sandbox HTTP server: routes a request to a platform stand-in, applies injected faults,
and serves the /_sandbox inspection, comment-injection, fault and reset endpoints."""

from __future__ import annotations

import contextlib
import importlib
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

from adapters import PLATFORMS as REGISTERED
from social_bot.sandbox import oauth
from social_bot.sandbox.http import Reply, Request
from social_bot.sandbox.state import (
    ANSWERED_FAULTS,
    FAULT_MODES,
    PLATFORM_FAULTS,
    SandboxState,
)

log = logging.getLogger(__name__)

# Each registered platform's stand-in is social_bot/sandbox/<name>.py.
# what a Facebook comment can be instead of text (its Graph object then has no "message")
ATTACHMENTS = ("photo", "sticker", "animated_image_share")
PLATFORMS: dict[str, ModuleType] = {
    name: importlib.import_module(f"social_bot.sandbox.{name}") for name in REGISTERED
}
MAX_BODY = 20 * 1024 * 1024
MAX_FAULT_DELAY = 30.0


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, token: str, fault_delay: float,
                 reject_duplicates: bool = True) -> None:
        super().__init__(("127.0.0.1", port), SandboxHandler)
        self.state = SandboxState(reject_duplicates)
        self.token = token
        self.fault_delay = fault_delay
        self.stopping = threading.Event()
        self.request_counts: dict[str, int] = {}

    @property
    def base_url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"


class SandboxHandler(BaseHTTPRequestHandler):
    server: SandboxHTTPServer
    protocol_version = "HTTP/1.0"  # one request per connection: no stale keep-alive sockets

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.debug("sandbox: " + format, *args)

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_GET

    # -- plumbing ------------------------------------------------------------------------

    def _read_request(self) -> Request | None:
        split = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(Reply(413, {"error": "request body too large"}))
            return None
        body = self.rfile.read(length) if length else b""
        return Request(
            method=self.command,
            path=split.path,
            query=parse_qs(split.query, keep_blank_values=True),
            headers=self.headers,
            body=body,
        )

    def _send(self, reply: Reply) -> None:
        body, headers = reply.encoded()
        try:
            self.send_response(reply.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout fault): nothing to answer

    def _drop(self) -> None:
        """Close the socket without a response: the request was applied, the answer is lost."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _dispatch(self) -> None:
        req = self._read_request()
        if req is None:
            return
        try:
            if req.path.startswith("/_sandbox/"):
                self._send(self._control(req))
                return
            for name, module in PLATFORMS.items():
                if req.path == module.PREFIX or req.path.startswith(module.PREFIX + "/"):
                    req.path = req.path[len(module.PREFIX) :]
                    self._platform(name, module, req)
                    return
            self._send(Reply(404, {"error": f"no platform at {req.path}"}))
        except Exception:  # a bug in the sandbox must not look like a platform answer
            log.exception("sandbox: handler failed")
            self._send(Reply(500, {"error": "sandbox internal error"}))

    def _platform(self, name: str, module: ModuleType, req: Request) -> None:
        server = self.server
        with server.state.lock:  # every request, refused ones too (quota_used counts served)
            server.state.requests_seen[name] = server.state.requests_seen.get(name, 0) + 1
        # OAuth endpoints, and the expiry and scopes of tokens they issued (sandbox/oauth.py).
        verdict = oauth.authorize(name, req, server.state, server.token, server.base_url)
        denied = verdict.reply or (
            None if verdict.skip_static else module.check_auth(req, verdict.token or server.token))
        if denied is not None:
            self._send(denied)
            return
        with server.state.lock:
            quota = server.state.quota.get(name)
            used = server.state.quota_used[name] = server.state.quota_used.get(name, 0) + 1
        if quota is not None and used > quota:  # the platform's own daily quota
            self._send(module.fault_reply("429_day"))
            return
        fault = server.state.draw_fault(name)
        if fault is not None and fault.mode == "100_33":
            self._send(module.not_loadable(req))
            return
        if fault is not None and fault.mode in ANSWERED_FAULTS:
            self._send(module.fault_reply(fault.mode))
            return
        ctx = module.Context(server.state, server.base_url, server.token)
        with server.state.lock:
            reply = module.handle(req, ctx)
            count = server.request_counts[name] = server.request_counts.get(name, 0) + 1
        reply.headers.update(verdict.headers)
        for header, value in module.usage_headers(count).items():
            reply.headers.setdefault(header, value)
        if fault is not None and fault.mode == "drop_after_apply":
            self._drop()
            return
        if fault is not None and fault.mode == "timeout":
            delay = fault.seconds if fault.seconds is not None else server.fault_delay
            server.stopping.wait(min(MAX_FAULT_DELAY, max(0.0, delay)))
        if fault is not None and fault.mode == "trickle":
            self._trickle(reply, fault.seconds if fault.seconds is not None else 1.0)
            return
        self._send(reply)

    def _trickle(self, reply: Reply, pause: float) -> None:
        """The answer (applied already) one byte per ``pause`` seconds, as a slow proxy or a
        captive portal may send it: each socket read gets a byte before its read timeout,
        so only a deadline on the whole request ends the call. Bounded: after
        MAX_FAULT_DELAY seconds the rest goes at once; a server stop ends it."""
        body, headers = reply.encoded()
        status = f"HTTP/1.1 {reply.status} {self.responses.get(reply.status, ('',))[0]}"
        lines = [status, *(f"{k}: {v}" for k, v in headers.items()),
                 f"Content-Length: {len(body)}", "Connection: close", "", ""]
        data = "\r\n".join(lines).encode("latin-1") + body
        self.close_connection = True
        stopping, ends = self.server.stopping, time.monotonic() + MAX_FAULT_DELAY
        with contextlib.suppress(OSError):  # the client gave up (its deadline)
            for index in range(len(data)):
                if time.monotonic() >= ends:
                    self.wfile.write(data[index:])
                    break
                self.wfile.write(data[index:index + 1])
                self.wfile.flush()
                if stopping.wait(max(0.0, pause)):
                    return

    # -- /_sandbox -----------------------------------------------------------------------

    def _control(self, req: Request) -> Reply:
        state = self.server.state
        route = (req.method, req.path)
        if route == ("GET", "/_sandbox/posts"):
            return Reply(200, state.snapshot_posts())
        if route == ("GET", "/_sandbox/comments"):
            return Reply(200, state.snapshot_comments())
        if route == ("POST", "/_sandbox/comments"):
            return self._inject_comment(req.json())
        if req.method == "DELETE" and req.path.startswith("/_sandbox/comments/"):
            # the commenter deletes their own comment (or the platform removes it): the page
            # or account is not asked, as on the platforms
            with state.lock:
                found = [c for c in state.comments
                         if c.id == req.path.removeprefix("/_sandbox/comments/")]
                for comment in found:
                    comment.deleted = True
            return Reply(200 if found else 404, {"deleted": len(found)})
        if req.method == "PATCH" and req.path.startswith("/_sandbox/comments/"):
            return self._edit_comment(req.path.removeprefix("/_sandbox/comments/"), req.json())
        if route == ("POST", "/_sandbox/faults"):
            return self._set_fault(req.json())
        if route == ("POST", "/_sandbox/quota"):
            body = req.json() or {}
            platform, daily = body.get("platform"), body.get("daily")
            if platform not in PLATFORMS or not (daily is None or isinstance(daily, int)):
                return Reply(400, {"error": "platform and daily (a whole number or null)"})
            with state.lock:
                if daily is None:
                    state.quota.pop(platform, None)
                else:
                    state.quota[platform] = daily
                state.quota_used[platform] = 0
            return Reply(200, {"platform": platform, "daily": daily})
        if route == ("GET", "/_sandbox/quota"):
            with state.lock:
                return Reply(200, {"quota": dict(state.quota), "used": dict(state.quota_used),
                                   "requests": dict(state.requests_seen)})
        if req.path.startswith("/_sandbox/oauth"):
            return oauth.control(req, state)
        if route == ("POST", "/_sandbox/reset"):
            state.reset()
            oauth.reset(state)
            self.server.request_counts.clear()
            return Reply(200, {"reset": True})
        return Reply(404, {"error": f"unknown sandbox endpoint {req.method} {req.path}"})

    def _inject_comment(self, body: Any) -> Reply:
        if not isinstance(body, dict):
            return Reply(400, {"error": "expected a JSON object"})
        platform, post_id = body.get("platform"), str(body.get("post_id") or "")
        text, author = str(body.get("text") or ""), str(body.get("author") or "commenter")
        parent = body.get("parent_id")
        attachment = body.get("attachment")
        state = self.server.state
        if attachment is not None and (platform != "facebook"
                                       or attachment not in ATTACHMENTS):
            return Reply(400, {"error": "attachment is one of "
                               f"{'|'.join(ATTACHMENTS)}, on facebook only"})
        if platform not in PLATFORMS or not (text or attachment):
            return Reply(400, {"error": f"platform ({'|'.join(PLATFORMS)}) and text (or, on "
                               "facebook, an attachment) are required"})
        with state.lock:
            if state.find_post(platform, post_id) is None:
                return Reply(404, {"error": f"no {platform} post {post_id!r}"})
            if parent is not None and state.find_comment(platform, str(parent)) is None:
                return Reply(404, {"error": f"no {platform} comment {parent!r}"})
            parent = str(parent) if parent is not None else None
            # "age_s" backdates the comment, to exercise the APIs' time windows.
            age = body.get("age_s")
            created = state.now() - float(age) if age is not None else None
            comment = PLATFORMS[platform].inject_comment(state, post_id, text, author, parent,
                                                         created)
            comment.attachment = attachment
        return Reply(201, {"id": comment.id, "platform": platform, "post_id": post_id})

    def _edit_comment(self, comment_id: str, body: Any) -> Reply:
        """The commenter edits their own comment: each stand-in changes what its platform
        reports as the real one does (Graph: the same id, a new message and no edit time;
        LinkedIn: the same URN, lastModified moved; X: a new post id, the old one in
        edit_history_tweet_ids), and refuses an edit its platform refuses."""
        text = body.get("text") if isinstance(body, dict) else None
        if not isinstance(text, str) or not text:
            return Reply(400, {"error": "expected {\"text\": the comment's new words}"})
        state = self.server.state
        with state.lock:
            comment = next((c for c in state.comments
                            if comment_id in (c.id, *c.history) and not c.deleted), None)
            if comment is None:
                return Reply(404, {"error": f"no comment {comment_id!r}"})
            return PLATFORMS[comment.platform].edit_comment(state, comment, text)

    def _set_fault(self, body: Any) -> Reply:
        if not isinstance(body, dict):
            return Reply(400, {"error": "expected a JSON object"})
        platform, mode = body.get("platform"), str(body.get("mode") or "")
        try:
            every = int(body.get("every", 1))
            seconds = float(body["seconds"]) if body.get("seconds") is not None else None
        except (TypeError, ValueError):
            return Reply(400, {"error": "every must be an integer, seconds a number"})
        if mode == "ranked" and platform in PLATFORMS:
            # Not a fault but a platform behaviour: Graph may rank comments ("most relevant")
            # whatever `order` asks for. every=0 turns it off.
            with self.server.state.lock:
                self.server.state.ranked[platform] = every > 0
            return Reply(200, {"platform": platform, "mode": mode, "every": every})
        if platform not in PLATFORMS or (every > 0 and mode not in FAULT_MODES):
            return Reply(
                400, {"error": f"platform ({'|'.join(PLATFORMS)}), mode one of {FAULT_MODES}"}
            )
        if every > 0 and platform not in PLATFORM_FAULTS.get(mode, (platform,)):
            return Reply(400, {"error": f"mode {mode} is for "
                               f"{', '.join(PLATFORM_FAULTS[mode])} only"})
        self.server.state.set_fault(platform, mode, every, seconds)
        return Reply(200, {"platform": platform, "mode": mode, "every": every})
