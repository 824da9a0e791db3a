"""The whole account cycle over real HTTP against the sandbox, on both databases:
connect -> publish -> the token nears expiry (warned) -> it expires (held, warned, nothing
fails) -> reconnect -> the held post goes out by itself. Also: a token without a publishing
permission holds before any call, and a LinkedIn refresh token renews a token nearing expiry."""

from __future__ import annotations

import io
import re
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from dates_ahead import a_live_linkedin_version
from sqlalchemy import select
from test_daemon_helpers import approved_post

from social_bot.accounts.connect import Console, connect_facebook, connect_linkedin, connect_x
from social_bot.accounts.service import record_connect
from social_bot.accounts.store import CredentialStore
from social_bot.app import App
from social_bot.daemon.runner import Daemon
from social_bot.db.models import AuditRecord, OutboxMessage
from social_bot.posts import show_post
from social_bot.sandbox import sandbox_env
from social_bot.sandbox.oauth import oauth_env
from social_bot.settings import load_settings


class Browser(Console):
    """The person at the consent page: the sandbox approves and redirects to socialbot."""

    def show(self, url: str, what: str) -> None:
        threading.Thread(target=requests.get, args=(url,), kwargs={"timeout": 10},
                         daemon=True).start()



@pytest.fixture
def world(sandbox, db, policy_file, tmp_path):  # noqa: ANN001, ANN201
    """An App whose LinkedIn and Facebook credentials come only from `socialbot connect`."""
    from conftest import keyword_screener

    from policies.config import load_policy_file

    env = {**sandbox_env(sandbox.url), **oauth_env(sandbox.url),
           "SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "DATABASE_URL": db.url,
           "SOCIALBOT_POLICY": str(policy_file), "LINKEDIN_API_VERSION": a_live_linkedin_version()}
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


def test_connect_publish_expire_hold_reconnect_resume(world) -> None:  # noqa: ANN001
    app, url = world
    grant(url, "linkedin", expires_in=3 * 86400)  # a token with three days left
    connect(app, "linkedin")
    daemon = Daemon(app, platforms=("linkedin",), serve_http=False)
    first = approved_post(app, "Flu shots this week, walk in any time.", ["linkedin"])
    daemon.run_once()
    assert show_post(app, first)["status"] == "published"
    kinds = [k for k, _ in chat(app)]
    assert kinds.count("account.token_expiring") == 1  # warned: 2 days and some hours left
    [warning] = [p for k, p in chat(app) if k == "account.token_expiring"]
    assert warning["platform"] == "linkedin" and warning["days_left"] == 2

    requests.post(f"{url}/_sandbox/oauth/expire", json={"platform": "linkedin"},
                  timeout=5).raise_for_status()
    second = approved_post(app, "Closed Thursday for staff training.", ["linkedin"])
    daemon.run_once()
    delivery = show_post(app, second)["deliveries"][0]
    assert delivery["status"] == "held", delivery  # not failed
    assert "EXPIRED_ACCESS_TOKEN" in delivery["last_error"]
    assert "socialbot connect" in delivery["last_error"]
    daemon.run_once()  # held: no new call, no failure, one warning a day
    assert sandbox_texts(url, "linkedin") == ["Flu shots this week, walk in any time."]
    assert [k for k, _ in chat(app)].count("account.access_missing") == 1

    grant(url, "linkedin", expires_in=60 * 86400)
    connect(app, "linkedin")  # socialbot connect linkedin, again
    daemon.run_once()
    assert show_post(app, second)["status"] == "published"
    assert sandbox_texts(url, "linkedin") == ["Flu shots this week, walk in any time.",
                                              "Closed Thursday for staff training."]
    with app.db.read() as session:
        actions = list(session.scalars(select(AuditRecord.action).where(
            AuditRecord.post_id == second).order_by(AuditRecord.seq)))
    assert "delivery.failed" not in actions
    assert actions.index("delivery.held") < actions.index("delivery.published")


def test_a_token_without_the_publishing_permission_holds_before_any_call(world) -> None:  # noqa: ANN001
    app, url = world
    grant(url, "facebook", scopes=["pages_show_list", "pages_read_engagement",
                                   "pages_read_user_content", "pages_manage_engagement"])
    connect(app, "facebook")
    daemon = Daemon(app, platforms=("facebook",), serve_http=False)
    post_id = approved_post(app, "New evening hours on Tuesdays.", ["facebook"])
    daemon.run_once()
    delivery = show_post(app, post_id)["deliveries"][0]
    assert delivery["status"] == "held"
    assert "pages_manage_posts" in delivery["last_error"]
    assert delivery["attempts"] == 0  # held at the claim: the platform was never called
    assert sandbox_texts(url, "facebook") == []
    [(_, notice)] = [(k, p) for k, p in chat(app) if k == "account.access_missing"]
    assert "pages_manage_posts" in notice["problem"]

    grant(url, "facebook")  # the person grants everything this time
    connect(app, "facebook")
    daemon.run_once()
    assert show_post(app, post_id)["status"] == "published"
    assert sandbox_texts(url, "facebook") == ["New evening hours on Tuesdays."]


class PinReader(Console):
    """The person at X's consent page: reads the PIN X shows and types it in."""

    def show(self, url: str, what: str) -> None:
        self.url = url

    def ask(self, prompt: str) -> str:
        return re.search(r"PIN: (\d+)", requests.get(self.url, timeout=10).text)[1]


def connect_x_account(app) -> None:  # noqa: ANN001
    console = PinReader(out=io.StringIO(), stdin=io.StringIO(), open_browser=False)
    credential = connect_x(app.settings.env, console)
    CredentialStore(app.settings.data_dir).save(credential)
    record_connect(app, credential, "Pat Admin", "pat")


def test_a_revoked_x_token_holds_until_connect_x(world) -> None:  # noqa: ANN001
    app, url = world
    for name in ("X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET"):  # from connect, not the env
        app.settings.env.pop(name)
    connect_x_account(app)
    daemon = Daemon(app, platforms=("x",), serve_http=False)
    first = approved_post(app, "Saturday clinic is open 9 to noon.", ["x"])
    daemon.run_once()
    assert show_post(app, first)["status"] == "published"
    requests.post(f"{url}/_sandbox/oauth/revoke", json={"platform": "x"},
                  timeout=5).raise_for_status()
    second = approved_post(app, "Flu shots: no appointment needed.", ["x"])
    daemon.run_once()
    assert show_post(app, second)["deliveries"][0]["status"] == "held"
    connect_x_account(app)
    daemon.run_once()
    assert show_post(app, second)["status"] == "published"
    assert sandbox_texts(url, "x") == ["Saturday clinic is open 9 to noon.",
                                       "Flu shots: no appointment needed."]
