"""Session 56, an outside attack on the trust paths (docs/history/security.md).

Each finding T<n> is replayed here as a strict xfail: it fails on main for the reason
named, and passes (XPASS, then the mark is removed) once fixed. Every text is new wording
written for this file."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from test_daemon_helpers import AUTHOR, DANA, LUIS

from social_bot.approvals import approve
from social_bot.chat import handle_command
from social_bot.db.models import AuditRecord
from social_bot.posts import create_post, prepare_draft


def _details(app, action: str) -> list[dict]:  # noqa: ANN001
    with app.db.read() as session:
        rows = session.scalars(select(AuditRecord).where(AuditRecord.action == action)
                               .order_by(AuditRecord.seq)).all()
        return [json.loads(r.detail or "{}") for r in rows]


# --- T1: a hold or rejection reason naming a patient's care reaches chat and the trail ----

T1_REASONS = [
    "Ana Ruiz asked us not to post about her HIV",
    "Gustavo Pereira does not want us to post about his dialysis",
]


@pytest.mark.parametrize("reason", T1_REASONS)
def test_t1_hold_reason_with_a_patients_care_is_refused(make_app, reason: str) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Our flu clinic is open Saturday morning.", ["facebook"]))
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    reply = handle_command(app, DANA, f"hold {post_id} {reason}")
    name = reason.split(" asked")[0].split(" does")[0]
    assert name not in reply.text
    assert not any(name in json.dumps(d) for d in _details(app, "post.held"))


def test_t1_rejection_reason_with_a_patients_care_is_not_kept(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=None)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Our flu clinic is open Saturday morning.", ["facebook"]))
    handle_command(app, DANA, f"reject {post_id} {T1_REASONS[0]}")
    assert not any("Ana Ruiz" in json.dumps(d) for d in _details(app, "post.rejected"))


# --- T2: two posts in doubt whose texts differ only in their links -----------------------

BLOG_A = "New on our blog this week: https://northsidefm.com/blog/flu-shots"
BLOG_B = "New on our blog this week: https://northsidefm.com/blog/allergy-season"


def test_t2_a_post_in_doubt_is_not_credited_with_its_link_twins_post(make_app) -> None:  # noqa: ANN001
    from test_daemon_helpers import Clock, FakePlatforms, approved_post

    from adapters.base import TransientError
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher
    from social_bot.posts import show_post

    app = make_app()
    platforms = FakePlatforms(("facebook",))
    fb = platforms["facebook"]
    a = approved_post(app, BLOG_A, ["facebook"])
    b = approved_post(app, BLOG_B, ["facebook"])
    # A goes out but the answer is lost; B's request is lost before it arrives
    fb.script = ["drop_after_apply", TransientError("facebook: timed out", ambiguous=True)]
    real_find, reads = fb.find_published, []

    def find(text, since=None, exclude=()):  # noqa: ANN001, ANN202
        reads.append(text)
        if len(reads) == 1:  # A's check at once meets a read that fails (the same outage)
            raise TransientError("facebook: timed out")
        return real_find(text, since, exclude)

    fb.find_published = find
    clock = Clock()
    publisher = Publisher(app, platforms, "w1", DaemonConfig(
        retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10), clock=clock)
    publisher.run_lane("facebook")
    for _ in range(3):
        clock.advance(60)
        publisher.run_lane("facebook")
    texts = fb.texts()
    assert texts.count(BLOG_A) == 1, texts
    assert show_post(app, b)["status"] != "published" or BLOG_B in texts
    assert show_post(app, a)["status"] == "published"


def test_t2_over_http_the_sandbox_page_shows_one_post_of_each(make_app, sandbox) -> None:  # noqa: ANN001
    """T2 against the sandbox's Graph stand-in over real HTTP, with the real adapter: the
    faults are set per call (the sandbox applies one to every request of the platform)."""
    import requests
    from test_daemon_helpers import Clock, approved_post, faulty_adapters

    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher
    from social_bot.posts import show_post

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app()
    adapter_for = faulty_adapters(sandbox.url, "facebook", {
        "publish": ["drop_after_apply", "500"], "find_published": ["500"]})

    a = approved_post(app, BLOG_A, ["facebook"])
    b = approved_post(app, BLOG_B, ["facebook"])
    clock = Clock()
    publisher = Publisher(app, adapter_for, "w1", DaemonConfig(
        retry_base=0.0, retry_cap=0.0, poll_interval=0.0, max_attempts=3, batch=10),
        clock=clock)
    for _ in range(4):
        publisher.run_lane("facebook")
        clock.advance(120)
    posts = requests.get(sandbox.url + "/_sandbox/posts", timeout=5).json()["facebook"]
    live = {p["id"]: p["text"] for p in posts if not p.get("deleted")}
    for post_id, text in ((a, BLOG_A), (b, BLOG_B)):
        [delivery] = show_post(app, post_id)["deliveries"]
        if delivery["status"] == "published":  # the post it names is this post's words
            assert live.get(delivery["remote_id"]) == text, (post_id, delivery, live)
    # A is live on the Page: it is not reported failed
    assert show_post(app, a)["status"] == "published", live


# --- T3: an approved post goes out however late ------------------------------------------

def test_t3_a_post_months_past_its_approved_time_is_not_published_unasked(make_app) -> None:  # noqa: ANN001
    from datetime import timedelta

    from test_daemon_helpers import Clock, FakePlatforms, approved_post

    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher

    app = make_app()
    platforms = FakePlatforms(("facebook",))
    clock = Clock()
    at = clock.now + timedelta(hours=2)
    approved_post(app, "Walk-in flu shots this Saturday morning, no appointment needed.",
                  ["facebook"], at)
    clock.advance(timedelta(days=120).total_seconds())  # the daemon was stopped since
    Publisher(app, platforms, "w1", DaemonConfig(retry_base=0.0, retry_cap=0.0,
                                                 max_attempts=3, batch=10),
              clock=clock).run_lane("facebook")
    assert platforms["facebook"].texts() == []


# --- T4: a reply goes out under a comment edited since the last edit sweep ----------------

QUESTION = "Can I come by on Tuesday afternoon?"
ANSWER = "Yes, we are open until 5 on Tuesday. See you then!"
EDITED = "Can I come by on Tuesday afternoon for my HIV test results?"


def test_t4_a_reply_is_not_sent_under_a_comment_edited_since_it_was_read(make_app, sandbox) -> None:  # noqa: ANN001
    import requests
    from test_daemon_helpers import answered_on_sandbox

    from adapters import adapter_class
    from social_bot.posts import show_post
    from social_bot.sandbox import sandbox_env

    requests.post(sandbox.url + "/_sandbox/reset", timeout=5)
    app = make_app(screener=None)
    env = sandbox_env(sandbox.url, "sandbox")

    def adapter_for(name: str):  # noqa: ANN202
        return adapter_class(name).from_env(env)

    publisher, monitor, remote_comment, reply_id = answered_on_sandbox(
        app, adapter_for, sandbox.url, "Flu shots all week at both of our offices.",
        QUESTION, ANSWER, "casey")
    # the commenter edits the question minutes later, before the reply goes out
    requests.patch(f"{sandbox.url}/_sandbox/comments/{remote_comment}", timeout=5,
                   json={"text": EDITED})
    monitor.run_platform("facebook")
    publisher.run_lane("facebook")
    ours = [c for c in requests.get(sandbox.url + "/_sandbox/comments", timeout=5).json()
            if c.get("parent_id") and c["author"] != "casey"]
    assert ours == [], show_post(app, reply_id)["status"]


# --- T5: an approver cannot stop what is left of a partly published post ------------------

@pytest.mark.xfail(strict=True, reason=(
    "T5: an approver cannot hold a partly published post; its held delivery goes out when"
    " released"
))
def test_t5_an_approvers_hold_stops_a_delivery_still_waiting(make_app) -> None:  # noqa: ANN001
    from test_daemon_helpers import FakePlatforms, approved_post

    from adapters.base import AuthError
    from social_bot.daemon.claims import release_holds
    from social_bot.daemon.config import DaemonConfig
    from social_bot.daemon.publisher import Publisher
    from social_bot.domain import HoldKind
    from social_bot.posts import show_post

    app = make_app()
    platforms = FakePlatforms(("facebook", "x"))
    platforms["x"].script = [AuthError("x: the access token was revoked")]
    post_id = approved_post(app, "Our Elm Street office closes at noon on Friday.",
                            ["facebook", "x"])
    publisher = Publisher(app, platforms, "w1", DaemonConfig(
        retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10))
    publisher.run_lane("facebook")
    publisher.run_lane("x")
    assert show_post(app, post_id)["status"] == "partially_published"
    # an approver sees the Facebook post is wrong (it is Thursday) and stops the rest
    reply = handle_command(app, DANA, f"hold {post_id} wrong day, it closes Thursday")
    release_holds(app, "x", (HoldKind.AUTH,), actor="socialbot connect")  # days later
    publisher.run_lane("x")
    assert platforms["x"].texts() == [], reply.text


# --- T6: a database row makes every real vote "already counted" --------------------------

@pytest.mark.xfail(strict=True, reason=(
    "T6: one approval row written in the database with ordinal 2 makes every real vote "
    "fail its insert and be answered 'this vote was already counted'"
))
def test_t6_a_stray_approval_row_does_not_turn_real_votes_away(make_app) -> None:  # noqa: ANN001
    from sqlalchemy import insert

    from social_bot.db.models import Approval, Revision
    from social_bot.errors import Refused

    app = make_app()
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Our flu clinic is open Saturday morning.", ["facebook"]))
    with app.db.write() as session:  # a database writer: one row, no audit record
        revision = session.scalars(select(Revision).where(Revision.post_id == post_id)).one()
        session.execute(insert(Approval).values(
            post_id=post_id, revision_id=revision.id, content_hash=revision.content_hash,
            approver="nobody", identity="slack:UNOBODY", ordinal=2))
    answers = []
    for who in (DANA, LUIS):
        try:
            answers.append(approve(app, who, post_id).status)
        except Refused as exc:
            answers.append(str(exc))
    assert answers[-1] == "approved", answers
