"""Fault tests over real HTTP: the publisher with the real adapters against the sandbox.

For each fault mode (429, 500, timeout, drop_after_apply) on every platform at once, every
approved delivery must reach the sandbox exactly once and none may be lost. Waits the
platforms ask for (retry_after: up to a day for LinkedIn) are skipped by moving the
publisher's clock, never by sleeping; each test is bounded in passes and seconds.
"""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta

import pytest
import requests
from sqlalchemy import func, select
from test_daemon_helpers import ALL, Clock, approved_post

from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.daemon.runner import AdapterPool
from social_bot.db.models import Delivery
from social_bot.posts import show_post
from social_bot.sandbox import sandbox_env, start_sandbox

# Skipping waits moves the clock far ahead of the sandbox's; the find_published window
# must reach back over the jumps (production keeps a few minutes).
CONFIG = DaemonConfig(retry_base=1.0, retry_cap=30.0, max_attempts=30, batch=20,
                      reconcile_slack=timedelta(days=3))
POSTS = 4
MAX_PASSES = 80
MAX_SECONDS = 60


@pytest.fixture
def sandbox():  # noqa: ANN201
    # Duplicates let through: a second publish would be counted here, not refused upstream.
    server = start_sandbox(0, fault_delay=1.5, reject_duplicates=False)
    yield server
    server.stop()


def sandbox_counts(url: str) -> dict[str, Counter]:
    posts = requests.get(f"{url}/_sandbox/posts", timeout=5).json()
    return {name: Counter(p["text"] for p in posts[name]) for name in ALL}


def set_fault(url: str, platform: str, mode: str, every: int, seconds: float | None = None
              ) -> None:
    body = {"platform": platform, "mode": mode, "every": every}
    if seconds is not None:
        body["seconds"] = seconds
    answer = requests.post(f"{url}/_sandbox/faults", json=body, timeout=5)
    assert answer.status_code == 200, answer.text


def skip_waits(app, publisher: Publisher, clock: Clock) -> None:  # noqa: ANN001
    """Move the clock to the next moment anything becomes due (no sleeping in tests)."""
    with app.db.read() as session:
        nxt = session.scalar(select(func.min(Delivery.next_attempt_at)).where(
            Delivery.status.in_(["retry", "attempting"])))
    candidates = [t for t in [nxt, publisher.pauses.next_resume()] if t is not None]
    if candidates:
        clock.now = max(clock.now, min(candidates) + timedelta(seconds=0.01))


def drive(app, publisher: Publisher, clock: Clock, ids: list[int]) -> int:  # noqa: ANN001
    """Run passes until every post has ended; return the number of passes."""
    deadline = time.monotonic() + MAX_SECONDS
    for passes in range(1, MAX_PASSES + 1):
        for platform in ALL:
            publisher.run_lane(platform)
        if all(show_post(app, i)["status"] in ("published", "failed", "partially_published")
               and all(d["status"] in ("published", "failed")
                       for d in show_post(app, i)["deliveries"]) for i in ids):
            return passes
        assert time.monotonic() < deadline, "fault test ran out of time"
        skip_waits(app, publisher, clock)
    raise AssertionError(f"not done after {MAX_PASSES} passes")


@pytest.mark.timeout(180)
# A 500 to a publish is ambiguous (it may come after the platform applied it), so each is
# followed by one lookup; with every=2 that lookup would put every retry on the fault.
@pytest.mark.parametrize(("mode", "every"), [("429", 2), ("500", 3), ("timeout", 3),
                                             ("drop_after_apply", 2)])
def test_every_delivery_is_published_exactly_once_under_faults(
    make_app, sandbox, mode: str, every: int  # noqa: ANN001
) -> None:
    app = make_app()
    env = {**sandbox_env(sandbox.url), "SOCIALBOT_READ_TIMEOUT": "0.5",
           "SOCIALBOT_CONNECT_TIMEOUT": "1"}
    for platform in ALL:
        set_fault(sandbox.url, platform, mode, every, 1.2 if mode == "timeout" else None)
    texts = [f"Fault {mode} check, notice {n}: flu shots this week" for n in range(POSTS)]
    ids = [approved_post(app, text) for text in texts]
    clock = Clock()
    publisher = Publisher(app, AdapterPool(env), "fault-worker", CONFIG, clock=clock)
    drive(app, publisher, clock, ids)
    counts = sandbox_counts(sandbox.url)
    for platform in ALL:
        assert counts[platform] == Counter(texts), (platform, counts[platform])
    for post_id in ids:
        detail = show_post(app, post_id)
        assert detail["status"] == "published", detail
        assert all(d["remote_id"] for d in detail["deliveries"])
    if mode in ("timeout", "drop_after_apply"):
        with app.db.read() as session:
            from social_bot.db.models import AuditRecord

            reconciled = session.scalar(select(func.count()).where(
                AuditRecord.action == "delivery.published",
                AuditRecord.detail.like('%"how": "reconciled"%')))
        assert reconciled > 0  # the ambiguous ones were found, not published again
