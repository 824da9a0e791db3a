"""Session 50, a newcomer's first week: what chat and the CLI say next, and that they say
nothing untrue (docs/newcomer_session50.md lists the findings)."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner
from test_comments_review import published_facebook_post
from test_web_support import capture_fixture, chat_app_fixture, new_post  # noqa: F401 - fixtures

from adapters.base import PermanentError
from social_bot.errors import UserError

PHI_FLAG = [{"flag": "phi", "score": 0.9, "reason": "health detail"}]


def _flagged_comment(app, platform: str) -> int:  # noqa: ANN001
    """A comment on ``platform`` flagged phi, with its comment.flagged message queued the way
    the daemon queues it when the policy wants it hidden (auto_hide)."""
    from social_bot import outbox
    from social_bot.db.models import Comment, Delivery

    post_id = new_post(app)
    with app.db.write() as session:
        delivery = session.query(Delivery).filter_by(post_id=post_id, platform="x").one()
        row = Comment(delivery_id=delivery.id, post_id=post_id, platform=platform,
                      remote_id=f"{platform}-c1", author="someone", text="my A1C is 9.2",
                      state="flagged", flags=PHI_FLAG)
        session.add(row)
        session.flush()
        outbox.add(session, outbox.CommentFlagged(post_id=post_id, comment_id=row.id,
                                                  platform=platform, flags=("phi",),
                                                  auto_hide=True))
        return row.id


def _comment_message(capture) -> dict:  # noqa: ANN001
    return next(r["body"] for r in capture.wait_for(2) if r["body"]["text"].startswith("Comment"))


def test_linkedin_flag_never_says_hidden(chat_app, capture):
    """LinkedIn cannot hide a comment: the message said it was hidden while a patient's
    details stayed on the page, and offered a Hide button that could only fail."""
    from social_bot.notify import deliver_outbox

    _flagged_comment(chat_app, "linkedin")
    assert deliver_outbox(chat_app, capture.url, limit=10) == 2
    body = _comment_message(capture)
    assert "hidden on the platform" not in body["text"]
    assert "linkedin cannot hide comments, so it stays visible" in body["text"]
    actions = next(b for b in body["blocks"] if b["type"] == "actions")["elements"]
    assert [a["text"]["text"] for a in actions] == ["Keep", "Delete"]


def test_facebook_flag_still_says_hidden(chat_app, capture):
    from social_bot.notify import deliver_outbox

    _flagged_comment(chat_app, "facebook")
    assert deliver_outbox(chat_app, capture.url, limit=10) == 2
    body = _comment_message(capture)
    assert "and hidden on the platform until someone decides" in body["text"]
    actions = next(b for b in body["blocks"] if b["type"] == "actions")["elements"]
    assert [a["text"]["text"] for a in actions] == ["Keep", "Hide", "Delete"]


class _LinkedInLike:
    """Hides as LinkedIn does: never."""

    def hide_comment(self, comment_id: str) -> None:
        raise PermanentError("linkedin: comments cannot be hidden")


def test_hide_on_linkedin_says_what_to_do_instead(make_app, db):
    from social_bot.comments import resolve_comment
    from social_bot.db.models import Comment

    with db.write() as session:
        post = published_facebook_post(session)
        row = Comment(delivery_id=post.deliveries[0].id, post_id=post.id, platform="linkedin",
                      remote_id="urn:li:comment:1", author="Alma", text="my A1C is 9.2",
                      flags=PHI_FLAG, state="flagged")
        session.add(row)
        session.flush()
        comment_id = row.id
    with pytest.raises(UserError, match="linkedin offers no hiding: delete the comment "
                                        "instead, or keep it"):
        resolve_comment(make_app(), "Dana Whitfield", comment_id, "hide",
                        lambda _p: _LinkedInLike())


def test_blocked_reply_says_how_to_go_on(make_app, db, monkeypatch):
    from social_bot.cli import comments_cmd
    from social_bot.db.models import Comment

    with db.write() as session:
        post = published_facebook_post(session)
        row = Comment(delivery_id=post.deliveries[0].id, post_id=post.id, platform="facebook",
                      remote_id="200_9", author="Alma", text="Is the clinic open?", flags=[],
                      state="new")
        session.add(row)
        session.flush()
        comment_id = row.id
    monkeypatch.setattr(comments_cmd, "open_app", lambda: make_app())
    result = CliRunner().invoke(comments_cmd.comments,
                                ["reply", str(comment_id), "--text", "Call us, SSN-LIKE"])
    assert result.exit_code == 0, result.output
    reply_id = result.stdout.strip()
    assert f"socialbot post edit {reply_id} --text" in result.stderr
    assert f"socialbot post show {reply_id}" in result.stderr


def test_classify_help_names_every_flag():
    from policies.moderation.policy import FLAGS
    from social_bot.cli.classify_cmd import classify

    shown = " ".join(CliRunner().invoke(classify, ["--help"]).output.split())
    assert all(flag in shown for flag in FLAGS), shown


def test_no_webhook_is_said_by_check(tmp_path, monkeypatch):
    from social_bot.cli.accounts_cmd import check

    for name in ("SLACK_WEBHOOK_URL", "SOCIALBOT_ENV_FILE", "SOCIALBOT_POLICY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(check, ["linkedin"])
    assert "warning: SLACK_WEBHOOK_URL is not set: approvers are not told" in result.stderr
    monkeypatch.setenv("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/x")
    assert "SLACK_WEBHOOK_URL" not in CliRunner().invoke(check, ["linkedin"]).stderr


def test_no_webhook_is_logged_by_the_daemon_at_start():
    from social_bot.daemon.config import no_chat_channel

    assert no_chat_channel({}) is not None and no_chat_channel({"SLACK_WEBHOOK_URL": " "})
    assert no_chat_channel({"SLACK_WEBHOOK_URL": "https://hooks.slack.com/x"}) is None


def test_daemon_start_warns_without_webhook(make_app, caplog):
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.runner import Daemon

    app = make_app()
    assert not app.settings.env.get("SLACK_WEBHOOK_URL")
    quiet = DaemonConfig(publish_interval=3600, poll_tick=3600, housekeeping_interval=3600)
    daemon = Daemon(app, worker_id="s50", config=quiet, platforms=(), serve_http=False,
                    publish_adapters={}, poll_adapters={})
    caplog.set_level(logging.WARNING, logger="socialbot.daemon")
    daemon.start()
    try:
        (said,) = [r for r in caplog.records if r.getMessage() == "chat.notifications_off"]
        assert said.warning.startswith("SLACK_WEBHOOK_URL is not set")
    finally:
        daemon.stop()


def test_a_reader_of_both_streams_that_stops_early_gets_141():
    """`socialbot sandbox 2>&1 | head -3` (or `comments list 2>&1 | head -1`) exited 120:
    the closed pipe was stderr's too, and what stderr still held failed its last flush at
    shutdown. The README promises 141. Here stderr holds an unflushed line when the pipe
    is found closed, as it did then, but for certain."""
    import os
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)
    # stderr holding bytes it could not write, as click's failed echo left it
    code = ("import io, sys\nfrom social_bot.cli import _pipe_closed\n"
            "sys.stderr = io.TextIOWrapper(open(2, 'wb', buffering=8192, closefd=False))\n"
            "sys.stderr.write('note: a line not yet flushed')\n_pipe_closed()\n")
    try:
        done = subprocess.run([sys.executable, "-c", code], stdout=write_end, stderr=write_end,
                              timeout=45)
    finally:
        os.close(write_end)
    assert done.returncode == 141


def test_classify_says_linkedin_cannot_hide(tmp_path, monkeypatch):
    from social_bot.cli.classify_cmd import classify

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("SOCIALBOT_POLICY", raising=False)
    result = CliRunner().invoke(classify, ["--fast", "You people are idiots and morons."])
    assert result.exit_code == 1, result.output
    assert "would be hidden on the platform until a person reviews it (linkedin cannot hide " \
           "comments: there it stays visible until someone deletes it)" in result.output


def test_a_blocked_posts_deliveries_read_not_sent(make_app, monkeypatch):
    """`post show` of a blocked (or rejected) post listed its deliveries as "pending", read
    as "about to publish"; --json keeps the stored status."""
    from social_bot.cli import posts_cmd
    from social_bot.posts import Staff, create_post, prepare_draft

    app = make_app()
    post_id = create_post(app, Staff("Pat Author", "pat"),
                          prepare_draft(app, "Our lab SSN-LIKE closes early", ["x", "linkedin"]))
    monkeypatch.setattr(posts_cmd, "open_app", lambda: app)
    monkeypatch.setenv("COLUMNS", "200")
    result = CliRunner().invoke(posts_cmd.post, ["show", str(post_id)])
    assert result.exit_code == 0, result.output
    assert result.output.count("not sent (post blocked by the PHI screen)") == 2
    shown = CliRunner().invoke(posts_cmd.post, ["show", str(post_id), "--json"]).output
    assert '"status": "pending"' in shown
