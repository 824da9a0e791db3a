"""Session 52's newcomer walk-through, the items it left ("polish"): each pinned here. The
posts, comments, names and ids are written for these tests (synthetic).

1. A LinkedIn commenter showed as its member URN ("urn:li:person:..."): LinkedIn's
   comments API gives no name, so "a LinkedIn member".
2. At 80 columns `post show` cut the platform id and account, `consent list` the form's
   reference: they are on lines of their own now.
3. `comments reply --help` said "Templates (from policy.toml)" for a policy holding none.
4. `socialbot sandbox` named `POST /_sandbox/comments` and not how to call it.
5. `comments resolve` printed its result on stderr.
6. README did not say where trying the chat door on one machine is described.
7. `post show --json` lacked the code a chat-only approver types, where chat shows one.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import requests
from dates_ahead import a_year_ahead
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_comments_review import published_facebook_post
from test_daemon_helpers import AUTHOR
from test_session51_read_in_cli import _post
from test_web_support import capture_fixture, chat_app_fixture  # noqa: F401 - fixtures

from social_bot import outbox
from social_bot.consents import add_consent
from social_bot.db.models import Comment, Delivery, Post, Revision
from social_bot.posts import create_post, prepare_draft, show_post
from social_bot.revision_code import shown_code

ROOT = Path(__file__).resolve().parent.parent
sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
MEMBER = "urn:li:person:Q7x2Rk9TzA"


def _linkedin_comment(app, author: str = MEMBER, flagged: bool = False) -> int:  # noqa: ANN001
    with app.db.write() as session:
        post = Post(status="published", author="Pat Author", current_revision=1)
        post.revisions.append(Revision(number=1, text="Open house Saturday",
                                       platforms=["linkedin"], media=[],
                                       content_hash="d" * 64, created_by="Pat"))
        post.deliveries.append(Delivery(platform="linkedin", status="published",
                                        remote_id="urn:li:share:7000000000000000001",
                                        attempts=1))
        session.add(post)
        session.flush()
        flags = [{"flag": "negative", "score": 0.9, "reason": "a complaint"}] if flagged else []
        row = Comment(delivery_id=post.deliveries[0].id, post_id=post.id, platform="linkedin",
                      remote_id="urn:li:comment:(urn:li:activity:1,2)", author=author,
                      text="The parking was full again", flags=flags,
                      state="flagged" if flagged else "new")
        session.add(row)
        session.flush()
        if flagged:
            outbox.add(session, outbox.CommentFlagged(post_id=post.id, comment_id=row.id,
                                                      platform="linkedin",
                                                      flags=("negative",), auto_hide=False))
        return row.id


# --- 1. a LinkedIn commenter ----------------------------------------------------------------


@sqlite_only
def test_a_linkedin_commenter_reads_as_a_member_not_a_urn(make_app, invoke) -> None:  # noqa: ANN001, F811
    app = make_app()
    _linkedin_comment(app)
    listed = invoke(app, "comments", "list")
    assert listed.exit_code == 0
    assert "a LinkedIn member" in listed.stdout and "urn:li:person" not in listed.output
    [row] = json.loads(invoke(app, "comments", "list", "--json").stdout)
    assert row["author"] == "a LinkedIn member"


def test_a_commenter_name_the_platform_gives_is_kept() -> None:
    from social_bot.comments import commenter

    assert commenter("facebook", "Sam Rivera") == "Sam Rivera"
    assert commenter("x", "urn:li:person:abc") == "urn:li:person:abc"  # only LinkedIn's URNs
    assert commenter("linkedin", "urn:li:organization:2414183") == "a LinkedIn organization"
    assert commenter("linkedin", "Sam Rivera") == "Sam Rivera"  # a name, should one come


def test_a_linkedin_comment_card_names_a_member(chat_app, capture) -> None:  # noqa: ANN001, F811
    """The card said "[commenter name]" (the URN has digits, so the guard withheld it)."""
    from social_bot.notify import deliver_outbox

    _linkedin_comment(chat_app, flagged=True)
    assert deliver_outbox(chat_app, capture.url, limit=10) >= 1
    body = next(r["body"] for r in capture.wait_for(1) if r["body"]["text"].startswith("Comment"))
    card = json.dumps(body)
    assert "From: a LinkedIn member" in card and "urn:li:person" not in card


# --- 2. nothing needed is cut at 80 columns -------------------------------------------------

PLATFORM_ID = "100000000000001_200000000000002"
ACCOUNT = "100000000000001 Cedar Creek Family Clinic"


@sqlite_only
def test_post_show_at_80_columns_keeps_the_platform_id_and_account(
        make_app, invoke, monkeypatch) -> None:  # noqa: ANN001, F811
    monkeypatch.setenv("COLUMNS", "80")
    app = make_app()
    with app.db.write() as session:
        post = published_facebook_post(session)
        post.deliveries[0].remote_id, post.deliveries[0].account = PLATFORM_ID, ACCOUNT
        post_id = post.id
    shown = invoke(app, "post", "show", str(post_id))
    assert shown.exit_code == 0, shown.output
    assert f"facebook: platform id {PLATFORM_ID}, account {ACCOUNT}" in shown.stdout
    assert max(len(line) for line in shown.stdout.splitlines()
               if "│" in line or "┃" in line) <= 80


@sqlite_only
def test_consent_list_at_80_columns_keeps_the_form_reference(
        make_app, invoke, monkeypatch) -> None:  # noqa: ANN001, F811
    monkeypatch.setenv("COLUMNS", "80")
    app = make_app()
    form = "SCAN-2026-000-0417-cabinet-B"
    cid = add_consent(app, AUTHOR, "Ilse Marchetti", ["name", "photo"], a_year_ahead(),
                      form_ref=form)
    listed = invoke(app, "consent", "list")
    assert listed.exit_code == 0, listed.output
    assert f"#{cid} form: {form}" in listed.stdout


# --- 3. whose templates ---------------------------------------------------------------------


def test_reply_help_says_the_templates_are_built_in_when_the_policy_adds_none(
        tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from social_bot.cli.comments_cmd import reply_templates

    policy = tmp_path / "policy.toml"
    base = (ROOT / "social_bot" / "policy.example.toml").read_text()
    assert "reply_templates" not in base.replace("# ", "")  # the example adds none
    policy.write_text(base)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("SOCIALBOT_POLICY", str(policy))
    _templates, whose = reply_templates()
    assert whose == f"built in; {policy} adds none"
    policy.write_text(base + '\n[moderation.reply_templates]\nparking = "Sorry about the '
                      'parking: the side lot opens at 8."\n')
    templates, whose = reply_templates()
    assert whose == f"built in, and parking from {policy}" and "parking" in templates


# --- 4. the sandbox says how to send a test comment -----------------------------------------


def test_the_sandbox_example_comment_is_one_the_sandbox_takes() -> None:
    from social_bot.cli.sandbox_cmd import comment_example
    from social_bot.sandbox import start_sandbox

    server = start_sandbox(0)
    try:
        line = next(x for x in comment_example(server.url) if "curl" in x)
        assert f"-X POST {server.url}/_sandbox/comments" in line
        body = re.search(r"-d '(\{.*\})'", line)[1]
        answer = requests.post(f"{server.url}/_sandbox/comments", data=body.encode(),
                               headers={"Content-Type": "application/json"}, timeout=10)
        # POST_ID is a placeholder: the shape is taken, only the post is unknown
        assert answer.status_code == 404
        assert "no facebook post 'POST_ID'" in answer.text
    finally:
        server.stop()


def test_the_sandbox_command_prints_the_example() -> None:
    import os
    import signal
    import threading
    import time

    from click.testing import CliRunner

    from social_bot.cli.sandbox_cmd import sandbox

    before = signal.getsignal(signal.SIGTERM)

    def stop_it() -> None:  # SIGTERM once the command's own handler is in place
        ends = time.monotonic() + 60
        while signal.getsignal(signal.SIGTERM) is before and time.monotonic() < ends:
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=stop_it, daemon=True).start()
    result = CliRunner().invoke(sandbox, ["--port", "0"])
    assert result.exit_code == 0, result.output
    url = re.search(r"sandbox listening on (\S+)", result.stderr)[1]
    assert f"curl -s -X POST {url}/_sandbox/comments" in result.stderr
    assert "curl" not in result.stdout  # the .env file stays settings only


# --- 5. resolve's result on stdout ----------------------------------------------------------


@sqlite_only
def test_comments_resolve_prints_its_result_on_stdout(make_app, invoke,  # noqa: ANN001, F811
                                                      monkeypatch) -> None:
    from test_comments_review import RecordingAdapter

    adapter = RecordingAdapter()
    monkeypatch.setattr("social_bot.comments._default_adapters", lambda _app: lambda _p: adapter)
    app = make_app()
    comment_id = _linkedin_comment(app, flagged=True)
    done = invoke(app, "comments", "resolve", str(comment_id), "--action", "keep")
    assert done.exit_code == 0, done.output
    assert done.stdout.strip() == f"comment {comment_id} is now kept"


# --- 6. README points to the one-machine chat recipe ----------------------------------------


def test_readme_points_to_trying_the_chat_door_on_one_machine() -> None:
    readme = (ROOT / "README.md").read_text()
    where = re.search(r'(docs/[a-z/]+\.md), "(Trying the Mattermost door on one machine)"',
                      readme)
    assert where is not None
    target = (ROOT / where[1]).read_text()
    at = target.index(where[2])
    assert "curl -s 127.0.0.1:8787/mattermost/commands" in target[at:at + 1200]


# --- 7. post show --json and the code -------------------------------------------------------


@sqlite_only
def test_post_show_json_gives_the_code_where_chat_shows_the_post_in_full(
        make_app, invoke) -> None:  # noqa: ANN001, F811
    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(app, "Flu shots every weekday from 9.",
                                                     ["facebook"]))
    detail = json.loads(invoke(app, "post", "show", str(post_id), "--json").stdout)
    assert detail["code"] == shown_code(detail["revision"], detail["revision_hash"])
    assert "code_note" not in detail


@sqlite_only
def test_post_show_json_gives_no_code_for_a_post_chat_cannot_show_in_full(
        make_app, invoke) -> None:  # noqa: ANN001, F811
    app = make_app()
    post_id = _post(app)  # too long for chat
    detail = json.loads(invoke(app, "post", "show", str(post_id), "--json").stdout)
    assert detail["code"] is None
    assert detail["code_note"].startswith("chat cannot show revision 1 in full (its text is "
                                          "too long for chat)")
    code = shown_code(detail["revision"], detail["revision_hash"])
    assert code in invoke(app, "post", "show", str(post_id)).stdout  # the text form has it
    assert show_post(app, post_id)["revision_hash"] == detail["revision_hash"]


@sqlite_only
def test_post_show_json_of_a_post_not_waiting_gives_no_code(make_app, invoke) -> None:  # noqa: ANN001, F811
    app = make_app()
    with app.db.write() as session:
        post_id = published_facebook_post(session).id
    detail = json.loads(invoke(app, "post", "show", str(post_id), "--json").stdout)
    assert detail["code"] is None
    assert detail["code_note"] == "the post is not waiting for approval"
