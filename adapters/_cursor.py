"""An opaque comment cursor for platforms that only give creation times: the newest time seen
and the ids seen at that time (several comments can share one timestamp)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TypeVar

T = TypeVar("T")


def decode(cursor: str | None) -> tuple[float, frozenset[str]]:
    if not cursor:
        return (float("-inf"), frozenset())
    try:
        raw = json.loads(cursor)
        return (float(raw["t"]), frozenset(str(i) for i in raw["ids"]))
    except (ValueError, KeyError, TypeError):
        return (float("-inf"), frozenset())


def newer_than(
    items: Iterable[tuple[float, str, T]], cursor: str | None
) -> tuple[list[T], str | None]:
    """Items (time, id, value) newer than the cursor, oldest first, and the cursor to pass next."""
    since, seen = decode(cursor)
    fresh = sorted(
        (item for item in items if item[0] > since or (item[0] == since and item[1] not in seen)),
        key=lambda item: (item[0], item[1]),
    )
    if not fresh:
        return ([], cursor)
    newest = fresh[-1][0]
    ids = {item[1] for item in fresh if item[0] == newest}
    if newest == since:
        ids |= seen
    return ([item[2] for item in fresh], json.dumps({"t": newest, "ids": sorted(ids)}))
