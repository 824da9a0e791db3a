"""What the publisher and the comment monitor share: who they are, per-platform pauses (a
rate-limited platform never holds back the others), and draining work in batches."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypeVar

from social_bot.db.models import utcnow

if TYPE_CHECKING:
    from adapters.base import Adapter
    from social_bot.app import App
    from social_bot.daemon.budget import CallBudget
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.screening import SharedScreen

T = TypeVar("T")


class PlatformPauses:
    """"Not before" times per platform, shared by the threads of one publisher or monitor."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self._until: dict[str, datetime] = {}
        self._lock = threading.Lock()

    def paused(self, platform: str) -> bool:
        with self._lock:
            until = self._until.get(platform)
        return until is not None and until > self.clock()

    def pause(self, platform: str, seconds: float) -> None:
        with self._lock:
            self._until[platform] = self.clock() + timedelta(seconds=seconds)

    def next_resume(self) -> datetime | None:
        """The earliest moment a paused platform may go again (None: nothing is paused)."""
        now = self.clock()
        with self._lock:
            future = [until for until in self._until.values() if until > now]
        return min(future, default=None)


def drain(fetch: Callable[[], Sequence[T]], handle: Callable[[T], None],
          keep_going: Callable[[], bool], batch: int) -> None:
    """Handle batches from ``fetch`` until one comes back short or ``keep_going`` says stop
    (a stop request, or the platform paused by a rate limit mid-batch)."""
    while keep_going():
        items = fetch()
        for item in items:
            if not keep_going():
                return
            handle(item)
        if len(items) < batch:
            return


class PlatformWorker:
    """The daemon's per-platform workers (publisher, comment monitor) share this set-up."""

    def __init__(
        self,
        app: App,
        adapter_for: Callable[[str], Adapter],
        worker_id: str,
        config: DaemonConfig | None = None,
        *,
        screen: SharedScreen | None = None,
        clock: Callable[[], datetime] = utcnow,
        stopping: Callable[[], bool] = lambda: False,
        budget: CallBudget | None = None,
    ) -> None:
        from social_bot.daemon.budget import CallBudget
        from social_bot.daemon.config import DaemonConfig
        from social_bot.daemon.screening import SharedScreen

        self.app = app
        self.adapter_for = adapter_for
        self.worker_id = worker_id
        self.actor = f"daemon:{worker_id}"
        self.config = config or DaemonConfig()
        self.screen = screen or SharedScreen(app)
        self.clock = clock
        self.stopping = stopping
        self.pauses = PlatformPauses(clock)
        # Shared through the database by every publisher and monitor: polling leaves
        # publishing its reserve.
        self.budget = budget or CallBudget(app.db, lambda: self.app.policy_or_last_good.polling,
                                            clock)

    def _paused(self, platform: str) -> bool:
        return self.pauses.paused(platform)

    def _keep_going(self, platform: str) -> bool:
        return not self.stopping() and not self._paused(platform)
