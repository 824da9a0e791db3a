"""Findings of session 52's outside attack review on leaks to third parties
(/work/s52/reports/attack_leak.md): B1, a reply's card put back the name the card redacted
from the comment it answers; W1, a database error logged the comment's words; W2, one comment
with a NUL stopped every poll on PostgreSQL; W4, a message's fallback text and its blocks were
redacted apart; A1, a clean post 1's card came back redacted.

Every text and name here is made up for these tests."""

from __future__ import annotations

import pytest
from test_comments_review import published_facebook_post
from test_daemon_helpers import AUTHOR

from social_bot.chat.guard import post_for_chat
from social_bot.db.models import Comment
from social_bot.posts import show_post

WIFE = ("My wife Delia Marsh had her hysterectomy there last week, MRN 7731-0042, and the "
        "staff were cold.")
SHINGLES = "I was treated for shingles last month and your team helped me a lot."


@pytest.fixture
def health_comments(db):  # noqa: ANN001, ANN201
    """Under a published post: a phi comment naming the writer's wife, and a
    self-disclosure, both hidden, as the daemon leaves them."""
    with db.write() as session:
        post = published_facebook_post(session)
        delivery = post.deliveries[0]
        rows = [Comment(delivery_id=delivery.id, post_id=post.id, platform="facebook",
                        remote_id=f"300_{n}", author=author, text=text,
                        flags=[{"flag": flag, "score": 0.9, "reason": "health"}],
                        state="flagged", hidden_on_platform=True)
                for n, (author, text, flag) in enumerate([("Owen Marsh", WIFE, "phi"),
                                                          ("Ruth Kemp", SHINGLES,
                                                           "self_disclosure")])]
        session.add_all(rows)
        session.flush()
        return [r.id for r in rows]


def _blocks(draft) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(f.text, f.rule) for f in draft.findings if f.severity == "block"}


@pytest.mark.parametrize(("which", "reply", "named"), [
    (0, "We are so sorry about what happened to Delia Marsh. Please call our office at "
        "+1 253 555 0100.", {"Delia Marsh"}),
    (0, "Mr. Marsh, we are so sorry to hear this about Delia.", {"Marsh", "Delia"}),
    (1, "Thank you, Ruth Kemp! We are glad our team could help.", {"Ruth Kemp"}),
    (1, "Thanks so much Ruth!", {"Ruth"}),
])
def test_a_reply_naming_whom_its_comment_ties_to_health_blocks(
        make_app, health_comments, which, reply, named) -> None:  # noqa: ANN001
    from social_bot.comments import reply_to_comment

    app = make_app(screener=None)
    post_id, draft = reply_to_comment(app, AUTHOR, health_comments[which], reply)
    found = {text for text, rule in _blocks(draft) if rule.startswith("reply_names_answered")}
    assert found == named
    reasons = [f.reason for f in draft.findings if f.rule.startswith("reply_names_answered")]
    assert all("names" in r and "comment" in r for r in reasons)
    assert show_post(app, post_id)["status"] == "blocked_phi"


@pytest.mark.parametrize("reply", [
    "We are so sorry to hear this. Please call our office at +1 253 555 0100.",
    "Thank you for sharing! We are glad our team could help.",
])
def test_a_reply_without_the_name_is_not_blocked_for_it(
        make_app, health_comments, reply) -> None:  # noqa: ANN001
    from social_bot.comments import reply_to_comment

    app = make_app(screener=None)
    for comment_id in health_comments:
        _, draft = reply_to_comment(app, AUTHOR, comment_id, reply)
        assert not [f for f in draft.findings if f.rule.startswith("reply_names_answered")]


def test_a_name_alone_under_a_comment_without_health_is_not_blocked(make_app, db) -> None:  # noqa: ANN001
    from social_bot.comments import reply_to_comment

    with db.write() as session:
        post = published_facebook_post(session)
        row = Comment(delivery_id=post.deliveries[0].id, post_id=post.id, platform="facebook",
                      remote_id="300_9", author="Ruth Kemp", text="Love the new lobby!",
                      flags=[], state="new")
        session.add(row)
        session.flush()
        comment_id = row.id
    app = make_app(screener=None)
    _, draft = reply_to_comment(app, AUTHOR, comment_id, "Thank you, Ruth!")
    assert not [f for f in draft.findings if f.rule.startswith("reply_names_answered")]


