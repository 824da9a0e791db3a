"""Shared pieces of the daemon tests: a scripted in-memory adapter, approved posts, a clock.

(Collected by pytest as a module without tests; imported by the other test_daemon*,
test_publish*, test_monitor* and test_crash* files.)
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from adapters.base import RateLimitInfo, RemoteComment, RemotePost, TransientError, same_post
from social_bot.approvals import VerifiedIdentity, approve
from social_bot.posts import Staff, create_post, prepare_draft

AUTHOR = Staff("Pat Author", "pat")
DANA = VerifiedIdentity("slack", "U01DANA")
LUIS = VerifiedIdentity("slack", "U02LUIS")
ALL = ("linkedin", "facebook", "x")


def approved_post(app: Any, text: str, platforms: Sequence[str] = ALL,
                  at: datetime | None = None) -> int:
    """A post created by the author and approved by two different approvers."""
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, list(platforms), at))
    approve(app, DANA, post_id)
    outcome = approve(app, LUIS, post_id)
    assert outcome.status == "approved"
    return post_id


class Clock:
    """A controllable clock for the publisher (starts at the real time)."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def within_one_day(self, seconds: float) -> Clock:
        """Move a clock that starts less than `seconds` before UTC midnight to just after it,
        so a test that counts per calendar day (a daily call budget) never crosses one while
        it advances `seconds`. The clock only moves ahead of the real time, so what the test
        made at the real time is already in its past."""
        midnight = (self.now + timedelta(days=1)).replace(hour=0, minute=0, second=0,
                                                           microsecond=0)
        if midnight - self.now <= timedelta(seconds=seconds):
            self.now = midnight + timedelta(seconds=1)
        return self


@dataclass
class FakePost:
    id: str
    text: str
    created: datetime


@dataclass
class FakeAdapter:
    """One platform in memory. ``script`` holds what the next publish calls do: an exception
    to raise, "drop_after_apply" (applied, then an ambiguous error) or None (succeed)."""

    name: str
    can_hide: bool = True
    posts: list[FakePost] = field(default_factory=list)
    comments: dict[str, list[RemoteComment]] = field(default_factory=dict)
    hidden: set[str] = field(default_factory=set)
    script: list[Any] = field(default_factory=list)
    fetch_script: list[Any] = field(default_factory=list)
    hide_script: list[Any] = field(default_factory=list)
    rate_limit: RateLimitInfo | None = None
    publish_calls: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: Any = field(default_factory=lambda: itertools.count(1))

    def _apply(self, text: str) -> RemotePost:
        post = FakePost(f"{self.name}-{next(self._ids)}", text, datetime.now(UTC))
        self.posts.append(post)
        return RemotePost(post.id, f"https://{self.name}.example/{post.id}")

    def publish(self, text: str, media: Sequence[Path] = ()) -> RemotePost:
        with self.lock:
            self.publish_calls += 1
            action = self.script.pop(0) if self.script else None
            if action == "drop_after_apply":
                self._apply(text)
                raise TransientError(f"{self.name}: connection dropped", ambiguous=True)
            if isinstance(action, BaseException):
                raise action
            return self._apply(text)

    def find_published(self, text: str, since: datetime | None = None,
                       exclude: Collection[str] = ()) -> RemotePost | None:
        with self.lock:
            for post in reversed(self.posts):  # newest first, as the platforms list them
                # a platform that keeps the text as sent, links included (Facebook's Page)
                if same_post(text, post.text) and post.id not in exclude and (
                        since is None or post.created >= since):
                    return RemotePost(post.id, f"https://{self.name}.example/{post.id}")
        return None

    def add_comment(self, remote_post_id: str, text: str, author: str = "someone") -> str:
        with self.lock:
            items = self.comments.setdefault(remote_post_id, [])
            comment_id = f"{remote_post_id}-c{len(items) + 1}"
            items.append(RemoteComment(comment_id, author, text, datetime.now(UTC)))
            return comment_id

    def fetch_comments(self, remote_id: str, cursor: str | None
                       ) -> tuple[list[RemoteComment], str | None]:
        with self.lock:
            action = self.fetch_script.pop(0) if self.fetch_script else None
            if isinstance(action, BaseException):
                raise action
            items = self.comments.get(remote_id, [])
            start = int(cursor or 0)
            return list(items[start:]), str(len(items)) if items else cursor

    def hide_comment(self, comment_id: str) -> None:
        with self.lock:
            action = self.hide_script.pop(0) if self.hide_script else None
            if isinstance(action, BaseException):
                raise action
            self.hidden.add(comment_id)

    def texts(self) -> list[str]:
        with self.lock:
            return [p.text for p in self.posts]


