"""Session 56, the trust fixes (docs/history/security.md): the general class behind each
finding of the outside attack (tests/test_s56_attack_trust.py replays its own texts).
Every text here is new wording written for this file."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from test_daemon_helpers import AUTHOR, DANA, LUIS

from social_bot.approvals import approve
from social_bot.chat import handle_command
from social_bot.chat.ownwords import unmark
from social_bot.db.models import AuditRecord, OutboxMessage
from social_bot.posts import create_post, prepare_draft, show_post


def _trail(app) -> str:  # noqa: ANN001
    with app.db.read() as session:
        rows = session.scalars(select(AuditRecord).order_by(AuditRecord.seq)).all()
        return "\n".join(f"{r.action} {r.detail or ''}" for r in rows)


def _outbox(app) -> str:  # noqa: ANN001
    with app.db.read() as session:
        return "\n".join(str(m.payload) for m in session.scalars(select(OutboxMessage)).all())


def _approved(app) -> int:  # noqa: ANN001
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Our Elm Street office has new evening hours on Wednesdays.", ["facebook"]))
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    return post_id


def _lane(app, platforms, clock):  # noqa: ANN001, ANN202
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher

    return Publisher(app, platforms, "w1", DaemonConfig(
        retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10), clock=clock)


def _passes(app, platforms, platform: str, passes: int) -> None:  # noqa: ANN001
    """The publisher's lane run ``passes`` times, a minute apart."""
    from test_daemon_helpers import Clock

    clock = Clock()
    publisher = _lane(app, platforms, clock)
    for _ in range(passes):
        publisher.run_lane(platform)
        clock.advance(60)


# --- T1: a free-text reason bound for the chat channel and the trail ----------------------

# (the reason, words of it that must reach neither chat nor the trail)
ABOUT_A_PATIENT = [
    # a full name the post screen only warns on, beside care
    ("Tomas Herrera told us he does not want his chemo mentioned", ("Herrera", "chemo")),
    # a surname alone, which the screen does not find: the pronoun and the care refuse it
    ("Okonkwo says her asthma flare is private, please wait", ("Okonkwo", "asthma")),
    # no name at all, a person's care all the same
    ("she is still recovering from her hip fracture, not yet", ("hip fracture",)),
    # a name without care: a reason never needs a patient's name
    ("Marisol Achterberg asked us to wait a week", ("Achterberg",)),
]

# reasons an approver really gives, which must still be taken
PLAIN_REASONS = [
    "wrong date, the vaccine clinic moved to Thursday",
    "the link to the diabetes screening page is broken",
    "typo in the second sentence, and the hours are wrong",
    "Dana Whitfield wants the new logo on it first",  # an approver's own name
    "her photo credit is missing",  # a pronoun without any care
]


@pytest.mark.parametrize(("reason", "private"), ABOUT_A_PATIENT)
def test_a_hold_reason_about_a_patient_is_refused_and_stored_nowhere(
        make_app, reason: str, private: tuple[str, ...]) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    post_id = _approved(app)
    reply = handle_command(app, DANA, f"hold {post_id} {reason}")
    text = unmark(reply.text, ())[0]
    assert text.startswith("Refused") and "not the place for patient details" in text, text
    assert show_post(app, post_id)["status"] == "approved"
    for words in private:
        assert words not in text
        assert words not in _trail(app)
        assert words not in _outbox(app)


@pytest.mark.parametrize(("reason", "private"), ABOUT_A_PATIENT)
def test_a_rejection_reason_about_a_patient_is_refused_and_stored_nowhere(
        make_app, reason: str, private: tuple[str, ...]) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Our Elm Street office has new evening hours on Wednesdays.", ["facebook"]))
    reply = handle_command(app, LUIS, f"reject {post_id} {reason}")
    text = unmark(reply.text, ())[0]
    assert text.startswith("Refused"), text
    assert show_post(app, post_id)["status"] == "pending_approval"
    for words in private:
        assert words not in text
        assert words not in _trail(app)
        assert words not in _outbox(app)


