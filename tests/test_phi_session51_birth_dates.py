"""A patient's birth date told in a later sentence or in Spanish (session 51): "So proud of
<name>, who beat breast cancer ... She turns 60 on March 3!" had a finding for the name only,
so dismissing it (with an authorization for name and story) published the patient's
birthday; "Nuestra paciente cumple 60 años el 3 de marzo" found nothing where its English twin
blocks. The birthday's day now has a finding of its own (rule `birth_date`), which no
authorization covers. Staff birthdays, events, the practice's anniversary and schedules by
age find none. The probes are team-written (bench/data/birthdays_probes_s51): fit."""

from __future__ import annotations

import json
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from dates_ahead import a_year_ahead
from test_daemon_helpers import AUTHOR

from policies.phi import PhiAllowList, PhiScreen
from policies.review import ConsentTerms, FindingKey, Scope, coverage_problem
from social_bot.consents import add_consent
from social_bot.dismissals import dismiss
from social_bot.errors import Refused
from social_bot.posts import create_post, prepare_draft, show_post

PROBES = Path(__file__).resolve().parent.parent / "bench/data/birthdays_probes_s51"
ROWS = [json.loads(line) for line in (PROBES / "posts.jsonl").read_text().splitlines()
        if line.strip()]
MUST_BLOCK = [r["text"] for r in ROWS if r["expect"] == "block"]
HARMLESS = [r["text"] for r in ROWS if r["expect"] == "pass"]


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    allow = tomllib.loads((PROBES / "policy.toml").read_text())["phi"]
    return PhiScreen(PhiAllowList.from_toml(allow), learned=False)


def birth_dates(screen: PhiScreen, text: str) -> list[str]:
    """The blocking date findings of a text (the birth date's, whichever rule found it)."""
    return [f.text for f in screen.screen(text, context="post")
            if f.severity == "block" and f.category == "date"]


def test_the_newcomers_two_posts_block_the_birthday_itself(screen: PhiScreen) -> None:
    found = screen.screen("We are so proud of Maria Gonzalez, who beat breast cancer last "
                          "year. She turns 60 on March 3!", context="post")
    rules = {(f.rule, f.text) for f in found if f.severity == "block"}
    assert ("birth_date+person", "March 3") in rules  # its own finding, beside the name's
    assert any(f.category == "name" for f in found)


# The cost of the outside review's mend: "our patient" / "nuestra paciente" with no blocked
# finding behind it was the only reading that could block a post that passed before, and it
# blocked colleagues' birthdays ("Our Patient Advocate, Linda, turns 40 ..."); it was removed,
# so these two probes find nothing again, as on main (docs/history/phi.md, "Session 51: birth
# dates").
WITHDRAWN = {"Nuestra paciente cumple 60 años el 3 de marzo. ¡Felicidades!",
             "Un paciente nuestro cumple 90 años el 25 de enero y sigue viniendo a sus consultas."}


@pytest.mark.parametrize("text", [
    pytest.param(t, marks=pytest.mark.xfail(strict=True, reason="one-patient reading removed"))
    if t in WITHDRAWN else t for t in MUST_BLOCK])
def test_a_patients_birth_date_has_a_blocking_date_finding(screen: PhiScreen,
                                                          text: str) -> None:
    assert birth_dates(screen, text), text


@pytest.mark.parametrize("text", HARMLESS + [
    # a patient's story, then someone else's day: dismissing the patient's name with an
    # authorization must still let these publish
    "Maria Gonzalez finished chemo this fall. Our receptionist Pat turns 40 on March 3!",
    "Derek Olsen finished cardiac rehab. Dr. Lopez, who turns 50 on April 9, led his care.",
    "Maria Gonzalez finished chemo this fall. Her support group meets on March 3 at 6pm.",
    "María González terminó su quimioterapia. La Dra. Ibarra cumple 50 años el 12 de abril.",
    "María González terminó su quimioterapia. Nuestra clínica cumple 10 años el 3 de marzo.",
    "Lucy Tran finished chemo. She will speak at our health fair on May 5.",
])
def test_staff_events_and_schedules_get_no_birth_date_finding(screen: PhiScreen,
                                                             text: str) -> None:
    rules = {f.rule for f in screen.screen(text, context="post")}
    assert "birth_date+person" not in rules, text


NOW = datetime(2026, 12, 7, tzinfo=UTC)
TERMS = ConsentTerms(id=7, patient_name="Maria Gonzalez", scopes=(Scope.NAME, Scope.STORY),
                     expires_at=NOW + timedelta(days=90))


