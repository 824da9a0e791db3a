"""A database administrator cannot put a patient's authorization back in force: the
registry row must agree with the keyed audit trail (`consent.added`, `consent.revoked`),
a vote voided by a revocation does not count again when its row is put back, and
`audit verify` accepts the votes a revocation voided (security review, session 5)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from dates_ahead import a_year_ahead
from sqlalchemy import select, update
from test_daemon_helpers import AUTHOR, DANA, LUIS
from test_dismissals import _published

from adapters import build_adapter
from social_bot import audit
from social_bot.approvals import approve
from social_bot.consents import add_consent, list_consents, revoke_consent
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Approval, Consent, Post, Revision
from social_bot.dismissals import dismiss
from social_bot.errors import Refused
from social_bot.posts import create_post, prepare_draft, show_post
from social_bot.sandbox import sandbox_env

PATIENT = "Odile Barnacott"
STORY = "Odile Barnacott walked out of rehab today after her hip replacement, beaming."
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10)


def screener(texts, context="post"):  # noqa: ANN001, ANN201
    found = []
    for body in texts:
        start = body.find(PATIENT)
        found.append([SimpleNamespace(
            category="name", start=start, end=start + len(PATIENT), text=PATIENT,
            severity="block", score=0.9, rule="test", reason="a name tied to care",
            redaction="[patient name]")] if start >= 0 else [])
    return found




def _authorized_post(app) -> tuple[int, int]:  # noqa: ANN001
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="doc-9")
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    return cid, post_id


def _undo_revocation_in_the_database(app, cid: int, post_id: int) -> None:  # noqa: ANN001
    """What someone with write access to the database alone can do: clear the revocation,
    put Dana's voided vote row back, and set the post waiting for approval again."""
    with app.db.write() as session:
        session.execute(update(Consent).where(Consent.id == cid)
                        .values(revoked_at=None, revoked_by=None, revoke_reason=None))
        revision = session.scalars(select(Revision).where(Revision.post_id == post_id)).one()
        session.add(Approval(post_id=post_id, revision_id=revision.id,
                             content_hash=revision.content_hash, approver="Dana Whitfield",
                             identity=DANA.label, ordinal=1))
        session.execute(update(Post).where(Post.id == post_id).values(status="pending_approval"))


def test_a_revocation_undone_in_the_database_publishes_nothing(make_app, sandbox) -> None:  # noqa: ANN001
    app = make_app(screener=screener)
    publisher = Publisher(app, {"facebook": build_adapter(
        "facebook", sandbox_env(sandbox.url))}.__getitem__, "w1", CONFIG)
    cid, post_id = _authorized_post(app)
    approve(app, DANA, post_id)
    assert revoke_consent(app, AUTHOR, cid, "the patient withdrew it").blocked == (post_id,)
    with app.db.read() as session:  # the votes the revocation voided are not "missing"
        assert audit.verify(session).ok

    _undo_revocation_in_the_database(app, cid, post_id)
    # The registry, the approvers' card and a new dismissal all see it is still revoked.
    assert list_consents(app) == []
    card = show_post(app, post_id)["findings"][0]["dismissal"]["consent"]
    assert "revoked" in card["problem"]
    with app.db.read() as session:  # the restored vote row is reported
        result = audit.verify(session)
        assert not result.ok and "has no audit record" in result.problem
    # No vote is taken on a dismissal resting on a revoked authorization (session 49; before,
    # Luis's vote was recorded and Dana's restored one did not count): back to its author.
    with pytest.raises(Refused, match=f"authorization #{cid} was revoked"):
        approve(app, LUIS, post_id)
    assert show_post(app, post_id)["status"] == "blocked_phi"

    # Even with the status forced to approved, the publisher refuses.
    with app.db.write() as session:
        session.get(Post, post_id).status = "approved"
    publisher.run_lane("facebook")
    assert _published(sandbox) == []
    assert show_post(app, post_id)["status"] != "published"