def test_the_care_refusal_reaches_chat_whole_and_echoes_nothing_typed(make_app) -> None:  # noqa: ANN001
    """The refusal of a reason telling a person's health is socialbot's own fixed words: the
    guard leaves them whole (ownwords.REFUSALS), and none of the typed words is in it."""
    from social_bot.chat.guard import release

    app = make_app(screener=None)
    post_id = _approved(app)
    reply = handle_command(app, DANA, f"hold {post_id} he is back on insulin since March, wait")
    out = json.dumps(release(app, {"text": reply.text}).body)
    assert "Chat is not the place for patient details; write it without them" in out, out
    assert "insulin" not in out and "[" not in out


@pytest.mark.parametrize("reason", PLAIN_REASONS)
def test_a_plain_reason_is_taken_and_the_trail_keeps_what_chat_was_told(
        make_app, reason: str) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    post_id = _approved(app)
    reply = handle_command(app, DANA, f"hold {post_id} {reason}")
    assert not reply.text.startswith("Refused"), reply.text
    assert show_post(app, post_id)["status"] == "held"
    with app.db.read() as session:
        [held] = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "post.held")).all()
    kept = json.loads(held.detail)["reason"]
    assert kept == reason and kept in unmark(reply.text, ())[0]


# --- T2: posts whose texts differ only in their links -------------------------------------

NEWS_A = "Read this month's newsletter: https://elmstreetclinic.org/news/march"
NEWS_B = "Read this month's newsletter: https://elmstreetclinic.org/news/april"


@pytest.mark.parametrize(("sent", "seen", "links", "same"), [
    (NEWS_A, NEWS_A, None, True),
    (NEWS_A, NEWS_B, None, False),  # the Page keeps links as sent: told apart
    ("Hours: elmstreetclinic.org/hours", "Hours: https://t.co/Zq81LmP0aa",
     ["http://elmstreetclinic.org/hours"], True),  # X's expansion adds the scheme
    (NEWS_A, "Read this month's newsletter: https://t.co/Zq81LmP0aa",
     ["https://elmstreetclinic.org/news/april"], False),
    (NEWS_A, "Read this month's newsletter: https://t.co/Zq81LmP0aa", None, None),
    (NEWS_A, "Read this month's newsletter: https://lnkd.in/eQ4xT", None, None),
    # X's appended media link, expanded and dropped by the adapter, or not expanded
    ("Our new waiting room", "Our new waiting room https://t.co/Pic0000001", [], True),
    ("Our new waiting room", "Our new waiting room https://t.co/Pic0000001", None, None),
    ("Read this month's newsletter", NEWS_A, None, False),
    ("Closed Monday", "Closed Tuesday", None, False),
])
def test_same_post_tells_links_apart_and_says_when_it_cannot(
        sent: str, seen: str, links: list[str] | None, same: bool | None) -> None:
    from adapters.base import same_post

    assert same_post(sent, seen, links) is same


def test_x_expanded_links_leave_out_the_media_link() -> None:
    from adapters.x import expanded_links

    tweet = {"text": "Read https://t.co/a https://t.co/m", "entities": {"urls": [
        {"start": 5, "end": 19, "url": "https://t.co/a",
         "expanded_url": "https://elmstreetclinic.org/a"},
        {"start": 20, "end": 34, "url": "https://t.co/m", "media_key": "3_1",
         "expanded_url": "https://x.com/elmst/status/1/photo/1"}]}}
    assert expanded_links(tweet) == ["https://elmstreetclinic.org/a"]
    assert expanded_links({"text": "no links"}) is None
    assert expanded_links({"entities": {"urls": [{"url": "https://t.co/a"}]}}) is None


