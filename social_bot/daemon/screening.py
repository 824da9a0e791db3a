"""The PHI screen as the daemon's threads share it: one call at a time, post texts cached.

spaCy pipelines are not documented as safe for concurrent calls, and the daemon screens
from several scheduler threads (each platform's publish lane, the comment polls).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from social_bot.app import App

if TYPE_CHECKING:
    from policies.phi.answering import Answered


def is_blocking(findings: Sequence[Any]) -> bool:
    return any(getattr(f, "severity", None) == "block" for f in findings)


class SharedScreen:
    CACHE_SIZE = 1024

    def __init__(self, app: App) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._posts: OrderedDict[tuple[str, str, str | Answered | None, int],
                                list[Any]] = OrderedDict()

    def __call__(self, texts: Sequence[str], context: str) -> list[list[Any]]:
        with self._lock:
            return self.app.screen(list(texts), context)

    def post(self, text: str, context: str = "post",
             answering: str | Answered | None = None) -> list[Any]:
        """Findings for a post (or reply) text: one answer per text and policy version (the
        three platforms of a post screen it once; a reloaded policy screens it again). A
        reply is read with the comment it answers (`answering`), part of the key."""
        self.app.policy  # noqa: B018 - notices a changed policy file before the lookup
        key = (context, text, answering, self.app.policy_version)
        with self._lock:
            if key in self._posts:
                self._posts.move_to_end(key)
                return self._posts[key]
            findings = list(self.app.screen([text], context,
                                            None if answering is None else [answering])[0])
            self._posts[key] = findings
            if len(self._posts) > self.CACHE_SIZE:
                self._posts.popitem(last=False)
            return findings
