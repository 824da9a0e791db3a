"""How often comments are polled and how many platform calls a day they may spend.

Policy file:

    [polling]
    # calls per UTC day each platform may take from us (publishing + polling); omitted: none
    daily_calls = { linkedin = 500 }
    # the share of each day's calls polling never touches, kept for publishing
    publish_reserve = 0.25
    # from this many hours after publishing, poll every so many minutes (before the first
    # row: every SOCIALBOT_POLL_INTERVAL seconds, default 60)
    schedule = [[6, 10], [24, 30], [72, 120], [168, 360]]

A post draws most comments in its first hours, so it is polled often then and rarely after a
few days: over 14 days that is 640 polls (360 of them in the first 6 hours) instead of
20,160 at one a minute.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType
from typing import Any

# (from this age on, poll every): the last row whose age is reached applies.
DEFAULT_SCHEDULE: tuple[tuple[timedelta, timedelta], ...] = (
    (timedelta(hours=6), timedelta(minutes=10)),
    (timedelta(hours=24), timedelta(minutes=30)),
    (timedelta(hours=72), timedelta(hours=2)),
    (timedelta(days=7), timedelta(hours=6)),
)
# LinkedIn's development tier allows few calls a day and sends no rate headers; a practice
# on a higher tier raises this in the policy. (Our conservative figure, not LinkedIn's.)
DEFAULT_DAILY_CALLS: Mapping[str, int] = MappingProxyType({"linkedin": 500})


@dataclass(frozen=True)
class PollingPolicy:
    daily_calls: Mapping[str, int] = field(default_factory=lambda: DEFAULT_DAILY_CALLS)
    publish_reserve: float = 0.25
    schedule: tuple[tuple[timedelta, timedelta], ...] = DEFAULT_SCHEDULE

    @classmethod
    def from_toml(cls, section: Mapping[str, Any]) -> PollingPolicy:
        if not isinstance(section, Mapping):
            raise ValueError("[polling] must be a table")
        unknown = set(section) - {"daily_calls", "publish_reserve", "schedule"}
        if unknown:
            raise ValueError(f"[polling] unknown key(s): {', '.join(sorted(unknown))}")
        calls = section.get("daily_calls", DEFAULT_DAILY_CALLS)
        if not isinstance(calls, Mapping) or not all(
                isinstance(v, int) and not isinstance(v, bool) and v > 0
                for v in calls.values()):
            raise ValueError("[polling] daily_calls must map platform names to whole numbers "
                             "of calls above 0")
        reserve = section.get("publish_reserve", 0.25)
        if not isinstance(reserve, int | float) or not 0 <= reserve < 1:
            raise ValueError("[polling] publish_reserve must be a share from 0 to below 1")
        schedule = DEFAULT_SCHEDULE
        if "schedule" in section:
            try:
                schedule = tuple((timedelta(hours=float(age)), timedelta(minutes=float(every)))
                                 for age, every in section["schedule"])
            except (TypeError, ValueError, OverflowError):  # TOML has inf and nan
                raise ValueError("[polling] schedule must be a list of [hours, minutes] "
                                 "pairs") from None
            if any(e <= timedelta(0) for _, e in schedule) or list(schedule) != sorted(
                    schedule):
                raise ValueError("[polling] schedule rows must have minutes above 0, with "
                                 "ages in increasing order")
        return cls(MappingProxyType(dict(calls)), float(reserve), schedule)

    def interval(self, age: timedelta, first: timedelta) -> timedelta:
        """How long to wait between two polls of a post this old (`first` before the
        schedule's first row: the daemon's SOCIALBOT_POLL_INTERVAL)."""
        every = first
        for since, step in self.schedule:
            if age >= since:
                every = step
        return every

    def tiers(self, first: timedelta) -> list[tuple[timedelta, timedelta | None, timedelta]]:
        """(age from, age up to or None, interval) for every age band, youngest first."""
        starts = [timedelta(0), *(since for since, _ in self.schedule)]
        steps = [first, *(step for _, step in self.schedule)]
        ends: list[timedelta | None] = [*starts[1:], None]
        return list(zip(starts, ends, steps, strict=True))

    def poll_allowance(self, platform: str) -> int | None:
        """Calls a day polling may use on `platform` (None: no budget set)."""
        daily = self.daily_calls.get(platform)
        return None if daily is None else int(daily * (1 - self.publish_reserve))