@pytest.mark.parametrize("platform", ["facebook", "x"])
def test_over_http_each_link_twin_is_published_once_under_its_own_id(
        make_app, sandbox, platform: str) -> None:  # noqa: ANN001
    """A goes out and its answer is lost, its first check fails; B's request is lost. Over
    the sandbox (real HTTP, real adapter; X's timeline shortens links to t.co and gives
    their targets in entities), each ends published once, under its own post."""
    import requests
    from test_daemon_helpers import Clock, approved_post, faulty_adapters

    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app()
    adapter_for = faulty_adapters(sandbox.url, platform, {
        "publish": ["drop_after_apply", "500"], "find_published": ["500"]})
    a = approved_post(app, NEWS_A, [platform])
    b = approved_post(app, NEWS_B, [platform])
    clock = Clock()
    publisher = Publisher(app, adapter_for, "w1", DaemonConfig(
        retry_base=0.0, retry_cap=0.0, poll_interval=0.0, max_attempts=3, batch=10),
        clock=clock)
    for _ in range(4):
        publisher.run_lane(platform)
        clock.advance(120)
    posts = requests.get(sandbox.url + "/_sandbox/posts", timeout=5).json()[platform]
    live = [(p["id"], p["text"]) for p in posts if not p.get("deleted")]
    assert sorted(text for _, text in live) == sorted([NEWS_A, NEWS_B]), live
    for post_id, text in ((a, NEWS_A), (b, NEWS_B)):
        detail = show_post(app, post_id)
        assert detail["status"] == "published", detail
        assert dict(live)[detail["deliveries"][0]["remote_id"]] == text


def test_a_match_whose_links_are_shortened_goes_to_a_person_when_a_twin_is_in_doubt(
        make_app) -> None:  # noqa: ANN001
    """A platform that shortens every link and gives no target (LinkedIn's lnkd.in): the
    twins cannot be told apart, so neither is credited with the other's post, nothing is
    sent twice, and both are failed "check by hand"."""
    import re

    from test_daemon_helpers import FakePlatforms, approved_post

    from adapters.base import RemotePost, TransientError, same_post

    app = make_app()
    platforms = FakePlatforms(("linkedin",))
    li = platforms["linkedin"]
    a, b = (approved_post(app, text, ["linkedin"]) for text in (NEWS_A, NEWS_B))
    li.script = ["drop_after_apply", TransientError("linkedin: timed out", ambiguous=True)]
    reads = []

    def find(text, since=None, exclude=()):  # noqa: ANN001, ANN202
        reads.append(text)
        if len(reads) == 1:
            raise TransientError("linkedin: timed out")
        for post in reversed(li.posts):
            seen = re.sub(r"https://\S+", "https://lnkd.in/eQ4xT", post.text)
            same = same_post(text, seen)
            if same is not False and post.id not in exclude:
                return RemotePost(post.id, f"https://linkedin.example/{post.id}",
                                  links_unknown=same is None)
        return None

    li.find_published = find
    _passes(app, platforms, "linkedin", 4)
    assert li.texts() == [NEWS_A]
    for post_id in (a, b):
        [delivery] = show_post(app, post_id)["deliveries"]
        assert delivery["status"] == "failed" and "check by hand" in delivery["last_error"]
        assert delivery["remote_id"] is None


def test_a_match_whose_links_are_shortened_is_taken_when_no_twin_exists(make_app) -> None:  # noqa: ANN001
    from test_daemon_helpers import FakePlatforms, approved_post

    from adapters.base import RemotePost

    app = make_app()
    platforms = FakePlatforms(("linkedin",))
    li = platforms["linkedin"]
    post_id = approved_post(app, NEWS_A, ["linkedin"])
    li.script = ["drop_after_apply"]
    li.find_published = lambda text, since=None, exclude=(): (  # noqa: ARG005
        RemotePost(li.posts[-1].id, "https://linkedin.example/1", links_unknown=True)
        if li.posts else None)
    _passes(app, platforms, "linkedin", 3)
    assert li.texts() == [NEWS_A]
    assert show_post(app, post_id)["status"] == "published"


# --- T4: the answered comment is read again just before the reply -----------------------

