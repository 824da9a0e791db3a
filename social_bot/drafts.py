"""Turning what a person typed into a checked draft, before anything is written."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from adapters import PLATFORMS as REGISTERED_PLATFORMS
from adapters import platform_choices, platform_named
from social_bot.errors import UserError
from social_bot.filesafety import open_checked
from social_bot.inputs import check_text, read_text_file

PLATFORMS = REGISTERED_PLATFORMS  # the registry in adapters/__init__.py
# A scheduled time a little in the past is "now" (clock skew, slow typing), not an error.
PAST_GRACE = timedelta(minutes=2)
# How far ahead --at may schedule a post: a year and a day (next year's same date fits). Two
# people approve a post as it reads today, and the adapters' pinned API versions are retired
# within about a year (docs/adapters.md); a date further off is almost always a mistyped year,
# and one near year 9999 could not even be shown east of UTC (session 53's attack review, A3).
MAX_AHEAD = timedelta(days=366)


def read_text(text: str | None, file: str | None) -> str:
    """The post's text as typed: refused when blank, too long or not text, and otherwise
    left for ``posts.prepare_draft``, which puts it in the form it is kept in and screens
    both forms. Normalised here, it reached prepare_draft with nothing left to compare, and
    "John<U+2028>Smith<U+2028>has diabetes", blocked as typed, was stored with a warning
    and published (a second attack review, session 51, 3)."""
    if (text is None) == (file is None):
        raise UserError("give the post's text with --text or --file (exactly one)")
    if file is not None:
        text = read_text_file(file)
    assert text is not None
    return check_text(text, "the post's text")


def parse_platforms(values: Sequence[str]) -> tuple[str, ...]:
    if not values:
        raise UserError(f"name at least one --platform ({', '.join(PLATFORMS)})")
    chosen: list[str] = []
    for value in values:
        name = platform_named(value)
        if name is None:
            raise UserError(f"unknown platform {value!r}: choose {platform_choices()}")
        if name not in chosen:
            chosen.append(name)
    return tuple(chosen)


def parse_when(value: str | None, now: datetime | None = None) -> datetime | None:
    """An ISO-8601 time with a zone, not in the past; None means "as soon as approved"."""
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value.strip())
    except ValueError:
        raise UserError(
            f"--at {value!r} is not an ISO-8601 time (e.g. 2026-12-01T09:30-08:00)"
        ) from None
    if when.tzinfo is None:
        raise UserError(
            f"--at {value!r} has no time zone; add one so the post goes out when you mean "
            "(e.g. 2026-12-01T09:30-08:00 or 2026-12-01T17:30Z)"
        )
    now = now or datetime.now(UTC)
    if when < now - PAST_GRACE:
        raise UserError(f"--at {value!r} is in the past")
    if when > now + MAX_AHEAD:
        raise UserError(f"--at {value!r} is more than a year ahead (the latest is "
                        f"{now + MAX_AHEAD:%Y-%m-%d}): queue the post nearer its day, so it is "
                        "approved as it will read then")
    return when.astimezone(UTC)


def hash_file(path: Path) -> str:
    digest = hashlib.sha256()
    with os.fdopen(open_checked(path, os.O_RDONLY), "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
