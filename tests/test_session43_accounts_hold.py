"""Session 43, accounts (from an outside review), on both databases and over real HTTP
against the sandbox where a platform is involved:

1. A token that can publish but cannot read or hide comments holds publishing (the product
   watches every post it publishes), unless the practice opted out for that platform
   (SOCIALBOT_PUBLISH_UNWATCHED); `check` says PROBLEM, not WARN, when posts would wait.
2. `socialbot connect` to another organization holds the posts approved for the old one
   until two approvers release them, audited; each delivery records the account it went to.
3. The daemon's token refresh writes its result only if the stored credential is still the
   one it refreshed: a `connect` made meanwhile is kept.
"""

from __future__ import annotations

import io
import json
import os
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import select
from test_accounts_connect import connect as run_connect
from test_accounts_connect import follow
from test_accounts_cycle import Browser, chat, grant, sandbox_texts, world  # noqa: F401
from test_accounts_cycle import connect as connect_in_process
from test_daemon_helpers import DANA, LUIS, Clock, approved_post

from social_bot.accounts.connect import connect_linkedin
from social_bot.accounts.needs import missing
from social_bot.accounts.status import Facts, Level, evaluate
from social_bot.accounts.store import Credential, CredentialStore
from social_bot.accounts.watch import AccessWatch
from social_bot.daemon.runner import Daemon
from social_bot.db.models import AuditRecord
from social_bot.errors import UserError
from social_bot.holds import release
from social_bot.posts import show_post
from social_bot.sandbox.oauth import oauth_env

FB_POSTING_ONLY = ("pages_manage_posts", "pages_read_engagement", "pages_show_list")
LI_POSTING_ONLY = ("w_organization_social", "rw_organization_admin")


def actions(app, post_id: int | None = None) -> list[str]:  # noqa: ANN001
    stmt = select(AuditRecord.action).order_by(AuditRecord.seq)
    if post_id is not None:
        stmt = stmt.where(AuditRecord.post_id == post_id)
    with app.db.read() as session:
        return list(session.scalars(stmt))


# -- 1. no publishing where socialbot cannot watch the comments -----------------------------


def test_comment_permissions_are_needed_to_publish_unless_opted_out() -> None:
    from social_bot.accounts.settings import unwatched_platforms

    assert set(missing("facebook", FB_POSTING_ONLY, to_publish=True)) == {
        "pages_read_user_content", "pages_manage_engagement"}
    assert missing("facebook", FB_POSTING_ONLY, to_publish=True, watched=False) == ()
    assert missing("linkedin", LI_POSTING_ONLY, to_publish=True) == ("r_organization_social",)
    assert unwatched_platforms({"SOCIALBOT_PUBLISH_UNWATCHED": " Facebook, x "}) == {
        "facebook", "x"}
    assert unwatched_platforms({}) == frozenset()  # the default watches everything
    with pytest.raises(UserError, match="SOCIALBOT_PUBLISH_UNWATCHED: myspace is not a "):
        unwatched_platforms({"SOCIALBOT_PUBLISH_UNWATCHED": "facebook,myspace"})


def test_check_says_problem_when_posts_would_wait_for_comment_permissions() -> None:
    now = datetime.now(UTC)
    facts = Facts("facebook", configured=True, source="store", account="Northside (Page 7)",
                  granted=FB_POSTING_ONLY, never_expires=True)
    status = evaluate(facts, now)
    assert status.level == Level.PROBLEM and not status.ok
    [finding] = [f for f in status.findings if "missing permission" in f.message]
    assert "pages_read_user_content" in finding.message
    assert "could not read or hide their comments" in finding.message
    opted_out = evaluate(facts, now, unwatched=frozenset({"facebook"}))
    assert opted_out.level == Level.WARN  # the practice chose it: act soon, nothing held
    assert "not read or hidden" in opted_out.findings[0].message


