"""An opaque comment cursor for platforms that only give creation times: the newest time seen
and the ids seen at that time (several comments can share one timestamp).

A poll reads a bounded number of pages (each one call against the platform's quota). When the
bound ends a read before it has reached everything new (more than a bound's worth of comments
arrived between two polls, or a ranked or long list), the cursor keeps where the read goes on
(``resume``: Graph's paging token; LinkedIn keeps its own offsets, adapters/linkedin.py) and
the newest comment seen by the read's first poll (``top``), and says ``"more": true``; the
next poll carries on from there, so no comment is skipped, and the daemon logs the backlog
(``more_to_read``). The floor (``since``, ``seen``) moves up to ``top`` only when a read has
finished."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

_START = (float("-inf"), frozenset[str]())


@dataclass(frozen=True)
class ReadState:
    since: float = float("-inf")          # every comment up to this time has been read
    seen: frozenset[str] = frozenset()    # ids read at exactly ``since``
    resume: str | None = None             # where an unfinished read goes on (Graph's token)
    top: tuple[float, frozenset[str]] | None = None  # the newest seen while unfinished
    more: bool = False                    # the page bound ended the last read early

    def as_dict(self) -> dict[str, object]:
        """The cursor's JSON object (an adapter may add keys of its own to it)."""
        body: dict[str, object] = {"t": self.since, "ids": sorted(self.seen)}
        if self.resume is not None:
            body["resume"] = self.resume
        if self.more:
            body["more"] = True
        if self.top is not None:
            body["top_t"], body["top_ids"] = self.top[0], sorted(self.top[1])
        return body

    def encode(self) -> str:
        return json.dumps(self.as_dict())


def read_state(cursor: str | None) -> ReadState:
    """The state a cursor holds; an unreadable or empty one reads from the start."""
    if not cursor:
        return ReadState()
    try:
        raw = json.loads(cursor)
        top = (float(raw["top_t"]), frozenset(str(i) for i in raw["top_ids"])) \
            if "top_t" in raw else None
        resume = raw.get("resume")
        return ReadState(float(raw["t"]), frozenset(str(i) for i in raw["ids"]),
                         None if resume is None else str(resume), top, bool(raw.get("more")))
    except (ValueError, KeyError, TypeError, AttributeError):
        return ReadState()


def more_to_read(cursor: str | None) -> bool:
    """The poll that made this cursor stopped at its page bound with comments left to read."""
    try:
        return bool(cursor) and bool(json.loads(cursor or "").get("more"))
    except (ValueError, AttributeError):
        return False


def newest(items: Iterable[tuple[float, str, T]],
           floor: tuple[float, frozenset[str]] = _START) -> tuple[float, frozenset[str]]:
    """The newest time among the items (and ``floor``) and the ids seen at it."""
    best_t, best_ids = floor
    ids = set(best_ids)
    for t, item_id, _ in items:
        if t > best_t:
            best_t, ids = t, {item_id}
        elif t == best_t:
            ids.add(item_id)
    return (best_t, frozenset(ids))


def is_new(item: tuple[float, str, T], since: float, seen: frozenset[str]) -> bool:
    return item[0] > since or (item[0] == since and item[1] not in seen)


def fresh(items: Iterable[tuple[float, str, T]], since: float, seen: frozenset[str]) -> list[T]:
    """The items (time, id, value) newer than the floor, oldest first."""
    return [item[2] for item in sorted((i for i in items if is_new(i, since, seen)),
                                       key=lambda item: (item[0], item[1]))]
