"""Judging a platform connection from gathered facts: a pure function, no I/O.

`socialbot check` and the daemon both call `evaluate`; `inspect.gather` collects the facts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any

from social_bot.accounts.needs import missing, needed, only_to_watch

TOKEN_WARN = timedelta(days=7)
VERSION_WARN = timedelta(days=30)


class Level(StrEnum):
    OK = "ok"
    NOTE = "note"  # worth knowing, nothing to do (exit 0)
    WARN = "warn"  # act soon (exit 1)
    PROBLEM = "problem"  # publishing fails or will (exit 1)


@dataclass(frozen=True)
class Facts:
    """What is known about one platform's connection; None means unknown."""

    platform: str
    configured: bool  # a credential is set (environment or store)
    source: str = "none"  # environment | store | none
    account: str | None = None  # who we are connected as, from the platform
    granted: tuple[str, ...] | None = None
    expires_at: datetime | None = None
    never_expires: bool = False
    refresh_expires_at: datetime | None = None
    api_version: str | None = None
    version_sunset: date | None = None
    # True when no source dates this version: version_sunset is then the earliest it can be
    # retired (LinkedIn keeps a version at least a year), not a published date.
    version_sunset_estimated: bool = False
    # Why the platform will not serve api_version (retired, malformed, not released yet).
    version_problem: str | None = None
    # What stops publishing though the credential works: an address that would carry it in
    # plain http, an organization or Page it cannot post to.
    problems: tuple[str, ...] = ()
    rejected: str | None = None  # the platform refused the credential (auth error text)
    unreachable: str | None = None  # the platform could not be asked (network, 5xx)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Finding:
    level: Level
    message: str


@dataclass(frozen=True)
class Status:
    facts: Facts
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def level(self) -> Level:
        order = list(Level)
        return max((f.level for f in self.findings), key=order.index, default=Level.OK)

    @property
    def ok(self) -> bool:
        return self.level in (Level.OK, Level.NOTE)

    def to_json(self) -> dict[str, Any]:
        f = self.facts
        return {
            "platform": f.platform,
            "ok": self.ok,
            "level": str(self.level),
            "source": f.source,
            "account": f.account,
            "scopes_granted": list(f.granted) if f.granted is not None else None,
            "scopes_needed": list(needed(f.platform)),
            "scopes_missing": list(missing(f.platform, f.granted)),
            "expires_at": f.expires_at.isoformat() if f.expires_at else None,
            "never_expires": f.never_expires,
            "api_version": f.api_version,
            "version_sunset": f.version_sunset.isoformat() if f.version_sunset else None,
            "version_sunset_estimated": f.version_sunset_estimated,
            "findings": [{"level": str(x.level), "message": x.message} for x in self.findings],
        }


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}{'s' if count != 1 else ''}"