def test_the_watch_holds_linkedin_without_r_organization_social(make_app) -> None:  # noqa: ANN001
    app, clock = make_app(), Clock()
    CredentialStore(app.settings.data_dir).save(Credential(
        platform="linkedin", values={"LINKEDIN_ACCESS_TOKEN": "tok-posting-only",
                                     "LINKEDIN_ORG_ID": "42"},
        account="Northside (organization 42)", scopes=LI_POSTING_ONLY,
        expires_at=clock() + timedelta(days=30)))
    problem = AccessWatch(app, clock=clock).problem("linkedin")
    assert problem.startswith("the linkedin token lacks the permission(s) r_organization_social")
    assert "cannot read or hide comments" in problem
    opted_out = AccessWatch(app, clock=clock, env={"SOCIALBOT_PUBLISH_UNWATCHED": "linkedin"})
    assert opted_out.problem("linkedin") is None


def test_a_facebook_token_that_cannot_read_comments_holds_the_post(world) -> None:  # noqa: F811
    app, url = world
    grant(url, "facebook", scopes=list(FB_POSTING_ONLY))  # the reviewer's consent
    connect_in_process(app, "facebook")
    daemon = Daemon(app, platforms=("facebook",), serve_http=False)
    post_id = approved_post(app, "Our lobby gets new chairs next week.", ["facebook"])
    daemon.run_once()
    delivery = show_post(app, post_id)["deliveries"][0]
    assert delivery["status"] == "held" and delivery["attempts"] == 0  # never called
    assert "pages_read_user_content" in delivery["last_error"]
    assert "cannot read or hide comments" in delivery["last_error"]
    assert sandbox_texts(url, "facebook") == []
    [notice] = [p for k, p in chat(app) if k == "account.access_missing"]
    assert "pages_manage_engagement" in notice["problem"]

    grant(url, "facebook")  # reconnected with every permission: it goes out by itself
    connect_in_process(app, "facebook")
    daemon.run_once()
    assert show_post(app, post_id)["status"] == "published"
    assert sandbox_texts(url, "facebook") == ["Our lobby gets new chairs next week."]


# -- 2. reconnecting to another organization -----------------------------------------------


def _cli_env(cli_env: dict[str, str], url: str) -> dict[str, str]:
    keep = {k: v for k, v in cli_env.items() if not k.startswith(("LINKEDIN_", "FACEBOOK_",
                                                                  "X_"))}
    return {**keep, **oauth_env(url)}


def test_connect_to_another_organization_holds_approved_posts(world, cli_env) -> None:  # noqa: ANN001, F811
    app, url = world
    env = _cli_env(cli_env, url)
    done = run_connect(env, "linkedin", "--org", "5515715", browser=follow)
    assert done.returncode == 0, done.stderr
    daemon = Daemon(app, platforms=("linkedin",), serve_http=False)
    first = approved_post(app, "Parking is free on weekends now.", ["linkedin"])
    daemon.run_once()
    assert show_post(app, first)["deliveries"][0]["account"] == "organization 5515715"
    second = approved_post(app, "The pharmacy window opens at eight.", ["linkedin"])

    done = run_connect(env, "linkedin", "--org", "5515716", browser=follow)
    assert done.returncode == 0, done.stderr
    assert f"post(s) {second} approved before are on hold" in done.stderr
    daemon.run_once()
    detail = show_post(app, second)
    assert detail["status"] == "held" and detail["deliveries"][0]["status"] == "pending"
    assert "from organization 5515715 to organization 5515716" in detail["status_reason"]
    assert sandbox_texts(url, "linkedin") == ["Parking is free on weekends now."]
    held = [p for k, p in chat(app) if k == "post.held"]
    assert held and "changed from organization 5515715 to organization 5515716" in \
        held[-1]["reason"]
    assert "account.switched" in actions(app)

    assert release(app, DANA, second).released_now is False
    assert release(app, LUIS, second).released_now is True  # two approvers saw the account
    daemon.run_once()
    detail = show_post(app, second)
    assert detail["status"] == "published"
    assert detail["deliveries"][0]["account"] == "organization 5515716"
    with app.db.read() as session:
        [published] = session.scalars(select(AuditRecord.detail).where(
            AuditRecord.post_id == second, AuditRecord.action == "delivery.published"))
    published = json.loads(published) if isinstance(published, str) else published
    assert published["account"] == "organization 5515716"


