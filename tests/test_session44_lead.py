"""Session 44, the lead's own changes: a delivery held for spent X credits is tried again by
the running daemon after SOCIALBOT_CREDITS_RETRY, not only at a restart; a cancelled post
is told in chat when approvers may still act on it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from test_daemon_helpers import approved_post

# the sandbox and a clean environment, as session 43's X-credits test has them
from test_session43_accounts_checks import _clean_environment, box  # noqa: F401

from adapters import adapter_class
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.daemon.runner import Daemon
from social_bot.errors import UserError
from social_bot.posts import show_post
from social_bot.sandbox import SandboxServer, sandbox_env


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 17, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def _credits(box: SandboxServer, every: int) -> None:  # noqa: F811
    answer = requests.post(box.url + "/_sandbox/faults", timeout=5,
                           json={"platform": "x", "mode": "402", "every": every})
    assert answer.status_code == 200


@dataclass
class CreditsHeld:
    """An approved X post held for spent credits, with the daemon that retries it."""

    app: Any
    clock: Clock
    publisher: Publisher
    daemon: Daemon
    post_id: int


def held_for_credits(box: SandboxServer, make_app) -> CreditsHeld:  # noqa: ANN001, F811
    """The sandbox answers X's 402 on every call; one approved X post, held by a publish pass."""
    requests.post(box.url + "/_sandbox/reset", timeout=5)
    _credits(box, 1)
    app = make_app()
    clock = Clock()
    adapter = adapter_class("x").from_env(sandbox_env(box.url, "sandbox"), timeout=(1.0, 3.0))
    config = DaemonConfig(retry_base=0.0, retry_cap=0.0, batch=10, credits_retry=600.0)
    publisher = Publisher(app, {"x": adapter}.__getitem__, "w1", config, clock=clock)
    post_id = approved_post(app, "Flu shots in the lobby on Saturday morning.", ["x"])
    publisher.run_lane("x")
    daemon = Daemon(app, config=config, platforms=("x",), serve_http=False,
                    publish_adapters={"x": adapter}.__getitem__,
                    poll_adapters={"x": adapter}.__getitem__)
    return CreditsHeld(app, clock, publisher, daemon, post_id)


def test_credits_bought_while_the_daemon_runs_need_no_restart(
        box: SandboxServer, make_app, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001, F811
    held_post = held_for_credits(box, make_app)
    app, clock, publisher, daemon, post_id = (held_post.app, held_post.clock,
                                              held_post.publisher, held_post.daemon,
                                              held_post.post_id)
    held = show_post(app, post_id)["deliveries"][0]
    assert held["status"] == "held" and "every SOCIALBOT_CREDITS_RETRY" in held["last_error"]

    _credits(box, 0)  # someone bought credits; the daemon keeps running
    retry_at = clock.now + timedelta(seconds=600)
    monkeypatch.setattr("social_bot.db.models.utcnow", lambda: retry_at - timedelta(seconds=1))
    daemon._retry_credit_holds()  # not yet due: still held
    assert show_post(app, post_id)["deliveries"][0]["status"] == "held"

    monkeypatch.setattr("social_bot.db.models.utcnow", lambda: retry_at)
    daemon._retry_credit_holds()
    clock.now = retry_at
    publisher.run_lane("x")
    assert show_post(app, post_id)["deliveries"][0]["status"] == "published"
    assert len(requests.get(box.url + "/_sandbox/posts", timeout=5).json()["x"]) == 1


def test_a_credits_retry_under_a_minute_is_refused() -> None:
    with pytest.raises(UserError, match="SOCIALBOT_CREDITS_RETRY must be from 60"):
        DaemonConfig.from_env({"SOCIALBOT_CREDITS_RETRY": "5"})


def test_approvers_are_told_in_chat_when_a_post_they_may_vote_on_is_cancelled(
        make_app) -> None:  # noqa: ANN001
    from sqlalchemy import select

    from social_bot import outbox
    from social_bot.db.models import OutboxMessage
    from social_bot.notify import render
    from social_bot.posts import Staff, cancel_post, create_post, prepare_draft

    app = make_app()
    author = Staff("Pat", os_user="pat")
    waiting = create_post(app, author, prepare_draft(app, "Open house Thursday at noon.",
                                                     ["facebook"]))
    cancel_post(app, author, waiting)
    with app.db.read() as session:
        rows = session.scalars(select(OutboxMessage).where(OutboxMessage.post_id == waiting)
                               .order_by(OutboxMessage.id)).all()
        told = [outbox.from_row(r.kind, r.post_id, r.comment_id, r.payload) for r in rows]
    cancelled = [m for m in told if isinstance(m, outbox.PostCancelled)]
    assert len(cancelled) == 1 and cancelled[0].actor == "Pat"
    body = render(app, cancelled[0])
    assert body is not None
    assert body["text"].startswith(f"Post {waiting} (revision 1) was *cancelled* by")
    # a blocked draft nobody votes on is cancelled silently (its purge cancels it too)
    assert outbox.status_message("cancelled", 1, 1, "a" * 64, "Pat", None,
                                 previous="blocked") is None


def test_a_cancellation_deleted_from_the_trail_publishes_nothing(make_app) -> None:  # noqa: ANN001
    """Someone with database access and no key deletes the post.cancelled record and sets
    the rows back: the keyed check finds no cancellation, the gap stops the post."""
    from sqlalchemy import delete, update
    from test_daemon_helpers import AUTHOR, FakePlatforms
    from test_publish import FAST

    from social_bot.db.models import AuditRecord, Delivery, Post
    from social_bot.posts import cancel_post

    app = make_app()
    post_id = approved_post(app, "Staff retreat: the clinic closes at noon Friday", ["x"])
    kept = approved_post(app, "Walk-in flu shots all next week", ["x"])
    cancel_post(app, AUTHOR, post_id)
    with app.db.write() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.post_id == post_id,
                                                  AuditRecord.action == "post.cancelled"))
        session.execute(update(Post).where(Post.id == post_id).values(status="approved"))
        session.execute(update(Delivery).where(Delivery.post_id == post_id)
                        .values(status="pending"))
    approved_post(app, "Blood drive in the lobby on Saturday", ["x"])
    platforms = FakePlatforms()
    Publisher(app, platforms, "w1", FAST).run_lane("x")
    # only the post created after the gap: the other two could each be stopped by the record
    assert platforms["x"].texts() == ["Blood drive in the lobby on Saturday"]
    shown = show_post(app, post_id)
    assert shown["status"] != "published"
    assert "audit record(s) written since this post was created are missing" in (
        shown["status_reason"] or "")
    assert show_post(app, kept)["status"] != "published"


