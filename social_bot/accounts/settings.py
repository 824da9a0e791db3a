"""The accounts settings (read from the Settings mapping, never from os.environ directly)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from social_bot.accounts.status import TOKEN_WARN, VERSION_WARN
from social_bot.errors import UserError

MAX_DAYS = 3650  # ten years: any warning window beyond it is a typo


def _days(env: Mapping[str, str], name: str, default: timedelta) -> timedelta:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise UserError(f"{name} must be a number of days, got {raw[:40]!r}") from None
    # `nan < 0` is false: NaN reached timedelta() and came out as "unexpected ValueError"
    # (an outside review, session 43); so did a number too large for a timedelta.
    if not 0 <= value <= MAX_DAYS:
        raise UserError(f"{name} must be a number of days from 0 to {MAX_DAYS}, "
                        f"got {raw[:40]!r}")
    return timedelta(days=value)


def warn_windows(env: Mapping[str, str]) -> tuple[timedelta, timedelta]:
    """(token warning window, API version warning window)."""
    return (_days(env, "SOCIALBOT_TOKEN_WARN_DAYS", TOKEN_WARN),
            _days(env, "SOCIALBOT_VERSION_WARN_DAYS", VERSION_WARN))


def unwatched_platforms(env: Mapping[str, str]) -> frozenset[str]:
    """SOCIALBOT_PUBLISH_UNWATCHED: the platforms where the practice chose to publish even
    when socialbot cannot read or hide the comments there (comma-separated). Empty, the
    default: a post waits until socialbot can watch it."""
    from social_bot.accounts.needs import NEEDS

    raw = env.get("SOCIALBOT_PUBLISH_UNWATCHED") or ""
    names = frozenset(n.strip().lower() for n in raw.split(",") if n.strip())
    unknown = sorted(names - NEEDS.keys())
    if unknown:
        raise UserError(f"SOCIALBOT_PUBLISH_UNWATCHED: {', '.join(unknown)} is not a platform "
                        f"(choose from {', '.join(NEEDS)})")
    return names