def test_a_post_already_out_elsewhere_has_only_that_delivery_held(world) -> None:  # noqa: F811
    from social_bot.accounts.service import hold_for_new_destination

    app, url = world
    grant(url, "linkedin", expires_in=60 * 86400)
    connect_in_process(app, "linkedin")
    grant(url, "facebook")
    connect_in_process(app, "facebook")
    requests.post(f"{url}/_sandbox/oauth/expire", json={"platform": "linkedin"},
                  timeout=5).raise_for_status()
    daemon = Daemon(app, platforms=("linkedin", "facebook"), serve_http=False)
    post_id = approved_post(app, "Free blood pressure checks on Friday.",
                            ["linkedin", "facebook"])
    daemon.run_once()
    states = {d["platform"]: d["status"] for d in show_post(app, post_id)["deliveries"]}
    assert states == {"linkedin": "held", "facebook": "published"}  # token expired

    held = hold_for_new_destination(app, "linkedin", "organization 5515715",
                                    "organization 5515716", "Pat Admin", "pat")
    assert held == [post_id]
    grant(url, "linkedin", expires_in=60 * 86400)
    connect_in_process(app, "linkedin")  # the reconnect releases only auth holds
    daemon.run_once()
    delivery = {d["platform"]: d for d in show_post(app, post_id)["deliveries"]}["linkedin"]
    assert delivery["status"] == "held" and "/socialbot release" in delivery["last_error"]
    assert release(app, DANA, post_id).released_now is False
    assert release(app, LUIS, post_id).released_now is True
    daemon.run_once()
    assert show_post(app, post_id)["status"] == "published"
    assert "delivery.released" in actions(app, post_id)


# -- 3. a refresh racing a connect -----------------------------------------------------------


def test_a_refresh_does_not_overwrite_a_connect_made_meanwhile(world, monkeypatch) -> None:  # noqa: F811
    import social_bot.accounts.connect as connect_module

    app, url = world
    grant(url, "linkedin", expires_in=2 * 86400)  # inside the warning window: refreshed
    connect_in_process(app, "linkedin")
    store = CredentialStore(app.settings.data_dir)
    real_refresh = connect_module.refresh_linkedin

    def refresh_while_someone_connects(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        renewed = real_refresh(*args, **kwargs)  # LinkedIn answered ...
        console = Browser(out=io.StringIO(), stdin=io.StringIO(), open_browser=False,
                          timeout=20)
        grant(url, "linkedin", expires_in=60 * 86400)
        store.save(connect_linkedin(app.settings.env, console, org="5515716"))
        return renewed  # ... while `socialbot connect linkedin --org 5515716` finished

    monkeypatch.setattr(connect_module, "refresh_linkedin", refresh_while_someone_connects)
    Daemon(app, platforms=("linkedin",), serve_http=False).run_once()
    stored = store.get("linkedin")
    assert stored.values["LINKEDIN_ORG_ID"] == "5515716"
    assert stored.account.endswith("(organization 5515716)")
    assert "account.refreshed" not in actions(app)


def test_compare_and_swap_and_one_writer_at_a_time(tmp_path: Path) -> None:
    store = CredentialStore(tmp_path / "data")
    first = Credential("x", {"X_ACCESS_TOKEN": "a-1", "X_ACCESS_TOKEN_SECRET": "s-1"},
                       account="@northside")
    second = Credential("x", {"X_ACCESS_TOKEN": "a-2", "X_ACCESS_TOKEN_SECRET": "s-2"},
                        account="@northside")
    store.save(first)
    assert store.replace(first, second) is True
    assert store.replace(first, first) is False  # `first` is no longer what is stored
    assert store.get("x").fingerprint == second.fingerprint

    other = Credential("facebook", {"FACEBOOK_PAGE_TOKEN": "p-1", "FACEBOOK_PAGE_ID": "7"})
    writer = threading.Thread(target=store.save, args=(other,))
    with store._locked():  # another process is between its read and its write
        writer.start()
        time.sleep(0.3)
        assert writer.is_alive() and store.get("facebook") is None  # it waits its turn
    writer.join(timeout=10)
    assert not writer.is_alive()
    assert set(store.load_all()) == {"x", "facebook"}
    assert sorted(os.listdir(store.data_dir)) == ["credentials.json"]  # no lock file left