@pytest.mark.parametrize(("reply", "blocked"), [
    ("We hope you feel better soon, and thank you for sharing.", False),
    ("Thank you, Hope! We hope you feel better soon.", True),
])
def test_a_name_that_is_an_everyday_word_blocks_only_as_a_name(
        make_app, db, reply, blocked) -> None:  # noqa: ANN001
    from social_bot.comments import reply_to_comment

    with db.write() as session:
        post = published_facebook_post(session)
        row = Comment(delivery_id=post.deliveries[0].id, post_id=post.id, platform="facebook",
                      remote_id="300_8", author="Hope Lindqvist", text=SHINGLES,
                      flags=[{"flag": "self_disclosure", "score": 0.9, "reason": "health"}],
                      state="flagged")
        session.add(row)
        session.flush()
        comment_id = row.id
    app = make_app(screener=None)
    _, draft = reply_to_comment(app, AUTHOR, comment_id, reply)
    names = [f.text for f in draft.findings if f.rule.startswith("reply_names_answered")]
    assert names == (["Hope"] if blocked else [])


def _comment_only(texts, context="post"):  # noqa: ANN001, ANN202
    """A stand-in screen that finds "Delia Marsh" only in a comment, and nothing in a reply:
    what the card does on its own is tested."""
    from types import SimpleNamespace as Finding

    out = []
    for t in texts:
        at = t.find("Delia Marsh")
        out.append([Finding(category="name", start=at, end=at + 11, text="Delia Marsh",
                            severity="block", score=0.9, rule="name+own_health",
                            reason="test", redaction="[patient name]")]
                   if context == "comment" and at >= 0 else [])
    return out


@pytest.mark.parametrize(("reply", "gone"), [
    ("So sorry about what happened to Delia Marsh.", ["Delia", "Marsh"]),
    ("Mr. Marsh, we are sorry to hear this about delia.", ["Marsh", "delia"]),
    ("Owen, please call our office.", ["Owen"]),  # the card shows [commenter name]
])
def test_the_reply_card_never_shows_what_its_comments_card_hid(
        make_app, health_comments, reply, gone) -> None:  # noqa: ANN001
    from social_bot.chat.render import SLACK, post_card, post_summary
    from social_bot.posts import create_post, prepare_draft

    app = make_app(screener=_comment_only)
    draft = prepare_draft(app, reply, ["facebook"], context="reply")
    post_id = create_post(app, AUTHOR, draft, reply_to_comment_id=health_comments[0])
    view = post_for_chat(show_post(app, post_id), app)
    assert view["reply_to"]["author"] == "[commenter name]"
    assert "Delia" not in view["reply_to"]["text"]
    for word in gone:
        assert word not in view["text"], view["text"]
        assert word not in str(post_card(view, 2)), word
        assert word not in post_summary(view, 2, SLACK), word
    assert view["redacted"]  # so the card is not recorded as read in full


# --- W1: a database error's message holds no parameter -------------------------------------

def test_a_failed_comment_insert_logs_no_comment_words(db) -> None:  # noqa: ANN001
    """The daemon logs `f"{type(exc).__name__}: {exc}"`; SQLAlchemy's message ended with
    "[parameters: (...)]", the comment's author and words (on SQLite and PostgreSQL)."""
    from sqlalchemy.exc import IntegrityError

    with db.write() as session:
        post = published_facebook_post(session)
        ids = post.id, post.deliveries[0].id
    with pytest.raises(IntegrityError) as caught, db.write() as session:
        session.add(Comment(delivery_id=ids[1], post_id=ids[0], platform="facebook",
                            remote_id="400_1", author=None,  # NOT NULL: the insert fails
                            text="Nurse said Hollis Venn has stage 4 lymphoma.", flags=[],
                            state="new"))
    logged = f"{type(caught.value).__name__}: {caught.value}"
    assert "INSERT INTO comments" in logged  # the statement is still said
    assert "Hollis" not in logged and "lymphoma" not in logged and "400_1" not in logged
    assert "hidden due to hide_parameters" in logged


# --- W2: a comment holding a NUL is stored, flagged, and the poll goes on -------------------

