"""In-process signals between doors and the daemon (e.g. wake the publisher on approval).

Cross-process work goes through the database (the outbox table); these only shorten the
wait when the event happens inside the daemon's own process (a chat approval).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable

log = logging.getLogger(__name__)
_listeners: dict[str, list[Callable[..., None]]] = defaultdict(list)


def subscribe(event: str, listener: Callable[..., None]) -> None:
    _listeners[event].append(listener)


def unsubscribe(event: str, listener: Callable[..., None]) -> None:
    if listener in _listeners[event]:
        _listeners[event].remove(listener)


def emit(event: str, **data: object) -> None:
    for listener in list(_listeners[event]):
        try:
            listener(**data)
        except Exception:  # a listener's failure must never undo the committed change
            log.exception("listener for %s failed", event)
