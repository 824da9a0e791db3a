"""Session 54's attack review (report only): each test replays one finding and is marked
xfail(strict=True) until the product is fixed (docs/history/security.md). The texts are the
reviewer's own; no devset or blind-set line is used."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from sqlalchemy import select
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_witness_session52 import logins  # noqa: F401 - the fixture

from adapters import adapter_class
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.monitor import ANALYSED_CHARS, Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment
from social_bot.posts import Staff, show_post
from social_bot.sandbox import sandbox_env

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10)
PAT = Staff("Pat Author", "pat")
# the reviewer's own words: a third party's name, birth date, record number and treatment
NEIGHBOUR = ("Saw my coworker Marisol Quintero in your waiting room again, DOB 07/22/1979, "
             "chart 5518203, she's on dialysis there three times a week.")


def _published(make_app: Any, sandbox: Any, platform: str, screener: Any = "real"
               ) -> tuple[Any, Any, str]:
    """A post published on ``platform`` through the sandbox: (app, adapter_for, remote id)."""
    from test_daemon_helpers import approved_post

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app(screener=None) if screener == "real" else make_app()
    env = sandbox_env(sandbox.url, "sandbox")

    def adapter_for(name: str) -> Any:
        return adapter_class(name).from_env(env)

    post_id = approved_post(app, "Our lobby has new chairs", [platform])
    Publisher(app, adapter_for, "w1", CONFIG).run_lane(platform)
    remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
    assert remote
    return app, adapter_for, remote


def _inject(sandbox: Any, platform: str, remote: str, text: str, author: str) -> str:
    answer = requests.post(sandbox.url + "/_sandbox/comments", timeout=30, json={
        "platform": platform, "post_id": remote, "text": text, "author": author})
    assert answer.status_code < 400, answer.text
    return str(answer.json()["id"])


# --- C1: a PHI comment padded past ANALYSED_CHARS is never auto-hidden --------------------


@sqlite_only
def test_c1_phi_comment_padded_with_whitespace_is_still_hidden(make_app, sandbox) -> None:
    app, adapter_for, remote = _published(make_app, sandbox, "facebook")
    # the padding renders as nothing after the words; a reader on the platform sees only them
    padded = NEIGHBOUR + "\n" + " " * ANALYSED_CHARS
    assert len(padded) > ANALYSED_CHARS
    _inject(sandbox, "facebook", remote, NEIGHBOUR, "plain")
    _inject(sandbox, "facebook", remote, padded, "padder")
    result = Monitor(app, adapter_for, "w1", CONFIG).run_platform("facebook")
    assert result.failed == 0 and result.stored == 2
    with app.db.read() as session:
        rows = {c.author: (c.state, c.hidden_on_platform) for c in session.scalars(
            select(Comment))}
    assert rows["plain"] == ("hidden", True)  # the same words unpadded: hidden at once
    assert rows["padder"] == ("hidden", True), rows["padder"]


# --- C2: a reply longer than the platform takes for a comment passes every check ----------


@sqlite_only
def test_c2_linkedin_reply_over_the_comment_limit_is_refused_when_queued(
        make_app, sandbox) -> None:
    from social_bot.comments import list_comments, reply_to_comment
    from social_bot.errors import UserError

    app, adapter_for, remote = _published(make_app, sandbox, "linkedin", screener="stand-in")
    _inject(sandbox, "linkedin", remote, "Do you have parking for wheelchair vans?", "casey")
    Monitor(app, adapter_for, "w1", CONFIG).run_platform("linkedin")
    comment_id = list_comments(app)[0]["id"]
    # 1,300 characters: under LinkedIn's 3,000 for a post, over its 1,250 for a comment
    long_reply = ("Yes: the north lot has four van spaces with side ramps, and our front desk "
                  "can hold one for you if you call ahead. ") * 12
    long_reply = long_reply[:1300].rstrip() + "."
    assert 1250 < len(long_reply) < 3000
    from social_bot.app import _platform_validator

    app._validator = _platform_validator  # the real adapters' checks, as the CLI runs them
    with pytest.raises(UserError):
        reply_to_comment(app, PAT, comment_id, text=long_reply)


# --- P1: a card drawn from a tampered revision row carries the real revision's Approve ----


def _buttons(blocks: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(blocks, dict):
        if blocks.get("type") == "button":
            found.append(blocks)
        for value in blocks.values():
            found += _buttons(value)
    elif isinstance(blocks, list):
        for value in blocks:
            found += _buttons(value)
    return found


def test_p1_card_from_a_tampered_row_cannot_approve_the_real_text(make_app) -> None:
    import json

    from sqlalchemy import update
    from test_daemon_helpers import AUTHOR, DANA, LUIS

    from social_bot import outbox
    from social_bot.chat.actions import handle_action
    from social_bot.chat.render import APPROVE
    from social_bot.db.models import Revision
    from social_bot.notify import render
    from social_bot.posts import create_post, prepare_draft

    app = make_app()
    real = "Our new weight-loss injection cures type 2 diabetes in four weeks. Book now."
    decoy = "Flu shots are available every weekday morning this month."
    post_id = create_post(app, AUTHOR, prepare_draft(app, real, ["linkedin"], None))
    shown_hash = show_post(app, post_id)["revision_hash"]

    def set_text(text: str) -> None:  # what any login that can write the database can do
        with app.db.write() as session:
            session.execute(update(Revision).where(Revision.post_id == post_id)
                            .values(text=text))

    set_text(decoy)  # while the daemon draws the waiting card (outbox, notify.render)
    body = render(app, outbox.PostPendingApproval(post_id=post_id, revision=1,
                                                  revision_hash=shown_hash))
    set_text(real)   # and back before anyone clicks
    assert body is not None
    card = json.dumps(body)
    approve_buttons = [b for b in _buttons(body["blocks"]) if b["action_id"] == APPROVE]
    for approver in (DANA, LUIS):
        for button in approve_buttons:
            handle_action(app, approver, APPROVE, button["value"])
    detail = show_post(app, post_id)
    # the approvers read only the decoy; the real text must not be approved by their clicks
    assert not (decoy in card and approve_buttons and detail["status"] == "approved"), (
        detail["status"], [b["value"] for b in approve_buttons])


# --- C3: a third party's name and birth date written with spaces between the letters -----


def test_c3_letter_spaced_identifiers_are_still_phi(screened_classifier) -> None:
    from policies.moderation import ModerationPolicy, should_auto_hide

    def spaced(word: str) -> str:
        return " ".join(word)

    plain = ("Saw my coworker Marisol Quintero in your dialysis unit again, her birthday is "
             "07/22/1979")
    hostile = (f"Saw my coworker {spaced('Marisol')}  {spaced('Quintero')} in your dialysis "
               f"unit again, her birthday is {spaced('07/22/1979')}")
    policy = ModerationPolicy()
    assert should_auto_hide(screened_classifier.classify(plain), policy)  # holds on main
    flags = screened_classifier.classify(hostile)
    assert "phi" in {f.flag for f in flags}, [(f.flag, f.score) for f in flags]
    assert should_auto_hide(flags, policy)


# --- P2: `post witness` vouches for the stored hash after showing a tampered row ---------


def test_p2_post_witness_refuses_a_row_that_does_not_match_its_hash(
        make_app, policy_file, logins, invoke, monkeypatch) -> None:  # noqa: ANN001, F811
    import os

    from sqlalchemy import update
    from test_witness_session52 import ON, _files, _queued

    from social_bot import witness
    from social_bot.db.models import Revision

    policy_file.write_text(ON, encoding="utf-8")  # [approval] os_witness = true
    door = make_app()
    witness.ensure_spool(door.settings)

    logins[os.geteuid()] = "pat"
    real = "Starting Monday we no longer accept any insurance plan; cash payment only."
    decoy = "Flu shots are walk-in this week, Monday to Thursday until five."
    post_id = _queued(door, text=real)
    for path in _files(door, witness.WROTE, post_id):
        path.unlink()  # as for a revision another login wrote under pat's name
    with door.db.write() as session:  # the other login, holding the database
        session.execute(update(Revision).where(Revision.post_id == post_id).values(text=decoy))
    monkeypatch.setattr("social_bot.cli.posts_cmd.os_login", lambda: "pat")
    result = invoke(door, "post", "witness", str(post_id), "--yes")
    with door.db.write() as session:  # and back, before any vote
        session.execute(update(Revision).where(Revision.post_id == post_id).values(text=real))
    # the row's words are not what the hash names: none of them shown, no witness left
    # (on main pat was shown the decoy and a witness of the real hash was left)
    assert result.exit_code == 2, result.output
    assert decoy not in result.output and real not in result.output
    assert "does not match its hash" in result.output
    assert _files(door, witness.WROTE, post_id) == [], result.output


# --- C4: on Facebook, an edit to a comment older than the newest 500 is never read ------


@sqlite_only
def test_c4_facebook_edit_of_an_old_comment_is_read(make_app, sandbox) -> None:
    app, adapter_for, remote = _published(make_app, sandbox, "facebook", screener="stand-in")
    monitor = Monitor(app, adapter_for, "w1", DaemonConfig(
        retry_base=0.0, retry_cap=0.0, poll_interval=0.0, batch=10,
        edit_sweep_interval=1e-6))  # every poll re-reads for edits
    early = _inject(sandbox, "facebook", remote, "Lovely new chairs in the lobby!", "early")
    monitor.run_platform("facebook")
    with requests.Session() as http:
        for n in range(510):  # a busy post, or one commenter's own burst
            answer = http.post(sandbox.url + "/_sandbox/comments", timeout=30, json={
                "platform": "facebook", "post_id": remote, "text": f"Nice chairs ({n})",
                "author": f"fan{n}"})
            assert answer.status_code < 400, answer.text
    late = _inject(sandbox, "facebook", remote, "The parking is easy now", "late")
    for _ in range(20):  # bounded: store the burst
        if monitor.run_platform("facebook").stored == 0:
            break
    for remote_comment, words in ((late, "The parking is easy now, thanks Marisol"),
                                  (early, "My neighbour Marisol Quintero is on dialysis here")):
        answer = requests.patch(f"{sandbox.url}/_sandbox/comments/{remote_comment}",
                                timeout=5, json={"text": words})
        assert answer.status_code == 200, answer.text
    monitor.run_platform("facebook")
    with app.db.read() as session:
        rows = {c.author: c.text for c in session.scalars(
            select(Comment).where(Comment.author.in_(["early", "late"])))}
    assert rows["late"].endswith("thanks Marisol")  # a recent comment's edit is read (main)
    assert rows["early"].startswith("My neighbour"), rows["early"]
