"""The daemon's account watch on both databases: warnings before a token expires (once per
token and day), at once for a post scheduled after the expiry or waiting on a platform that
cannot publish; which credential is in use; holding a platform whose token was refused."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select
from test_daemon_helpers import Clock, approved_post

from social_bot.accounts.store import Credential, CredentialStore
from social_bot.accounts.watch import AccessWatch
from social_bot.db.models import AccountNotice, OutboxMessage
from social_bot.errors import UserError

SCOPES = ("r_organization_social", "rw_organization_admin", "w_organization_social")


def store_linkedin(app, token: str, expires_in: timedelta | None,  # noqa: ANN001
                   clock: Clock, scopes: tuple[str, ...] = SCOPES) -> Credential:
    credential = Credential(
        platform="linkedin", values={"LINKEDIN_ACCESS_TOKEN": token, "LINKEDIN_ORG_ID": "42"},
        account="Northside (organization 42)", scopes=scopes,
        expires_at=clock() + expires_in if expires_in is not None else None)
    CredentialStore(app.settings.data_dir).save(credential)
    return credential


def messages(app) -> list[tuple[str, dict]]:  # noqa: ANN001
    with app.db.read() as session:
        return [(m.kind, m.payload) for m in session.scalars(
            select(OutboxMessage).where(OutboxMessage.kind.like("account.%"))
            .order_by(OutboxMessage.id))]


def test_a_token_expiring_within_7_days_is_announced_once_a_day(make_app) -> None:  # noqa: ANN001
    # "the same day" is a UTC calendar day: the hour stepped below, three days on, must not
    # cross midnight (run between 23:00 and 24:00 UTC, the test failed)
    app, clock = make_app(), Clock().within_one_day(60 + 2 * 3600)
    store_linkedin(app, "tok-old-123", timedelta(days=10), clock)
    watch = AccessWatch(app, clock=clock, platforms=("linkedin",))
    assert watch.tick(force=True) == 0 and messages(app) == []
    clock.advance(3 * 86400 + 60)  # 6 days 23 hours left
    assert watch.tick() == 1
    assert watch.tick() == 0  # within the minute: not even looked at
    clock.advance(3600)
    assert watch.tick() == 0  # the same day: already told
    [(kind, payload)] = messages(app)
    assert kind == "account.token_expiring"
    assert payload["platform"] == "linkedin" and payload["days_left"] == 6
    clock.advance(86400)  # the next day: told again
    assert AccessWatch(app, clock=clock, platforms=("linkedin",)).tick() == 1
    # A second daemon on the same database the same day sends nothing more.
    assert AccessWatch(app, clock=clock, platforms=("linkedin",)).tick() == 0
    assert len(messages(app)) == 2
    with app.db.read() as session:  # the token itself is never stored, only its fingerprint
        fingerprints = set(session.scalars(select(AccountNotice.fingerprint)))
    assert fingerprints and "tok-old-123" not in str(fingerprints)


def test_a_post_scheduled_after_the_expiry_is_announced_at_once(make_app) -> None:  # noqa: ANN001
    app, clock = make_app(), Clock()
    store_linkedin(app, "tok-123456", timedelta(days=20), clock)
    approved_post(app, "Open house next month", ["linkedin"], at=clock() + timedelta(days=30))
    watch = AccessWatch(app, clock=clock, platforms=("linkedin",))
    assert watch.tick(force=True) == 1
    [(kind, payload)] = messages(app)
    assert kind == "account.access_missing"
    assert "is scheduled for" in payload["problem"] and "after the linkedin token expires" in \
        payload["problem"]


def test_posts_waiting_on_a_platform_that_cannot_publish_are_announced(make_app) -> None:  # noqa: ANN001
    app, clock = make_app(), Clock()
    store_linkedin(app, "tok-123456", timedelta(days=-1), clock)  # already expired
    watch = AccessWatch(app, clock=clock, platforms=("linkedin", "x"))
    assert watch.problem("linkedin").startswith("the linkedin token expired on")
    assert watch.problem("x") == "x is not connected"
    assert watch.tick(force=True) == 0  # nothing waits: `socialbot check` says it
    post_id = approved_post(app, "Walk-in hours extended", ["linkedin"])
    assert watch.tick(force=True) == 1
    [(kind, payload)] = messages(app)
    assert kind == "account.access_missing" and f"post(s) {post_id}" in payload["problem"]


def test_a_refused_token_holds_until_the_credential_changes(make_app) -> None:  # noqa: ANN001
    app, clock = make_app(), Clock()
    store_linkedin(app, "tok-first-1", timedelta(days=30), clock)
    watch = AccessWatch(app, clock=clock)
    assert watch.problem("linkedin") is None
    watch.auth_failed("linkedin", "linkedin: access token rejected (65601)")
    assert "refused the credential" in watch.problem("linkedin")
    store_linkedin(app, "tok-second-2", timedelta(days=60), clock)  # socialbot connect again
    assert watch.problem("linkedin") is None
    assert watch.settings()["LINKEDIN_ACCESS_TOKEN"] == "tok-second-2"


def test_the_environment_overrides_the_store_and_lacking_scopes_block(make_app) -> None:  # noqa: ANN001
    app, clock = make_app(), Clock()
    store_linkedin(app, "tok-123456", timedelta(days=30), clock,
                   scopes=("r_organization_social",))
    watch = AccessWatch(app, clock=clock)
    assert "lacks the permission(s) w_organization_social" in watch.problem("linkedin")
    env_watch = AccessWatch(app, clock=clock, env={"LINKEDIN_ACCESS_TOKEN": "from-env-1"})
    assert env_watch.problem("linkedin") is None  # nothing known against an env token
    assert env_watch.credential("linkedin") is None
    assert env_watch.settings()["LINKEDIN_ORG_ID"] == "42"  # filled from the store


def test_a_credential_file_others_can_read_holds_and_says_why(make_app) -> None:  # noqa: ANN001
    import os

    app, clock = make_app(), Clock()
    store_linkedin(app, "tok-123456", timedelta(days=30), clock)
    os.chmod(CredentialStore(app.settings.data_dir).path, 0o644)
    watch = AccessWatch(app, clock=clock, platforms=("linkedin",))
    assert "readable by others" in watch.problem("linkedin")
    approved_post(app, "Walk-in hours extended", ["linkedin"])
    assert watch.tick(force=True) == 1
    [(kind, payload)] = messages(app)
    assert kind == "account.access_missing" and "0600" in payload["problem"]
    # Chat is a third party: it learns what to do, not where the server keeps its files.
    data_dir = str(app.settings.data_dir)
    assert data_dir not in payload["problem"] and data_dir not in watch.problem("linkedin")
    with pytest.raises(UserError, match="chmod 600 " + re.escape(data_dir)):
        CredentialStore(app.settings.data_dir).load_all()  # the terminal still says where
