"""A reply to a comment: queued by staff, screened as a reply, approved by two people,
published by the daemon as a reply on the platform (real HTTP against the sandbox)."""

from __future__ import annotations

import requests
from test_daemon_helpers import DANA, LUIS, approved_post

from adapters import build_adapter
from social_bot.approvals import approve
from social_bot.comments import list_comments, reply_to_comment
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment
from social_bot.posts import Staff, show_post
from social_bot.sandbox import sandbox_env

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10)



def test_reply_goes_out_as_a_reply_after_two_approvals(make_app, sandbox):
    app = make_app()
    env = sandbox_env(sandbox.url)
    adapters = {name: build_adapter(name, env) for name in ("facebook",)}
    publisher = Publisher(app, adapters.__getitem__, "w1", CONFIG)
    post_id = approved_post(app, "Flu shots all week", ["facebook"])
    publisher.run_lane("facebook")
    remote_post = show_post(app, post_id)["deliveries"][0]["remote_id"]
    requests.post(f"{sandbox.url}/_sandbox/comments", timeout=5, json={
        "platform": "facebook", "post_id": remote_post, "text": "Do you take walk-ins?",
        "author": "Casey Lin"}).raise_for_status()
    Monitor(app, adapters.__getitem__, "w1", CONFIG).run_platform("facebook")
    comment = list_comments(app)[0]

    reply_id, _draft = reply_to_comment(app, Staff("Pat Author", "pat"), comment["id"],
                                       text="Yes, walk-ins are welcome all week.")
    assert show_post(app, reply_id)["status"] == "pending_approval"
    publisher.run_lane("facebook")  # not approved yet: nothing goes out
    assert _replies(sandbox.url, remote_post) == []

    approve(app, DANA, reply_id)
    approve(app, LUIS, reply_id)
    publisher.run_lane("facebook")
    detail = show_post(app, reply_id)
    assert detail["status"] == "published"
    replies = _replies(sandbox.url, remote_post)
    assert [r["text"] for r in replies] == ["Yes, walk-ins are welcome all week."]
    with app.db.read() as session:
        parent = session.get(Comment, comment["id"])
    assert replies[0]["parent_id"] == parent.remote_id
    posts = requests.get(f"{sandbox.url}/_sandbox/posts", timeout=5).json()["facebook"]
    assert len(posts) == 1  # the reply is not a new post on the page


def _replies(url: str, remote_post: str) -> list[dict]:
    comments = requests.get(f"{url}/_sandbox/comments", timeout=5).json()
    return [c for c in comments if c["post_id"] == remote_post and c.get("parent_id")]
