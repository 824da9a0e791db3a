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
