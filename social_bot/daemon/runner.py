"""The daemon process: APScheduler jobs (publish, poll, housekeeping) and the chat endpoint.

Jobs, each on the scheduler's thread pool with at most one instance running:
- ``publish:<platform>`` every few seconds, and at once when a post is approved in this
  process (a chat approval): one lane per platform, so one never waits for another;
- ``poll:<platform>`` comment polling, paced by each platform's rate-limit answers;
- ``housekeeping``: chat notifications from the outbox.
SIGTERM/SIGINT: no new claims, running jobs finish what they started, the server stops.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from adapters import PLATFORMS as REGISTERED_PLATFORMS
from adapters.base import Adapter
from social_bot import events
from social_bot.accounts.watch import AccessWatch, activate
from social_bot.app import App
from social_bot.daemon.budget import CallBudget
from social_bot.daemon.config import (
    DaemonConfig,
    default_worker_id,
    no_chat_channel,
    rate_reserve,
    slow_first_poll,
)
from social_bot.daemon.monitor import RATE_RESERVE, Monitor
from social_bot.daemon.overlap import OverlapNotes, new_scheduler
from social_bot.daemon.publisher import Publisher
from social_bot.daemon.screening import SharedScreen
from social_bot.daemon.worker_lock import WorkerLock, check_clock
from social_bot.logs import event

log = logging.getLogger("socialbot.daemon")

PLATFORMS: tuple[str, ...] = REGISTERED_PLATFORMS


class AdapterPool:
    """One adapter per platform, built on first use. A build failure (missing settings)
    is raised to the caller each time, so fixing the environment and restarting is enough.

    With an AccessWatch, the settings include what `socialbot connect` stored, and an
    adapter is rebuilt when its platform's credential changes: a reconnect needs no restart.
    """

    def __init__(self, env: Mapping[str, str], watch: AccessWatch | None = None) -> None:
        self.env = env
        self.watch = watch
        self._adapters: dict[str, tuple[str | None, Adapter]] = {}
        self._lock = threading.Lock()

    def __call__(self, platform: str) -> Adapter:
        from social_bot.accounts.store import env_fingerprint

        env = self.watch.settings() if self.watch is not None else self.env
        credential = env_fingerprint(platform, env)
        with self._lock:
            built = self._adapters.get(platform)
            if built is None or built[0] != credential:
                from adapters import build_adapter

                adapter = build_adapter(platform, env)
                if self.watch is not None:
                    adapter = _ReportsRefusals(adapter, self.watch)
                self._adapters[platform] = (credential, adapter)
            return self._adapters[platform][1]

    def access_problem(self, platform: str) -> str | None:
        """Why publishing to `platform` must wait for a person (None: go ahead)."""
        return self.watch.problem(platform) if self.watch is not None else None

    def auth_failed(self, platform: str, reason: str) -> None:
        if self.watch is not None:
            self.watch.auth_failed(platform, reason)


class _ReportsRefusals:
    """The adapter, telling the AccessWatch when the platform refuses the credential on a
    publish, so that the platform's other deliveries are held at the claim (no more calls
    with a token known to be refused) until the credential changes. Comment polls are not
    reported: a token may read without publishing, or the other way round."""

    def __init__(self, adapter: Adapter, watch: AccessWatch) -> None:
        self._adapter = adapter
        self._watch = watch

    def __getattr__(self, name: str) -> Any:
        return getattr(self._adapter, name)

    def _reported(self, call: Any, *args: Any, **kwargs: Any) -> Any:
        from adapters.base import AuthError

        try:
            return call(*args, **kwargs)
        except AuthError as exc:
            self._watch.auth_failed(self._adapter.name, str(exc))
            raise

    def publish(self, *args: Any, **kwargs: Any) -> Any:
        return self._reported(self._adapter.publish, *args, **kwargs)

    def reply_to_comment(self, *args: Any, **kwargs: Any) -> Any:
        return self._reported(self._adapter.reply_to_comment, *args, **kwargs)


@dataclass
class _Lane:
    """Wake-ups that arrive while a pass runs are not lost: the pass runs once more."""

    running: bool = False
    dirty: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)


class Daemon:
    def __init__(
        self,
        app: App,
        *,
        worker_id: str | None = None,
        config: DaemonConfig | None = None,
        platforms: Sequence[str] = PLATFORMS,
        serve_http: bool = True,
        publish_adapters: Any = None,
        poll_adapters: Any = None,
    ) -> None:
        env = app.settings.env
        # The chat door seals every vote it takes; the key is made on the first start
        from social_bot.vote_seal import ensure_door_key
        from social_bot.witness import ensure_spool

        ensure_door_key(app.settings)
        ensure_spool(app.settings)  # where the CLI leaves its writer's witness (witness.py)
        self.app = app
        self.worker_id = worker_id or default_worker_id(env)
        self.worker_lock = WorkerLock(app.db, self.worker_id)
        self.config = config or DaemonConfig.from_env(env)
        self.platforms = tuple(platforms)
        self.serve_http = serve_http
        self.stopping = threading.Event()
        self.screen = SharedScreen(app)
        reserve = rate_reserve(env, RATE_RESERVE)
        # Which credential each platform uses (environment, else `socialbot connect`'s store),
        # whether it can publish, and the chat warnings before a token expires.
        self.accounts = AccessWatch(app, platforms=self.platforms)
        if publish_adapters is None:  # the publish-time access check reads this watch
            activate(app, self.accounts)
        # One daily call budget per platform for both, kept in the database so that other
        # daemons and a restart share it: polling leaves publishing its reserve.
        self.budget = CallBudget(app.db, lambda: app.policy_or_last_good.polling,
                                 lambda: datetime.now(UTC))
        # Separate adapter objects for publishing and polling: they run on different threads.
        self.publisher = Publisher(app, publish_adapters or AdapterPool(env, self.accounts),
                                   self.worker_id,
                                   self.config, screen=self.screen,
                                   stopping=self.stopping.is_set, budget=self.budget)
        self.monitor = Monitor(app, poll_adapters or AdapterPool(env, self.accounts),
                               self.worker_id,
                               self.config, screen=self.screen, stopping=self.stopping.is_set,
                               rate_reserve=reserve, budget=self.budget)
        self._lanes = {p: _Lane() for p in self.platforms}
        # The chat door's Unix socket (SOCIALBOT_CHAT_SOCKET), its folder checked before
        # anything starts: one another login could write is refused (session 52, finding 3)
        socket = app.settings.chat_socket
        if serve_http and socket is not None:
            from social_bot.web.server import prepare_chat_socket

            prepare_chat_socket(socket)
        self.refused: str | None = None  # why the daemon stopped itself (run_forever raises)
        self._scheduler: Any = None
        self._held_worker = False  # took its worker id's lock: a stop is this daemon's own
        self._overlaps = OverlapNotes(log)  # ticks skipped while a pass still runs
        self._http: Any = None
        self.url: str | None = None
        self._policy_refused = False  # as last told to chat (_policy_notice)
        self._keys_read: int | None = None  # the trail read for other vote keys up to here
        self._rivals_told: set[str] = set()  # other vote keys chat was told of

    # -- life cycle ----------------------------------------------------------------------

    def warm_up(self) -> None:
        """Open the database and load the PHI model before taking work, so the first post
        is not slowed by it (and a broken model stops the start, not a publish)."""
        self.app.db  # noqa: B018 - checks the schema is there
        from social_bot.errors import UserError

        try:
            self.worker_lock.acquire()
        except UserError as exc:
            # Its own line: the worker id is the running daemon's, and this process never
            # started, so no daemon.stopping/stopped under that name (newcomer's item 10).
            event(log, "daemon.refused", logging.ERROR, wanted_worker=self.worker_id,
                  pid=os.getpid(), why=str(exc))
            raise
        self._held_worker = True
        self._remove_stale_media()
        self._keys_read = self._trail_end()  # what came before is the start's to refuse
        check_clock(self.app.db, self.publisher.clock, self.config.lease)
        self._release_config_holds()
        self.screen(["warm-up"], "post")
        from policies.phi import ScreenUnavailable
        from policies.phi.contextual import ensure_loaded
        from social_bot.errors import UserError

        try:  # the second look loads on first need; here a broken one stops the start
            ensure_loaded()
        except ScreenUnavailable as exc:
            raise UserError(f"PHI screen unavailable, nothing can be queued: {exc}") from None
        from policies.moderation import second_look

        try:  # likewise the comments' second look, before any comment is polled
            second_look.ensure_loaded()
        except second_look.CommentModelMissing as exc:
            raise UserError(f"comments cannot be judged: {exc}") from None

    def _remove_stale_media(self) -> None:
        """The private image copies a killed publisher left in the temporary folder (only
        ours, only a dead process's: publish_gate.remove_stale_media_folders). A temporary
        folder other logins can rename in refuses the start (UserError, media_temp_base)."""
        from social_bot.publish_gate import remove_stale_media_folders

        if removed := remove_stale_media_folders():
            event(log, "media.stale_removed", folders=removed)

    def _release_config_holds(self) -> None:
        """Deliveries held for a setting (a retired API version) or for spent credits get one
        new try with the settings this daemon started with (someone may have bought credits
        meanwhile); still wrong, they are held again at once."""
        from social_bot.daemon.claims import release_holds
        from social_bot.domain import HoldKind

        for platform in self.platforms:
            release_holds(self.app, platform, (HoldKind.CONFIG, HoldKind.CREDITS),
                          actor=f"daemon:{self.worker_id}")

    def start(self) -> None:
        self.warm_up()
        now = datetime.now(UTC)
        scheduler = new_scheduler(2 * len(self.platforms) + 2, self._overlaps)
        for platform in self.platforms:
            scheduler.add_job(self._publish_job, "interval", args=[platform],
                              id=f"publish:{platform}", next_run_time=now,
                              seconds=self.config.publish_interval)
            scheduler.add_job(self._poll_job, "interval", args=[platform],
                              id=f"poll:{platform}", next_run_time=now,
                              seconds=self.config.poll_tick)
        scheduler.add_job(self._housekeeping_job, "interval", id="housekeeping",
                          next_run_time=now, seconds=self.config.housekeeping_interval)
        events.subscribe("post_approved", self._on_approved)
        self._scheduler = scheduler
        scheduler.start()
        if self.serve_http:
            self._start_http()
        event(log, "daemon.started", worker=self.worker_id, url=self.url,
              platforms=list(self.platforms), publish_interval=self.config.publish_interval)
        if (slow := slow_first_poll(self.config.poll_interval)) is not None:
            event(log, "comments.slow_first_poll", logging.WARNING, warning=slow)
        if (silent := no_chat_channel(self.app.settings.env)) is not None:
            event(log, "chat.notifications_off", logging.WARNING, warning=silent)
        from social_bot.db.pg_role import role_warning

        if (role := role_warning(self.app.settings.database_url)) is not None:
            event(log, "database.role", logging.WARNING, warning=role)  # docs/daemon.md

    def _start_http(self) -> None:
        from social_bot.web import build_asgi_app, serve_in_thread
        from social_bot.web.server import public_bind_warning

        settings = self.app.settings
        if settings.chat_socket is None and (
                warning := public_bind_warning(settings.http_host)) is not None:
            event(log, "http.public_bind", logging.WARNING, warning=warning)
        self._http = serve_in_thread(build_asgi_app(self.app), settings.http_host,
                                     settings.http_port, uds=settings.chat_socket)
        self.url = self._http.url

    def stop(self, timeout: float = 60.0) -> None:
        """No new claims; running passes finish what they started; then the server stops."""
        if self.stopping.is_set() and self._scheduler is None:
            return
        self.stopping.set()
        if not self._held_worker:  # refused at start (another daemon has this worker id)
            return
        event(log, "daemon.stopping", worker=self.worker_id)
        events.unsubscribe("post_approved", self._on_approved)
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=True)
            self._scheduler = None
            self._overlaps.flush()
        if self._http is not None:
            self._http.stop(timeout)
            self._http = None
        self.worker_lock.release()
        event(log, "daemon.stopped", worker=self.worker_id)

    def run_forever(self) -> None:
        """Start, then wait for SIGTERM or SIGINT (main thread only), then stop cleanly.
        SIGHUP reads the policy file again (it is also reloaded when the file changes)."""

        def on_signal(signum: int, _frame: Any) -> None:
            event(log, "daemon.signal", signal=signal.Signals(signum).name)
            self.stopping.set()

        def on_hangup(signum: int, _frame: Any) -> None:
            event(log, "daemon.signal", signal="SIGHUP")
            # Not here: the handler runs on the main thread, which may be inside the policy
            # watch's lock (reading the policy at start); reloading here waited on itself.
            threading.Thread(target=self.app.reload_policy, args=("SIGHUP",),
                             name="policy-reload", daemon=True).start()

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        if hasattr(signal, "SIGHUP"):
            previous[signal.SIGHUP] = signal.signal(signal.SIGHUP, on_hangup)
        try:
            self.start()
            while not self.stopping.wait(0.5):
                pass
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if self.refused is not None:  # not a clean stop: one line and a non-zero exit
            from social_bot.errors import UserError

            raise UserError(self.refused)

    def run_once(self) -> dict[str, Any]:
        """One publish pass and one poll pass per platform (for cron and tests)."""
        self.warm_up()
        try:
            return self._one_pass()
        finally:
            self.worker_lock.release()

    def _one_pass(self) -> dict[str, Any]:
        summary: dict[str, Any] = {"published": 0, "failed": 0, "retried": 0, "in_doubt": 0,
                                   "blocked": 0, "comments_stored": 0, "comments_flagged": 0,
                                   "comments_hidden": 0, "poll_failures": 0}
        for platform in self.platforms:
            lane = self.publisher.run_lane(platform)
            summary["published"] += lane.published
            summary["failed"] += lane.failed
            summary["retried"] += lane.retried
            summary["in_doubt"] += lane.in_doubt
            summary["blocked"] += lane.blocked
        for platform in self.platforms:
            polled = self.monitor.run_platform(platform)
            summary["comments_stored"] += polled.stored
            summary["comments_flagged"] += polled.flagged
            summary["comments_hidden"] += polled.hidden
            summary["poll_failures"] += polled.failed
        self._housekeeping_job()
        return summary

    # -- jobs ----------------------------------------------------------------------------

    def wake(self) -> None:
        """Run every publish lane now (or once more right after its current pass)."""
        if self.stopping.is_set() or self._scheduler is None:
            return
        now = datetime.now(UTC)
        for platform, lane in self._lanes.items():
            with lane.lock:
                lane.dirty = True
                running = lane.running
            if not running:
                try:
                    self._scheduler.modify_job(f"publish:{platform}", next_run_time=now)
                except Exception:  # noqa: BLE001 - shutting down: the job is gone
                    return

    def _on_approved(self, post_id: int, **_: Any) -> None:
        event(log, "daemon.woken", post_id=post_id)
        self.wake()

    def _still_safe(self) -> bool:
        """Before a publish pass: still the only process with this worker id (a cut
        database session drops the PostgreSQL lock), and the clock still in step with the
        database's (a VM resumed from a pause). Otherwise the daemon stops: it would check
        another process's requests in flight as its own, or take over live claims."""
        from social_bot.errors import UserError

        try:
            self.worker_lock.confirm()
            check_clock(self.app.db, self.publisher.clock, self.config.lease)
        except UserError as exc:
            self.refused = str(exc)
            event(log, "daemon.unsafe", logging.ERROR, worker=self.worker_id, why=str(exc))
            self.stopping.set()
            return False
        except Exception as exc:  # noqa: BLE001 - the database down: this pass waits
            event(log, "job.failed", logging.ERROR, job="worker check",
                  error=f"{type(exc).__name__}: {exc}"[:500])
            return False
        return True

    def _publish_job(self, platform: str) -> None:
        lane = self._lanes[platform]
        with lane.lock:
            lane.running = True
        try:
            while not self.stopping.is_set() and self._still_safe():
                with lane.lock:
                    lane.dirty = False
                self._guarded(f"publish:{platform}", self.publisher.run_lane, platform)
                with lane.lock:
                    if not lane.dirty:
                        break
        finally:
            with lane.lock:
                lane.running = False

    def _poll_job(self, platform: str) -> None:
        self._guarded(f"poll:{platform}", self.monitor.run_platform, platform)

    def _housekeeping_job(self) -> None:
        from social_bot.notify import deliver_outbox

        self._guarded("accounts", self.accounts.tick)  # queues token warnings (once a day)
        self._guarded("policy notice", self._policy_notice)
        self._guarded("vote keys", self._rival_key_notice)
        self._guarded("housekeeping", deliver_outbox, self.app,
                      self.app.settings.env.get("SLACK_WEBHOOK_URL"))
        self._guarded("retention", self._retention)
        self._guarded("credits", self._retry_credit_holds)

    def _policy_notice(self) -> None:
        """One chat notice when the policy file becomes unusable and one when it is usable
        again (session 51, the newcomer's #13: said only in the JSON log, so nobody in chat
        knew why votes and publishing stood still). Not again while it stays refused, even
        as it changes: the log reminds hourly (policy_watch.REMIND_EVERY)."""
        from social_bot import outbox

        refused = self.app.policy_refused
        if refused == self._policy_refused:
            return
        with self.app.db.write() as session:
            outbox.add(session, outbox.PolicyRefused() if refused else outbox.PolicyRestored())
        self._policy_refused = refused  # after the write: a failed one is tried next tick

    def _trail_end(self) -> int:
        from sqlalchemy import func, select

        from social_bot.db.models import AuditRecord

        with self.app.db.read() as session:
            return int(session.scalar(select(func.max(AuditRecord.seq))) or 0)

    def _rival_key_notice(self) -> None:
        """Seals (or an acceptance) by another vote key than this daemon's, new in the trail
        since the last look: another daemon, with a key of its own, runs on this database
        (session 52, finding 8; its start was refused only if it started after a seal).
        Logged and said in chat once per key; only the records added since are read."""
        from social_bot import outbox
        from social_bot.vote_seal import app_keys, other_keys

        door = app_keys(self.app).door()
        if door is None or self._keys_read is None:
            return
        found = other_keys(self.app.db, door.public.key_id, self._keys_read)
        new = {key: seq for key, seq in found.last.items() if key not in self._rivals_told}
        if new:
            record = max(new.values())
            event(log, "vote_key.rival", logging.ERROR, keys=sorted(new), record=record,
                  mine=door.public.key_id)
            with self.app.db.write() as session:
                outbox.add(session, outbox.VoteKeyRival(keys=tuple(sorted(new)), record=record))
            self._rivals_told |= set(new)
        self._keys_read = found.upto  # after the write: a failed one is tried next tick

    def _retry_credit_holds(self) -> None:
        """Deliveries held for spent credits whose new try is due (DaemonConfig.credits_retry
        after the hold) go back in the queue: someone may have bought credits since, and no
        restart should be needed for them to go out (a note of session 43)."""
        from social_bot.daemon.claims import release_holds
        from social_bot.db.models import utcnow
        from social_bot.domain import HoldKind

        for platform in self.platforms:
            release_holds(self.app, platform, (HoldKind.CREDITS,),
                          actor=f"daemon:{self.worker_id}", due_by=utcnow())

    def _retention(self) -> None:
        """Blocked drafts past [retention] blocked_days lose their text, and image files no
        post names are swept (at most hourly)."""
        from social_bot.retention import purge_expired, sweep_orphan_media

        now = time.monotonic()
        if now < getattr(self, "_retention_next", 0.0):
            return
        self._retention_next = now + 3600
        for purged in purge_expired(self.app):
            event(log, "retention.purged", post_id=purged.post_id,
                  revisions=list(purged.revisions), cancelled=purged.cancelled,
                  media_removed=purged.media_removed)
        swept = sweep_orphan_media(self.app)
        if swept:
            event(log, "retention.orphan_media", removed=swept)
        self._guarded("comment retention", self._comment_retention)

    def _comment_retention(self) -> None:
        """Settled comments past the monitoring window plus [retention] comments_days lose
        their text and author. (Media files a purge left for their grace period go with the
        orphan sweep in _retention.)"""
        from social_bot.comment_retention import purge_expired_comments

        for purged in purge_expired_comments(self.app):
            event(log, "retention.comments_purged", post_id=purged.post_id,
                  comments=len(purged.comment_ids))

    @staticmethod
    def _guarded(name: str, fn: Any, *args: Any) -> Any:
        """A job's failure (database down, a bug) is logged; the next run tries again."""
        try:
            return fn(*args)
        except Exception as exc:  # noqa: BLE001
            event(log, "job.failed", logging.ERROR, job=name,
                  error=f"{type(exc).__name__}: {exc}"[:500])
            return None


__all__ = ["PLATFORMS", "AdapterPool", "Daemon"]
