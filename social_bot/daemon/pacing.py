"""Per-platform pauses (rate limits): one platform waiting never holds back the others."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import TypeVar

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