def _days(delta: timedelta) -> str:
    """'4 days 23 hours', '5 hours': enough to act on, without false precision."""
    hours = max(0, int(delta.total_seconds() // 3600))
    days, hours = divmod(hours, 24)
    if days and hours:
        return f"{_plural(days, 'day')} {_plural(hours, 'hour')}"
    return _plural(days, "day") if days else _plural(hours, "hour")


def evaluate(facts: Facts, now: datetime, *, token_warn: timedelta = TOKEN_WARN,
             version_warn: timedelta = VERSION_WARN,
             unwatched: frozenset[str] = frozenset(), slow_poll: str | None = None) -> Status:
    """`unwatched`: the platforms the practice publishes to without comment moderation
    (SOCIALBOT_PUBLISH_UNWATCHED); elsewhere a comment permission missing holds publishing.
    `slow_poll`: the warning for a SOCIALBOT_POLL_INTERVAL slower than shipped
    (`daemon.config.slow_first_poll`), said for each platform whose comments are watched."""
    p = facts.platform
    out: list[Finding] = []
    if not facts.configured:
        return Status(facts, (Finding(Level.PROBLEM, f"not connected: run 'socialbot connect "
                                                      f"{p}'"),))
    if slow_poll is not None and p not in unwatched:
        out.append(Finding(Level.WARN, slow_poll))
    held = "; publishing and comment polling wait for it"
    out.extend(Finding(Level.PROBLEM, problem) for problem in facts.problems)
    if facts.rejected:
        out.append(Finding(Level.PROBLEM, f"the platform refuses the credential "
                                          f"({facts.rejected}); run 'socialbot connect {p}'"
                                          + held))
    if facts.expires_at is not None:
        left = facts.expires_at - now
        if left <= timedelta(0):
            when = f"{facts.expires_at:%Y-%m-%d %H:%M}"
            out.append(Finding(Level.PROBLEM, f"token expired on {when} UTC; run 'socialbot "
                                              f"connect {p}'" + held))
        elif left <= token_warn:
            out.append(Finding(Level.WARN, f"token expires in {_days(left)} "
                                           f"({facts.expires_at:%Y-%m-%d}); run 'socialbot "
                                           f"connect {p}' before then"))
    elif not facts.never_expires and not facts.rejected:
        out.append(Finding(Level.NOTE, "token expiry unknown (set the app's client id and "
                                       "secret, or connect through socialbot, to see it)"))
    if facts.refresh_expires_at is not None and facts.refresh_expires_at - now <= token_warn:
        out.append(Finding(Level.WARN, "the refresh token ends "
                                       f"{facts.refresh_expires_at:%Y-%m-%d}: the member must "
                                       f"authorize again ('socialbot connect {p}')"))
    lacking = missing(p, facts.granted)
    if lacking:
        publish_lacking = missing(p, facts.granted, to_publish=True,
                                  watched=p not in unwatched)
        level = Level.PROBLEM if publish_lacking else Level.WARN
        held = (f"; posts to {p} wait until then, since socialbot could not read or hide "
                f"their comments (or set SOCIALBOT_PUBLISH_UNWATCHED={p} to publish unwatched)"
                if publish_lacking and only_to_watch(p, publish_lacking) else "")
        unread = ("; comments there are not read or hidden (SOCIALBOT_PUBLISH_UNWATCHED)"
                  if p in unwatched and not publish_lacking else "")
        out.append(Finding(level, f"missing permission(s) {', '.join(lacking)}; reconnect "
                                  "and grant them" + held + unread))
    elif facts.granted is None and not facts.rejected:
        out.append(Finding(Level.NOTE, "granted permissions unknown"))
    if facts.version_problem and facts.api_version:
        out.append(Finding(Level.PROBLEM, f"API version {facts.api_version}: "
                                          f"{facts.version_problem}; change the version "
                                          "setting (docs/adapters.md lists live ones)"))
    elif facts.version_sunset is not None and facts.api_version and \
            facts.version_sunset_estimated:
        left_days = (facts.version_sunset - now.date()).days
        # Past the earliest day it can go, an undated version may be retired any day: a
        # problem, not a warning dated in the past (an outside review, session 43).
        level = Level.PROBLEM if left_days <= 0 else \
            Level.WARN if left_days <= version_warn.days else Level.NOTE
        out.append(Finding(level, f"API version {facts.api_version}: no sunset date published "
                                  "where we read (adapters/versions.py); LinkedIn keeps a "
                                  f"version at least a year, so not before "
                                  f"{facts.version_sunset}"
                                  + ("; look up its date on LinkedIn's migrations page or move "
                                     "to a dated version" if level != Level.NOTE else "")))
    elif facts.version_sunset is not None and facts.api_version:
        left_days = (facts.version_sunset - now.date()).days
        if left_days <= 0:
            out.append(Finding(Level.PROBLEM, f"API version {facts.api_version} was retired on "
                                              f"{facts.version_sunset}; change the version "
                                              "setting"))
        elif left_days <= version_warn.days:
            out.append(Finding(Level.WARN, f"API version {facts.api_version} is retired on "
                                           f"{facts.version_sunset} (in {left_days} days); "
                                           "move to a newer version"))
    elif facts.api_version and facts.version_sunset is None:
        out.append(Finding(Level.NOTE, f"API version {facts.api_version}: sunset date unknown "
                                       "(no source we read gives one; see adapters/versions.py)"))
    if facts.unreachable:
        out.append(Finding(Level.WARN, f"could not ask the platform: {facts.unreachable}"))
    out.extend(Finding(Level.NOTE, note) for note in facts.notes)
    return Status(facts, tuple(out))


def exit_code(statuses: list[Status]) -> int:
    return 0 if all(s.ok for s in statuses) else 1
