"""The accounts settings (read from the Settings mapping, never from os.environ directly)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from social_bot.accounts.status import TOKEN_WARN, VERSION_WARN
from social_bot.errors import UserError


def _days(env: Mapping[str, str], name: str, default: timedelta) -> timedelta:
    raw = env.get(name)
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise UserError(f"{name} must be a number of days, got {raw!r}") from None
    if value < 0:
        raise UserError(f"{name} must not be negative, got {raw!r}")
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
