"""Polling that a platform's quota can afford (issue 15 item 6, issue 14 item 11): a
decaying schedule, a daily budget that leaves publishing its reserve, no polls of our own
replies, fair turns near a rate limit, X watched only as long as its API serves replies."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import requests
from sqlalchemy import update
from test_daemon_helpers import AUTHOR, DANA, LUIS, Clock, FakePlatforms, approved_post

from adapters import adapter_class
from adapters.base import RateLimitInfo
from policies.polling import PollingPolicy
from social_bot.approvals import approve
from social_bot.comments import list_comments, reply_to_comment
from social_bot.daemon.budget import CallBudget
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Delivery
from social_bot.posts import show_post
from social_bot.sandbox import SandboxServer, sandbox_env, start_sandbox

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=60.0, batch=10)
POLICY = PollingPolicy()


# -- the schedule and the budget, as plain values -------------------------------------------

def test_young_posts_are_polled_often_and_old_ones_rarely() -> None:
    first = timedelta(minutes=1)
    assert POLICY.interval(timedelta(hours=1), first) == first
    assert POLICY.interval(timedelta(hours=12), first) == timedelta(minutes=10)
    assert POLICY.interval(timedelta(days=2), first) == timedelta(minutes=30)
    assert POLICY.interval(timedelta(days=10), first) == timedelta(hours=6)
    # Fourteen days of one post: a few hundred polls, not 20,160.
    polls, age = 0, timedelta(0)
    while age < timedelta(days=14):
        age += POLICY.interval(age, first)
        polls += 1
    assert polls == 640  # 360 in the first 6 hours, 280 over the rest


def test_the_policy_section_is_checked() -> None:
    custom = PollingPolicy.from_toml({"daily_calls": {"linkedin": 100}, "publish_reserve": 0.5,
                                      "schedule": [[1, 5]]})
    assert custom.poll_allowance("linkedin") == 50 and custom.poll_allowance("x") is None
    for bad in ({"daily_calls": {"linkedin": 0}}, {"publish_reserve": 1.5},
                {"schedule": [[24, 5], [1, 10]]}, {"every": 3}):
        with pytest.raises(ValueError, match=r"\[polling\]"):
            PollingPolicy.from_toml(bad)


def test_the_budget_stops_polling_at_its_allowance_and_renews_each_day(db) -> None:  # noqa: ANN001
    clock = Clock()
    budget = CallBudget(db, lambda: PollingPolicy(daily_calls={"linkedin": 10},
                                                  publish_reserve=0.3), clock)
    budget.spend("linkedin", 6)
    assert budget.may_poll("linkedin") and budget.take_poll_call("linkedin")
    assert not budget.may_poll("linkedin") and not budget.take_poll_call("linkedin")
    assert budget.may_poll("facebook") and budget.take_poll_call("facebook")  # no budget set
    budget.spend("linkedin", 3)  # publishing is never refused: it takes the reserve
    assert budget.used("linkedin") == 10
    clock.advance(86400)
    assert budget.may_poll("linkedin") and budget.used("linkedin") == 0


_RACE = """
import sys
from datetime import UTC, datetime
from policies.polling import PollingPolicy
from social_bot.daemon.budget import CallBudget
from social_bot.db.engine import Database

db = Database(sys.argv[1])
budget = CallBudget(db, lambda: PollingPolicy(daily_calls={"linkedin": 40},
                                              publish_reserve=0.25),
                    lambda: datetime(2026, 12, 2, 12, tzinfo=UTC))
