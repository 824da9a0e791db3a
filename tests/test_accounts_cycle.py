"""The whole account cycle over real HTTP against the sandbox, on both databases:
connect -> publish -> the token nears expiry (warned) -> it expires (held, warned, nothing
fails) -> reconnect -> the held post goes out by itself. Also: a token without a publishing
permission holds before any call, and a LinkedIn refresh token renews a token nearing expiry."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select
from test_daemon_helpers import approved_post

from social_bot.accounts.connect import Console, connect_facebook, connect_linkedin
from social_bot.accounts.service import record_connect
from social_bot.accounts.store import CredentialStore
from social_bot.app import App
from social_bot.daemon.runner import Daemon
from social_bot.db.models import AuditRecord, OutboxMessage
from social_bot.posts import show_post
from social_bot.sandbox import SandboxServer, sandbox_env, start_sandbox
from social_bot.sandbox.oauth import oauth_env
from social_bot.settings import load_settings


class Browser(Console):
    """The person at the consent page: the sandbox approves and redirects to socialbot."""

    def show(self, url: str, what: str) -> None:
        threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 10},
                         daemon=True).start()


@pytest.fixture
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox() as server:
        yield server


@pytest.fixture
def world(sandbox, db, policy_file, tmp_path):  # noqa: ANN001, ANN201
    """An App whose LinkedIn and Facebook credentials come only from `socialbot connect`."""
    from conftest import keyword_screener

    from policies.config import load_policy_file

    env = {**sandbox_env(sandbox.url), **oauth_env(sandbox.url),
           "SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": db.url,
           "SOCIALBOT_POLICY": str(policy_file), "LINKEDIN_API_VERSION": "202601"}
    for name in ("LINKEDIN_ACCESS_TOKEN", "LINKEDIN_ORG_ID", "FACEBOOK_PAGE_TOKEN",
                 "FACEBOOK_PAGE_ID"):
        env.pop(name)
    settings = load_settings(env, dotenv=False)
    app = App(settings, db=db, policy=load_policy_file(policy_file), screener=keyword_screener,
              validator=lambda platform, text, media: [])
    return app, sandbox.url


def grant(url: str, platform: str, **body: object) -> None:
    requests.post(f"{url}/_sandbox/oauth", json={"platform": platform, **body},
                  timeout=5).raise_for_status()


def connect(app: App, platform: str) -> None:
    console = Browser(out=io.StringIO(), stdin=io.StringIO(), open_browser=False, timeout=20)
    env = app.settings.env
    credential = (connect_linkedin(env, console, org="5515715") if platform == "linkedin"
                  else connect_facebook(env, console))
    CredentialStore(app.settings.data_dir).save(credential)
    record_connect(app, credential, "Pat Admin", "pat")


def sandbox_texts(url: str, platform: str) -> list[str]:
    return [p["text"] for p in requests.get(f"{url}/_sandbox/posts", timeout=5).json()[platform]]


def chat(app: App) -> list[tuple[str, dict]]:
    with app.db.read() as session:
        return [(m.kind, dict(m.payload or {})) for m in session.scalars(
            select(OutboxMessage).order_by(OutboxMessage.id))]


def test_linkedin_refresh_token_renews_a_token_nearing_expiry(world) -> None:  # noqa: ANN001
    app, url = world
    grant(url, "linkedin", expires_in=2 * 86400)
    connect(app, "linkedin")
    store = CredentialStore(app.settings.data_dir)
    before = store.get("linkedin")
    assert before.refresh_token and before.refresh_expires_at
    daemon = Daemon(app, platforms=("linkedin",), serve_http=False)
    grant(url, "linkedin", expires_in=60 * 86400)
    daemon.run_once()  # the watch renews instead of only warning
    after = store.get("linkedin")
    assert after.fingerprint != before.fingerprint
    assert after.expires_at > datetime.now(UTC) + timedelta(days=59)
    assert after.refresh_expires_at <= before.refresh_expires_at  # never extended
    assert "account.token_expiring" not in [k for k, _ in chat(app)]
    post_id = approved_post(app, "Renewed and still posting.", ["linkedin"])
    daemon.run_once()
    assert show_post(app, post_id)["status"] == "published"
    with app.db.read() as session:
        assert "account.refreshed" in set(session.scalars(select(AuditRecord.action)))
    assert before.values["LINKEDIN_ACCESS_TOKEN"] not in Path(
        store.path).read_text()  # replaced, not kept beside the new one
