"""The sandbox's memory for one run: posts, comments, uploads and faults of every platform.

One lock guards everything; the handlers run on many threads.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from adapters import PLATFORMS

FAULT_MODES = ("429", "429_day", "500", "timeout", "drop_after_apply", "402", "100_33",
               "trickle")
# Faults only some platforms have: X's pay-per-use API answers 402 once credits run out.
# Graph's 100/33 for an object still there (a permission missing) is Facebook's alone.
PLATFORM_FAULTS = {"402": ("x",), "100_33": ("facebook",)}
# Faults answered by the platform's own error reply (the rest delay or drop the answer).
ANSWERED_FAULTS = ("429", "429_day", "500", "402")


def member_id(author: str) -> str:
    """A stable numeric id for a commenter's display name (Graph and X ids are numeric)."""
    return str(1600000000000000000 + sum(ord(c) * 31**i for i, c in enumerate(author)) % 10**15)


@dataclass
class Post:
    platform: str
    id: str
    text: str
    author: str
    created: float
    media: list[str] = field(default_factory=list)
    deleted: bool = False
    # when the post was last edited (LinkedIn's lastModifiedAt; None: never, so its created)
    modified: float | None = None


@dataclass
class Comment:
    platform: str
    id: str
    post_id: str
    text: str
    author: str
    author_id: str
    created: float
    parent_id: str | None = None
    hidden: bool = False
    deleted: bool = False
    # a photo, sticker or GIF posted as the comment (Facebook: "photo", "sticker",
    # "animated_image_share"); the text may then be empty, and the comment carries none
    attachment: str | None = None
    # edited by its author (PATCH /_sandbox/comments/{id}): when (LinkedIn's lastModified),
    # and on X the ids of the earlier versions, oldest first (each edit is a new post)
    modified: float | None = None
    history: list[str] = field(default_factory=list)


@dataclass
class Fault:
    mode: str
    every: int
    seconds: float | None = None
    seen: int = 0


class SandboxState:
    def __init__(self, reject_duplicates: bool = True) -> None:
        self.lock = threading.RLock()
        # Like the real platforms, refuse a post whose text repeats a live one. Crash trials
        # turn this off so that a second publish of one delivery shows up as a duplicate
        # instead of being caught by the platform.
        self.reject_duplicates = reject_duplicates
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.posts: list[Post] = []
            self.comments: list[Comment] = []
            self.uploads: dict[str, dict[str, Any]] = {}
            self.faults: dict[str, Fault] = {}
            self.ranked: dict[str, bool] = {}  # platforms answering comments in ranked order
            # Daily call quotas (POST /_sandbox/quota): past it, the platform's daily 429.
            self.quota: dict[str, int] = {}
            self.quota_used: dict[str, int] = {}
            self.requests_seen: dict[str, int] = {}  # every request, answered or refused
            self._ids = itertools.count(1)
            self._last_time = 0.0

    # -- ids and clock -------------------------------------------------------------------

    def next_number(self) -> int:
        with self.lock:
            return next(self._ids)

    def now(self) -> float:
        """Strictly increasing wall-clock time, so every record has its own moment."""
        with self.lock:
            self._last_time = max(time.time(), self._last_time + 0.001)
            return self._last_time

    # -- posts and comments --------------------------------------------------------------

    def add_post(
        self, platform: str, post_id: str, text: str, author: str, media: list[str]
    ) -> Post:
        with self.lock:
            post = Post(platform, post_id, text, author, self.now(), list(media))
            self.posts.append(post)
            return post

    def find_post(self, platform: str, post_id: str) -> Post | None:
        with self.lock:
            return next((p for p in self.posts if p.platform == platform and p.id == post_id), None)

    def live_posts(self, platform: str, author: str | None = None) -> list[Post]:
        with self.lock:
            return [
                p
                for p in self.posts
                if p.platform == platform and not p.deleted and author in (None, p.author)
            ]

    def add_comment(self, comment: Comment) -> Comment:
        with self.lock:
            self.comments.append(comment)
            return comment

    def find_comment(self, platform: str, comment_id: str) -> Comment | None:
        with self.lock:
            return next(
                (c for c in self.comments if c.platform == platform and c.id == comment_id), None
            )

    def comments_of(self, platform: str, post_id: str) -> list[Comment]:
        with self.lock:
            return [
                c
                for c in self.comments
                if c.platform == platform and c.post_id == post_id and not c.deleted
            ]

    # -- faults --------------------------------------------------------------------------

    def set_fault(self, platform: str, mode: str, every: int, seconds: float | None) -> None:
        with self.lock:
            if every <= 0:
                self.faults.pop(platform, None)
            else:
                self.faults[platform] = Fault(mode, every, seconds)

    def draw_fault(self, platform: str) -> Fault | None:
        """The fault this request suffers, if any: every Nth request of the platform."""
        with self.lock:
            fault = self.faults.get(platform)
            if fault is None:
                return None
            fault.seen += 1
            return fault if fault.seen % fault.every == 0 else None

    # -- inspection ----------------------------------------------------------------------

    def snapshot_posts(self) -> dict[str, list[dict[str, Any]]]:
        with self.lock:
            result: dict[str, list[dict[str, Any]]] = {name: [] for name in PLATFORMS}
            for post in self.posts:
                result.setdefault(post.platform, []).append(asdict(post))
            return result

    def snapshot_comments(self) -> list[dict[str, Any]]:
        with self.lock:
            return [asdict(c) for c in self.comments]