class FakePlatforms:
    """Adapters by name, callable like the daemon's AdapterPool."""

    def __init__(self, names: Sequence[str] = ALL) -> None:
        self.adapters = {name: FakeAdapter(name, can_hide=name != "linkedin") for name in names}

    def __call__(self, platform: str) -> FakeAdapter:
        return self.adapters[platform]

    def __getitem__(self, platform: str) -> FakeAdapter:
        return self.adapters[platform]


def published_on(make_app: Any, sandbox: Any, platform: str) -> tuple[Any, Any, Any, str]:
    """A post published to ``platform`` through the sandbox over real HTTP, with the real
    PHI screen as the daemon runs it: (app, adapter_for, config, the post's remote id)."""
    import requests

    from adapters import adapter_class
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher
    from social_bot.posts import show_post
    from social_bot.sandbox import sandbox_env

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app(screener=None)
    env = sandbox_env(sandbox.url, "sandbox")

    def adapter_for(name: str) -> Any:
        return adapter_class(name).from_env(env)

    config = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10)
    post_id = approved_post(app, "Flu shots all week", [platform])
    Publisher(app, adapter_for, "w1", config).run_lane(platform)
    return app, adapter_for, config, show_post(app, post_id)["deliveries"][0]["remote_id"]


def faulty_adapters(sandbox_url: str, platform: str,
                    plan: dict[str, list[str]]) -> Callable[[str], Any]:
    """Real adapters over the sandbox whose calls named in ``plan`` each meet the next
    fault of their list (the sandbox applies a fault to every request of the platform, so
    it is set for the one call and cleared after it); other calls go through untouched."""
    import requests

    from adapters import adapter_class
    from social_bot.sandbox import sandbox_env

    env = sandbox_env(sandbox_url, "sandbox")

    def fault(mode: str | None) -> None:
        requests.post(sandbox_url + "/_sandbox/faults", timeout=5,
                      json={"platform": platform, "mode": mode or "500",
                            "every": 1 if mode else 0})

    class Faulty:
        def __init__(self, real: Any) -> None:
            self.real = real

        def __getattr__(self, name: str) -> Any:
            attr = getattr(self.real, name)
            if name not in plan:
                return attr

            def call(*args: Any, **kwargs: Any) -> Any:
                fault(plan[name].pop(0) if plan[name] else None)
                try:
                    return attr(*args, **kwargs)
                finally:
                    fault(None)
            return call

    return lambda name: Faulty(adapter_class(name).from_env(env))


def answered_on_sandbox(app: Any, adapter_for: Callable[[str], Any], sandbox_url: str,
                        post_text: str, question: str, answer: str, commenter: str
                        ) -> tuple[Any, Any, str, int]:
    """A Facebook post published over the sandbox, a person's comment on it stored by the
    monitor, and a reply to it approved by two approvers, not yet sent (the default edit
    sweep, hourly, has not run since). Returns the publisher, the monitor, the comment's
    remote id and the reply's post id."""
    import requests

    from social_bot.comments import list_comments, reply_to_comment
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.monitor import Monitor
    from social_bot.daemon.publisher import Publisher
    from social_bot.posts import show_post

    config = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10)
    publisher, monitor = (Publisher(app, adapter_for, "w1", config),
                          Monitor(app, adapter_for, "w1", config))
    post_id = approved_post(app, post_text, ["facebook"])
    publisher.run_lane("facebook")
    remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
    made = requests.post(sandbox_url + "/_sandbox/comments", timeout=5, json={
        "platform": "facebook", "post_id": remote, "text": question, "author": commenter})
    monitor.run_platform("facebook")
    [comment] = list_comments(app)
    reply_id, _ = reply_to_comment(app, AUTHOR, comment["id"], text=answer)
    approve(app, DANA, reply_id)
    approve(app, LUIS, reply_id)
    return publisher, monitor, made.json()["id"], reply_id
