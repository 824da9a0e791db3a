"""A publish slower than the claim lease keeps its claim: no second daemon reconciles it
while it is still running (a post with many images is many requests)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from sqlalchemy import select
from test_daemon_helpers import Clock, FakePlatforms, approved_post

from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Delivery
from social_bot.posts import show_post

LEASE = DaemonConfig(retry_base=0.0, retry_cap=0.0, batch=10, lease=timedelta(seconds=1))
LIVENESS = 60  # seconds: a bound against a hang, not a speed target


def test_a_slow_publish_is_not_taken_over_by_another_daemon(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    fake = platforms["facebook"]
    clock = Clock()  # both daemons' clock, moved by the test
    started, release = threading.Event(), threading.Event()
    real_publish = fake.publish

    def slow_publish(text, media=()):  # noqa: ANN001, ANN202
        started.set()
        release.wait(LIVENESS)  # uploads taking three leases
        return real_publish(text, media)

    fake.publish = slow_publish
    post_id = approved_post(app, "Eight photos from the health fair", ["facebook"])
    slow = Publisher(app, platforms, "daemon-a", LEASE, clock=clock)
    runner = threading.Thread(target=slow.run_lane, args=("facebook",))
    runner.start()
    try:
        assert started.wait(LIVENESS)
        # Three leases pass on the daemons' clock, without sleeping through them (a loaded
        # machine could starve the beat of a real second): the claim looks abandoned
        # unless a beat is written after the jump.
        clock.advance(3 * LEASE.lease.total_seconds())
        assert _beat_reaches(app, clock.now), "no heartbeat after the lease ran out"
        other = Publisher(app, platforms, "daemon-b", LEASE, clock=clock)
        result = other.run_lane("facebook")
        assert result.reconciled == 0 and result.published == 0
    finally:
        release.set()
        runner.join(LIVENESS)
    assert [p.text for p in fake.posts] == ["Eight photos from the health fair"]
    assert show_post(app, post_id)["status"] == "published"


def _beat_reaches(app, moment) -> bool:  # noqa: ANN001
    """Wait (bounded) until the claim's heartbeat is at least ``moment``."""
    deadline = time.monotonic() + LIVENESS
    while time.monotonic() < deadline:
        with app.db.read() as session:
            beat = session.scalar(select(Delivery.heartbeat_at))
        if beat is not None and beat >= moment:
            return True
        time.sleep(0.05)
    return False
