"""Session 49: a revoked or expired authorization is seen the same everywhere (two findings
an outside review left open in session 48).

1. A post still blocked for another finding when its authorization was revoked kept the
   dismissal citing it; once the author dismissed the other finding it went to approval
   carrying the revoked dismissal, and `consent revoke` had not named it. An authorization
   that expired while a post waited for its second vote was approved too; both were caught
   only at publishing.
2. The chat card said "NOT IN FORCE" where `post show` said "F1 BLOCKS ... authorization
   #N was revoked": one line (dismissals.dismissal_line) now says it for both.

Stand-in screens (test_dismissals.name_screener: team-written names, fit not accuracy)."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from dates_ahead import a_year_ahead
from sqlalchemy import select
from test_cli_session48 import invoke  # noqa: F401 - the fixture
from test_daemon_helpers import AUTHOR, DANA, LUIS
from test_dismissals import PATIENT, STORY, name_screener

from social_bot import dismissals, outbox
from social_bot.approvals import approve
from social_bot.chat.guard import post_for_chat, release
from social_bot.chat.render import MATTERMOST, SLACK, post_card, post_summary
from social_bot.consents import add_consent, revoke_consent
from social_bot.db.models import Approval, AuditRecord, OutboxMessage, utcnow
from social_bot.dismissals import dismiss
from social_bot.errors import Refused
from social_bot.holds import hold
from social_bot.holds import release as release_hold
from social_bot.posts import create_post, prepare_draft, show_post
from social_bot.publish_gate import screen_verdict

TWO_NAMES = "Jane Doe is back on the trail after her knee surgery; Sam Roe paced her."


def _consent(app) -> int:  # noqa: ANN001
    return add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="f")


def _half_dismissed(app, cid: int) -> int:  # noqa: ANN001
    """Jane Doe (F1) cleared on her authorization; Sam Roe (F2) still blocks."""
    post_id = create_post(app, AUTHOR, prepare_draft(app, TWO_NAMES, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    assert show_post(app, post_id)["status"] == "blocked_phi"
    return post_id


# --- 1. no vote on a dismissal resting on a revoked or expired authorization ------------


def test_revoke_names_a_post_blocked_for_another_finding_and_it_cannot_reach_approval(
        make_app, invoke) -> None:  # noqa: ANN001, F811
    app = make_app(screener=name_screener)
    cid = _consent(app)
    post_id = _half_dismissed(app, cid)

    done = invoke(app, "consent", "revoke", str(cid), "--reason", "withdrawn in writing")
    assert done.exit_code == 0, done.output
    assert (f"post {post_id} stays blocked_phi: its dismissal citing authorization #{cid} "
            "no longer holds") in done.output

    result = dismiss(app, AUTHOR, post_id, "F2", "staff")
    assert result["status"] == "blocked_phi" and result["still_blocking"] == 1
    [(ref, why)] = result["lapsed"]  # `post dismiss` prints it
    assert ref == "F1" and why.startswith(f"authorization #{cid} was revoked")
    assert show_post(app, post_id)["status"] == "blocked_phi"  # never in front of approvers
    with pytest.raises(Refused, match="not waiting for approval"):
        approve(app, DANA, post_id)
    # the lapsed finding cannot be dismissed again: only an edit clears it
    with pytest.raises(Refused, match="dismissal no longer holds"):
        dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    with app.db.read() as session:
        assert session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == str(outbox.Kind.POST_PENDING_APPROVAL),
            OutboxMessage.post_id == post_id)).all() == []


def test_revoke_returns_the_posts_it_leaves_blocked(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=name_screener)
    cid = _consent(app)
    blocked = _half_dismissed(app, cid)
    pending = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, pending, "F1", "authorization", consent_id=cid)
    done = revoke_consent(app, AUTHOR, cid, "withdrawn")
    assert (done.blocked, done.still_blocked, done.live) == ((pending,), (blocked,), ())


def _in_the_future(monkeypatch, days: int) -> None:  # noqa: ANN001
    later = utcnow() + timedelta(days=days)
    monkeypatch.setattr(dismissals, "utcnow", lambda: later)


def test_an_authorization_expiring_while_blocked_keeps_the_post_from_approval(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    app = make_app(screener=name_screener)
    post_id = _half_dismissed(app, _consent(app))
    _in_the_future(monkeypatch, 800)  # past any a_year_ahead() expiry
    result = dismiss(app, AUTHOR, post_id, "F2", "staff")
    assert result["status"] == "blocked_phi" and result["still_blocking"] == 1
    [(ref, why)] = result["lapsed"]
    assert ref == "F1" and "expired (it was valid through" in why


def test_an_approval_refuses_an_authorization_that_expired_while_the_post_waited(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    """One vote before the expiry, the second after: refused with the reason, the post back
    with its author (votes voided, approvers told), not approved to be stopped at publish."""
    app = make_app(screener=name_screener)
    cid = _consent(app)
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    approve(app, DANA, post_id)
    _in_the_future(monkeypatch, 800)

    with pytest.raises(Refused, match=rf"post {post_id} cannot be approved: F1's dismissal "
                       rf"no longer holds \(authorization #{cid} expired"):
        approve(app, LUIS, post_id)
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi" and detail["approvals"] == []
    assert f"authorization #{cid} expired" in detail["status_reason"]
    with app.db.read() as session:
        assert session.scalars(select(Approval).where(Approval.post_id == post_id)).all() == []
        [record] = session.scalars(select(AuditRecord).where(
            AuditRecord.action == "post.authorization_lapsed")).all()
        assert json.loads(record.detail)["approvals_voided"] == 1
        [row] = session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == str(outbox.Kind.POST_CONSENT_REVOKED))).all()
        message = outbox.from_row(row.kind, row.post_id, row.comment_id, row.payload)
    from social_bot.notify import render

    text = render(app, message)["text"]
    assert "no longer holds" in text and f"authorization #{cid} expired" in text
    assert PATIENT not in text
    # publishing refuses it too, with its own clear reason
    verdict = screen_verdict(app, post_id, detail["revision"], [], now=utcnow()
                             + timedelta(days=800))
    assert verdict.blocks and f"authorization #{cid} expired" in verdict.reason


def test_a_hold_is_not_released_onto_an_authorization_that_expired(make_app,
                                                                   monkeypatch) -> None:  # noqa: ANN001
    """Held by an approver, released by two after the expiry: the release is a vote too."""
    app = make_app(screener=name_screener)
    cid = _consent(app)
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).approved_now
    hold(app, DANA, post_id, "checking the photo credit")
    _in_the_future(monkeypatch, 800)
    with pytest.raises(Refused, match=rf"cannot be released: F1's dismissal no longer holds "
                       rf"\(authorization #{cid} expired"):
        release_hold(app, DANA, post_id)
    assert show_post(app, post_id)["status"] == "blocked_phi"


# --- 2. the card says what `post show` says ---------------------------------------------


def test_the_card_says_blocks_in_post_shows_words(make_app, invoke) -> None:  # noqa: ANN001, F811
    app = make_app(screener=name_screener)
    cid = _consent(app)
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    revoke_consent(app, AUTHOR, cid, "withdrawn")
    said = f"F1 BLOCKS: the dismissal no longer holds: authorization #{cid} was revoked on "

    shown = invoke(app, "post", "show", str(post_id))
    assert shown.exit_code == 0 and said in shown.output

    detail = post_for_chat(show_post(app, post_id), app)
    slack = json.dumps(post_card(detail, 2))
    assert said in slack and "NOT IN FORCE" not in slack
    assert "Screen findings: 1 block name" in slack  # not "1 dismissed"
    for style in (SLACK, MATTERMOST):
        summary = post_summary(detail, 2, style)
        assert "NOT IN FORCE" not in summary
        # still screened as one unit: the line reaches chat, the patient does not
        out = release(app, {"text": summary}).body["text"]
        assert said in out and PATIENT not in out
