"""Session 44: two known faults in comment moderation.

1. The policy's auto-hide racing a person's "keep": `apply_decision` made the platform call
   before it looked at the comment again under its lock, so the comment could end hidden on
   the platform while the database said kept and not hidden. Reproduced with a hook between
   the read and the platform call, real HTTP to the sandbox, on both databases.
2. Graph's code 100 / subcode 33 (a comment deleted, or one the token may not load: one
   answer for both) reached a person as Graph's raw error.

Each test fails on the code before this session.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
import requests
from test_daemon_helpers import DANA, LUIS, approved_post

from adapters import adapter_class
from adapters.base import NotVisible
from social_bot import audit, comments
from social_bot.approvals import approve
from social_bot.comments import list_comments, reply_to_comment, resolve_comment
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor, PollResult
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment
from social_bot.errors import UserError
from social_bot.posts import Staff, show_post
from social_bot.sandbox import sandbox_env

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10)
PAT = Staff("Pat Author", "pat")
PHI_COMMENT = "Praying for Walt Brennan, the retired mail carrier, who starts chemo here Monday"
PLAIN = "Do you take walk-ins on Saturday mornings?"
EITHER = "either the comment was deleted on Facebook or socialbot's token lacks a permission"
CHECK = "run `socialbot check facebook`: if it lists no missing permission, it was deleted"


def _world(make_app: Any, sandbox: Any, platform: str = "facebook") -> tuple[Any, Any, str]:
    """A post published on ``platform`` through the sandbox: (app, adapter_for, remote id)."""
    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app()
    env = sandbox_env(sandbox.url, "sandbox")

    def adapter_for(name: str) -> Any:
        return adapter_class(name).from_env(env)

    post_id = approved_post(app, "Flu shots all week", [platform])
    Publisher(app, adapter_for, "w1", CONFIG).run_lane(platform)
    return app, adapter_for, show_post(app, post_id)["deliveries"][0]["remote_id"]


def _comment(sandbox: Any, platform: str, remote: str, text: str) -> str:
    answer = requests.post(sandbox.url + "/_sandbox/comments", timeout=5, json={
        "platform": platform, "post_id": remote, "text": text, "author": "casey"})
    assert answer.status_code < 400, answer.text
    return str(answer.json()["id"])


def _on_platform(sandbox: Any, remote_id: str) -> dict[str, Any]:
    return next(c for c in requests.get(sandbox.url + "/_sandbox/comments", timeout=5).json()
                if c["id"] == remote_id)


def _row(app: Any, comment_id: int) -> Comment:
    with app.db.read() as session:
        return session.get(Comment, comment_id)


def _pending_hide(make_app: Any, sandbox: Any, monkeypatch: Any,
                  platform: str = "facebook") -> tuple[Any, Any, Comment]:
    """A PHI comment stored by the monitor and waiting for the policy's hide (the hide
    itself held back): (app, adapter_for, its row)."""
    app, adapter_for, remote = _world(make_app, sandbox, platform)
    _comment(sandbox, platform, remote, PHI_COMMENT)
    with monkeypatch.context() as held:
        held.setattr(Monitor, "hide", lambda *_a, **_k: False)
        Monitor(app, adapter_for, "w1", CONFIG).run_platform(platform)
    row = next(c for c in list_comments(app) if c["text"] == PHI_COMMENT)
    assert row["state"] == "hide_pending" and not row["hidden_on_platform"]
    return app, adapter_for, _row(app, row["id"])


def _agree(app: Any, sandbox: Any, row: Comment) -> tuple[Comment, dict[str, Any]]:
    """The row and the platform's comment, asserting that they agree."""
    now, remote = _row(app, row.id), _on_platform(sandbox, row.remote_id)
    assert now.hidden_on_platform == bool(remote["hidden"]), (now.state, remote)
    with app.db.read() as session:
        assert audit.verify(session).ok
    return now, remote


# --- 1. the policy's hide and a person's keep at the same moment ----------------------------


