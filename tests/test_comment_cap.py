"""Issue 14, item 11 (first half): one comment too long to judge no longer stops moderation
of its post. Over real HTTP against the sandbox, with the real classifier and PHI screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import select

from adapters import adapter_class
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import ANALYSED_CHARS, TOO_LONG, Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment
from social_bot.posts import show_post
from social_bot.sandbox import SandboxServer, sandbox_env, start_sandbox

CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10)
PHI_COMMENT = ("Glad to see Dr. Raman again! My neighbor Jane Doe, DOB 03/14/1961, is there "
               "for her chemo too, MRN 4452198.")


@pytest.fixture(scope="module")
def sandbox() -> Iterator[SandboxServer]:
    with start_sandbox(0, token="sandbox") as server:
        yield server


def test_a_huge_comment_is_flagged_and_a_later_phi_comment_still_hidden(make_app, sandbox):
    from test_daemon_helpers import approved_post

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app(screener=None)  # the real PHI screen, as the daemon runs it
    env = sandbox_env(sandbox.url, "sandbox")

    def adapter_for(platform: str):  # noqa: ANN202
        return adapter_class(platform).from_env(env)

    post_id = approved_post(app, "Open house on Friday", ["facebook"])
    Publisher(app, adapter_for, "w1", CONFIG).run_lane("facebook")
    remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
    assert remote

    huge = "I have a lot to say about the parking. " * 28_500  # about 1.1 million characters
    assert len(huge) > 1_000_000 > ANALYSED_CHARS
    for text, author in ((huge, "long_writer"), (PHI_COMMENT, "neighbor")):
        answer = requests.post(sandbox.url + "/_sandbox/comments", timeout=30, json={
            "platform": "facebook", "post_id": remote, "text": text, "author": author})
        assert answer.status_code < 400, answer.text

    result = Monitor(app, adapter_for, "w1", CONFIG).run_platform("facebook")
    assert result.failed == 0 and result.stored == 2

    with app.db.read() as session:
        rows = {c.author: c for c in session.scalars(select(Comment))}
    long_one, phi_one = rows["long_writer"], rows["neighbor"]
    assert len(long_one.text) == len(huge)  # stored whole, for a person to read
    # judged on its first and last ANALYSED_CHARS since session 54 (C1): it may carry other
    # flags too, but nothing that hides it, and it stays before a person
    assert long_one.state == "flagged" and [f["flag"] for f in long_one.flags][-1] == TOO_LONG
    assert not {"phi", "abuse"} & {f["flag"] for f in long_one.flags}
    assert "phi" in [f["flag"] for f in phi_one.flags]
    assert phi_one.state == "hidden" and phi_one.hidden_on_platform
    hidden = {c["text"][:20]: c["hidden"] for c in requests.get(
        sandbox.url + "/_sandbox/comments", timeout=30).json()}
    assert hidden[PHI_COMMENT[:20]] is True
