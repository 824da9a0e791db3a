"""Issue 15, accounts, finished against the strict sandbox over real HTTP on both databases:
a token set only in the environment has its expiry learned from the platform's
introspection (so it is warned before the platform refuses it); comment polling with a dead
token is held, silently and without calls, until `socialbot connect`; the strict
introspection endpoints themselves."""

from __future__ import annotations

import logging

import requests
import test_accounts_cycle as cycle
from sqlalchemy import select
from test_accounts_cycle import connect, grant
from test_daemon_helpers import Clock, approved_post

from social_bot.accounts.inspect import gather
from social_bot.accounts.queue_notes import polling_notes
from social_bot.accounts.status import Level, evaluate
from social_bot.accounts.store import CredentialStore
from social_bot.accounts.watch import AccessWatch
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.daemon.runner import AdapterPool
from social_bot.db.models import OutboxMessage
from social_bot.posts import show_post

# The cycle's fixture: an App whose credentials come only from `connect` (sandbox: conftest).
world = cycle.world
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=60.0, batch=10)


def _messages(app) -> list[tuple[str, dict]]:  # noqa: ANN001
    with app.db.read() as session:
        return [(m.kind, m.payload) for m in session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind.like("account.%"))
            .order_by(OutboxMessage.id))]


def _env_only_token(app, url: str, days: float) -> dict[str, str]:  # noqa: ANN001
    """A real sandbox token put in the environment by hand: connect, then forget the store."""
    grant(url, "linkedin", expires_in=days * 86400)
    connect(app, "linkedin")
    store = CredentialStore(app.settings.data_dir)
    token = store.get("linkedin").values["LINKEDIN_ACCESS_TOKEN"]
    store.remove("linkedin")
    return {**app.settings.env, "LINKEDIN_ACCESS_TOKEN": token, "LINKEDIN_ORG_ID": "5515715"}


def test_an_environment_token_is_warned_before_it_expires(world) -> None:  # noqa: ANN001
    app, url = world
    env = _env_only_token(app, url, days=5)
    # `socialbot check`: the expiry comes from LinkedIn's token introspection.
    status = evaluate(gather("linkedin", env, app.settings.data_dir), Clock()())
    assert status.facts.source == "environment" and status.level == Level.WARN
    assert any("token expires in 4 days" in f.message for f in status.findings)
    # The daemon's daily account check learns it too, and tells approvers in chat.
    clock = Clock()
    watch = AccessWatch(app, clock=clock, env=env, platforms=("linkedin",))
    approved_post(app, "Flu shots all week", ["linkedin"])
    assert watch.tick(force=True) == 1
    assert watch.credential("linkedin") is None  # nothing stored: learned from LinkedIn
    [(kind, payload)] = [m for m in _messages(app) if m[0] == "account.token_expiring"]
    assert payload["days_left"] == 4
    # Revoked on LinkedIn's side: the next day's check says so before a publish is refused.
    requests.post(f"{url}/_sandbox/oauth/revoke", json={"platform": "linkedin"}, timeout=5)
    assert watch.problem("linkedin") is None  # not asked again yet: once a day
    clock.advance(86400 + 60)
    watch.tick(force=True)
    assert "no longer valid (token revoked)" in watch.problem("linkedin")
    assert any(k == "account.access_missing" and "token revoked" in p["problem"]
               for k, p in _messages(app))


def test_polling_with_a_dead_token_is_held_until_connect(world, caplog) -> None:  # noqa: ANN001
    app, url = world
    grant(url, "linkedin", expires_in=30 * 86400)
    connect(app, "linkedin")
    clock = Clock()
    watch = AccessWatch(app, clock=clock, platforms=("linkedin",))
    pool = AdapterPool(app.settings.env, watch)
    post_id = approved_post(app, "Walk-in hours extended", ["linkedin"])
    Publisher(app, pool, "w1", CONFIG, clock=clock).run_lane("linkedin")
    remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
    monitor = Monitor(app, pool, "w1", CONFIG, clock=clock)
    assert monitor.run_platform("linkedin").polled == 1

    # LinkedIn stops honouring the token (the store still believes in it for 30 days).
    requests.post(f"{url}/_sandbox/oauth/expire", json={"platform": "linkedin"}, timeout=5)
    clock.advance(61)
    caplog.set_level(logging.WARNING, logger="socialbot")
    first = monitor.run_platform("linkedin")
    assert first.polled == 0 and first.failed == 1
    seen = requests.get(f"{url}/_sandbox/quota", timeout=5).json()["requests"]["linkedin"]
    for _ in range(5):  # held: no calls, no error per pass
        clock.advance(61)
        assert monitor.run_platform("linkedin").failed == 0
    assert requests.get(f"{url}/_sandbox/quota", timeout=5).json()["requests"][
        "linkedin"] == seen
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert sum("comments.held" in w for w in warnings) == 1
    assert not any("poll_failed" in w for w in warnings)

    # Approvers are told once, and the review queue says why new comments are missing.
    assert watch.tick(force=True) == 1
    [(kind, payload)] = _messages(app)
    assert kind == "account.access_missing" and "comment polling is held" in payload["problem"]
    [note] = polling_notes(app, ("linkedin",))
    assert "held" in note and "socialbot connect linkedin" in note

    # A new connect restores polling by itself: the comment made meanwhile is read.
    requests.post(f"{url}/_sandbox/comments", timeout=5, json={
        "platform": "linkedin", "post_id": remote, "text": "Are you open Saturdays?",
        "author": "Ana Lee"}).raise_for_status()
    connect(app, "linkedin")
    clock.advance(61)
    resumed = monitor.run_platform("linkedin")
    assert resumed.polled == 1 and resumed.stored == 1
    assert polling_notes(app, ("linkedin",)) == []