def test_a_second_copy_found_on_the_platform_is_audited_and_told_in_chat(
        make_app) -> None:  # noqa: ANN001
    """A daemon paused past its lease can still publish after another did (docs/security.md):
    the second copy was only an ERROR log line, which nobody reads in time."""
    from sqlalchemy import select
    from test_daemon_helpers import FakePlatforms
    from test_publish import FAST

    from adapters.base import RemotePost
    from social_bot import outbox
    from social_bot.daemon.claims import Attempt
    from social_bot.db.models import AuditRecord, Delivery, OutboxMessage
    from social_bot.notify import render

    app = make_app()
    post_id = approved_post(app, "Blood pressure checks in the lobby Tuesday", ["x"])
    publisher = Publisher(app, FakePlatforms(), "w1", FAST)
    publisher.run_lane("x")
    with app.db.read() as session:
        delivery = session.scalars(select(Delivery).where(Delivery.post_id == post_id)).one()
        kept = delivery.remote_id
        late = Attempt(delivery.id, post_id, "x", "", (), 1, delivery.published_at)
    publisher.record_published(late, RemotePost("999", "https://x.com/i/status/999"), "sent")
    with app.db.read() as session:
        record = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "delivery.duplicate")).one()
        rows = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "delivery.duplicate")).all()
        told = [outbox.from_row(r.kind, r.post_id, r.comment_id, r.payload) for r in rows]
        assert record.post_id == post_id
        assert show_post(app, post_id)["deliveries"][0]["remote_id"] == kept  # first kept
    [message] = told
    text = render(app, message)["text"]
    assert f"Post {post_id} went out *twice* on x" in text
    assert "https://x.com/i/status/999" in text and kept in text


@pytest.mark.parametrize(("host", "warned"), [
    ("127.0.0.1", False), ("127.0.0.2", False), ("::1", False), ("[::1]", False),
    ("localhost", False), ("0.0.0.0", True), ("::", True), ("10.0.0.5", True),  # noqa: S104
    ("socialbot.clinic.example", True)])
def test_a_bind_beyond_this_host_is_warned_about(host: str, warned: bool) -> None:
    """/metrics and /healthz answer whoever reaches the port; nothing said so (session 44's
    review of the daemon's server)."""
    from social_bot.web.server import public_bind_warning

    warning = public_bind_warning(host)
    assert (warning is not None) == warned
    if warned:
        assert f"SOCIALBOT_HTTP_HOST={host}" in warning and "/slack/*" in warning