def test_a_comment_with_a_nul_is_stored_flagged_and_the_rest_are_stored(make_app) -> None:  # noqa: ANN001
    """On PostgreSQL the NUL failed every poll of the post, once a second, forever; nothing
    after it was stored (SQLite took it). Both databases: stored with U+FFFD, flagged."""
    from sqlalchemy import select
    from test_daemon_helpers import Clock, FakePlatforms, approved_post

    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.monitor import UNSTORABLE, Monitor
    from social_bot.daemon.publisher import Publisher

    config = DaemonConfig(retry_base=0.0, retry_cap=0.0, poll_interval=30.0, batch=10)
    app = make_app()
    platforms = FakePlatforms(["facebook"])
    post_id = approved_post(app, "Open house on Friday", ["facebook"])
    Publisher(app, platforms, "w1", config).run_lane("facebook")
    remote = show_post(app, post_id)["deliveries"][0]["remote_id"]
    platforms["facebook"].add_comment(remote, "great\x00 event, see you\x00 there", "Lee\x00")
    platforms["facebook"].add_comment(remote, "Thanks for hosting!", "Sam Ortiz")
    clock = Clock()
    result = Monitor(app, platforms, "w1", config, clock=clock).run_platform("facebook")
    assert result.failed == 0 and result.stored == 2
    with app.db.read() as session:
        rows = {c.text: c for c in session.scalars(select(Comment))}
    kept = rows["great\ufffd event, see you\ufffd there"]
    assert kept.author == "Lee\ufffd"
    flag = next(f for f in kept.flags if f["flag"] == UNSTORABLE)
    assert "3 character(s)" in flag["reason"] and "NUL" in flag["reason"]
    assert kept.state == "flagged"  # for a person, not hidden
    assert not rows["Thanks for hosting!"].flags
    # read again, it is the same comment: no edit, nothing stored twice
    clock.advance(60)
    again = Monitor(app, platforms, "w1", config, clock=clock).run_platform("facebook")
    assert again.failed == 0 and again.stored == 0 and again.edited == 0


# --- W4: one redaction decision for every part of a message --------------------------------

def _first_only(texts, context="post"):  # noqa: ANN001, ANN202
    """A stand-in screen whose finding depends on context, as the learned look's did: it
    marks "Zora Pike" only where it first appears in a text."""
    from types import SimpleNamespace as Finding

    out = []
    for t in texts:
        at = t.find("Zora Pike")
        out.append([Finding(category="name", start=at, end=at + 9, text="Zora Pike",
                            severity="block", score=0.9, rule="test", reason="test",
                            redaction="[patient name]")] if at >= 0 else [])
    return out


def test_words_redacted_in_the_fallback_text_are_redacted_in_the_blocks(make_app) -> None:  # noqa: ANN001
    from social_bot.chat.guard import release

    app = make_app(screener=_first_only)
    line = "Seen today: Zora Pike, and again Zora Pikeville tomorrow."
    body = {"text": line, "blocks": [
        {"type": "section", "text": {"type": "mrkdwn", "text": line}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "_by Zora Pike_"}]}]}
    sent = release(app, body).body
    assert "Zora Pike," not in str(sent) and "_by Zora Pike_" not in str(sent)
    assert sent["blocks"][0]["text"]["text"] == sent["text"]  # one decision, both parts
    assert "Zora Pikeville" in sent["text"]  # a longer word is not cut


# --- A1: a clean card is not redacted for its own revision code ----------------------------

# codes of the shape the card shows (random hex): before the fix, the learned look read about
# one card in three with a random code as an identifier (11 of 40 in a probe) and redacted
# every line a person wrote ("10 other_id"), so a plain approve was refused
CODES = ["79a1e2ba-5eb3a6e4-0eb7a04b", "c6a53877-f17fd374-3fc1ea36", "1b5ec0e3-a4e5dc29-9d7bb2e4",
         "a6233255-0d464138-e6a16a3b", "2827688d-1cfb10f6-5f2dd97f", "e0bfb72b-5c0a5ed4-4c2a8e73",
         "3b9e1a4c-77d20f6e-b81c5a90", "f4d3c2b1-0a9e8d7c-6b5a4f3e"]


def test_a_clean_cards_own_revision_code_never_redacts_it(make_app) -> None:  # noqa: ANN001
    import json

    from social_bot.approvals import VerifiedIdentity
    from social_bot.chat import handle_command
    from social_bot.chat.guard import release
    from social_bot.posts import create_post, prepare_draft

    app = make_app(screener=None)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Our flu clinic opens Monday at 9am. Walk-ins welcome!", ["facebook"]))
    code = show_post(app, post_id)["revision_hash"]
    raw = json.dumps(handle_command(app, VerifiedIdentity("slack", "U01DANA"),
                                    f"show {post_id}").as_slack())
    shown = raw.split("`r1-")[1].split("`")[0]
    assert code.startswith(shown.replace("-", "")[:8])
    redacted = [c for c in CODES if release(app, json.loads(raw.replace(shown, c))).redacted]
    assert redacted == []
