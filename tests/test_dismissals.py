"""A person's decision about a PHI finding, and the patient-authorization registry:
dismissals by the author only, with a fixed reason, an authorization that covers the
finding and is in force; carried over an edit only while the span reads the same; shown
to approvers; re-checked at publish (real HTTP to the sandbox)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
import requests
from dates_ahead import a_year_ahead, day_after
from sqlalchemy import select
from test_daemon_helpers import AUTHOR, DANA, LUIS

from adapters import build_adapter
from policies.review import (
    ConsentTerms,
    DismissReason,
    FindingKey,
    Scope,
    authorization_problem,
    dismissal_problem,
)
from social_bot import audit
from social_bot.approvals import approve
from social_bot.chat.render import SLACK, post_card, post_summary
from social_bot.consents import add_consent, list_consents, revoke_consent
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import Approval, AuditRecord
from social_bot.dismissals import dismiss
from social_bot.errors import Refused, UserError
from social_bot.posts import Staff, create_post, edit_post, prepare_draft, show_post
from social_bot.sandbox import sandbox_env

NOW = datetime(2026, 12, 2, tzinfo=UTC)
PATIENT = "Jane Doe"
STORY = "Jane Doe is back on the trail three months after her knee surgery, with permission."
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10)


def name_screener(texts, context="post"):  # noqa: ANN001, ANN201
    """A stand-in screen: each capitalised two-word name from a small list blocks."""
    results = []
    for body in texts:
        found = []
        for name in ("Jane Doe", "Sam Roe", "Nurse Kim"):
            start = body.find(name)
            if start >= 0:
                found.append(SimpleNamespace(
                    category="name", start=start, end=start + len(name), text=name,
                    severity="block", score=0.9, rule="test", reason="a name tied to care",
                    redaction="[patient name]"))
        results.append(found)
    return results


def consent_terms(**changes) -> ConsentTerms:  # noqa: ANN003
    base = dict(id=7, patient_name="Jane Doe", scopes=(Scope.NAME, Scope.STORY),
                expires_at=NOW + timedelta(days=30))
    return ConsentTerms(**{**base, **changes})


# --- the rules, as pure functions --------------------------------------------------------


def test_authorization_must_cover_the_finding_and_be_in_force() -> None:
    name = FindingKey("name", "text", "Jane Doe")
    assert authorization_problem(consent_terms(), name, STORY, NOW) is None
    assert "revoked" in authorization_problem(consent_terms(revoked_at=NOW), name, STORY, NOW)
    assert "expired" in authorization_problem(
        consent_terms(expires_at=NOW - timedelta(days=1)), name, STORY, NOW)
    assert "not name" in authorization_problem(consent_terms(scopes=(Scope.STORY,)), name,
                                               STORY, NOW)
    other = FindingKey("name", "text", "Sam Roe")
    assert "another name" in authorization_problem(consent_terms(), other, STORY, NOW)
    face = FindingKey("photo", "faces:1", "2 faces")
    assert "not photo" in authorization_problem(consent_terms(), face, STORY, NOW)
    assert authorization_problem(consent_terms(scopes=(Scope.PHOTO,)), face, "", NOW) is None


def test_a_story_detail_is_covered_only_in_a_post_naming_the_patient() -> None:
    date = FindingKey("date", "text", "March 3")
    terms = consent_terms(patient_name="Jane Doe")
    assert authorization_problem(terms, date, "Jane Doe had surgery on March 3", NOW) is None
    assert "does not name" in authorization_problem(terms, date, "Surgery on March 3", NOW)


def test_reasons_are_a_fixed_list_fitting_the_finding() -> None:
    name = FindingKey("name", "text", "Jane Doe")
    face = FindingKey("photo", "faces:1", "2 faces")
    common = dict(consent=None, post_text=STORY, now=NOW)
    assert dismissal_problem(name, DismissReason.STAFF, note=None, **common) is None
    assert "does not apply" in dismissal_problem(name, DismissReason.NOT_IDENTIFIABLE,
                                                 note=None, **common)
    assert "--consent ID" in dismissal_problem(name, DismissReason.AUTHORIZATION, note=None,
                                               **common)
    assert "name the staff" in dismissal_problem(face, DismissReason.STAFF, note=None, **common)
    assert dismissal_problem(face, DismissReason.STAFF, note="Ana Ruiz, Ben Cole",
                             **common) is None


# --- the registry and dismissals on a database ------------------------------------------


def _blocked_story(app) -> int:  # noqa: ANN001
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    assert show_post(app, post_id)["status"] == "blocked_phi"
    return post_id


def _actions(app) -> list[str]:  # noqa: ANN001
    with app.db.read() as session:
        return list(session.scalars(select(AuditRecord.action).order_by(AuditRecord.seq)))


def test_consent_registry_add_list_revoke_audited(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=name_screener)
    cid = add_consent(app, AUTHOR, " Jane  Doe ", ["name,story"], a_year_ahead(),
                      form_ref="EHR doc 2026-114")
    [row] = list_consents(app)
    assert row["patient_name"] == "Jane Doe" and row["scopes"] == ["name", "story"]
    assert row["recorded_by"] == "Pat Author" and row["recorded_os_user"] == "pat"
    assert row["expires_at"].startswith(day_after(a_year_ahead()))  # valid through the 30th
    with pytest.raises(UserError, match="name the signed form"):
        add_consent(app, AUTHOR, "Sam Roe", ["photo"], a_year_ahead(1, 1))
    with pytest.raises(UserError, match="unknown scope"):
        add_consent(app, AUTHOR, "Sam Roe", ["face"], a_year_ahead(1, 1), form_ref="x")
    with pytest.raises(UserError, match="not in the future"):
        add_consent(app, AUTHOR, "Sam Roe", ["photo"], "2020-01-01", form_ref="x")
    revoke_consent(app, AUTHOR, cid, "patient withdrew it in writing")
    assert list_consents(app) == []
    assert "revoked" in list_consents(app, include_inactive=True)[0]["problem"]
    with app.db.read() as session:
        records = session.scalars(select(AuditRecord).order_by(AuditRecord.seq)).all()
        assert [r.action for r in records] == ["consent.added", "consent.revoked"]
        assert PATIENT not in records[0].detail  # the name's hash, not the name
        assert audit.verify(session).ok


def test_only_the_author_with_a_valid_authorization_clears_the_post(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=name_screener)
    post_id = _blocked_story(app)
    detail = show_post(app, post_id)
    assert [f["ref"] for f in detail["findings"]] == ["F1"]
    with pytest.raises(Refused, match="only the author"):
        dismiss(app, Staff("Dana Whitfield", "dana"), post_id, "F1", "public_figure")
    with pytest.raises(Refused, match="--consent ID"):
        dismiss(app, AUTHOR, post_id, "F1", "authorization")
    photo_only = add_consent(app, AUTHOR, PATIENT, ["photo"], a_year_ahead(), form_ref="f1")
    with pytest.raises(Refused, match="not name"):
        dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=photo_only)
    with pytest.raises(UserError, match="unknown reason"):
        dismiss(app, AUTHOR, post_id, "F1", "because")
    assert show_post(app, post_id)["status"] == "blocked_phi"

    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="f2")
    result = dismiss(app, AUTHOR, post_id, "f1", "authorization", consent_id=cid,
                     note="signed at the 11/20 visit")
    assert result["status"] == "pending_approval" and result["still_blocking"] == 0
    finding = show_post(app, post_id)["findings"][0]
    assert finding["dismissal"]["reason"] == "authorization"
    assert finding["dismissal"]["consent"]["id"] == cid
    assert finding["dismissal"]["by"] == "Pat Author"
    actions = _actions(app)
    assert actions.count("finding.dismiss_refused") == 3
    assert actions[-2:] == ["finding.dismissed", "post.cleared"]


def test_edit_keeps_a_dismissal_only_while_its_span_is_unchanged(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=name_screener)
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Welcome Nurse Kim to the team!", ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "staff", note="joined in November")
    assert show_post(app, post_id)["status"] == "pending_approval"

    # the words kept (a staff dismissal rests on the whole text since session 55)
    edit_post(app, AUTHOR, post_id, platforms=["facebook", "x"])
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    assert detail["findings"][0]["dismissal"]["carried_from"] is not None

    # since session 42 the span's sentence must be the same too (an outside review)
    edit_post(app, AUTHOR, post_id, text="Please welcome Nurse Kim and Sam Roe to our team!")
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"  # a new name: nobody has judged it yet
    assert [bool(f["dismissal"]) for f in detail["findings"]] == [False, False]
    assert "finding.dismissal_carried" in _actions(app)


def test_approvers_see_every_dismissal_before_they_vote(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=name_screener)
    post_id = _blocked_story(app)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="f")
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    detail = show_post(app, post_id)
    card = json.dumps(post_card(detail, 2))
    assert f"authorization #{cid}" in card and "written HIPAA authorization on file" in card
    assert "check before you vote" in card
    assert f"authorization #{cid}" in post_summary(detail, 2, SLACK)


def _published(sandbox) -> list[str]:  # noqa: ANN001
    return [p["text"] for p in requests.get(f"{sandbox.url}/_sandbox/posts",
                                            timeout=5).json()["facebook"]]


def test_authorized_story_is_published_and_a_revoked_one_blocks(make_app, sandbox) -> None:  # noqa: ANN001
    """create -> blocked -> dismissed with an authorization -> two approvals -> published to
    the sandbox; the same flow with the authorization revoked before publishing blocks."""
    app = make_app(screener=name_screener)
    adapters = {"facebook": build_adapter("facebook", sandbox_env(sandbox.url))}
    publisher = Publisher(app, adapters.__getitem__, "w1", CONFIG)

    post_id = _blocked_story(app)
    approve_refused = pytest.raises(Refused, match="not waiting for approval")
    with approve_refused:
        approve(app, DANA, post_id)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="f")
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"
    publisher.run_lane("facebook")
    assert show_post(app, post_id)["status"] == "published"
    assert _published(sandbox) == [STORY]

    second = "Sam Roe thanks the team. " + STORY
    other = add_consent(app, AUTHOR, "Sam Roe", ["name", "story"], a_year_ahead(), form_ref="g")
    post_id = create_post(app, AUTHOR, prepare_draft(app, second, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=other)  # Sam Roe
    dismiss(app, AUTHOR, post_id, "F2", "authorization", consent_id=cid)
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    assert revoke_consent(app, AUTHOR, other, "patient withdrew it").blocked == (
        post_id,)  # re-blocked now
    publisher.run_lane("facebook")
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    assert f"authorization #{other} was revoked" in detail["status_reason"]
    assert "Sam Roe" not in detail["status_reason"]  # the reason goes to chat
    assert _published(sandbox) == [STORY]
    assert "post.consent_revoked" in _actions(app)
    with pytest.raises(Refused):
        dismiss(app, AUTHOR, post_id, "F2", "staff")


def test_cli_consent_and_dismiss(cli_env, tmp_path) -> None:  # noqa: ANN001
    """The commands a person types: one line on error, ids on stdout, dismissals shown."""
    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "social_bot", *args], env=cli_env,
                              capture_output=True, text=True, timeout=120)

    assert run("init").returncode == 0
    form = tmp_path / "form.pdf"
    form.write_bytes(b"%PDF signed form")
    added = run("consent", "add", "--name", PATIENT, "--scope", "name,story", "--expires",
                a_year_ahead(), "--form-file", str(form))
    assert added.returncode == 0, added.stderr
    cid = added.stdout.strip()
    listed = json.loads(run("consent", "list", "--json").stdout)
    assert listed[0]["form_sha256"] and listed[0]["id"] == int(cid)
    bad = run("consent", "add", "--name", "X", "--scope", "face", "--expires", a_year_ahead(1, 1),
              "--form", "r")
    assert bad.returncode == 2 and bad.stderr.startswith("error: unknown scope")
    assert len(bad.stderr.strip().splitlines()) == 1
    missing = run("post", "dismiss", "99", "F1", "--reason", "staff")
    assert missing.returncode == 2 and "no post with id 99" in missing.stderr
    revoked = run("consent", "revoke", cid, "--reason", "withdrawn")
    assert revoked.returncode == 0
    assert "0 post(s) relying on it went back to blocked_phi" in revoked.stderr
    assert run("consent", "list", "--json").stdout.strip() == "[]"


def test_revoking_an_authorization_reblocks_posts_relying_on_it_at_once(make_app) -> None:  # noqa: ANN001
    """Revoked while two posts relying on it wait (one approved, one half-voted): both go
    back to blocked_phi with their votes voided, audited; nobody can vote on them."""
    app = make_app(screener=name_screener)
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="f")
    approved_id, pending_id = _blocked_story(app), _blocked_story(app)
    untouched = create_post(app, AUTHOR, prepare_draft(app, "Flu shots Friday", ["facebook"]))
    for post_id in (approved_id, pending_id):
        dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
        approve(app, DANA, post_id)
    assert approve(app, LUIS, approved_id).status == "approved"

    assert revoke_consent(app, AUTHOR, cid, "patient withdrew it").blocked == (approved_id,
                                                                        pending_id)
    for post_id in (approved_id, pending_id):
        detail = show_post(app, post_id)
        assert detail["status"] == "blocked_phi"
        assert f"authorization #{cid} was revoked" in detail["status_reason"]
        with pytest.raises(Refused, match="not waiting for approval"):
            approve(app, LUIS, post_id)
    assert show_post(app, untouched)["status"] == "pending_approval"
    with app.db.read() as session:
        voided = [json.loads(r.detail)["approvals_voided"] for r in session.scalars(
            select(AuditRecord).where(AuditRecord.action == "post.consent_revoked")
            .order_by(AuditRecord.post_id))]
        assert voided == [2, 1]
        assert session.scalars(select(Approval).where(
            Approval.post_id.in_([approved_id, pending_id]))).all() == []
