"""Each platform's daily call budget, shared by the publisher and the comment monitor of one
daemon: polling stops at its allowance (the policy's daily_calls less the publishing
reserve), so a busy comment section never uses up the calls a scheduled post needs.

Counts are per UTC day and per daemon process (a restart starts the day's count again;
several daemons each keep their own): the platform's own quota, which the sandbox enforces,
stays the hard limit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime

from policies.polling import PollingPolicy


class CallBudget:
    def __init__(self, policy: Callable[[], PollingPolicy],
                 clock: Callable[[], datetime]) -> None:
        self.policy = policy  # read each time: a policy reload applies at once
        self.clock = clock
        self._day: date | None = None
        self._used: dict[str, int] = {}
        self._lock = threading.Lock()

    def _today(self) -> dict[str, int]:
        today = self.clock().date()
        if today != self._day:
            self._day, self._used = today, {}
        return self._used

    def spend(self, platform: str, calls: int) -> None:
        if calls > 0:
            with self._lock:
                used = self._today()
                used[platform] = used.get(platform, 0) + calls

    def used(self, platform: str) -> int:
        with self._lock:
            return self._today().get(platform, 0)

    def may_poll(self, platform: str) -> bool:
        """False once today's calls reach polling's allowance (publishing keeps the rest)."""
        allowance = self.policy().poll_allowance(platform)
        return allowance is None or self.used(platform) < allowance
