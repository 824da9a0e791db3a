"""The patient-authorization registry and the dismissals resting on it, attacked from
outside (session 44): each test here failed on the code before its fix."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from sqlalchemy import delete, select, update
from test_daemon_helpers import AUTHOR, DANA, LUIS, FakePlatforms

from adapters.base import TransientError
from social_bot import publish_gate
from social_bot.approvals import approve
from social_bot.chat.guard import post_for_chat
from social_bot.chat.render import APPROVE, SLACK, post_card, post_summary
from social_bot.consents import add_consent, list_consents, revoke_consent
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Approval, AuditRecord, Consent, Post, Revision
from social_bot.dismissals import dismiss
from social_bot.errors import Refused
from social_bot.posts import create_post, edit_post, prepare_draft, show_post

PATIENT = "Wenonah Castellanos"
STORY = f"{PATIENT} walked her dog again two weeks after her ankle surgery."
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10)


def screener(texts, context="post"):  # noqa: ANN001, ANN201
    """A stand-in screen: the patient's name blocks; the word FACES stands for an image
    with two faces (a `photo` finding from faces:1)."""
    results = []
    for body in texts:
        found = []
        start = body.find(PATIENT)
        if start >= 0:
            found.append(SimpleNamespace(
                category="name", start=start, end=start + len(PATIENT), text=PATIENT,
                severity="block", score=0.9, rule="test", reason="a name tied to care",
                redaction="[patient name]"))
        if "FACES" in body:
            found.append(SimpleNamespace(
                category="photo", start=0, end=0, text="2 faces", severity="block", score=1.0,
                rule="test", reason="faces", redaction="[faces]", source="faces:1"))
        results.append(found)
    return results


def _authorized(app, platforms, scopes=("name", "story"), text=STORY):  # noqa: ANN001, ANN202
    cid = add_consent(app, AUTHOR, PATIENT, list(scopes), "2030-01-01", form_ref="doc-44")
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, list(platforms)))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"
    return cid, post_id


# --- a revocation between the screen's verdict and the claim ------------------------------


def test_a_revocation_after_the_verdict_publishes_nothing_more(make_app, monkeypatch) -> None:  # noqa: ANN001
    """Facebook published, X in retry; the patient withdraws her authorization while the
    X lane is between its screen verdict and its claim: X must not get the story."""
    app = make_app(screener=screener)
    platforms = FakePlatforms(("facebook", "x"))
    platforms["x"].script = [TransientError("x: 503")]
    publisher = Publisher(app, platforms, "w1", CONFIG)
    cid, post_id = _authorized(app, ("facebook", "x"))
    publisher.run_lane("facebook")
    publisher.run_lane("x")
    assert [d["status"] for d in show_post(app, post_id)["deliveries"]] == ["published", "retry"]

    verdict = publish_gate.screen_verdict

    def revoked_meanwhile(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        result = verdict(*args, **kwargs)
        revoke_consent(app, AUTHOR, cid, "the patient withdrew it in writing")
        return result

    monkeypatch.setattr(publish_gate, "screen_verdict", revoked_meanwhile)
    publisher.run_lane("x")
    assert platforms["x"].texts() == []
    x = show_post(app, post_id)["deliveries"][1]
    assert x["status"] == "failed" and f"authorization #{cid} was revoked" in x["last_error"]
    assert PATIENT not in x["last_error"]


def test_an_expiry_after_the_verdict_sends_the_post_back(make_app, monkeypatch) -> None:  # noqa: ANN001
    """Nothing out yet: the claim's own clock is past the expiry, so the post goes back to
    blocked_phi as the screen's block would send it."""
    app = make_app(screener=screener)
    platforms = FakePlatforms(("facebook",))
    _, post_id = _authorized(app, ("facebook",))
    verdict = publish_gate.screen_verdict

    def judged_before_the_expiry(app, post_id, revision, fresh, now=None):  # noqa: ANN001, ANN202
        return verdict(app, post_id, revision, fresh, datetime.now(UTC))

    monkeypatch.setattr(publish_gate, "screen_verdict", judged_before_the_expiry)
    after_expiry = datetime(2030, 1, 2, 1, tzinfo=UTC)
    Publisher(app, platforms, "w1", CONFIG, clock=lambda: after_expiry).run_lane("facebook")
    assert platforms["facebook"].texts() == []
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert [d["status"] for d in detail["deliveries"]] == ["pending"]


# --- what chat learns of an authorization ----------------------------------------------


def _card_text(app, post_id: int) -> str:  # noqa: ANN001
    detail = post_for_chat(show_post(app, post_id))
    return json.dumps(post_card(detail, 2)) + post_summary(detail, 2, SLACK)