def _reply_setup(make_app, sandbox, question: str):  # noqa: ANN001, ANN202
    """``answered_on_sandbox`` with adapters that count the reads of one comment."""
    import requests
    from test_daemon_helpers import answered_on_sandbox

    from adapters import adapter_class
    from social_bot.sandbox import sandbox_env

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app(screener=None)
    env = sandbox_env(sandbox.url, "sandbox")
    reads: list[str] = []

    class Counting:
        def __init__(self, real) -> None:  # noqa: ANN001
            self.real = real

        def __getattr__(self, name: str):  # noqa: ANN204
            if name == "comment_text":
                reads.append(name)
            return getattr(self.real, name)

    publisher, monitor, remote_comment, reply_id = answered_on_sandbox(
        app, lambda name: Counting(adapter_class(name).from_env(env)), sandbox.url,
        "Our Saturday flu clinic runs 9 to noon.", question,
        "Yes, no appointment needed. See you there!", "robin")
    return app, publisher, monitor, remote_comment, reply_id, reads


def _our_replies(sandbox) -> list[dict]:  # noqa: ANN001
    import requests

    return [c for c in requests.get(sandbox.url + "/_sandbox/comments", timeout=5).json()
            if c.get("parent_id") and c["author"] != "robin"]


def test_a_reply_under_a_comment_edited_since_read_is_cancelled_not_sent(
        make_app, sandbox) -> None:  # noqa: ANN001
    import requests

    from social_bot import audit

    app, publisher, monitor, remote_comment, reply_id, reads = _reply_setup(
        make_app, sandbox, "Do I need an appointment on Saturday?")
    requests.patch(f"{sandbox.url}/_sandbox/comments/{remote_comment}", timeout=5,
                   json={"text": "Do I need an appointment on Saturday? My lupus flared again"})
    monitor.run_platform("facebook")  # the sweep is not due: the edit is not seen here
    publisher.run_lane("facebook")
    assert _our_replies(sandbox) == []
    detail = show_post(app, reply_id)
    assert detail["status"] == "cancelled" and reads == ["comment_text"]
    assert detail["deliveries"][0]["status"] == "cancelled"
    assert "edited on facebook" in detail["status_reason"]
    assert "lupus" not in _trail(app) and "lupus" not in _outbox(app)
    with app.db.read() as session:
        assert audit.verify(session).ok
    publisher.run_lane("facebook")  # nothing left to send
    assert _our_replies(sandbox) == []


def test_a_reply_under_an_unchanged_comment_goes_out_after_one_read(
        make_app, sandbox) -> None:  # noqa: ANN001
    app, publisher, monitor, _, reply_id, reads = _reply_setup(
        make_app, sandbox, "Is the flu clinic open to walk-ins?")
    publisher.run_lane("facebook")
    assert len(_our_replies(sandbox)) == 1
    assert show_post(app, reply_id)["status"] == "published" and reads == ["comment_text"]


def test_a_reply_under_a_comment_deleted_since_read_is_not_sent(make_app, sandbox) -> None:  # noqa: ANN001
    import requests

    app, publisher, monitor, remote_comment, reply_id, _ = _reply_setup(
        make_app, sandbox, "Is the flu clinic open to walk-ins?")
    requests.delete(f"{sandbox.url}/_sandbox/comments/{remote_comment}", timeout=5)
    publisher.run_lane("facebook")
    assert _our_replies(sandbox) == []
    assert show_post(app, reply_id)["status"] != "published"


# --- T3: an approval has a lifetime ------------------------------------------------------

def test_an_approval_past_its_lifetime_holds_the_post_with_a_notice_until_released(
        make_app) -> None:  # noqa: ANN001
    from datetime import UTC, datetime, timedelta

    from test_daemon_helpers import Clock, FakePlatforms, approved_post

    from social_bot import audit
    from social_bot.holds import release

    app = make_app()
    platforms = FakePlatforms(("facebook",))
    clock = Clock()
    post_id = approved_post(app, "Free blood pressure checks at the Elm Street office.",
                            ["facebook"])
    clock.advance(timedelta(days=15).total_seconds())  # the daemon was stopped since
    _lane(app, platforms, clock).run_lane("facebook")
    assert platforms["facebook"].texts() == []
    detail = show_post(app, post_id)
    assert detail["status"] == "held"
    assert "good for 14 day(s)" in detail["status_reason"]
    assert f"/socialbot release {post_id}" in _outbox(app)
    with app.db.read() as session:
        assert audit.verify(session).ok
    # two approvers read it again and release it: the lifetime counts from the release
    release(app, DANA, post_id)
    release(app, LUIS, post_id)
    clock.now = datetime.now(UTC) + timedelta(hours=1)
    _lane(app, platforms, clock).run_lane("facebook")
    assert platforms["facebook"].texts() == [
        "Free blood pressure checks at the Elm Street office."]


