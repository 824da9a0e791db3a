"""Session 42: what two outside reviews found, replayed.

- Comments: a poll reads a bounded number of pages. More comments than that between two
  polls (Facebook, X), or a post's list longer than that (LinkedIn, which read the first 500
  of every post and never the rest), used to leave comments never stored, judged or hidden.
  A read the bound ends goes on at the next poll; real HTTP to the sandbox, bounds shrunk.
- `comments classify --batch`: a lone carriage return inside a comment split it in two and
  shifted every later verdict onto the wrong line.
- Dismissals: one dismissal cleared every finding with the same words, wherever an edit put
  them; a dismissal an edit carried over was not trusted at publish, so the edited post
  was approved and then refused for ever; an authorization's given name alone covered any
  person of that name.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select
from test_daemon_helpers import AUTHOR, DANA, LUIS, published_on
from test_dismissals import CONFIG, name_screener
from test_web_support import (  # noqa: F401 - fixtures
    capture_fixture,
    chat_app_fixture,
    server_fixture,
)

from adapters import adapter_class
from adapters._cursor import more_to_read
from policies.review import untouched_span
from social_bot.approvals import approve
from social_bot.daemon.monitor import Monitor
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Comment, Delivery
from social_bot.dismissals import dismiss
from social_bot.posts import create_post, edit_post, prepare_draft, show_post
from social_bot.sandbox import sandbox_env

PHI_COMMENT = "Praying for Walt Brennan, the retired mail carrier, who starts chemo here Monday"


@pytest.fixture(scope="module")
def sandbox():
    from social_bot.sandbox import start_sandbox

    with start_sandbox(0, token="sandbox") as server:
        yield server


def _comment(sandbox, platform: str, remote: str, text: str, author: str,  # noqa: ANN001
             parent: str | None = None) -> str:
    answer = requests.post(sandbox.url + "/_sandbox/comments", timeout=30, json={
        "platform": platform, "post_id": remote, "text": text, "author": author,
        **({"parent_id": parent} if parent else {})})
    assert answer.status_code < 400, answer.text
    return str(answer.json()["id"])


def _bounds(monkeypatch, platform: str) -> None:  # noqa: ANN001
    module = sys.modules[adapter_class(platform).__module__]
    for name, value in BOUNDS[platform].items():
        monkeypatch.setattr(module, name, value)


def _stored(app) -> dict[str, Comment]:  # noqa: ANN001
    """By text (LinkedIn names a commenter by their member URN, not the name given)."""
    with app.db.read() as session:
        return {c.text: c for c in session.scalars(select(Comment))}


# bounds shrunk so that a few dozen comments overrun a poll, as 500+ do in production
BOUNDS = {"facebook": {"PAGE_SIZE": 5, "MAX_PAGES": 2},
          "linkedin": {"PAGE_SIZE": 5, "MAX_PAGES": 2},
          "x": {"MAX_PAGES": 1}}  # X pages by 100 (the search's max_results)
BACKLOG = {"facebook": 24, "linkedin": 24, "x": 230}


@pytest.mark.parametrize("platform", ["facebook", "x", "linkedin"])
def test_more_comments_than_a_poll_reads_are_all_stored_and_judged(
        make_app, sandbox, monkeypatch, caplog, platform):
    _bounds(monkeypatch, platform)
    app, adapter_for, config, remote = published_on(make_app, sandbox, platform)
    # the PHI comment comes first: read newest first, it is the one a bounded read left out
    _comment(sandbox, platform, remote, PHI_COMMENT, "neighbor")
    for i in range(BACKLOG[platform]):
        _comment(sandbox, platform, remote, f"Great clinic, thanks team #{i}", f"fan{i}")
    monitor = Monitor(app, adapter_for, "w1", config)
    polls = 0
    with caplog.at_level("WARNING"):
        while polls < 10:
            polls += 1
            result = monitor.run_platform(platform)
            assert result.failed == 0
            if not more_to_read(_cursor_of(app)):
                break
    assert polls > 1  # the bound did end the first read
    assert any("comments.backlog" in r.getMessage() for r in caplog.records)
    rows = _stored(app)
    assert len(rows) == BACKLOG[platform] + 1
    assert "phi" in [f["flag"] for f in rows[PHI_COMMENT].flags]
    if adapter_class(platform).can_hide:
        assert rows[PHI_COMMENT].state == "hidden" and rows[PHI_COMMENT].hidden_on_platform
    # and after the backlog, a new comment is read, once (LinkedIn reads a list longer than
    # a poll's bound a stretch a poll, so it may take until the read comes round again)
    _comment(sandbox, platform, remote, "Is the Saturday clinic walk-in?", "late")
    for _ in range(8):
        assert monitor.run_platform(platform).failed == 0
    with app.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Comment)) == \
            BACKLOG[platform] + 2


def test_a_linkedin_post_with_more_comments_than_one_read_keeps_being_moderated(
        make_app, sandbox, monkeypatch):
    """LinkedIn read the first MAX_PAGES pages of a post's comments at every poll: past
    them (500 in production) no comment was ever stored, judged or flagged."""
    module = sys.modules[adapter_class("linkedin").__module__]
    monkeypatch.setattr(module, "PAGE_SIZE", 5)
    monkeypatch.setattr(module, "MAX_PAGES", 2)
    app, adapter_for, config, remote = published_on(make_app, sandbox, "linkedin")
    monitor = Monitor(app, adapter_for, "w1", config)
    for batch in range(3):
        for i in range(8):
            _comment(sandbox, "linkedin", remote, f"Congrats on the open house {batch}-{i}",
                     f"fan{batch}-{i}")
        for _ in range(3):
            monitor.run_platform("linkedin")
    _comment(sandbox, "linkedin", remote, PHI_COMMENT, "neighbor")
    for _ in range(3):
        monitor.run_platform("linkedin")
    rows = _stored(app)
    assert len(rows) == 25
    assert "phi" in [f["flag"] for f in rows[PHI_COMMENT].flags]


def test_a_reply_under_an_early_linkedin_comment_is_read(make_app, sandbox, monkeypatch):
    """A second review of the first fix: reading on from where the last poll stopped, the
    read no longer met the early comments, so a reply under one was never read. Replies are
    read wherever their comment's reply count changed; and more threads than a poll reads
    (MAX_THREADS) are read at the next polls."""
    app, monitor, remote, ids = _linkedin_with(make_app, sandbox, monkeypatch, 23, threads=2)
    for _ in range(6):
        monitor.run_platform("linkedin")
    for i in (0, 3, 6, 9):  # four threads for a poll that reads two
        _comment(sandbox, "linkedin", remote, f"Same here, congrats {i}", f"r{i}", parent=ids[i])
    _comment(sandbox, "linkedin", remote, PHI_COMMENT, "neighbor", parent=ids[1])
    for _ in range(8):
        assert monitor.run_platform("linkedin").failed == 0
    rows = _stored(app)
    assert len(rows) == 28
    assert "phi" in [f["flag"] for f in rows[PHI_COMMENT].flags]


def test_ranked_comments_posted_while_a_read_goes_on_are_read(make_app, sandbox, monkeypatch):
    """Ranked ("most relevant"), comments posted between the polls of one long read land
    anywhere, pages already read among them: the floor stays at the read's first poll."""
    import time

    _bounds(monkeypatch, "facebook")
    app, adapter_for, config, remote = published_on(make_app, sandbox, "facebook")
    requests.post(sandbox.url + "/_sandbox/faults", timeout=5,
                  json={"platform": "facebook", "mode": "ranked", "every": 1})
    try:
        for i in range(24):
            _comment(sandbox, "facebook", remote, f"Great clinic #{i}", f"fan{i}")
        monitor = Monitor(app, adapter_for, "w1", config)
        monitor.run_platform("facebook")
        time.sleep(1.1)  # the sandbox's clock has whole seconds
        for i in range(4):
            _comment(sandbox, "facebook", remote, f"{PHI_COMMENT} ({i})", f"n{i}")
        time.sleep(1.1)
        for i in range(6):
            _comment(sandbox, "facebook", remote, f"Later thanks #{i}", f"l{i}")
        for _ in range(8):
            assert monitor.run_platform("facebook").failed == 0
    finally:
        requests.post(sandbox.url + "/_sandbox/faults", timeout=5,
                      json={"platform": "facebook", "mode": "ranked", "every": 0})
    rows = _stored(app)
    assert len(rows) == 34
    assert all(rows[f"{PHI_COMMENT} ({i})"].state == "hidden" for i in range(4))