@pytest.mark.parametrize("platform", ["facebook", "x"])
def test_a_keep_while_the_policy_hide_is_on_its_way_wins_and_both_sides_agree(
        make_app, sandbox, monkeypatch, platform):
    """The daemon's hide call is on its way when a person keeps the comment. Before: the
    keep (no call: not hidden yet) was recorded, the hide then landed, and the policy saw
    "a person decided meanwhile" and stopped: hidden on the platform, kept and not hidden
    in the database. Now the keep waits for the hide and undoes it."""
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch, platform)
    in_call, go_on = threading.Event(), threading.Event()

    class Slow:  # the policy's adapter: its hide waits, mid-call, for the test
        def __init__(self, real: Any) -> None:
            self.real = real

        def __getattr__(self, name: str) -> Any:
            return getattr(self.real, name)

        def hide_comment(self, remote_id: str) -> None:
            in_call.set()
            assert go_on.wait(20)
            self.real.hide_comment(remote_id)

    policy = Monitor(app, lambda name: Slow(adapter_for(name)), "w1", CONFIG)
    hid: list[bool] = []
    daemon = threading.Thread(target=lambda: hid.append(
        policy.hide(platform, row.id, row.remote_id)))
    daemon.start()
    assert in_call.wait(20)
    kept: list[Any] = []
    person = threading.Thread(target=lambda: kept.append(
        resolve_comment(app, "Pat Author", row.id, "keep", adapters=adapter_for,
                        keep_reason="not_phi")))
    person.start()
    person.join(1.0)  # before: done by now; now: waiting for the hide under way
    go_on.set()
    daemon.join(20)
    person.join(20)
    assert kept and kept[0]["state"] == "kept"
    now, remote = _agree(app, sandbox, row)
    assert now.state == "kept" and now.resolved_by == "Pat Author"
    assert not remote["hidden"]  # the person's keep, the later decision, wins


def test_the_policy_hide_while_a_persons_keep_is_being_applied_stands_aside(
        make_app, sandbox, monkeypatch):
    """A person's keep has read the comment (pending, not hidden: no call needed) when the
    daemon's hide runs. Before: the hide went through and was recorded, then the keep wrote
    kept / not hidden over it: hidden on Facebook, not hidden in the database, and no retry
    would ever look at it again. Now the policy does not act while a person's decision is
    being applied, and the keep stands on both sides."""
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch)
    real_load = comments._load
    read, go_on = threading.Event(), threading.Event()
    loads = {"person": 0}

    def load(app_: Any, comment_id: int) -> Comment:
        found = real_load(app_, comment_id)
        if threading.current_thread().name == "person":
            loads["person"] += 1
            if loads["person"] == 2:  # resolve_comment's own look, then the decision's read
                read.set()
                assert go_on.wait(20)
        return found

    monkeypatch.setattr(comments, "_load", load)
    kept: list[Any] = []
    person = threading.Thread(name="person", target=lambda: kept.append(
        resolve_comment(app, "Pat Author", row.id, "keep", adapters=adapter_for,
                        keep_reason="not_phi")))
    person.start()
    assert read.wait(20)
    monitor = Monitor(app, adapter_for, "w1", CONFIG)
    daemon = threading.Thread(target=lambda: monitor.hide("facebook", row.id, row.remote_id))
    daemon.start()
    daemon.join(1.0)  # before: hidden and recorded by now; now: it stood aside at once
    go_on.set()
    person.join(20)
    daemon.join(20)
    assert kept and kept[0]["state"] == "kept"
    monitor.retry_hides("facebook", PollResult("facebook"))  # nothing left pending
    now, remote = _agree(app, sandbox, row)
    assert now.state == "kept" and not remote["hidden"]


# --- 2. Graph's 100/33 -------------------------------------------------------------------


def test_the_sandbox_answers_a_deleted_comment_as_graph_does(make_app, sandbox):
    """Graph's body for an object that is not there or may not be loaded: HTTP 400,
    GraphMethodException, code 100, subcode 33, its documentation link at the end (the
    sandbox said OAuthException and left the link out)."""
    _app, _adapter_for, remote = _world(make_app, sandbox)
    remote_comment = _comment(sandbox, "facebook", remote, PLAIN)
    requests.delete(f"{sandbox.url}/_sandbox/comments/{remote_comment}", timeout=5)
    env = sandbox_env(sandbox.url, "sandbox")
    answer = requests.post(f"{env['FACEBOOK_API_BASE']}/v25.0/{remote_comment}", timeout=5,
                           headers={"Authorization": f"Bearer {env['FACEBOOK_PAGE_TOKEN']}"},
                           data={"is_hidden": "true"})
    assert answer.status_code == 400
    error = answer.json()["error"]
    assert (error["type"], error["code"], error["error_subcode"]) == \
        ("GraphMethodException", 100, 33)
    assert error["message"] == (
        f"Unsupported post request. Object with ID '{remote_comment}' does not exist, cannot "
        "be loaded due to missing permissions, or does not support this operation. Please "
        "read the Graph API documentation at https://developers.facebook.com/docs/graph-api")


