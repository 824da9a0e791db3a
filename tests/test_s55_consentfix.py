"""Session 55, findings C1 and D1 of the screen attack review (docs/history/security.md).

C1: the scopes a finding needs follow what it discloses: a name told with the person's
health or care needs `story` as well as `name`, at dismissal, carry-over, approval and
publish (a dismissal recorded under the older rule blocks again at publish), and the audit
trail, `post show` and the card say which scopes were needed and which the authorization
covers.
D1: a dismissal carries over an edit only when what its reason rests on around the span is
unchanged: the whole text for staff, public_figure and not_a_person; the sentence before
and the sentence after for an authorization. Sentences are written for these tests."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from dates_ahead import a_year_ahead
from sqlalchemy import select
from test_daemon_helpers import AUTHOR, DANA, LUIS, FakePlatforms

from policies import review
from policies.review import (
    ConsentTerms,
    FindingKey,
    Scope,
    context_kept,
    coverage_problem,
    needed_scopes,
)
from social_bot.approvals import approve
from social_bot.chat.guard import post_for_chat
from social_bot.chat.render import post_card
from social_bot.consents import add_consent
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord
from social_bot.dismissals import dismiss, dismissal_line
from social_bot.errors import Refused
from social_bot.posts import create_post, edit_post, prepare_draft, show_post

PATIENT = "Ottilie Brannigan"
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10)


def _terms(*scopes: Scope) -> ConsentTerms:
    from datetime import UTC, datetime, timedelta

    return ConsentTerms(id=9, patient_name=PATIENT, scopes=scopes,
                        expires_at=datetime.now(UTC) + timedelta(days=30))


# --- C1: the scopes, by what the finding discloses ---------------------------------------


@pytest.mark.parametrize(("category", "rule", "needed"), [
    ("name", "name+own_health", ("name", "story")),
    ("name", "name+health", ("name", "story")),
    ("name", "handle+own_health", ("name", "story")),
    ("name", "name+program", ("name", "story")),
    ("name", "anaphora+health", ("name", "story")),
    ("name", "owned_care", ("name", "story")),
    ("name", "", ("name", "story")),  # a rule nobody recorded: as told with care
    # "patient" after a care event: a death, a fundraiser, a visit's date
    ("name", "condolence+patient", ("name", "story")),
    ("name", "fundraiser+patient", ("name", "story")),
    ("name", "service_date+patient", ("name", "story")),
    ("name", "reply_names_answered+patient", ("name", "story")),
    ("name", "name+patient", ("name",)),
    ("name", "tagged+patient", ("name",)),
    ("name", "name+no_health", ("name",)),
    ("photo", "photo+patient", ("photo",)),
    ("date", "date+patient", ("story",)),
])
def test_the_scopes_a_finding_needs_follow_its_rule(category: str, rule: str,
                                                    needed: tuple[str, ...]) -> None:
    assert needed_scopes(FindingKey(category, "text", "x", rule=rule)) == needed


def test_a_name_only_authorization_covers_a_name_not_the_name_with_its_care() -> None:
    text = f"{PATIENT} rang the bell after her last infusion."
    told = FindingKey("name", "text", PATIENT, rule="name+own_health")
    said = coverage_problem(_terms(Scope.NAME), told, text)
    assert said is not None and "not story" in said and "needs name, story" in said
    assert coverage_problem(_terms(Scope.NAME, Scope.STORY), told, text) is None
    # `story` alone does not cover a name either
    assert "not name" in coverage_problem(_terms(Scope.STORY), told, text)
    only_patient = FindingKey("name", "text", PATIENT, rule="name+patient")
    assert coverage_problem(_terms(Scope.NAME), only_patient, f"Thank you, {PATIENT}!") is None


def _screener(rule: str):  # noqa: ANN202
    def screen(texts, context="post"):  # noqa: ANN001, ANN202
        out = []
        for body in texts:
            start = body.find(PATIENT)
            out.append([SimpleNamespace(
                category="name", start=start, end=start + len(PATIENT), text=PATIENT,
                severity="block", score=0.9, rule=rule, reason="a name told with care",
                redaction="[patient name]")] if start >= 0 else [])
        return out
    return screen


STORY = f"{PATIENT} rang the bell after her last infusion with us."


def _records(app, action: str) -> list[dict]:  # noqa: ANN001
    with app.db.read() as session:
        return [json.loads(r.detail or "{}") for r in session.scalars(
            select(AuditRecord).where(AuditRecord.action == action))]


def test_a_name_only_authorization_is_refused_and_the_refusal_says_which_scopes(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=_screener("name+own_health"))
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    cid = add_consent(app, AUTHOR, PATIENT, ["name"], a_year_ahead(), form_ref="tray 5")
    with pytest.raises(Refused, match="covers name, not story"):
        dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    [refused] = _records(app, "finding.dismiss_refused")
    assert refused["scopes_needed"] == ["name", "story"]
    assert refused["consent_scopes"] == ["name"]

    full = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="t6")
    assert dismiss(app, AUTHOR, post_id, "F1", "authorization",
                   consent_id=full)["status"] == "pending_approval"
    [done] = _records(app, "finding.dismissed")
    assert done["scopes_needed"] == ["name", "story"]
    assert done["consent_scopes"] == ["name", "story"]
    assert PATIENT not in json.dumps(done)  # the trail keeps no name
    detail = show_post(app, post_id)
    line = dismissal_line(detail["findings"][0])
    assert "covers name, story; the finding needs name, story" in line
    card = json.dumps(post_card(post_for_chat(detail), 2))
    assert "the finding needs name, story" in card


def _old_rule(key: FindingKey, text: str | None = None) -> tuple[Scope, ...]:
    """needed_scopes before session 55: `name` for any name finding (the text unread)."""
    if review.is_photo(key):
        return (Scope.PHOTO,)
    return (Scope.NAME,) if key.category == "name" else (Scope.STORY,)


def test_a_post_dismissed_and_approved_under_the_old_rule_is_blocked_at_publish(
        make_app, monkeypatch) -> None:  # noqa: ANN001
    """Dismissed on a name-only authorization and approved by two people before the upgrade;
    the publisher judges the scopes again and sends the post back, nothing published."""
    app = make_app(screener=_screener("name+own_health"))
    platforms = FakePlatforms(("facebook",))
    cid = add_consent(app, AUTHOR, PATIENT, ["name"], a_year_ahead(), form_ref="tray 5")
    post_id = create_post(app, AUTHOR, prepare_draft(app, STORY, ["facebook"]))
    monkeypatch.setattr(review, "needed_scopes", _old_rule)
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    approve(app, DANA, post_id)
    assert approve(app, LUIS, post_id).status == "approved"
    monkeypatch.undo()  # the upgrade

    detail = show_post(app, post_id)
    line = dismissal_line(detail["findings"][0])
    assert line.startswith("F1 BLOCKS: the dismissal no longer holds") and "not story" in line
    Publisher(app, platforms, "w1", CONFIG).run_lane("facebook")
    assert platforms["facebook"].texts() == []
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi" and "not story" in detail["status_reason"]
    [blocked] = _records(app, "post.blocked_at_publish")
    assert blocked["from"] == "approved"


def test_a_name_only_authorization_still_publishes_a_name_without_care(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=_screener("name+patient"))
    platforms = FakePlatforms(("facebook",))
    cid = add_consent(app, AUTHOR, PATIENT, ["name"], a_year_ahead(), form_ref="tray 5")
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, f"Thank you, {PATIENT}, for the flowers at the front desk!", ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    approve(app, DANA, post_id)
    approve(app, LUIS, post_id)
    Publisher(app, platforms, "w1", CONFIG).run_lane("facebook")
    assert show_post(app, post_id)["status"] == "published"


# --- D1: what a reason rests on around the span ------------------------------------------

TEXT = (f"Our summer walk raised funds for the food bank. {PATIENT} is on our front desk. "
        f"She joined in June. Join us next year!")
SPAN = (TEXT.index(PATIENT), TEXT.index(PATIENT) + len(PATIENT))


def _moved(new: str) -> tuple[int, int]:
    return (new.index(PATIENT), new.index(PATIENT) + len(PATIENT))


@pytest.mark.parametrize(("new", "authorization", "staff"), [
    (TEXT, True, True),
    (TEXT.replace("Join us next year!", "Sign up for next year!"), True, False),  # far after
    (TEXT.replace("Our summer", "Our spring"), False, False),  # the sentence before
    (TEXT.replace("She joined in June.", "She joined in May."), False, False),  # after
    (TEXT.replace("food bank. ", "food bank. It rained. "), False, False),  # one put between
    (TEXT.replace("She joined in June. ", ""), False, False),  # the one after removed
])
def test_context_kept_by_reason(new: str, authorization: bool, staff: bool) -> None:
    moved = _moved(new)
    assert context_kept("authorization", TEXT, new, SPAN, moved) is authorization
    for reason in ("staff", "public_figure", "not_a_person"):
        assert context_kept(reason, TEXT, new, SPAN, moved) is staff


def test_an_authorization_dismissal_carries_over_an_edit_of_a_far_sentence(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=_screener("name+own_health"))
    cid = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(), form_ref="t")
    text = f"Summer is here. Pool hours change. {STORY} Thank you all."
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    edit_post(app, AUTHOR, post_id, text=text.replace("Summer is here.", "Fall is here."))
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    assert detail["findings"][0]["dismissal"]["carried_from"] is not None
    # ... but not an edit of the sentence next to the name's
    edit_post(app, AUTHOR, post_id, text=text.replace("Pool hours change.", "Our regular."))
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi" and detail["findings"][0]["dismissal"] is None


def test_a_public_figure_dismissal_asks_again_after_any_edit_of_the_words(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=_screener("name+own_health"))
    text = f"Senator Brannigan spoke on the radio this week. It was a long week. {STORY} More."
    post_id = create_post(app, AUTHOR, prepare_draft(app, text, ["facebook", "x"]))
    dismiss(app, AUTHOR, post_id, "F1", "public_figure", note="told the press herself")
    # the words kept, the platforms changed: the dismissal carries
    edit_post(app, AUTHOR, post_id, platforms=["facebook"])
    assert show_post(app, post_id)["status"] == "pending_approval"
    # a sentence two away rewritten: the author is asked again
    edit_post(app, AUTHOR, post_id, text=text.replace("Senator Brannigan spoke on the radio",
                                                      "One of our regulars came in"))
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi" and detail["findings"][0]["dismissal"] is None