def test_an_expired_stored_token_holds_polling_before_any_call(world) -> None:  # noqa: ANN001
    app, url = world
    grant(url, "linkedin", expires_in=3600)
    connect(app, "linkedin")
    clock = Clock()
    watch = AccessWatch(app, clock=clock, platforms=("linkedin",))
    pool = AdapterPool(app.settings.env, watch)
    approved_post(app, "Parking lot repaved", ["linkedin"])
    Publisher(app, pool, "w1", CONFIG, clock=clock).run_lane("linkedin")
    clock.advance(2 * 3600)
    seen = requests.get(f"{url}/_sandbox/quota", timeout=5).json()["requests"]["linkedin"]
    assert Monitor(app, pool, "w1", CONFIG, clock=clock).run_platform("linkedin").failed == 0
    assert requests.get(f"{url}/_sandbox/quota", timeout=5).json()["requests"][
        "linkedin"] == seen
    assert "expired" in watch.problem("linkedin", polling=True)
    # `socialbot check` says why, and that polling waits too.
    status = evaluate(gather("linkedin", app.settings.env, app.settings.data_dir), clock())
    assert any("token expired" in f.message and "comment polling wait" in f.message
               for f in status.findings)


def test_the_introspection_endpoints_are_strict(sandbox) -> None:  # noqa: ANN001, F811
    li = f"{sandbox.url}/linkedin/oauth/v2/introspectToken"
    good = {"client_id": "sandbox", "client_secret": "sandbox", "token": "AQVnothing"}
    assert requests.post(li, json=good, timeout=5).status_code == 400  # form-encoded only
    assert requests.post(li, data={**good, "token": ""}, timeout=5).status_code == 400
    assert requests.post(li, data={**good, "client_secret": "x"}, timeout=5).status_code == 401
    assert requests.post(li, data=good, timeout=5).json() == {"active": False}
    # The sandbox's static credential is what it always was: valid, every scope, no expiry.
    static = requests.post(li, data={**good, "token": "sandbox"}, timeout=5).json()
    assert static["active"] is True and "w_organization_social" in static["scope"]
    fb = f"{sandbox.url}/facebook/v25.0/debug_token"
    missing = requests.get(fb, params={"access_token": "sandbox|sandbox"}, timeout=5)
    assert missing.status_code == 400 and missing.json()["error"]["code"] == 100
    wrong_app = requests.get(fb, params={"access_token": "sandbox|nope", "input_token": "EAA"},
                             timeout=5)
    assert wrong_app.json()["error"]["code"] == 190
    unknown = requests.get(fb, params={"access_token": "sandbox|sandbox", "input_token": "EAA"},
                           timeout=5)
    assert unknown.json()["data"]["is_valid"] is False


def test_the_platforms_reason_for_a_dead_token_is_masked() -> None:
    """Graph's debug_token message (or a proxy's) may quote the token or the app secret;
    the reason goes to chat and `comments list`, so it is masked like every platform text."""
    from datetime import UTC, datetime

    from social_bot.accounts.inspect import Introspection
    from social_bot.accounts.learned import LearnedTokens

    token, secret = "EAAGm0PX4ZCpsBAKzq9dkeR7", "8c2f0e5b1d7a4c39b6e1f0a2d3c4b5a6"
    env = {"FACEBOOK_PAGE_TOKEN": token, "FACEBOOK_APP_ID": "1234",
           "FACEBOOK_APP_SECRET": secret}
    said = f"Error validating access token {token} for app 1234|{secret}: session expired"
    learned = LearnedTokens(ask=lambda platform, e: Introspection(False, reason=said))
    found = learned.refresh("facebook", "fp", env, datetime(2026, 12, 2, tzinfo=UTC))
    assert found is not None and found.dead
    assert "session expired" in found.dead
    assert token not in found.dead and secret not in found.dead