def test_no_authorization_covers_a_birth_date_but_a_care_date_still_is() -> None:
    post = "Maria Gonzalez finished chemo on March 3. Maria Gonzalez turns 60 on May 5."
    for rule in ("birth_date+person", "labelled_birth_date"):
        why = coverage_problem(TERMS, FindingKey("date", "text", "May 5", rule=rule), post)
        assert why is not None and "date of birth" in why
    # a care date in a sentence naming the patient: covered by "story", as before
    assert coverage_problem(TERMS, FindingKey("date", "text", "March 3", rule="date+patient"),
                            post) is None
    # the rule is not part of a finding's identity (dismissals carry over as before)
    assert FindingKey("date", "text", "May 5", rule="x") == FindingKey("date", "text", "May 5")


TEXT = "We are so proud of Maria Gonzalez, who beat breast cancer. She turns 60 on March 3!"


def _screener(texts, context="post"):  # noqa: ANN001, ANN201
    from types import SimpleNamespace

    found = []
    for body in texts:
        spans = []
        for word, category, rule in (("Maria Gonzalez", "name", "name+own_health"),
                                     ("March 3", "date", "birth_date+person")):
            start = body.find(word)
            if start >= 0:
                spans.append(SimpleNamespace(
                    category=category, start=start, end=start + len(word), text=word,
                    severity="block", score=0.9, rule=rule, reason="test",
                    redaction="[x]"))
        found.append(spans)
    return found


def test_an_authorization_for_name_and_story_clears_the_name_not_the_birthday(
        make_app) -> None:  # noqa: ANN001
    app = make_app(screener=_screener)
    cid = add_consent(app, AUTHOR, "Maria Gonzalez", ["name", "story"], a_year_ahead(),
                      form_ref="binder 5")
    post_id = create_post(app, AUTHOR, prepare_draft(app, TEXT, ["facebook"]))
    dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)
    with pytest.raises(Refused, match="cannot cover a date of birth"):
        dismiss(app, AUTHOR, post_id, "F2", "authorization", consent_id=cid)
    assert show_post(app, post_id)["status"] == "blocked_phi"


# The outside review's classes, in sentences of our own: a title-case job title or product
# named for patients, and a passing "a patient" clause in a colleague's birthday sentence.
# Each was blocked by the removed one-patient reading; nothing else is about a person here.
@pytest.mark.parametrize("text", [
    "Our Patient Liaison, Gloria, turns 45 on August 9. Stop by and say hi!",
    "Our Patient Experience Manager Tasha turns 35 on October 14!",
    "The Patient Lounge turns 2 on April 20 — come see the new chairs.",
    "Nuestro asistente Luis, para quien un paciente es lo primero, cumple 40 años el 9 de agosto.",
])
def test_titles_products_and_a_passing_patient_clause_stay_unblocked(screen: PhiScreen,
                                                                     text: str) -> None:
    assert [f.rule for f in screen.screen(text, context="post") if f.severity == "block"] == []


def _covered(screen: PhiScreen, text: str, terms: ConsentTerms) -> dict[str, bool]:
    """Each blocking date finding's text -> whether the authorization covers it."""
    return {f.text: coverage_problem(terms, FindingKey(f.category, "text", f.text, rule=f.rule),
                                     text) is None
            for f in screen.screen(text, context="post")
            if f.severity == "block" and f.category == "date"}


def test_a_birthday_in_the_sentence_naming_the_patient_is_covered_by_no_authorization(
        screen: PhiScreen) -> None:
    # found first by `date+patient` (which "story" covers), its day is a birthday's: it
    # carries the birth-date rule, so a name+story authorization no longer publishes it
    terms = ConsentTerms(id=8, patient_name="Edna Morales", scopes=(Scope.NAME, Scope.STORY),
                         expires_at=NOW + timedelta(days=90))
    born = "Our longtime patient Edna Morales was born 4/11/1941 and still walks every morning."
    assert _covered(screen, born, terms) == {"4/11/1941": False}
    # a care date in the sentence naming her is still part of her story, covered as before
    care = "Edna Morales finished cardiac rehab on October 2."
    assert _covered(screen, care, terms) == {"October 2": True}


def test_a_care_date_after_a_birthday_clause_stays_a_care_date(screen: PhiScreen) -> None:
    # the day belongs to the clause after "and": a care date, which "story" covers
    terms = ConsentTerms(id=9, patient_name="Nadia Ferris", scopes=(Scope.NAME, Scope.STORY),
                         expires_at=NOW + timedelta(days=90))
    text = "Nadia Ferris turned 60 and finished chemo on March 3."
    assert _covered(screen, text, terms) == {"March 3": True}