def test_a_refused_paging_token_reads_again_from_the_newest(make_app, sandbox, monkeypatch):
    from social_bot.db.models import Delivery

    _bounds(monkeypatch, "facebook")
    app, adapter_for, config, remote = published_on(make_app, sandbox, "facebook")
    _comment(sandbox, "facebook", remote, PHI_COMMENT, "neighbor")
    for i in range(12):
        _comment(sandbox, "facebook", remote, f"Great clinic #{i}", f"fan{i}")
    monitor = Monitor(app, adapter_for, "w1", config)
    monitor.run_platform("facebook")
    with app.db.write() as session:  # the token Graph gave has gone stale
        delivery = session.scalars(select(Delivery)).one()
        raw = json.loads(delivery.comment_cursor)
        assert raw["more"] is True
        delivery.comment_cursor = json.dumps({**raw, "resume": "%%%stale"})
    for _ in range(4):
        assert monitor.run_platform("facebook").failed == 0
    rows = _stored(app)
    assert len(rows) == 13 and rows[PHI_COMMENT].state == "hidden"


def test_a_lone_carriage_return_keeps_batch_results_on_their_lines(tmp_path: Path) -> None:
    batch = tmp_path / "comments.txt"
    batch.write_bytes(b"Thanks!\rSee you Monday\nGreat flu clinic\n"
                      b"Praying for Walt Brennan, who starts chemo here Monday\n")
    out = subprocess.run([sys.executable, "-m", "social_bot", "comments", "classify", "--fast",
                          "--batch", str(batch)], capture_output=True, text=True, timeout=300)
    lines = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(lines) == 3, out.stdout
    assert lines[0] == {"flags": [], "line": 1} and lines[1] == {"flags": [], "line": 2}
    assert "phi" in [f["flag"] for f in lines[2]["flags"]]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"fine\n\xff\xfe not text\n")
    out = subprocess.run([sys.executable, "-m", "social_bot", "comments", "classify", "--fast",
                          "--batch", str(bad)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 2 and out.stderr.strip() == "error: line 2: not UTF-8 text"


# --- dismissals: the span, at its place ----------------------------------------------------

@pytest.mark.parametrize(("old", "new", "span", "moved"), [
    # the sentence around the span reworded: its meaning may have changed with it
    ("Welcome Nurse Kim to the team!", "Please welcome Nurse Kim to our team!", (8, 17), None),
    ("Welcome Nurse Kim to the team!", "Welcome Nurse Kim to the team! Thanks!", (8, 17), (8, 17)),
    ("Thanks all! Welcome Nurse Kim to the team!", "Welcome Nurse Kim to the team!", (20, 29),
     (8, 17)),
    ("Our therapy dog Rex had his shots.", "Our patient Rex had his surgery.", (16, 19), None),
    ("Rex is our therapy dog. He had his shots.",  # put before it, the same first word
     "Rex, 54, had a stroke. Rex is our therapy dog. He had his shots.", (0, 3), (23, 26)),
    ("Rex is our dog", "Rex is our dog who was discharged today", (0, 3), None),
    ("Welcome Nurse Kim to the team!", "Welcome Nurse Kimberly to the team!", (8, 17), None),
    ("Our dog Rex had his shots.", "Our dog Rex had his shots. Rex Diaz had surgery.", (8, 11),
     (8, 11)),
])
def test_a_span_keeps_its_place_only_where_the_edit_left_it(old, new, span, moved) -> None:
    assert untouched_span(old, new, *span) == moved


def every_name_screener(texts, context="post"):  # noqa: ANN001, ANN201
    """name_screener's names, every time they occur."""
    import re
    from types import SimpleNamespace

    return [[SimpleNamespace(category="name", start=m.start(), end=m.end(), text=m.group(),
                             severity="block", score=0.9, rule="test",
                             reason="a name tied to care", redaction="[patient name]")
             for m in re.finditer("Jane Doe|Sam Roe|Nurse Kim", body)] for body in texts]


def test_a_dismissal_does_not_clear_the_same_words_an_edit_adds_elsewhere(make_app) -> None:
    app = make_app(screener=every_name_screener)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Welcome Nurse Kim to the team!", ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "staff", note="joined in November")
    edit_post(app, AUTHOR, post_id,
              text="Welcome Nurse Kim to the team! Nurse Kim's mother had surgery today.")
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    # the new "Nurse Kim" is not cleared; since session 55 the first is asked again too (a
    # staff dismissal rests on the whole text, and a sentence was added next to it: D1)
    assert [bool(f["dismissal"]) for f in detail["findings"]] == [False, False]


def test_an_edited_post_whose_dismissal_carried_over_publishes(make_app, sandbox) -> None:
    """Before: the publisher trusted only `finding.dismissed` records, so a post whose
    dismissal an edit carried over was approved and then blocked at publish, again and
    again."""
    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app(screener=name_screener)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Welcome Nurse Kim to the team!", ["facebook", "x"]))
    dismiss(app, AUTHOR, post_id, "F1", "staff", note="joined in November")
    # the words kept (a staff dismissal carries over only then since session 55, D1)
    edit_post(app, AUTHOR, post_id, platforms=["facebook"])
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    for approver in (DANA, LUIS):
        approve(app, approver, post_id)
    env = sandbox_env(sandbox.url, "sandbox")
    Publisher(app, lambda p: adapter_class(p).from_env(env), "w1", CONFIG).run_lane("facebook")
    assert show_post(app, post_id)["status"] == "published"


# --- a code review of the fixes ------------------------------------------------------------

def test_a_dismissal_row_written_by_hand_is_not_carried_by_an_edit(make_app) -> None:
    """The edit's carried record is genuine and the publisher trusts it: only a dismissal
    the keyed audit trail recorded may be carried, or a row put in the database would be
    laundered into a trusted one."""
    from social_bot.db.models import Dismissal, Finding

    app = make_app(screener=name_screener)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Welcome Nurse Kim to the team!", ["facebook"]))
    with app.db.write() as session:
        finding = session.scalars(select(Finding)).one()
        session.add(Dismissal(finding=finding, post_id=post_id, revision=1,
                              category=finding.category, source=finding.source,
                              start=finding.start, end=finding.end, text=finding.text,
                              reason="staff", dismissed_by="Pat Author", os_user="pat"))
    edit_post(app, AUTHOR, post_id, text="Welcome Nurse Kim to the team! Say hi Monday.")
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert detail["findings"][0]["dismissal"] is None


def test_a_deleted_linkedin_comment_does_not_stop_its_posts_moderation(
        make_app, sandbox, monkeypatch):
    """A thread queued for the next poll whose comment is then deleted answers 404: that
    thread is dropped, the rest read (before, every later poll of the post failed)."""
    app, monitor, remote, ids = _linkedin_with(make_app, sandbox, monkeypatch, 3, threads=1)
    monitor.run_platform("linkedin")
    _comment(sandbox, "linkedin", remote, "Same here!", "r0", parent=ids[0])
    _comment(sandbox, "linkedin", remote, PHI_COMMENT, "neighbor", parent=ids[2])
    monitor.run_platform("linkedin")  # reads one thread; the other waits
    adapter = monitor.adapter_for("linkedin")
    waiting = json.loads(_cursor_of(app))["due"]
    assert len(waiting) == 1
    adapter.delete_comment(next(iter(waiting)), post_id=remote)
    for _ in range(3):
        assert monitor.run_platform("linkedin").failed == 0


def test_a_reply_posted_during_a_long_linkedin_read_is_read(make_app, sandbox, monkeypatch):
    """The floor moves up to the newest comment of a read's first poll: a reply under an
    early comment, posted while a read goes on, is older than a newer comment a later
    stretch meets, and was lost to the floor."""
    import time

    app, monitor, remote, ids = _linkedin_with(make_app, sandbox, monkeypatch, 23)
    monitor.run_platform("linkedin")  # a first stretch: more to read
    time.sleep(1.1)  # the sandbox's clock
    _comment(sandbox, "linkedin", remote, PHI_COMMENT, "neighbor", parent=ids[1])
    time.sleep(1.1)
    _comment(sandbox, "linkedin", remote, "See you Saturday!", "late")
    for _ in range(10):
        assert monitor.run_platform("linkedin").failed == 0
    rows = _stored(app)
    assert len(rows) == 25 and "phi" in [f["flag"] for f in rows[PHI_COMMENT].flags]


def _linkedin_with(make_app, sandbox, monkeypatch, comments: int,  # noqa: ANN001, ANN202
                   threads: int | None = None):
    """A LinkedIn post with ``comments`` comments, the bounds shrunk: (app, monitor, the
    post's remote id, the comments' ids)."""
    _bounds(monkeypatch, "linkedin")
    if threads is not None:
        monkeypatch.setattr(sys.modules[adapter_class("linkedin").__module__], "MAX_THREADS",
                            threads)
    app, adapter_for, config, remote = published_on(make_app, sandbox, "linkedin")
    ids = [_comment(sandbox, "linkedin", remote, f"Congrats on the open house {i}", f"f{i}")
           for i in range(comments)]
    return app, Monitor(app, adapter_for, "w1", config), remote, ids


def _cursor_of(app) -> str:  # noqa: ANN001
    with app.db.read() as session:
        return str(session.scalar(select(Delivery.comment_cursor)))


# (not Facebook: Graph's 100/33 also means a missing permission, so it is not read as gone)
@pytest.mark.parametrize(("platform", "action"), [("x", "hide"), ("linkedin", "delete")])
def test_a_comment_gone_from_the_platform_is_recorded_deleted_not_retried(
        make_app, sandbox, platform, action):
    """The platform says the comment is not there (deleted by its author, or by the platform):
    a person's decision says so in one line and records it deleted; a pending policy hide
    stops retrying (before: the platform's raw error, and a retry every pass for ever)."""
    from social_bot import audit
    from social_bot.comments import resolve_comment
    from social_bot.daemon.monitor import PollResult
    from social_bot.errors import UserError

    app, adapter_for, config, remote = published_on(make_app, sandbox, platform)
    _comment(sandbox, platform, remote, "Love the new waiting room", "fan")
    _comment(sandbox, platform, remote, PHI_COMMENT, "neighbor")
    monitor = Monitor(app, adapter_for, "w1", config)
    monitor.run_platform(platform)
    rows = _stored(app)
    for row in rows.values():  # deleted by their authors, behind the daemon's back
        answer = requests.delete(f"{sandbox.url}/_sandbox/comments/{row.remote_id}", timeout=5)
        assert answer.status_code == 200
    with pytest.raises(UserError, match="no longer on"):
        resolve_comment(app, "Pat Author", rows["Love the new waiting room"].id, action,
                        adapters=adapter_for)
    with app.db.write() as session:  # the policy's hide of the PHI comment had failed
        pending = session.get(Comment, rows[PHI_COMMENT].id)
        pending.state, pending.hidden_on_platform = "hide_pending", False
    if adapter_class(platform).can_hide:
        monitor.retry_hides(platform, PollResult(platform))
        assert {c.state for c in _stored(app).values()} == {"deleted"}
    with app.db.read() as session:
        assert audit.verify(session).ok


# --- the chat doors (an outside review) ------------------------------------------------------

def test_someone_off_the_approver_list_gets_no_card_from_an_old_button(
        chat_app, server, capture):
    """A stale button's refusal answers with the post's current card: someone off the
    approver list clicking an old (or forged) one read the post's new text."""
    from test_web_actions import card_value, click
    from test_web_support import new_post

    from social_bot.posts import Staff

    post_id = new_post(chat_app)
    old = card_value(chat_app, post_id)
    edit_post(chat_app, Staff("Pat Author", "pat"), post_id, text="New text nobody cleared.")
    click(server, capture.url, "U09EVE", "socialbot.approve", old)
    body = capture.wait_for(1)[0]["body"]
    assert body["text"].startswith("Refused") and "approver list" in body["text"]
    assert "blocks" not in body and "New text nobody cleared." not in json.dumps(body)


def test_socialbots_own_refusal_and_vote_confirmation_reach_chat_whole(make_app) -> None:
    """The screen's learned second look read both sentences as a patient's care, so the
    guard blanked them: a non-approver was told "[identifier]" and an approver never heard
    that the vote counted. Marked as socialbot's own words, the guard leaves them alone; a
    person's words around them are screened as before."""
    from types import SimpleNamespace

    from social_bot.chat.guard import release
    from social_bot.chat.ownwords import NOT_APPROVER_REFUSAL, own

    def blocks_everything(texts, context="post"):  # noqa: ANN001, ANN202
        return [[SimpleNamespace(category="name", start=0, end=len(t), text=t,
                                 severity="block", score=0.99, rule="learned_context",
                                 reason="reads like a patient's story", redaction="[details]")]
                for t in texts]

    app = make_app(screener=blocks_everything)
    vote = ("Your approval of post 3, revision 2 (0123456789ab), is recorded (1/2); 1 more "
            "approver(s) needed.")
    for text in (NOT_APPROVER_REFUSAL, vote):
        assert release(app, {"text": own(text)}).body["text"] == text
    assert release(app, {"text": own(vote + " Jane Doe")}).body["text"] != vote + " Jane Doe"


def test_a_flagged_commenters_name_with_a_number_is_not_shown(chat_app) -> None:
    from social_bot.chat.guard import COMMENTER, comment_for_chat

    views = comment_for_chat(chat_app, [
        {"id": 1, "author": "Maria Lopez 4471823", "text": "This clinic is a joke",
         "flags": [{"flag": "negative", "score": 0.9}]},
        {"id": 2, "author": "Sam Roe", "text": "This clinic is a joke",
         "flags": [{"flag": "negative", "score": 0.9}]}])
    assert [v["author"] for v in views] == [COMMENTER, "Sam Roe"]
    assert [v["withheld"] for v in views] == [False, False]  # the text is still shown