def test_an_approval_within_its_lifetime_publishes_and_the_policy_sets_it(make_app) -> None:  # noqa: ANN001
    from dataclasses import replace
    from datetime import timedelta

    from test_daemon_helpers import Clock, FakePlatforms, approved_post

    app = make_app()
    platforms = FakePlatforms(("facebook",))
    clock = Clock()
    text = "Our Elm Street office closes early on Christmas Eve."
    approved_post(app, text, ["facebook"])
    clock.advance(timedelta(days=13).total_seconds())
    _lane(app, platforms, clock).run_lane("facebook")
    assert platforms["facebook"].texts() == [text]
    # a practice's shorter lifetime: 3 days
    app._policy = replace(app.policy, approval=replace(app.policy.approval,
                                                       publish_within_days=3))
    late = approved_post(app, "New parking spaces behind the Elm Street office.", ["facebook"])
    clock.advance(timedelta(days=4).total_seconds())
    _lane(app, platforms, clock).run_lane("facebook")
    assert platforms["facebook"].texts() == [text]
    assert show_post(app, late)["status"] == "held"


def test_a_scheduled_post_counts_its_lifetime_from_its_schedule(make_app) -> None:  # noqa: ANN001
    from datetime import timedelta

    from test_daemon_helpers import Clock, FakePlatforms, approved_post

    app = make_app()
    platforms = FakePlatforms(("facebook",))
    clock = Clock()
    text = "Back-to-school physicals all through August."
    approved_post(app, text, ["facebook"], clock.now + timedelta(days=30))
    clock.advance(timedelta(days=40).total_seconds())  # 10 days after its schedule
    _lane(app, platforms, clock).run_lane("facebook")
    assert platforms["facebook"].texts() == [text]


def test_the_rest_of_a_post_under_way_past_its_lifetime_is_not_sent(make_app) -> None:  # noqa: ANN001
    from datetime import timedelta

    from test_daemon_helpers import Clock, FakePlatforms, approved_post

    from adapters.base import AuthError
    from social_bot.daemon.claims import release_holds
    from social_bot.domain import HoldKind

    app = make_app()
    platforms = FakePlatforms(("facebook", "x"))
    platforms["x"].script = [AuthError("x: the access token was revoked")]
    clock = Clock()
    post_id = approved_post(app, "Our new pediatric wing opens Monday.", ["facebook", "x"])
    _lane(app, platforms, clock).run_lane("facebook")
    _lane(app, platforms, clock).run_lane("x")
    assert show_post(app, post_id)["status"] == "partially_published"
    clock.advance(timedelta(days=20).total_seconds())  # the token is renewed weeks later
    release_holds(app, "x", (HoldKind.AUTH,), actor="socialbot connect")
    _lane(app, platforms, clock).run_lane("x")
    assert platforms["x"].texts() == []
    [x] = [d for d in show_post(app, post_id)["deliveries"] if d["platform"] == "x"]
    assert x["status"] == "failed" and "not published unasked" in x["last_error"]


@pytest.mark.parametrize("value", [0, 400, "14d", True, 2.5])
def test_publish_within_days_takes_whole_days_from_1_to_365(value: object) -> None:
    from policies.approval import ApprovalPolicy

    section = {"required": 2, "publish_within_days": value, "approvers": [
        {"name": "Dana Whitfield", "slack_id": "U01DANA", "os_user": "dana"},
        {"name": "Luis Ortega", "slack_id": "U02LUIS", "os_user": "luis"}]}
    with pytest.raises(ValueError, match="publish_within_days must be a whole number"):
        ApprovalPolicy.from_toml(section)
    assert ApprovalPolicy.from_toml({**section, "publish_within_days": 30}
                                    ).publish_within_days == 30
    del section["publish_within_days"]
    assert ApprovalPolicy.from_toml(section).publish_within_days == 14
