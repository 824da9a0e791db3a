"""Session 43: where the day's branches met (a code review of the merge).

- A delivery in flight or in doubt when `socialbot connect` switched the account was checked
  on the NEW account, found missing, and sent there with no release by the approvers.
- A withdrawn delivery, or one held for an account change, set back to `retry` in the
  database went out: the keyed publish-time checks read only whole-post cancels and holds.
- A daemon start re-checked a held delivery under its lock against a stale copy (PostgreSQL),
  so it released an account hold or a withdrawal made meanwhile.
"""

from __future__ import annotations

import io
import threading
from datetime import UTC, datetime, timedelta

import pytest
from test_accounts_cycle import Browser, grant, sandbox_texts, world  # noqa: F401
from test_accounts_cycle import connect as connect_in_process
from test_daemon_helpers import AUTHOR, FakePlatforms, approved_post
from test_publish import held_on_facebook, make_publisher, run_all

import social_bot.daemon.claims as claims
from adapters.base import AuthError, NeedsAction
from social_bot.accounts.connect import connect_linkedin
from social_bot.accounts.service import hold_for_new_destination
from social_bot.accounts.store import CredentialStore
from social_bot.approvals import VerifiedIdentity
from social_bot.daemon.runner import Daemon
from social_bot.db.models import Delivery, Post
from social_bot.domain import HoldKind
from social_bot.holds import release
from social_bot.posts import cancel_post, show_post


def _deliveries(app, post_id: int) -> dict[str, dict]:  # noqa: ANN001
    return {d["platform"]: d for d in show_post(app, post_id)["deliveries"]}


def test_a_delivery_in_doubt_when_the_account_changes_waits_for_the_approvers(world) -> None:  # noqa: F811, ANN001
    app, url = world
    grant(url, "linkedin", expires_in=60 * 86400)
    connect_in_process(app, "linkedin")  # organization 5515715
    daemon = Daemon(app, platforms=("linkedin",), serve_http=False)
    post_id = approved_post(app, "Walk-in hours change on Monday.", ["linkedin"])
    daemon.warm_up()
    try:
        [candidate] = daemon.publisher.due("linkedin")
        assert daemon.publisher.claim(candidate) is not None  # the call never answered
    finally:
        daemon.worker_lock.release()
    assert _deliveries(app, post_id)["linkedin"]["account"] == "organization 5515715"
    # the daemon died minutes ago (the next run checks its claims once they are quiet:
    # another live process may share a worker id, an outside review of session 44)
    with app.db.write() as session:
        session.query(Delivery).filter_by(post_id=post_id).update(
            {"claimed_at": datetime.now(UTC) - timedelta(minutes=5)})

    hold_for_new_destination(app, "linkedin", "organization 5515715", "organization 5515716",
                             "Pat Admin", "pat")
    console = Browser(out=io.StringIO(), stdin=io.StringIO(), open_browser=False, timeout=20)
    CredentialStore(app.settings.data_dir).save(
        connect_linkedin(app.settings.env, console, org="5515716"))

    Daemon(app, platforms=("linkedin",), serve_http=False).run_once()
    got = _deliveries(app, post_id)["linkedin"]
    assert got["status"] == "held" and "check organization 5515715" in got["last_error"]
    assert sandbox_texts(url, "linkedin") == []

    for approver in ("U01DANA", "U02LUIS"):
        release(app, VerifiedIdentity("slack", approver), post_id)
    Daemon(app, platforms=("linkedin",), serve_http=False).run_once()
    got = _deliveries(app, post_id)["linkedin"]
    assert got["status"] == "published" and got["account"] == "organization 5515716"
    assert sandbox_texts(url, "linkedin") == ["Walk-in hours change on Monday."]


def _set_back(app, post_id: int, platform: str) -> None:  # noqa: ANN001
    """What someone with database access, without the audit key, can do: one row."""
    with app.db.write() as session:
        delivery = session.query(Delivery).filter_by(post_id=post_id, platform=platform).one()
        delivery.status, delivery.hold_kind = "retry", None


