"""The chat endpoint: Slack slash command and buttons, Mattermost command, health, metrics.

Order of checks for every chat request: door configured (else 503), body size (413,
before parsing), signature or token (401), form shape (400); only then does the command
layer run, in a worker thread. An answer is due within Slack's 3 seconds: whatever is
not done by DEADLINE is answered "working on it" and its result posted to response_url.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from adapters.base import DEFAULT_DEADLINE
from social_bot.app import App
from social_bot.approvals import VerifiedIdentity
from social_bot.chat import ChatReply, handle_action, handle_command
from social_bot.chat.guard import Cleared, notice, release, require_cleared
from social_bot.chat.memory import DbReplayGuard
from social_bot.logs import event
from social_bot.settings import chat_settings
from social_bot.web import metrics
from social_bot.web.verify import (
    MAX_ACTION_BODY,
    MAX_BODY,
    REPLAY_WINDOW,
    Rejected,
    check_ids,
    check_response_url,
    check_slack_team,
    parse_block_action,
    parse_form,
    read_capped,
    required,
    slack_clock_skew,
    slack_signature_ok,
    slack_teams,
    token_ok,
)

log = logging.getLogger(__name__)
DEADLINE = 2.5  # seconds; Slack gives up at 3
SKEW_LOG_EVERY = 60.0  # seconds between two chat.slack_clock_skew lines (one is enough)
# Worker threads for the command layer. SQLite has one writer at a time and its busy
# handler sleeps while waiting, so more threads only lengthen the tail there.
WORKERS = {"sqlite": 4, "other": 8}
# Seconds for one reply POSTed to a response_url, answer included (adapters._deadline).
REPLY_DEADLINE = DEFAULT_DEADLINE
WORKING = "Working on it; the answer follows here in a moment."


def post_json(url: str, body: Cleared, timeout: float = 10.0) -> bool:
    """POST a reply to a chat response_url. Logs failures without the URL."""
    import requests

    from adapters._deadline import request_within

    payload = require_cleared(body)
    host = urlsplit(url).hostname
    try:
        # No redirects: the allow-list (check_response_url) is for the host POSTed to. The
        # deadline, because the timeout bounds one read: a response_url trickling its answer
        # held one of the 4 follow-up threads for as long as it chose.
        answer = request_within(REPLY_DEADLINE, "POST", url, json=payload, timeout=timeout,
                                allow_redirects=False)
    except requests.RequestException as exc:
        log.warning("posting a chat reply to %s failed: %s", host, type(exc).__name__)
        return False
    if answer.status_code >= 300:
        log.warning("posting a chat reply to %s failed: HTTP %s", host, answer.status_code)
        return False
    return True


def _safely(fn: Callable[..., ChatReply], *args: Any) -> ChatReply:
    try:
        return fn(*args)
    except Rejected:  # a refusal with its own status (a replay), answered as such
        raise
    except Exception:  # the person gets one line; the traceback goes to the log only
        log.exception("chat request failed")
        return ChatReply("Something went wrong on the socialbot server; it is logged. "
                         "Nothing was changed by this message.", ok=False)


class ChatDoors:
    """The request handlers, with the App, the secrets and the worker threads they share."""

    def __init__(self, app: App) -> None:
        env = app.settings.env
        self.app = app
        self.slack_secret = (env.get("SLACK_SIGNING_SECRET") or "").strip() or None
        self.mattermost_token = (env.get("MATTERMOST_TOKEN") or "").strip() or None
        self.slack_teams = slack_teams(env)
        self.limits = chat_settings(app.settings)
        self.replays = DbReplayGuard(app.db, REPLAY_WINDOW)
        self._skew_logged, self._skew_unlogged = -float("inf"), 0  # see _clock_skew
        workers = WORKERS["sqlite" if app.db.is_sqlite else "other"]
        self.work = ThreadPoolExecutor(workers, thread_name_prefix="socialbot-chat")
        self.later = ThreadPoolExecutor(4, thread_name_prefix="socialbot-chat-later")

    def close(self) -> None:
        # Do not block the server's shutdown; queued follow-ups still run to completion.
        self.work.shutdown(wait=False)
        self.later.shutdown(wait=False)

    # --- helpers ---------------------------------------------------------------------

    def _clear(self, reply: ChatReply, flavour: str) -> Cleared:
        """The one way a reply leaves: rendered for the door, then through the chat guard."""
        if reply.released is not None and reply.released[0] == flavour:
            return reply.released[1]  # released by the command layer (a `show`), as checked
        return release(self.app, reply.body(flavour), flavour)

    def _send(self, url: str, reply: ChatReply, flavour: str) -> None:
        post_json(url, self._clear(reply, flavour))

    async def _respond(self, reply: ChatReply, flavour: str, status: int = 200) -> Response:
        cleared = await asyncio.wrap_future(self.work.submit(self._clear, reply, flavour))
        return JSONResponse(require_cleared(cleared), status_code=status)

    def _follow_up(self, fn: Callable[[], ChatReply], url: str, flavour: str) -> None:
        """Run slow work in the background; post its reply to ``url``."""
        def run() -> None:
            self._send(url, _safely(fn), flavour)

        self.later.submit(run)

    def _once(self, signature: str | None, fn: Callable[..., ChatReply],
              *args: Any) -> ChatReply:
        """``fn(*args)``, unless the signed request was received before (401)."""
        if signature is not None and not self.replays.first_time(signature):
            raise Rejected(401, "this signed request was already received; nothing was done")
        return fn(*args)

    async def _answer(self, fn: Callable[..., ChatReply], *args: Any, url: str,
                      flavour: str, once: str | None, started: float) -> ChatReply | None:
        """The reply if ready within DEADLINE of ``started``; else None, and the reply goes
        to ``url``. The replay check (``once``, a database write) runs in the same job as
        the command, so it counts against the deadline too: awaited on its own, a database
        slow to take it let Slack tell the voter the command failed while the vote was
        then recorded and its answer lost (review, session 44)."""
        future: Future[ChatReply] = self.work.submit(_safely, self._once, once, fn, *args)
        wrapped = asyncio.wrap_future(future)
        left = max(0.0, DEADLINE - (time.perf_counter() - started))
        done, _ = await asyncio.wait({wrapped}, timeout=left)
        if wrapped in done:
            return wrapped.result()
        future.add_done_callback(lambda f: self._answer_later(f, url, flavour))
        return None

    def _answer_later(self, future: Future[ChatReply], url: str, flavour: str) -> None:
        if isinstance(future.exception(), Rejected):  # a replay: its first copy was answered
            return
        try:
            self.later.submit(self._send, url, future.result(), flavour)
        except RuntimeError:  # the endpoint is stopping: the vote counted, so say so here
            self._send(url, future.result(), flavour)

    async def _verified_form(self, request: Request, door: str,
                             limit: int = MAX_BODY) -> tuple[dict[str, str], str | None]:
        """The form, and the signature to accept only once (None for Mattermost, whose
        requests carry none)."""
        if door == "mattermost":
            if self.mattermost_token is None:
                raise Rejected(503, "Mattermost commands are not configured on this server "
                                    "(MATTERMOST_TOKEN is not set)")
        elif self.slack_secret is None:
            raise Rejected(503, "Slack requests are not configured on this server "
                                "(SLACK_SIGNING_SECRET is not set)")
        body = await read_capped(request.headers, request.stream(), limit,
                                 self.limits.body_timeout)
        if door == "mattermost":
            return self._mattermost_form(request, body), None
        assert self.slack_secret is not None
        if not slack_signature_ok(self.slack_secret, body, request.headers):
            skew = slack_clock_skew(self.slack_secret, body, request.headers)
            if skew is not None:  # the secret is right: the clocks disagree (no body logged)
                self._clock_skew(skew)
            raise Rejected(401, "the Slack signature could not be verified; nothing was done")
        return parse_form(body), request.headers["x-slack-signature"]

    def _clock_skew(self, skew: int) -> None:
        """Log ``chat.slack_clock_skew`` at most once a SKEW_LOG_EVERY seconds, with how many
        were left out since. Anyone holding one old signed request (a proxy's body log, a
        capture) could send it again and again, each a WARNING line (session 55's re-read:
        50 sends, 50 lines); and such a resend looks the same as a drifted clock."""
        now = time.monotonic()
        if now - self._skew_logged < SKEW_LOG_EVERY:
            self._skew_unlogged += 1
            return
        event(log, "chat.slack_clock_skew", logging.WARNING, skew_seconds=skew,
              left_out=self._skew_unlogged,
              hint="a correctly signed Slack request was refused as outside the "
                   f"{REPLAY_WINDOW // 60}-minute window; check this machine's clock (NTP); "
                   "if the clock is right, an old signed request was sent again (a replay)")
        self._skew_logged, self._skew_unlogged = now, 0

    def _mattermost_form(self, request: Request, body: bytes) -> dict[str, str]:
        assert self.mattermost_token is not None
        header = request.headers.get("authorization", "")
        by_header = header[6:].strip() if header.lower().startswith("token ") else None
        try:
            form = parse_form(body)
        except Rejected:
            if token_ok(self.mattermost_token, by_header):
                raise
            form = {}
        if not (token_ok(self.mattermost_token, by_header)
                or token_ok(self.mattermost_token, form.get("token"))):
            raise Rejected(401, "the Mattermost command token does not match; nothing was done")
        return form

    # --- routes ----------------------------------------------------------------------

    async def _command(self, request: Request, door: str) -> Response:
        started = time.perf_counter()
        outcome = "error"
        try:
            form, once = await self._verified_form(request, door)
            user_id, response_url = required(form, "user_id", "response_url")
            check_ids(form)
            if door == "slack":
                check_slack_team(self.slack_teams, form.get("team_id", ""))
            check_response_url(response_url, self.limits.response_url_prefixes)
            identity = VerifiedIdentity(door, user_id)
            reply = await self._answer(handle_command, self.app, identity, form.get("text", ""),
                                       url=response_url, flavour=door, once=once,
                                       started=started)
            if reply is None:
                outcome = "deferred"
                reply = ChatReply(WORKING)
            else:
                outcome = "ok" if reply.ok else "refused"
                if reply.later is not None:
                    self._follow_up(reply.later, response_url, door)
            return await self._respond(reply, door)
        except Rejected as exc:
            outcome = str(exc.status)
            return JSONResponse(require_cleared(notice(str(exc))), status_code=exc.status)
        finally:
            metrics.REQUESTS.labels(door, outcome).inc()
            metrics.LATENCY.labels(door).observe(time.perf_counter() - started)

    async def slack_commands(self, request: Request) -> Response:
        return await self._command(request, "slack")

    async def mattermost_commands(self, request: Request) -> Response:
        return await self._command(request, "mattermost")

    async def slack_actions(self, request: Request) -> Response:
        started = time.perf_counter()
        outcome = "error"
        try:
            form, once = await self._verified_form(request, "slack", MAX_ACTION_BODY)
            click = parse_block_action(form, self.limits.response_url_prefixes)
            check_slack_team(self.slack_teams, click["team_id"])
            identity = VerifiedIdentity("slack", click["user_id"])
            url = click["response_url"]
            reply = await self._answer(handle_action, self.app, identity, click["action_id"],
                                       click["value"], click["reason"], url=url, flavour="slack",
                                       once=once, started=started)
            if reply is None:
                outcome = "deferred"
            else:
                outcome = "ok" if reply.ok else "refused"
                # Slack ignores the HTTP answer to a click; the message is updated (or an
                # ephemeral note sent) through response_url.
                if reply.later is not None:
                    self._follow_up(reply.later, url, "slack")
                else:
                    self.later.submit(self._send, url, reply, "slack")
            return Response(status_code=200)
        except Rejected as exc:
            outcome = str(exc.status)
            return PlainTextResponse(require_cleared(notice(str(exc)))["text"],
                                     status_code=exc.status)
        finally:
            metrics.REQUESTS.labels("slack_actions", outcome).inc()
            metrics.LATENCY.labels("slack_actions").observe(time.perf_counter() - started)

    async def healthz(self, request: Request) -> Response:
        from sqlalchemy import text

        from social_bot.db.engine import describe_db_error

        def ping() -> None:
            with self.app.db.read() as session:
                session.execute(text("SELECT 1"))

        try:
            await asyncio.wrap_future(self.work.submit(ping))
        except Exception as exc:  # noqa: BLE001 - any failure means "not healthy"
            # Anyone who can reach the port may ask: they learn only that the database is
            # not answering. The detail (host, user, the driver's line) goes to the log,
            # with the URL's password and every secret setting masked.
            event(log, "healthz.unavailable", logging.WARNING,
                  error=self._masked(describe_db_error(exc)))
            return JSONResponse({"status": "unavailable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    def _masked(self, text: str) -> str:
        from sqlalchemy.engine import make_url

        from social_bot.logs import mask, secret_values

        settings = self.app.settings
        secrets = list(secret_values(settings.env))
        try:
            password = make_url(settings.database_url).password
        except Exception:  # noqa: BLE001 - an unparsable URL: nothing to pick out
            password = None
        if password:
            secrets.append(str(password))
        return mask(text, secrets)

    async def metrics(self, request: Request) -> Response:
        from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, generate_latest

        return Response(generate_latest(REGISTRY), media_type=CONTENT_TYPE_LATEST)


def build_asgi_app(app: App) -> Starlette:
    """The daemon's HTTP endpoint as an ASGI application (serve it with uvicorn)."""
    doors = ChatDoors(app)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        try:
            yield
        finally:
            doors.close()

    routes = [
        Route("/slack/commands", doors.slack_commands, methods=["POST"]),
        Route("/slack/actions", doors.slack_actions, methods=["POST"]),
        Route("/mattermost/commands", doors.mattermost_commands, methods=["POST"]),
        Route("/healthz", doors.healthz, methods=["GET"]),
        Route("/metrics", doors.metrics, methods=["GET"]),
    ]
    asgi = Starlette(routes=routes, lifespan=lifespan)
    # No trailing-slash redirect: Starlette answered "/slack/commands/" with a 307 to an
    # absolute URL built from the request's Host and X-Forwarded-Proto, often http://, and a
    # chat server following it re-sends the body, token included (session 55, A1). A path
    # that is not a route is a 404, as "//slack/commands" already was.
    asgi.router.redirect_slashes = False
    asgi.state.doors = doors
    return asgi