def test_chat_does_not_name_a_patient_the_post_does_not_name(make_app) -> None:  # noqa: ANN001
    """A photo-only authorization: the patient allowed her face, not her name. The card
    said "authorization #1 for <her name>, covers photo" in Slack."""
    app = make_app(screener=screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["photo"], "2030-01-01", form_ref="doc-44")
    post_id = create_post(app, AUTHOR, prepare_draft(app, "FACES Smiles all round at the 5k.",
                                                     ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid,
            note="the other face is Nurse Bo Ahn")
    card = _card_text(app, post_id)
    assert f"authorization #{cid} for [patient name], covers photo" in card
    assert PATIENT not in card
    assert show_post(app, post_id)["findings"][0]["dismissal"]["consent"]["patient_name"] \
        == PATIENT  # the CLI (the practice's own machine) still names her


def test_chat_names_the_patient_the_post_names(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], "2030-01-01", form_ref="doc-44")
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    # session 49: a dismissed span and the authorization's name never go to chat, even when
    # the post names her; the approvers still see which authorization and what it covers
    card = _card_text(app, post_id)
    assert f"authorization #{cid} for [patient name], covers name, story" in card
    assert PATIENT not in card


# --- one patient's authorization, two faces ---------------------------------------------


def test_one_authorization_does_not_clear_two_faces_unnamed(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["photo"], "2030-01-01", form_ref="doc-44")
    post_id = create_post(app, AUTHOR, prepare_draft(app, "FACES Smiles all round at the 5k.",
                                                     ["facebook"]))
    with pytest.raises(Refused, match="shows 2 faces .* say who the others are"):
        dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    assert show_post(app, post_id)["status"] == "blocked_phi"
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid,
            note="the other face is Nurse Bo Ahn")
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    # the approvers judge the note, in `post show`: chat says where it is (session 49,
    # finding E) and the card has no Approve button
    card = _card_text(app, post_id)
    assert "Nurse Bo Ahn" not in card and f"read it with `socialbot post show {post_id}`" in card
    assert APPROVE not in card and "Nurse Bo Ahn" in detail["findings"][0]["dismissal"]["note"]


# --- a scheduled post due after its authorization expires --------------------------------


def test_a_post_due_after_the_expiry_is_refused_at_dismissal(make_app) -> None:  # noqa: ANN001
    """Before: dismissed, approved by two people, then blocked at publish on its day."""
    app = make_app(screener=screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], "2030-01-01", form_ref="doc-44")
    due = datetime(2030, 1, 2, 9, tzinfo=UTC)
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"], due))
    with pytest.raises(Refused, match=r"scheduled for 2030-01-02 09:00 UTC, after "
                                      rf"authorization #{cid} expires \(it is valid through "
                                      r"2030-01-01\)"):
        dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    assert show_post(app, post_id)["status"] == "blocked_phi"
    in_time = datetime(2030, 1, 1, 23, 59, tzinfo=UTC)
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"], in_time))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    assert show_post(app, post_id)["status"] == "pending_approval"


def test_an_edit_rescheduling_past_the_expiry_does_not_carry_the_dismissal(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], "2030-01-01", form_ref="doc-44")
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    edit_post(app, AUTHOR, post_id, at=datetime(2030, 3, 1, 9, tzinfo=UTC))
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi" and detail["findings"][0]["dismissal"] is None


# --- the database as attacker: a revocation removed with its records --------------------


def test_a_revocation_removed_from_the_trail_publishes_nothing(make_app) -> None:  # noqa: ANN001
    """Someone with database access alone deletes the `consent.revoked` and
    `post.consent_revoked` records, clears the row's revocation, puts the voided votes back
    and sets the post approved: every remaining record is intact, so the story went out."""
    app = make_app(screener=screener)
    platforms = FakePlatforms(("facebook",))
    cid, post_id = _authorized(app, ("facebook",))
    assert revoke_consent(app, AUTHOR, cid, "the patient withdrew it in writing").blocked == (
        post_id,)
    with app.db.write() as session:
        session.execute(delete(AuditRecord).where(AuditRecord.action.in_(
            ("consent.revoked", "post.consent_revoked"))))
        session.execute(update(Consent).values(revoked_at=None, revoked_by=None,
                                               revoke_reason=None))
        revision = session.scalars(select(Revision)).one()
        for ordinal, (name, who) in enumerate((("Dana Whitfield", DANA), ("Luis Ortega", LUIS)),
                                              start=1):
            session.add(Approval(post_id=post_id, revision_id=revision.id,
                                 content_hash=revision.content_hash, approver=name,
                                 identity=who.label, ordinal=ordinal))
        session.execute(update(Post).values(status="approved"))
    Publisher(app, platforms, "w1", CONFIG).run_lane("facebook")
    assert platforms["facebook"].texts() == []
    assert show_post(app, post_id)["status"] == "blocked_phi"
    assert list_consents(app) == []
    [row] = list_consents(app, include_inactive=True)
    assert "audit record(s) written after it was recorded" in row["problem"]


def test_a_revocation_needs_a_visible_reason(make_app) -> None:  # noqa: ANN001
    from social_bot.errors import UserError

    app = make_app(screener=screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["name"], "2030-01-01", form_ref="doc-44")
    for reason in ("\u200b", "\u2060 \ufeff", "withdrawn\x1b[2J"):
        with pytest.raises(UserError):
            revoke_consent(app, AUTHOR, cid, reason)
    assert list_consents(app)[0]["in_force"]