def test_a_withdrawn_delivery_set_back_in_the_database_does_not_go_out(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms, publisher, post_id = held_on_facebook(app)
    assert cancel_post(app, AUTHOR, post_id) == ("facebook",)
    _set_back(app, post_id, "facebook")
    run_all(publisher)
    assert platforms["facebook"].texts() == []
    assert "withdrawn" in _deliveries(app, post_id)["facebook"]["last_error"]


def test_a_post_withdrawn_whole_and_set_back_to_approved_does_not_go_out(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms = FakePlatforms()
    platforms["x"].script = [AuthError("x: token revoked; renew it")]
    post_id = approved_post(app, "Lab hours change next week.", platforms=("x",))
    publisher = make_publisher(app, platforms)
    publisher.run_lane("x")
    assert cancel_post(app, AUTHOR, post_id) == ("x",)
    with app.db.write() as session:
        session.get(Post, post_id).status = "approved"
        session.query(Delivery).filter_by(post_id=post_id).one().status = "pending"
    publisher.run_lane("x")
    assert platforms["x"].texts() == []


def test_an_account_hold_set_back_in_the_database_does_not_go_out(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms, publisher, post_id = held_on_facebook(app)
    assert hold_for_new_destination(app, "facebook", "Page 1", "Page 2", "Pat",
                                    "pat") == [post_id]
    _set_back(app, post_id, "facebook")
    run_all(publisher)
    assert platforms["facebook"].texts() == []
    # the approvers' release is what lets it go
    app2_post = show_post(app, post_id)
    assert app2_post["status"] == "partially_published"


def test_an_account_hold_released_by_two_approvers_goes_out(make_app) -> None:  # noqa: ANN001
    app = make_app()
    platforms, publisher, post_id = held_on_facebook(app)
    hold_for_new_destination(app, "facebook", "Page 1", "Page 2", "Pat", "pat")
    for approver in ("U01DANA", "U02LUIS"):
        release(app, VerifiedIdentity("slack", approver), post_id)
    run_all(publisher)
    assert platforms["facebook"].texts() == ["The walk-in clinic opens an hour early on Mondays."]


def _meanwhile(monkeypatch, action) -> None:  # noqa: ANN001
    """Run ``action`` in another transaction between release_holds' read and its lock."""
    real, fired = claims.lock_post, []

    def lock_post(session, post_id):  # noqa: ANN001, ANN202
        if not fired:
            fired.append(1)
            thread = threading.Thread(target=action)
            thread.start()
            thread.join(timeout=20)
        return real(session, post_id)

    monkeypatch.setattr(claims, "lock_post", lock_post)


@pytest.mark.parametrize("meanwhile", ["connect", "withdraw"])
def test_a_start_does_not_release_what_changed_since_it_read(make_app, monkeypatch,  # noqa: ANN001
                                                             database_url, meanwhile) -> None:
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite serialises the two writers: nothing can change in between")
    app = make_app()
    platforms = FakePlatforms()
    platforms["x"].script = [NeedsAction("x: out of API credits (HTTP 402)", kind="credits")]
    post_id = approved_post(app, "Flu shots on Saturday, no appointment needed.")
    publisher = make_publisher(app, platforms)
    run_all(publisher)
    assert _deliveries(app, post_id)["x"]["status"] == "held"
    _meanwhile(monkeypatch, (lambda: hold_for_new_destination(app, "x", "@north", "@south",
                                                              "Pat", "pat"))
               if meanwhile == "connect" else (lambda: cancel_post(app, AUTHOR, post_id)))
    assert claims.release_holds(app, "x", (HoldKind.CONFIG, HoldKind.CREDITS),
                                actor="daemon:start") == 0
    monkeypatch.undo()
    run_all(publisher)
    assert platforms["x"].texts() == []


def test_a_post_approved_for_one_account_waits_when_the_daemon_posts_to_another(world) -> None:  # noqa: F811, ANN001
    """No `socialbot connect` hold at all (the daemon's environment named another organization,
    say): the account recorded at the approval is what the claim compares with."""
    from social_bot.approvals import approve

    app, url = world
    grant(url, "linkedin", expires_in=60 * 86400)
    connect_in_process(app, "linkedin")  # organization 5515715
    daemon = Daemon(app, platforms=("linkedin",), serve_http=False)
    daemon.warm_up()  # the account watch approvals read, as in the daemon's chat endpoint
    daemon.worker_lock.release()
    from social_bot.posts import Staff, create_post, prepare_draft

    post_id = create_post(app, Staff("Pat Author", "pat"),
                          prepare_draft(app, "Walk-in hours change on Monday.", ["linkedin"]))
    for approver in ("U01DANA", "U02LUIS"):
        approve(app, VerifiedIdentity("slack", approver), post_id)
    assert _deliveries(app, post_id)["linkedin"]["account"] == "organization 5515715"

    console = Browser(out=io.StringIO(), stdin=io.StringIO(), open_browser=False, timeout=20)
    CredentialStore(app.settings.data_dir).save(  # no hold: as if the environment changed
        connect_linkedin(app.settings.env, console, org="5515716"))
    Daemon(app, platforms=("linkedin",), serve_http=False).run_once()
    got = _deliveries(app, post_id)["linkedin"]
    assert got["status"] == "held" and "approved for (or first sent to) organization 5515715" \
        in got["last_error"]
    assert sandbox_texts(url, "linkedin") == []

    for approver in ("U01DANA", "U02LUIS"):
        release(app, VerifiedIdentity("slack", approver), post_id)
    Daemon(app, platforms=("linkedin",), serve_http=False).run_once()
    assert _deliveries(app, post_id)["linkedin"]["account"] == "organization 5515716"
    assert sandbox_texts(url, "linkedin") == ["Walk-in hours change on Monday."]
