"""A publish slower than the claim lease keeps its claim: no second daemon reconciles it
while it is still running (a post with many images is many requests)."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

from test_daemon_helpers import FakePlatforms, approved_post

from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.posts import show_post

LEASE = DaemonConfig(retry_base=0.0, retry_cap=0.0, batch=10, lease=timedelta(seconds=1))


def test_a_slow_publish_is_not_taken_over_by_another_daemon(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    fake = platforms["facebook"]
    started, release = threading.Event(), threading.Event()
    real_publish = fake.publish

    def slow_publish(text, media=()):  # noqa: ANN001, ANN202
        started.set()
        release.wait(10)  # uploads taking three leases
        return real_publish(text, media)

    fake.publish = slow_publish
    post_id = approved_post(app, "Eight photos from the health fair", ["facebook"])
    slow = Publisher(app, platforms, "daemon-a", LEASE)
    runner = threading.Thread(target=slow.run_lane, args=("facebook",))
    runner.start()
    assert started.wait(10)
    time.sleep(3 * LEASE.lease.total_seconds())  # well past the lease: only the beat holds it
    other = Publisher(app, platforms, "daemon-b", LEASE)
    result = other.run_lane("facebook")
    assert result.reconciled == 0 and result.published == 0
    release.set()
    runner.join(10)
    assert [p.text for p in fake.posts] == ["Eight photos from the health fair"]
    assert show_post(app, post_id)["status"] == "published"
