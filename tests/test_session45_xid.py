"""Session 45: the X account's identity in reply and account checks.

Before: an X account was recorded as the text "@handle" and compared as text. X handles are
case-insensitive and can be renamed while X's numeric user id stays, so a reply under a post
made as "@Practice" failed ("now posts as @practice; nothing was sent") once `connect x`
recorded "@practice", and the same spelling change held every approved post as an account
change. Now `connect x` also keeps the user id ("@handle (user ID)"), ids are compared
when both sides have one, handles without case otherwise; another account is still refused.
"""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from test_accounts_cycle import PinReader
from test_session45_xreply import _app, _x_comment

from adapters.base import PermanentError
from social_bot.accounts.connect import connect_x
from social_bot.accounts.identity import same_account, switched, x_account, x_label
from social_bot.daemon import preflight_account
from social_bot.daemon.claims import _reply_target
from social_bot.db.models import Comment, Delivery, Post
from social_bot.sandbox import sandbox_env
from social_bot.sandbox.x import ME_ID, ME_USERNAME
from social_bot.x_reply_check import our_handle


@pytest.mark.parametrize(("a", "b", "same"), [
    ("@Harbor_Clinic", "@harbor_clinic", True),                      # one account, two casings
    ("@Harbor_Clinic (user 42)", "@harbor_clinic", True),            # recorded before ids
    ("@harbor_clinic (user 42)", "@harbor_clinic_west (user 42)", True),  # renamed, same id
    ("@harbor_clinic (user 42)", "@Harbor_Clinic (user 43)", False),  # the name passed on
    ("@harbor_clinic", "@harbor_clinic_west", False),
    ("@harbor_clinic", "@?", False),
])
def test_an_x_account_is_its_id_else_its_handle_without_case(a: str, b: str, same: bool):
    assert same_account("x", a, b) is same
    assert same_account("x", b, a) is same
    assert switched("x", a, b) is not same


def test_other_platforms_compare_as_recorded_and_unknown_is_no_switch():
    assert not same_account("facebook", "Page 100000000000001", "Page 100000000000002")
    assert same_account("linkedin", "organization 5515715", "organization 5515715")
    assert not switched("x", None, "@harbor_clinic") and not switched("x", "@a", None)


def test_the_label_keeps_the_id_and_the_reply_check_reads_the_name():
    assert x_label("Harbor_Clinic", "42") == "@Harbor_Clinic (user 42)"
    assert x_label(None, "42") == "@?" and x_label("harbor_clinic", None) == "@harbor_clinic"
    assert x_account("@harbor_clinic (user 42)") == x_account("harbor_clinic (user 42)")
    assert x_account("organization 5515715") is None
    handle = our_handle("@Harbor_Clinic (user 42)", None, "harbor_clinic", 7)
    assert (handle.name, handle.note) == ("Harbor_Clinic", None)


def _target(db: Any, made_as: str, now: str) -> tuple[str, str] | None:
    comment_id = _x_comment(db, "@harbor_clinic is the lab open early?", account=made_as)
    with db.write() as session:
        return _reply_target(session, Post(reply_to_comment_id=comment_id), "x", now)


@pytest.mark.parametrize(("made_as", "now"), [
    ("@Harbor_Clinic", "@harbor_clinic"),
    ("@harbor_clinic (user 42)", "@harbor_clinic_west (user 42)"),
])
def test_a_reply_under_the_same_account_goes_out(db, made_as: str, now: str):
    target = _target(db, made_as, now)
    with db.read() as session:
        comment = session.query(Comment).order_by(Comment.id.desc()).first()
        parent = session.get(Delivery, comment.delivery_id)
        assert target == (parent.remote_id, comment.remote_id)


@pytest.mark.parametrize(("made_as", "now"), [
    ("@harbor_clinic", "@harbor_clinic_west"),
    ("@Harbor_Clinic (user 42)", "@harbor_clinic (user 43)"),
])
def test_a_reply_as_another_account_is_still_refused(db, made_as: str, now: str):
    with pytest.raises(PermanentError, match=re.escape(
            f"is under a post made as {made_as}, and x now posts as {now}; nothing was sent")):
        _target(db, made_as, now)


def test_a_change_of_capitals_holds_nothing_at_the_claim(monkeypatch):
    monkeypatch.setattr(preflight_account, "destination_now", lambda _app, _p: "@harbor_clinic")
    assert preflight_account.account_moved(None, "x", "@Harbor_Clinic") is None
    moved = preflight_account.account_moved(None, "x", "@harbor_clinic_west")
    assert moved is not None and moved.startswith(
        "x: this post was approved for (or first sent to) @harbor_clinic_west, and x now "
        "posts to @harbor_clinic;")


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_connect_x_records_the_user_id_x_confirmed(make_app, sandbox):
    app = _app(make_app, **sandbox_env(sandbox.url))
    for name in ("X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET"):  # from connect only
        app.settings.env.pop(name)
    credential = connect_x(app.settings.env, PinReader(out=io.StringIO(), stdin=io.StringIO(),
                                                       open_browser=False))
    assert credential.account == f"@{ME_USERNAME} (user {ME_ID})"
