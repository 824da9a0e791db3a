"""Session 46: a publisher paused after its claim check no longer publishes a second copy
when it resumes (docs/history/security.md, "A daemon stopped in the last milliseconds").

The pause is simulated, not a SIGSTOP: the first request of the publish, as it looks up the
sandbox's address (socket.getaddrinfo, before any byte is sent), lets a second daemon (its
clock past the lease) find the claim silent, reconcile it (nothing found) and publish the
post itself. Then the first daemon resumes its request. Before, it sent it: two copies.
Now each request re-checks the claim once connected, finds it taken and sends nothing.
"""

from __future__ import annotations

import socket
from collections import Counter

import pytest
import requests
from sqlalchemy import func, select
from test_daemon_helpers import Clock, approved_post
from test_session45_deadline import sandbox  # noqa: F401 - a fixture: duplicates counted

from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.daemon.runner import AdapterPool
from social_bot.db.models import AuditRecord
from social_bot.posts import show_post
from social_bot.sandbox import sandbox_env

PLATFORMS = ("facebook", "linkedin", "x")


@pytest.mark.timeout(120)
@pytest.mark.parametrize("platform", PLATFORMS)
def test_a_publisher_paused_past_its_lease_before_sending_stands_down(
        make_app, sandbox, monkeypatch, platform: str) -> None:  # noqa: F811
    app = make_app()
    env = sandbox_env(sandbox.url)
    text = f"Pause check on {platform}: flu shots on Tuesdays from nine, no appointment"
    post_id = approved_post(app, text, platforms=(platform,))
    config = DaemonConfig(retry_base=1.0, retry_cap=5.0, batch=5)
    paused = Publisher(app, AdapterPool(env), "paused-worker", config, clock=Clock())
    other_clock = Clock()
    other = Publisher(app, AdapterPool(env), "other-worker", config, clock=other_clock)
    real, took_over = socket.getaddrinfo, []

    def pause_then_lookup(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        if not took_over:  # the paused daemon's first lookup: the lease runs out meanwhile
            took_over.append(True)
            for _ in range(4):
                other_clock.advance(config.lease.total_seconds() + 60)
                other.run_lane(platform)
                if show_post(app, post_id)["deliveries"][0]["status"] == "published":
                    break
        return real(*args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", pause_then_lookup)
    paused.run_lane(platform)
    monkeypatch.undo()
    assert took_over
    posts = requests.get(f"{sandbox.url}/_sandbox/posts", timeout=5).json()[platform]
    assert Counter(p["text"] for p in posts)[text] == 1  # the other daemon's copy only
    assert show_post(app, post_id)["deliveries"][0]["status"] == "published"
    with app.db.read() as session:
        lost = session.scalar(select(func.count()).where(
            AuditRecord.action == "delivery.claim_lost"))
        duplicates = session.scalar(select(func.count()).where(
            AuditRecord.action == "delivery.duplicate"))
    assert lost == 1 and duplicates == 0
