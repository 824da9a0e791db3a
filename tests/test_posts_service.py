"""The queue and the two-person rule through the service functions, on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from social_bot import audit
from social_bot.approvals import VerifiedIdentity, approve, reject
from social_bot.db.models import Approval, AuditRecord, Post
from social_bot.errors import NotFound, Refused, UserError
from social_bot.posts import Staff, cancel_post, create_post, edit_post, list_posts, prepare_draft
from social_bot.posts import show_post as show

AUTHOR = Staff("Pat Author", os_user="pat")
DANA = VerifiedIdentity("slack", "U01DANA")
LUIS = VerifiedIdentity("mattermost", "luis")
MINA = VerifiedIdentity("slack", "U03MINA")


def queue(app, text="Flu shots this Saturday at the clinic!", platforms=("x", "linkedin"),
          staff=AUTHOR) -> int:
    return create_post(app, staff, prepare_draft(app, text, platforms))


def audit_actions(app, post_id) -> list[str]:
    with app.db.read() as session:
        return list(session.scalars(select(AuditRecord.action).where(
            AuditRecord.post_id == post_id).order_by(AuditRecord.seq)))


def test_post_goes_from_draft_to_pending_to_approved(make_app):
    app = make_app()
    post_id = queue(app)
    assert show(app, post_id)["status"] == "pending_approval"

    first = approve(app, DANA, post_id)
    assert first.status == "pending_approval" and first.approvals == ["Dana Whitfield"]
    second = approve(app, LUIS, post_id)
    assert second.approved_now and second.status == "approved"

    detail = show(app, post_id)
    assert detail["status"] == "approved"
    assert detail["approvals"] == ["Dana Whitfield", "Luis Ortega"]
    assert [d["platform"] for d in detail["deliveries"]] == ["linkedin", "x"]
    assert all(d["status"] == "pending" for d in detail["deliveries"])
    assert audit_actions(app, post_id) == [
        "post.created", "post.screened", "approval.recorded", "approval.recorded",
        "post.approved",
    ]
    with app.db.read() as session:
        assert audit.verify(session).ok


def test_phi_finding_blocks_until_edited(make_app):
    app = make_app()
    post_id = queue(app, "Congrats to SSN-LIKE on the recovery")
    detail = show(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert detail["findings"][0]["category"] == "ssn"
    with pytest.raises(Refused, match="not waiting for approval"):
        approve(app, DANA, post_id)
    result = edit_post(app, AUTHOR, post_id, text="Congrats to our team on the recovery run")
    assert result["status"] == "pending_approval" and result["revision"] == 2
    assert show(app, post_id)["findings"] == []


def test_edit_voids_earlier_approvals(make_app):
    app = make_app()
    post_id = queue(app)
    approve(app, DANA, post_id)
    old_hash = show(app, post_id)["revision_hash"]
    result = edit_post(app, AUTHOR, post_id, text="Flu shots this Sunday at the clinic!")
    assert result["approvals_voided"] == 1
    detail = show(app, post_id)
    assert detail["approvals"] == [] and detail["revision"] == 2
    assert detail["revisions"][0]["approvals"] == ["Dana Whitfield"]
    # A vote cast from a message that showed the old revision is refused...
    with pytest.raises(Refused, match="changed since you saw it"):
        approve(app, LUIS, post_id, shown_hash=old_hash)
    # ...and one approval on the new revision does not complete it.
    assert approve(app, DANA, post_id).status == "pending_approval"


def test_edit_of_approved_post_returns_it_to_pending(make_app):
    app = make_app()
    post_id = queue(app)
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    edit_post(app, AUTHOR, post_id, platforms=["x"])
    detail = show(app, post_id)
    assert detail["status"] == "pending_approval" and detail["approvals"] == []
    assert [d["platform"] for d in detail["deliveries"]] == ["x"]


def test_edit_that_changes_nothing_is_refused(make_app):
    app = make_app()
    post_id = queue(app)
    with pytest.raises(UserError, match="changes nothing"):
        edit_post(app, AUTHOR, post_id, text="Flu shots this Saturday at the clinic!")
    assert show(app, post_id)["revision"] == 1


@pytest.mark.parametrize("login, voter", [("dana", DANA), ("mina", MINA)])
def test_author_cannot_approve(make_app, login, voter):
    """The author is the OS login (mapped by the policy), whatever name was typed."""
    app = make_app()
    post_id = queue(app, staff=Staff("M.", login, display="Someone Else"))
    with pytest.raises(Refused, match="wrote"):
        approve(app, voter, post_id)
    assert show(app, post_id)["approvals"] == []
    assert audit_actions(app, post_id)[-1] == "approval.refused"


def test_a_typed_approver_name_is_only_a_display_name(make_app):
    """Typing Dana's name at another login neither makes it Dana's post nor locks her out
    (before, a typed name was matched, so anyone could block an approver)."""
    app = make_app()
    post_id = queue(app, staff=Staff("Dana Whitfield", "dwhit"))
    assert approve(app, DANA, post_id).approvals == ["Dana Whitfield"]


def test_same_person_twice_counts_once(make_app):
    app = make_app()
    post_id = queue(app)
    approve(app, DANA, post_id)
    with pytest.raises(Refused, match="already approved"):
        approve(app, VerifiedIdentity("mattermost", "dana"), post_id)  # same person, other door
    assert show(app, post_id)["status"] == "pending_approval"


def test_unknown_user_is_refused_and_audited(make_app):
    app = make_app()
    post_id = queue(app)
    with pytest.raises(Refused, match="not on the approver list"):
        approve(app, VerifiedIdentity("slack", "U999"), post_id)
    with app.db.read() as session:
        record = session.scalars(select(AuditRecord).order_by(AuditRecord.seq.desc())).first()
    assert record.action == "approval.refused" and "slack:U999" in record.detail


def test_rejection_ends_the_post(make_app):
    app = make_app()
    post_id = queue(app)
    with pytest.raises(Refused, match="reason"):
        reject(app, DANA, post_id, "   ")
    outcome = reject(app, DANA, post_id, "Wrong clinic hours")
    assert outcome.status == "rejected"
    assert show(app, post_id)["status_reason"] == "Wrong clinic hours"
    with pytest.raises(Refused):
        approve(app, LUIS, post_id)
    with pytest.raises(Refused):
        edit_post(app, AUTHOR, post_id, text="try again")


def test_cancel_until_publishing(make_app):
    app = make_app()
    post_id = queue(app)
    approve(app, DANA, post_id)
    cancel_post(app, AUTHOR, post_id)
    detail = show(app, post_id)
    assert detail["status"] == "cancelled"
    assert {d["status"] for d in detail["deliveries"]} == {"cancelled"}
    with pytest.raises(Refused):
        approve(app, LUIS, post_id)
    with pytest.raises(Refused, match="no longer be cancelled"):
        cancel_post(app, AUTHOR, post_id)


def test_published_post_cannot_be_edited_or_approved(make_app):
    app = make_app()
    post_id = queue(app)
    with app.db.write() as session:
        session.get(Post, post_id).status = "published"
    with pytest.raises(Refused, match="published"):
        edit_post(app, AUTHOR, post_id, text="changed")
    with pytest.raises(Refused):
        approve(app, DANA, post_id)


def test_unknown_post_id(make_app):
    app = make_app()
    with pytest.raises(NotFound):
        show(app, 4242)
    with pytest.raises(NotFound):
        approve(app, DANA, 4242)


def test_bad_drafts_write_nothing(make_app):
    app = make_app(validator=lambda p, t, m: [f"{p}: too long"] if len(t) > 20 else [])
    for text, platforms, at in [
        ("hello", (), None),
        ("hello", ("myspace",), None),
        ("hello", ("x",), "next tuesday"),
        ("hello", ("x",), "2030-01-01T09:00"),
        ("hello", ("x",), "2001-01-01T09:00Z"),
        ("x" * 40, ("x",), None),
    ]:
        with pytest.raises(UserError):
            prepare_draft(app, text, platforms, at)
    with pytest.raises(UserError, match="media file not found"):
        prepare_draft(app, "hello", ("x",), None, ["/nonexistent/photo.png"])
    with app.db.read() as session:
        assert session.scalar(select(func.count(Post.id))) == 0
        assert session.scalar(select(func.count(AuditRecord.id))) == 0


def test_list_filters_by_status(make_app):
    app = make_app()
    ids = [queue(app, f"Clinic news number {n}") for n in range(3)]
    approve(app, DANA, ids[0])
    approve(app, LUIS, ids[0])
    pending = list_posts(app, "pending_approval")
    assert [row["id"] for row in pending] == [ids[2], ids[1]]
    assert list_posts(app, "approved")[0]["approvals"] == 2
    with pytest.raises(UserError, match="unknown status"):
        list_posts(app, "bogus")


def test_approval_rows_are_unique_in_the_database(make_app, db):
    """The constraint, not only the Python check, stops a second vote by one person."""
    from sqlalchemy.exc import IntegrityError

    app = make_app()
    post_id = queue(app)
    approve(app, DANA, post_id)
    with pytest.raises(IntegrityError), db.write() as session:
        first = session.scalars(select(Approval)).one()
        session.add(Approval(post_id=post_id, revision_id=first.revision_id,
                             content_hash=first.content_hash, approver="Dana Whitfield",
                             identity="slack:U01DANA", ordinal=2))
    with pytest.raises(IntegrityError), db.write() as session:
        first = session.scalars(select(Approval)).one()
        session.add(Approval(post_id=post_id, revision_id=first.revision_id,
                             content_hash=first.content_hash, approver="Luis Ortega",
                             identity="slack:U02LUIS", ordinal=1))


def test_an_edit_based_on_an_old_revision_is_refused(make_app, monkeypatch):
    """Two staff editing at once: the second edit must not silently undo the first."""
    import social_bot.posts as posts

    app = make_app()
    post_id = queue(app)
    real_prepare = posts.prepare_draft

    def prepare_then_race(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        draft = real_prepare(*args, **kwargs)
        monkeypatch.setattr(posts, "prepare_draft", real_prepare)
        edit_post(app, AUTHOR, post_id, text="Someone else's edit landed first")
        return draft

    monkeypatch.setattr(posts, "prepare_draft", prepare_then_race)
    with pytest.raises(Refused, match="changed while you were editing"):
        edit_post(app, AUTHOR, post_id, platforms=["x"])
    detail = show(app, post_id)
    assert detail["revision"] == 2 and detail["text"] == "Someone else's edit landed first"


def test_a_renamed_approver_still_counts_once(make_app):
    """Votes count by verified identity: renaming Dana in the policy does not make her two."""
    from policies.config import parse_policy
    from social_bot.app import App

    app = make_app()
    post_id = queue(app)
    approve(app, DANA, post_id)
    renamed = parse_policy({"approval": {"required": 2, "approvers": [
        {"name": "Dana W.", "slack_id": "U01DANA"},
        {"name": "Luis Ortega", "slack_id": "U02LUIS", "mattermost_id": "luis"}]}})
    after_rename = App(app.settings, db=app.db, policy=renamed)
    with pytest.raises(Refused, match="already approved"):
        approve(after_rename, DANA, post_id)
    assert show(app, post_id)["status"] == "pending_approval"


def test_someone_not_on_the_list_learns_nothing_about_the_post(make_app):
    app = make_app()
    post_id = queue(app, "Congrats to SSN-LIKE on the recovery")  # blocked by the screen
    with pytest.raises(Refused) as refused:
        approve(app, VerifiedIdentity("slack", "U09EVE"), post_id, shown_hash="0" * 64)
    assert str(refused.value) == "you are not on the approver list for this practice"