@pytest.mark.parametrize("action", ["hide", "delete", "keep"])
def test_a_deleted_facebook_comment_is_one_clear_sentence_and_not_recorded_deleted(
        make_app, sandbox, monkeypatch, action):
    """Before: "comment 1: hide failed on facebook: facebook: code 100/33 (HTTP 400) on POST
    /v25.0/...: Unsupported post request. Object with ID ..." Now one sentence with both
    possibilities and what to run; the comment stays as it was (it may still be visible)."""
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch)
    if action == "keep":  # a keep calls the platform only to unhide
        assert Monitor(app, adapter_for, "w1", CONFIG).hide("facebook", row.id, row.remote_id)
    before = _row(app, row.id).state
    requests.delete(f"{sandbox.url}/_sandbox/comments/{row.remote_id}", timeout=5)
    with pytest.raises(UserError) as refused:
        resolve_comment(app, "Pat Author", row.id, action, adapters=adapter_for,
                        keep_reason="not_phi")
    said = str(refused.value)
    assert said.startswith(f"comment {row.id}: {action} failed on facebook: {EITHER}")
    assert CHECK in said and "Unsupported" not in said and "HTTP 400" not in said
    assert said.count(". ") == 0  # one sentence
    now = _row(app, row.id)
    assert now.state == before and CHECK in (now.last_error or "")


def test_a_facebook_comment_still_there_answered_100_33_is_not_recorded_deleted(
        make_app, sandbox, monkeypatch):
    """The same answer for a comment still there (the token may not load it: the sandbox's
    100_33 fault): the policy's hide keeps waiting, a person's delete is refused with the
    same sentence, and the comment is on Facebook and in the queue as before."""
    app, adapter_for, row = _pending_hide(make_app, sandbox, monkeypatch)
    fault = requests.post(f"{sandbox.url}/_sandbox/faults", timeout=5,
                          json={"platform": "facebook", "mode": "100_33", "every": 1})
    assert fault.status_code == 200, fault.text
    try:
        monitor = Monitor(app, adapter_for, "w1", CONFIG)
        assert not monitor.hide("facebook", row.id, row.remote_id)
        assert _row(app, row.id).state == "hide_pending"
        with pytest.raises(UserError, match="either the comment was deleted on Facebook"):
            resolve_comment(app, "Pat Author", row.id, "delete", adapters=adapter_for)
    finally:
        requests.post(f"{sandbox.url}/_sandbox/faults", timeout=5,
                      json={"platform": "facebook", "mode": "100_33", "every": 0})
    now = _row(app, row.id)
    assert now.state == "hide_pending" and CHECK in (now.last_error or "")
    remote = _on_platform(sandbox, row.remote_id)
    assert not remote["deleted"] and not remote["hidden"]
    assert Monitor(app, adapter_for, "w1", CONFIG).hide("facebook", row.id, row.remote_id)


def test_a_reply_to_a_deleted_facebook_comment_fails_with_the_sentence(make_app, sandbox):
    """The daemon's reply to a comment deleted meanwhile: the delivery's error said Graph's
    raw words; now the sentence, naming the comment."""
    app, adapter_for, remote = _world(make_app, sandbox)
    remote_comment = _comment(sandbox, "facebook", remote, PLAIN)
    Monitor(app, adapter_for, "w1", CONFIG).run_platform("facebook")
    comment_id = list_comments(app)[0]["id"]
    reply_id, _ = reply_to_comment(app, PAT, comment_id, text="Yes, until noon.")
    approve(app, DANA, reply_id)
    approve(app, LUIS, reply_id)
    requests.delete(f"{sandbox.url}/_sandbox/comments/{remote_comment}", timeout=5)
    Publisher(app, adapter_for, "w1", CONFIG).run_lane("facebook")
    error = show_post(app, reply_id)["deliveries"][0]["last_error"] or ""
    assert f"either the comment {remote_comment} this reply answers was deleted" in error
    assert "socialbot check facebook" in error and "Unsupported" not in error


def test_reading_the_comments_of_a_post_gone_from_facebook_says_both(sandbox):
    """The poll and the edit re-read of a post Facebook no longer shows: the sentence about
    the post (the monitor logs it), not Graph's words."""
    adapter = adapter_class("facebook").from_env(sandbox_env(sandbox.url, "sandbox"))
    with pytest.raises(NotVisible) as refused:
        adapter.fetch_comments("1_999999", None)
    assert str(refused.value).startswith("either the post 1_999999 was deleted on Facebook")
    # the edit re-read pages the same edge (s54-fbedits): the same sentence
    with pytest.raises(NotVisible) as refused:
        adapter.reread_paged("1_999999", [], max_pages=1)
    assert str(refused.value).startswith("either the post 1_999999 was deleted on Facebook")