def test_an_expiry_moved_in_the_database_does_not_count(make_app, sandbox) -> None:  # noqa: ANN001
    app = make_app(screener=screener)
    publisher = Publisher(app, {"facebook": build_adapter(
        "facebook", sandbox_env(sandbox.url))}.__getitem__, "w1", CONFIG)
    cid, post_id = _authorized_post(app)
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).approved_now
    with app.db.write() as session:
        row = session.get(Consent, cid)
        row.expires_at = row.expires_at.replace(year=row.expires_at.year + 5)
    assert "changed in the database" in list_consents(app, include_inactive=True)[0]["problem"]
    publisher.run_lane("facebook")
    assert _published(sandbox) == []
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert PATIENT not in (detail["status_reason"] or "")


def test_a_consent_row_inserted_by_hand_clears_nothing(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=screener)
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    real = add_consent(app, AUTHOR, "Someone Else", ["photo"], a_year_ahead(), form_ref="x")
    with app.db.write() as session:
        template = session.get(Consent, real)
        forged = Consent(patient_name=PATIENT, scopes=["name", "story"], form_ref="none",
                         recorded_by=template.recorded_by, expires_at=template.expires_at)
        session.add(forged)
        session.flush()
        forged_id = forged.id
    with pytest.raises(Refused, match="no intact audit record"):
        dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=forged_id)
    assert show_post(app, post_id)["status"] == "blocked_phi"


def test_free_text_typed_for_an_authorization_is_not_kept_in_the_audit_trail(make_app) -> None:  # noqa: ANN001
    """A revocation's reason, a form's filing reference and a dismissal's note are typed by
    a person and may name the patient: the trail (kept for ever, exported) keeps only their
    length and keyed digest; the registry and the dismissal keep the text."""
    app = make_app(screener=screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(),
                      form_ref="Barnacott MRN 88120 scan")
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid,
            note="Odile's daughter Priscilla signed it")
    revoke_consent(app, AUTHOR, cid, "Odile Barnacott called to withdraw after her relapse")
    with app.db.read() as session:
        trail = audit.export_text(session)
        assert audit.verify(session).ok
    for typed in ("Barnacott", "MRN 88120", "Priscilla", "relapse"):  # digits alone occur in hex
        assert typed not in trail
    assert list_consents(app, include_inactive=True)[0]["form_ref"].startswith("Barnacott")
    assert "Priscilla" in show_post(app, post_id)["findings"][0]["dismissal"]["note"]


def test_names_and_spans_in_the_trail_cannot_be_confirmed_by_hashing_a_guess(make_app) -> None:  # noqa: ANN001
    """A plain SHA-256 of a name is confirmed by anyone who hashes the guess: the trail
    keeps a digest under the audit key, and the publisher still matches it."""
    import hashlib

    app = make_app(screener=screener)
    _authorized_post(app)
    with app.db.read() as session:
        trail = audit.export_text(session)
    for guess in (PATIENT, PATIENT.casefold()):
        assert hashlib.sha256(guess.encode()).hexdigest() not in trail
    assert "name_hmac" in trail and "span_hmac" in trail


def test_dismissals_and_authorizations_show_the_policy_name_of_the_login(make_app) -> None:  # noqa: ANN001
    """The CLI knows a person by login; posts show the policy's name for it, and so do the
    registry and the dismissal lines the approvers read (they showed the bare login)."""
    from social_bot.posts import Staff

    app = make_app(screener=screener)
    mina = Staff("mina", "mina")
    cid = add_consent(app, mina, PATIENT, ["name", "story"], a_year_ahead(), form_ref="doc-4")
    post_id = create_post(app, mina, prepare_draft(app, STORY, ["facebook"]))
    dismiss(app, mina, post_id, "F1", "authorization", consent_id=cid)
    assert list_consents(app)[0]["recorded_by"] == "Mina Okafor"
    assert show_post(app, post_id)["findings"][0]["dismissal"]["by"] == "Mina Okafor"
