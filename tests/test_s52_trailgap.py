"""A record relabelled in the database must not let a stopped post publish (session 52).

The publisher trusts the *absence* of a cancellation, an edit, a hold, a withdrawal, a
revocation. `trail_gap` guarded that absence by counting records only: a writer who kept a
record's seq and MAC but changed its `post_id` or `action` left no gap, and a cancelled
post set back to "approved" was published. Now every record since the post's first must
still hold its MAC (or, before the chain was keyed, its hash and link)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select, update
from test_daemon_helpers import AUTHOR, DANA, FakePlatforms, approved_post
from test_publish import FAST

from social_bot import audit
from social_bot.app import App
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord, Delivery, Post
from social_bot.holds import hold
from social_bot.posts import cancel_post, create_post, edit_post, prepare_draft, show_post

CHANGED = "was changed in the database"


def publish_x(app: App) -> FakePlatforms:
    platforms = FakePlatforms()
    Publisher(app, platforms, "w1", FAST).run_lane("x")
    return platforms


def set_back(app: App, post_id: int, **post: object) -> None:
    """What a database writer does to let a stopped post out again: the post approved,
    its delivery pending."""
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id)
                        .values(status="approved", **post))
        session.execute(update(Delivery).where(Delivery.post_id == post_id)
                        .values(status="pending"))


def relabel(app: App, post_id: int, action: str, field: str) -> int:
    """Keep the record's seq and MAC, change what the publisher selects it by."""
    value = None if field == "post_id" else "post.note"
    with app.db.write() as session:
        seq = session.scalar(select(AuditRecord.seq).where(
            AuditRecord.post_id == post_id, AuditRecord.action == action))
        assert seq is not None
        session.execute(update(AuditRecord).where(AuditRecord.seq == seq)
                        .values({field: value}))
    return seq


def refusals(app: App, post_id: int) -> list[str]:
    with app.db.read() as session:
        keys = audit.session_keys(session)
        return [p for r in audit.post_records(session, post_id,
                                              AuditRecord.action == "publish.refused")
                if audit.record_intact(r, keys)
                for p in json.loads(r.detail)["problems"]]


@pytest.mark.parametrize("field", ["post_id", "action"])
def test_a_cancellation_relabelled_in_the_database_does_not_publish(make_app, field):
    app = make_app()
    post_id = approved_post(app, "Clinic closed for the staff retreat on Friday", ["x"])
    cancel_post(app, AUTHOR, post_id)
    set_back(app, post_id)
    seq = relabel(app, post_id, "post.cancelled", field)
    assert publish_x(app)["x"].texts() == []
    shown = show_post(app, post_id)
    assert shown["status"] != "published"
    assert f"audit record #{seq} " in shown["status_reason"]
    assert CHANGED in shown["status_reason"]
    assert any(f"audit record #{seq} " in p and CHANGED in p for p in refusals(app, post_id))


@pytest.mark.parametrize("field", ["post_id", "action"])
def test_an_edit_relabelled_in_the_database_does_not_publish_the_old_words(make_app, field):
    app = make_app()
    post_id = approved_post(app, "Dr. Priya Raman joins us Monday", ["x"])
    edit_post(app, AUTHOR, post_id, text="Dr. Priya Raman joins us Tuesday")
    set_back(app, post_id, current_revision=1)
    seq = relabel(app, post_id, "post.edited", field)
    assert publish_x(app)["x"].texts() == []
    shown = show_post(app, post_id)
    assert shown["status"] == "pending_approval"
    assert f"audit record #{seq} " in shown["status_reason"]


def test_a_hold_relabelled_in_the_database_does_not_publish(make_app):
    app = make_app()
    post_id = approved_post(app, "Open house on Friday", ["x"])
    hold(app, DANA, post_id, "checking the time")
    set_back(app, post_id)
    relabel(app, post_id, "post.held", "action")
    assert publish_x(app)["x"].texts() == []
    assert CHANGED in show_post(app, post_id)["status_reason"]


def test_posts_publish_as_before_around_cancels_edits_and_holds(make_app):
    """The normal flow: a post approved before others were cancelled, edited and held
    (their records in its window, all intact) publishes, and so does a post created after a
    record was relabelled (the refusal's advice)."""
    app = make_app()
    first = approved_post(app, "Flu shots all week", ["x"])
    cancelled = approved_post(app, "Parking lot repaving on Monday", ["x"])
    cancel_post(app, AUTHOR, cancelled)
    edited = create_post(app, AUTHOR, prepare_draft(app, "New hours from June", ["x"]))
    edit_post(app, AUTHOR, edited, text="New hours from July")
    held = approved_post(app, "Open house on Friday", ["x"])
    hold(app, DANA, held, "checking the time")
    assert publish_x(app)["x"].texts() == ["Flu shots all week"]
    assert show_post(app, first)["status"] == "published"
    assert show_post(app, held)["status"] == "held"
    assert show_post(app, cancelled)["status"] == "cancelled"
    set_back(app, cancelled)
    relabel(app, cancelled, "post.cancelled", "post_id")
    later = approved_post(app, "Closed on the holiday", ["x"])
    published = publish_x(app)["x"].texts()
    assert published == ["Closed on the holiday"]
    assert show_post(app, later)["status"] == "published"
    assert show_post(app, cancelled)["status"] != "published"


def test_a_record_verified_before_is_checked_again_once_changed(db):
    """`altered_since` skips the MAC of a record this process verified whose stored fields
    are unchanged: a record changed after it was verified is still found."""
    for n in range(4):
        with db.write() as session:
            audit.append(session, actor="Pat Author", action="post.note", post_id=None,
                         detail={"n": n})
    with db.read() as session:
        assert audit.altered_since(session, 1) is None  # every record verified, remembered
    with db.write() as session:
        session.execute(update(AuditRecord).where(AuditRecord.seq == 3)
                        .values(action="post.cancelled"))
    with db.read() as session:
        altered = audit.altered_since(session, 2)
        assert altered is not None and (altered.seq, altered.action) == (3, "post.cancelled")
        assert "MAC does not match" in altered.problem
        assert audit.altered_since(session, 4) is None


def test_records_from_before_the_key_verify_by_their_hash_and_link(db):
    """Records written before the chain was keyed have a plain hash anyone can recompute:
    they hold when their hash does and the first keyed record's MAC covers the last one."""
    from test_audit_keyed import _legacy_chain, as_unkeyed

    _legacy_chain(db, 3)
    with db.write() as session:
        audit.append(session, actor="socialbot init", action="audit.keyed")
    with db.read() as session:
        assert audit.altered_since(session, 1) is None

    def relabelled(record: AuditRecord) -> None:
        if record.seq == 2:
            record.action = "post.cancelled"

    with db.write() as session:  # rewritten, its unkeyed successors recomputed
        as_unkeyed(session, list(session.scalars(select(AuditRecord).where(
            AuditRecord.key_id.is_(None)).order_by(AuditRecord.seq))), relabelled)
    with db.read() as session:
        altered = audit.altered_since(session, 1)
        assert altered is not None and altered.seq == 4
        assert altered.problem == "does not follow the record before it"
