"""A job still running when its next tick comes: expected, said once in a while.

Every daemon job runs with ``max_instances=1``: a publish pass that takes longer than
SOCIALBOT_PUBLISH_INTERVAL (a slow platform, a busy machine, the first pass after a wake-up)
makes APScheduler skip the ticks that fall inside it, and it logged each skip as a WARNING
("... skipped: maximum number of running instances reached"): the demo's log had 3-7 of them
in its first second, and a long pass logs one per tick, burying real problems (session 49,
the newcomer's item 12). Nothing is lost by a skip: the pass that is running drains its lane,
and a wake-up during it makes it run once more (runner._Lane).

So that one APScheduler message goes to DEBUG (SchedulerLog), and OverlapNotes, listening for
the scheduler's EVENT_JOB_MAX_INSTANCES, writes one ``job.overlap`` line of our own: at the
first skip, then at most once per ``every`` seconds, with the skips per job since the last
line (and once more at stop for any left uncounted). Every other scheduler line (a job store
error, a failed submission, an executor lookup) keeps its level, and a job's own failure is
still ``job.failed`` (runner._guarded).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import UTC
from typing import Any

from social_bot.logs import event

# APScheduler 3's format string for the skip (schedulers/base.py, _process_jobs).
SKIPPED_PREFIX = 'Execution of job "%s" skipped: maximum number of running instances'
OVERLAP_NOTE = ("a pass outlasted its interval, so its next ticks were skipped (expected on a "
                "busy machine or a slow platform; the running pass does the work)")


class SchedulerLog(logging.LoggerAdapter):
    """The scheduler's logger (``apscheduler.scheduler``) with the skip demoted to DEBUG."""

    def __init__(self, logger: logging.Logger | None = None) -> None:
        super().__init__(logger or logging.getLogger("apscheduler.scheduler"), {})

    def log(self, level: int, msg: object, *args: Any, **kwargs: Any) -> None:
        if level == logging.WARNING and isinstance(msg, str) and msg.startswith(SKIPPED_PREFIX):
            level = logging.DEBUG
        super().log(level, msg, *args, **kwargs)


class OverlapNotes:
    """Counts skipped ticks per job; one ``job.overlap`` line at the first, then at most one
    per ``every`` seconds. A listener for APScheduler's EVENT_JOB_MAX_INSTANCES."""

    def __init__(self, logger: logging.Logger, every: float = 600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.logger = logger
        self.every = every
        self.clock = clock
        self._skipped: Counter[str] = Counter()
        self._next: float | None = None
        self._lock = threading.Lock()

    def __call__(self, scheduler_event: Any) -> None:
        with self._lock:
            self._skipped[str(scheduler_event.job_id)] += 1
            now = self.clock()
            if self._next is not None and now < self._next:
                return
            self._next = now + self.every
            skipped = self._take()
        self._say(skipped)

    def flush(self) -> None:
        """The skips not yet said (at stop)."""
        with self._lock:
            skipped = self._take()
        if skipped:
            self._say(skipped)

    def _take(self) -> dict[str, int]:
        skipped = dict(sorted(self._skipped.items()))
        self._skipped.clear()
        return skipped

    def _say(self, skipped: dict[str, int]) -> None:
        event(self.logger, "job.overlap", skipped=skipped, total=sum(skipped.values()),
              at_most_every_s=self.every, note=OVERLAP_NOTE)


def new_scheduler(threads: int, notes: OverlapNotes) -> Any:
    """The daemon's BackgroundScheduler (not started): UTC, at most one instance of each
    job, missed ticks coalesced, skips told through ``notes``."""
    from apscheduler.events import EVENT_JOB_MAX_INSTANCES
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.schedulers.background import BackgroundScheduler

    scheduler = BackgroundScheduler(
        executors={"default": ThreadPoolExecutor(threads)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 60},
        timezone=UTC,
        logger=SchedulerLog(),
    )
    scheduler.add_listener(notes, EVENT_JOB_MAX_INSTANCES)
    return scheduler
