"""Session 44: reply posts (`socialbot comments reply`), attacked from outside.

A reply is screened and approved like any post, but it is read under a comment: the
approvers must see that comment, a reply approved for one comment must not go out under
other words, and nothing may be sent that the platform cannot take (a deleted comment, an
image a reply cannot carry). Real HTTP to the sandbox where a platform is involved.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
from test_cli_hostile import run_main
from test_comments_review import published_facebook_post
from test_daemon_helpers import DANA, LUIS, approved_post

from adapters import adapter_class
from adapters.base import NeedsAction
from social_bot import audit
from social_bot.approvals import approve
from social_bot.chat.guard import post_for_chat, release, require_cleared
from social_bot.chat.render import SLACK, post_card, post_summary
from social_bot.comments import list_comments, reply_to_comment, resolve_comment
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment, Post
from social_bot.errors import UserError
from social_bot.posts import Staff, edit_post, show_post
from social_bot.sandbox import sandbox_env

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10,
                      edit_sweep_interval=1e-6)  # every poll re-reads for edits
PAT = Staff("Pat Author", "pat")
QUESTION = "Do you take walk-ins on Saturday mornings?"
ANSWER = "Yes, walk-ins are welcome until noon. See you then!"
# the commenter's edit, after the reply was approved: the reply now confirms a diagnosis
EDITED = "Is the hepatitis C clinic private? I get my treatment there"


def _world(make_app: Any, sandbox: Any, platform: str) -> tuple[Any, Publisher, Monitor, str]:
    """A post published on ``platform`` through the sandbox: (app, publisher, monitor,
    the post's remote id)."""
    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app()
    env = sandbox_env(sandbox.url, "sandbox")

    def adapter_for(name: str) -> Any:
        return adapter_class(name).from_env(env)

    publisher = Publisher(app, adapter_for, "w1", CONFIG)
    post_id = approved_post(app, "Flu shots all week", [platform])
    publisher.run_lane(platform)
    remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
    return app, publisher, Monitor(app, adapter_for, "w1", CONFIG), remote


def _comment(sandbox: Any, platform: str, remote: str, text: str) -> str:
    answer = requests.post(sandbox.url + "/_sandbox/comments", timeout=5, json={
        "platform": platform, "post_id": remote, "text": text, "author": "casey"})
    assert answer.status_code < 400, answer.text
    return str(answer.json()["id"])


def _our_replies(sandbox: Any) -> list[dict[str, Any]]:
    return [c for c in requests.get(sandbox.url + "/_sandbox/comments", timeout=5).json()
            if c.get("parent_id") and c["author"] != "casey"]


def _requests(sandbox: Any, platform: str) -> int:
    return int(requests.get(sandbox.url + "/_sandbox/quota", timeout=5)
               .json()["requests"].get(platform, 0))


def _approved_reply(app: Any, comment_id: int, text: str = ANSWER) -> int:
    reply_id, _ = reply_to_comment(app, PAT, comment_id, text=text)
    approve(app, DANA, reply_id)
    assert approve(app, LUIS, reply_id).status == "approved"
    return reply_id


# --- a comment edited after its reply was written --------------------------------------


@pytest.mark.parametrize("platform", ["facebook", "linkedin"])
def test_a_reply_is_withdrawn_when_its_comment_is_edited(make_app, sandbox, platform):
    """Before: "See you then!", approved under a question about walk-ins, went out under
    the commenter's edit naming their treatment (the reply confirmed they are a patient)."""
    app, publisher, monitor, remote = _world(make_app, sandbox, platform)
    remote_comment = _comment(sandbox, platform, remote, QUESTION)
    monitor.run_platform(platform)
    comment_id = list_comments(app)[0]["id"]
    approved = _approved_reply(app, comment_id)
    pending, _ = reply_to_comment(app, PAT, comment_id, text="Saturday 8 to noon, yes.")

    answer = requests.patch(f"{sandbox.url}/_sandbox/comments/{remote_comment}", timeout=5,
                            json={"text": EDITED})
    assert answer.status_code == 200, answer.text
    assert monitor.run_platform(platform).edited == 1
    result = publisher.run_lane(platform)

    assert result.published == 0 and _our_replies(sandbox) == []
    for reply_id in (approved, pending):
        detail = show_post(app, reply_id)
        assert detail["status"] == "cancelled"
        assert f"comment {comment_id} was edited on {platform}" in detail["status_reason"]
        assert [d["status"] for d in detail["deliveries"]] == ["cancelled"]
    with app.db.read() as session:
        assert audit.verify(session).ok
    # the author reads the new words and answers them: that reply goes out
    fresh = _approved_reply(app, comment_id, "Please call our office about this.")
    assert publisher.run_lane(platform).published == 1
    assert show_post(app, fresh)["status"] == "published"


def test_an_edit_leaves_published_replies_alone(make_app, sandbox):
    app, publisher, monitor, remote = _world(make_app, sandbox, "facebook")
    remote_comment = _comment(sandbox, "facebook", remote, QUESTION)
    monitor.run_platform("facebook")
    reply_id = _approved_reply(app, list_comments(app)[0]["id"])
    assert publisher.run_lane("facebook").published == 1
    requests.patch(f"{sandbox.url}/_sandbox/comments/{remote_comment}", timeout=5,
                   json={"text": EDITED})
    assert monitor.run_platform("facebook").edited == 1
    assert show_post(app, reply_id)["status"] == "published"


# --- a deleted comment --------------------------------------------------------------------


def test_a_reply_to_a_deleted_comment_is_not_sent(make_app, sandbox):
    """Before: the daemon called the platform anyway and the reply failed with Graph's
    "Unsupported post request. Object with ID ... does not exist"."""
    app, publisher, monitor, remote = _world(make_app, sandbox, "facebook")
    _comment(sandbox, "facebook", remote, QUESTION)
    monitor.run_platform("facebook")
    comment_id = list_comments(app)[0]["id"]
    reply_id = _approved_reply(app, comment_id)
    resolve_comment(app, "Dana Whitfield", comment_id, "delete", monitor.adapter_for)

    calls = _requests(sandbox, "facebook")
    assert publisher.run_lane("facebook").published == 0
    assert _requests(sandbox, "facebook") == calls  # the platform was not asked
    [delivery] = show_post(app, reply_id)["deliveries"]
    assert delivery["status"] == "failed"
    assert delivery["last_error"] == (f"comment {comment_id} was deleted on facebook (by Dana "
                                      "Whitfield); there is nothing to reply to")


# --- what approvers see -----------------------------------------------------------------


@pytest.fixture
def comments(db):  # noqa: ANN201
    """A published Facebook post with a plain question and a hidden comment flagged phi."""
    with db.write() as session:
        post = published_facebook_post(session)
        delivery = post.deliveries[0]
        plain = Comment(delivery_id=delivery.id, post_id=post.id, platform="facebook",
                        remote_id="200_1", author="Casey Lin", text=QUESTION, flags=[],
                        state="new")
        hidden = Comment(delivery_id=delivery.id, post_id=post.id, platform="facebook",
                         remote_id="200_2", author="Wendell Ruiz",
                         text="my hepatitis C treatment starts here Tuesday",
                         flags=[{"flag": "phi", "score": 0.9, "reason": "health detail"}],
                         state="hidden", hidden_on_platform=True)
        session.add_all([plain, hidden])
        session.flush()
        return plain.id, hidden.id


def test_the_approval_card_shows_the_comment_a_reply_answers(make_app, comments):
    """Before: the card showed "See you Tuesday!" and nothing else; nobody voting could tell
    it was a reply, let alone to what."""
    app = make_app()
    plain, _ = comments
    reply_id, _ = reply_to_comment(app, PAT, plain, text=ANSWER)
    detail = post_for_chat(show_post(app, reply_id), app)
    summary = post_summary(detail, 2, SLACK)
    assert f"Comment {plain}" in summary and QUESTION in summary and "Casey Lin" in summary
    card = json.dumps(require_cleared(release(app, {"blocks": post_card(detail, 2)})))
    assert "In reply to" in card and QUESTION in card


def test_a_reply_to_a_health_comment_shows_it_withheld_in_chat(make_app, comments):
    """Chat gets the comment as a flagged-comment card shows it: a comment about someone's
    health without its words or the commenter's name (they stay in the CLI)."""
    app = make_app()
    _, hidden = comments
    reply_id, _ = reply_to_comment(app, PAT, hidden, template="phi")
    detail = post_for_chat(show_post(app, reply_id), app)
    text = post_summary(detail, 2, SLACK) + json.dumps(post_card(detail, 2))
    assert f"Comment {hidden}" in text and "text withheld from chat" in text
    assert "hepatitis" not in text and "Wendell" not in text and "Ruiz" not in text
    # without the app to screen it, nothing of the comment is shown
    bare = post_summary(post_for_chat(show_post(app, reply_id)), 2, SLACK)
    assert "hepatitis" not in bare and "Wendell" not in bare


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_post_show_says_what_a_reply_answers(make_app, comments, cli_env, monkeypatch):
    app = make_app()
    plain, _ = comments
    reply_id, _ = reply_to_comment(app, PAT, plain, text=ANSWER)
    for name, value in cli_env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_main(("post", "show", str(reply_id)))
    assert code == 0, err
    flat = " ".join(out.split())
    assert f"In reply to comment {plain} on facebook (new) from Casey Lin: {QUESTION}" in flat


# --- what a reply can carry -------------------------------------------------------------


def test_a_reply_cannot_be_given_an_image(make_app, comments, tmp_path):
    """Before: the edit was accepted, approvers saw "Media: 1 image(s)" and its alt text on
    the card, and the reply went out without them, shown as published."""
    from PIL import Image

    app = make_app()
    reply_id, _ = reply_to_comment(app, PAT, comments[0], text=ANSWER)
    image = tmp_path / "flyer.png"
    Image.new("RGB", (64, 64), (200, 30, 30)).save(image)
    with pytest.raises(UserError, match="a reply is text only"):
        edit_post(app, PAT, reply_id, media=[str(image)], alts=["Our flu clinic flyer"])
    detail = show_post(app, reply_id)
    assert detail["revision"] == 1 and detail["media"] == []
    assert not list((tmp_path / "data" / "media").glob("*"))  # nothing left on disk


# --- the X sandbox's reply rule ---------------------------------------------------------


@pytest.mark.parametrize(("text", "allowed"), [
    ("@Sandbox_Practice do you take walk-ins?", True),
    ("do you take walk-ins? cc @sandbox_practice.", True),
    ("@sandbox_practice_fans do you take walk-ins?", False),   # another account
    ("write to me@sandbox_practice about walk-ins", False),    # not a mention
    ("do you take walk-ins?", False),
])
def test_the_x_sandbox_takes_only_a_real_mention(sandbox, text, allowed):
    """X lets a self-serve app reply only where the author mentioned the account: a longer
    handle that starts with ours is someone else (the sandbox had taken it as a mention)."""
    env = sandbox_env(sandbox.url, "sandbox")
    x = adapter_class("x").from_env(env)
    post = x.publish("Flu shots all week", [])
    comment = _comment(sandbox, "x", post.id, text)
    if allowed:
        assert x.reply_to_comment(post.id, comment, "Yes, until noon.").id
    else:
        with pytest.raises(NeedsAction):
            x.reply_to_comment(post.id, comment, "Yes, until noon.")



# --- the same reply twice ---------------------------------------------------------------


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_the_same_reply_is_not_queued_twice(make_app, comments, cli_env, monkeypatch):
    """`comments reply` prints its id only at the end: a script that retried after a
    timeout queued a second, identical reply, and two pairs of approvals sent both."""
    app = make_app()
    plain, _ = comments
    first, _ = reply_to_comment(app, PAT, plain, text=ANSWER)
    for name, value in cli_env.items():
        monkeypatch.setenv(name, value)
    code, out, err = run_main(("comments", "reply", str(plain), "--text", ANSWER))
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        f"error: comment {plain} already has this reply: post {first} (pending_approval); to "
        f"queue it again, cancel that one first (`socialbot post cancel {first}`)"]
    with app.db.read() as session:
        assert session.query(Post).filter(Post.reply_to_comment_id == plain).count() == 1
    # other words, or the same once the first is cancelled: queued
    other, _ = reply_to_comment(app, PAT, plain, text="Yes, until noon.")
    assert other != first
    from social_bot.posts import cancel_post

    cancel_post(app, PAT, first)
    again, _ = reply_to_comment(app, PAT, plain, text=ANSWER)
    assert show_post(app, again)["status"] == "pending_approval"