print(sum(budget.take_poll_call("linkedin") for _ in range(int(sys.argv[2]))))
db.dispose()
"""


def test_two_daemons_share_one_daily_budget(db) -> None:  # noqa: ANN001
    """Two processes (each its own engine, as two daemons or a restart are) race for polling's
    30 calls of a 40-call day: together they get exactly 30 (counted per process, each would
    have taken its 25), and publishing still goes past the allowance afterwards."""
    import subprocess
    import sys

    runs = [subprocess.Popen([sys.executable, "-c", _RACE, db.url, "25"],
                             stdout=subprocess.PIPE, text=True) for _ in range(2)]
    taken = [int(run.communicate(timeout=120)[0]) for run in runs]
    assert all(run.returncode == 0 for run in runs)
    assert sum(taken) == 30 and max(taken) <= 25
    budget = CallBudget(db, lambda: PollingPolicy(daily_calls={"linkedin": 40}),
                        lambda: datetime(2026, 12, 2, 23, tzinfo=UTC))
    budget.spend("linkedin", 2)  # two publishes: never refused
    assert budget.used("linkedin") == 32 and not budget.take_poll_call("linkedin")


# -- the monitor -----------------------------------------------------------------------------

def _publish(app, platforms, text: str, names: list[str]) -> int:  # noqa: ANN001
    post_id = approved_post(app, text, names)
    publisher = Publisher(app, platforms, "w1", CONFIG)
    for name in names:
        publisher.run_lane(name)
    return post_id


def _age(app, post_id: int, days: float) -> None:  # noqa: ANN001
    with app.db.write() as session:
        session.execute(update(Delivery).where(Delivery.post_id == post_id).values(
            published_at=datetime.now(UTC) - timedelta(days=days)))


def _polled(app, post_id: int) -> datetime | None:  # noqa: ANN001
    with app.db.read() as session:
        return session.query(Delivery.comments_polled_at).filter(
            Delivery.post_id == post_id).scalar()


def test_an_old_post_waits_for_its_slower_turn(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    young = _publish(app, platforms, "Open house Friday", ["facebook"])
    old = _publish(app, platforms, "Flu shots in October", ["facebook"])
    _age(app, old, 3)
    clock = Clock()
    monitor = Monitor(app, platforms, "w1", CONFIG, clock=clock)
    assert monitor.run_platform("facebook").polled == 2
    clock.advance(5 * 60)  # the young post is due again; the 3-day-old one (2 h) is not
    assert monitor.run_platform("facebook").polled == 1
    assert _polled(app, young) > _polled(app, old)


def test_our_own_replies_are_not_polled(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    post_id = _publish(app, platforms, "Open house Friday", ["facebook"])
    remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
    platforms["facebook"].add_comment(remote, "Is parking free?", "Sam")
    monitor = Monitor(app, platforms, "w1", CONFIG, clock=Clock())
    monitor.run_platform("facebook")
    comment = list_comments(app)[0]
    reply_id, _ = reply_to_comment(app, AUTHOR, comment["id"], "Yes, it is free.", None)
    approve(app, DANA, reply_id)
    approve(app, LUIS, reply_id)
    platforms["facebook"].reply_to_comment = lambda post, cid, text: platforms[
        "facebook"]._apply(text)
    Publisher(app, platforms, "w1", CONFIG).run_lane("facebook")
    assert show_post(app, reply_id)["deliveries"][0]["status"] == "published"
    monitor.clock = Clock()
    monitor.clock.advance(120)  # both are due by age now
    targets = monitor.claim_polls("facebook")
    assert [t.post_id for t in targets] == [post_id]
    assert _polled(app, reply_id) is None


def test_near_the_rate_limit_the_next_pass_polls_the_next_post(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["x"])
    ids = [_publish(app, platforms, f"Clinic update number {n}", ["x"]) for n in range(3)]
    clock = Clock()
    monitor = Monitor(app, platforms, "w1", CONFIG, clock=clock)
    # Every answer says the reserve is reached: one poll, then a pause.
    platforms["x"].rate_limit = RateLimitInfo(remaining=1, limit=100,
                                              reset_at=clock.now + timedelta(seconds=10))
    seen = []
    for _ in range(3):
        result = monitor.run_platform("x")
        assert result.polled == 1
        seen.append(max(ids, key=lambda p: _polled(app, p) or datetime.min.replace(tzinfo=UTC)))
        clock.advance(11)
        platforms["x"].rate_limit = RateLimitInfo(remaining=1, limit=100,
                                                  reset_at=clock.now + timedelta(seconds=10))
    assert sorted(seen) == sorted(ids)  # each post had its turn


def test_x_is_watched_only_as_long_as_its_api_serves_replies(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["x", "facebook"])
    post_id = _publish(app, platforms, "Parking lot repaved", ["x", "facebook"])
    _age(app, post_id, 8)  # inside monitor_days (14), past X's 7 days
    monitor = Monitor(app, platforms, "w1", CONFIG, clock=Clock())
    assert monitor.monitor_days("x") == 7 and monitor.monitor_days("facebook") == 14
    assert monitor.run_platform("x").polled == 0
    assert monitor.run_platform("facebook").polled == 1


# -- end to end: the sandbox's quota, shared by publishing and polling ----------------------

@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(0, token="sandbox") as server:
        yield server


def test_polling_leaves_publishing_its_share_of_the_quota(sandbox: SandboxServer,
                                                          make_app) -> None:  # noqa: ANN001
    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    requests.post(sandbox.url + "/_sandbox/quota", json={"platform": "linkedin", "daily": 8},
                  timeout=5)
    app = make_app()
    env = sandbox_env(sandbox.url, "sandbox")
    adapters = {"linkedin": adapter_class("linkedin").from_env(env, timeout=(1.0, 2.0))}
    clock = Clock().within_one_day(11 * 61)  # the budget is per UTC day (failed at 23:50)
    budget = CallBudget(app.db, lambda: PollingPolicy(daily_calls={"linkedin": 8},
                                                      publish_reserve=0.5), clock)
    publisher = Publisher(app, adapters.__getitem__, "w1", CONFIG, clock=clock, budget=budget)
    monitor = Monitor(app, adapters.__getitem__, "w1", CONFIG, clock=clock, budget=budget)
    first = approved_post(app, "Open house Friday", ["linkedin"])
    publisher.run_lane("linkedin")
    assert show_post(app, first)["status"] == "published"
    polls = 0
    for _ in range(10):  # a young post is due every minute
        clock.advance(61)
        polls += monitor.run_platform("linkedin").polled
    assert polls == 3 and budget.used("linkedin") == 4  # 1 publish + 3 polls = half of 8
    second = approved_post(app, "Flu shots all week", ["linkedin"])
    publisher.run_lane("linkedin")
    assert show_post(app, second)["status"] == "published"  # the platform's quota held out
    used = requests.get(sandbox.url + "/_sandbox/quota", timeout=5).json()["used"]["linkedin"]
    assert used <= 8
    requests.post(sandbox.url + "/_sandbox/quota", json={"platform": "linkedin", "daily": None},
                  timeout=5)
