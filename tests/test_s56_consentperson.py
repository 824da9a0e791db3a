"""Session 56: an authorization covers one person (the screen attack review's S4, and its
unnumbered note on another patient's town).

A patient's authorization cleared her name in a post that told her husband's dialysis ("Her
husband starts dialysis with us next week."), at create and when an edit added the
sentence (the dismissal carried over); and it cleared the town of another patient named in
the same sentence. Now review.coverage_problem refuses both, at every door where an
authorization's terms are judged: `post dismiss`, the carry-over of `post edit`, the
approval, the card, `post show` and the publisher's re-check. Refusals name no one: they
are kept in the audit trail. Every sentence here is written for these tests."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from dates_ahead import a_year_ahead
from sqlalchemy import select
from test_cli_session48 import invoke  # noqa: F401 (the fixture)
from test_daemon_helpers import DANA, LUIS, FakePlatforms

from policies import other_person
from policies.other_person import relative_care
from policies.review import ConsentTerms, FindingKey, Scope, coverage_problem
from social_bot.approvals import approve
from social_bot.chat.guard import post_for_chat
from social_bot.chat.render import post_card
from social_bot.daemon.config import DaemonConfig
from social_bot.daemon.publisher import Publisher
from social_bot.db.models import AuditRecord
from social_bot.posts import show_post

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
CONFIG = DaemonConfig(retry_base=0.0, retry_cap=0.0, max_attempts=3, batch=10)

PATIENT = "Maren Lindqvist"
OTHER = "Osvaldo Treviño"
HERS = f"{PATIENT} rang the bell after her last radiation session with us. We cheered! "


# --- whose care a sentence tells ------------------------------------------------------------

RELATIVES_CARE = [
    HERS + "Her husband starts chemotherapy with us in March.",
    HERS + "Her son retired in June. He gets his new knee next week.",
    f"{PATIENT} is home. His wife had her gallbladder out on Friday.",
    f"{PATIENT} is home. Her daughter had her tonsils out last week.",
    f"{PATIENT} and her partner both finished physical therapy with us.",
    f"{PATIENT}, whose father has diabetes, ran the 5K.",
    f"{PATIENT} is home. Her mother-in-law is recovering from a stroke.",
    f"{PATIENT} is home. Her newborn spent two weeks in our NICU.",
    f"{PATIENT} ya terminó la radioterapia. Su esposo empieza diálisis en marzo.",
    f"{PATIENT} ya terminó. El hermano de {PATIENT} tiene diabetes.",
    f"\"My brother starts dialysis on Monday,\" says {PATIENT}.",
    f"{OTHER} is all smiles: his mom's new knee works, and she beat him at bowling.",
]
# near misses: a relative with the patient's own care, or no care of theirs
PATIENTS_OWN = [
    HERS + "Her husband drove her to every session.",
    HERS + "Her kids made the banner.",
    f"{PATIENT} finished dialysis. His daughter sat with him through every session.",
    f"{PATIENT} finished radiation, and her 9-year-old son rang the bell too.",
    f"{PATIENT} had her baby at our birth center on Monday!",
    HERS + "Her husband says she is the toughest person he knows.",
    f"{PATIENT} finished radiation. {PATIENT.split()[0]}'s husband was by her side.",
    HERS + "Her sister flew in from Duluth. She rang the bell with the whole team.",
    "Saturday's newborn visit day was a hit. Thank you, families!",
    f"{PATIENT} is home from the NICU, napping with her big brother after her weight check.",
    "Dr. Lee's newborn visits are open for booking. Come meet her at the newborn class!",
    f"{PATIENT} tuvo su bebé ayer por cesárea y las dos están bien.",
    "Si a su hijo le acaban de diagnosticar asma, tenemos una clase el martes.",
]


@pytest.mark.parametrize("text", RELATIVES_CARE)
def test_a_relatives_care_is_found(text: str) -> None:
    assert relative_care(text) is not None


@pytest.mark.parametrize("text", PATIENTS_OWN)
def test_the_patients_own_care_beside_a_relative_is_not(text: str) -> None:
    assert relative_care(text) is None


def test_a_relative_named_after_the_kin_word_is_left_to_their_own_finding() -> None:
    """"Her husband Tom starts ..." is the screen's finding "Tom" (no authorization of hers
    covers it); only a name the screen found (or hers) is taken, as written."""
    text = HERS + "Her husband Tom starts chemotherapy with us in March."
    assert relative_care(text, named=[PATIENT, "Tom"]) is None
    assert relative_care(text, named=[PATIENT]) == 3
    will = HERS + "Her son will start chemotherapy with us in March."
    assert relative_care(will, named=[PATIENT, "Will Dorsey"]) == 3
    own = "My grandmother Edith Cole says her dementia is easier since the new medicine."
    assert relative_care(own, named=["Edith Cole"]) is None


def test_the_sentence_counted_is_the_relatives() -> None:
    assert relative_care(HERS + "Her husband starts chemotherapy with us in March.") == 3
    assert relative_care(HERS + "Her husband retired. He starts chemotherapy in March.") == 4


def _terms(*scopes: Scope) -> ConsentTerms:
    from datetime import UTC, datetime, timedelta

    return ConsentTerms(id=4, patient_name=PATIENT, scopes=scopes or (Scope.NAME, Scope.STORY),
                        expires_at=datetime.now(UTC) + timedelta(days=30))


NAME = FindingKey("name", "text", PATIENT, "name+own_health")


def test_coverage_refuses_a_story_in_a_post_with_a_relatives_care_and_names_no_one() -> None:
    text = HERS + "Her husband starts chemotherapy with us in March."
    why = coverage_problem(_terms(), NAME, text)
    assert why is not None and "sentence 3" in why and "kin word" in why
    assert PATIENT.split()[0] not in why and PATIENT.split()[1] not in why
    assert coverage_problem(_terms(), NAME, HERS + "Her husband drove her home.") is None
    # a face with the relative's care needs story too, and is refused the same way
    face = FindingKey("photo", "image:0", "1 face", "faces")
    assert "kin word" in coverage_problem(_terms(Scope.PHOTO, Scope.STORY), face, text)


TOWN = FindingKey("geographic", "text", "Red Wing", "place+patient")


def test_a_detail_in_a_sentence_naming_another_person_is_not_covered() -> None:
    both = f"{PATIENT} and {OTHER} of Red Wing both finished radiation with us."
    other = FindingKey("name", "text", OTHER, "name+health")
    why = coverage_problem(_terms(), TOWN, both, [NAME, other])
    assert why is not None and "another person" in why and OTHER not in why
    # the same town in a sentence about the patient alone is hers
    alone = f"{PATIENT} of Red Wing finished radiation with us. {OTHER} did too."
    assert coverage_problem(_terms(), TOWN, alone, [NAME, other]) is None
    # her own name, or her given name after it, is no other person
    given = FindingKey("name", "text", PATIENT.split()[0], "name+health")
    again = f"{PATIENT} finished radiation. {PATIENT.split()[0]} of Red Wing is home."
    assert coverage_problem(_terms(), TOWN, again, [NAME, given]) is None
    # a detail read from an image in a post whose caption names another person
    image = FindingKey("geographic", "alt:0", "Red Wing", "place+patient")
    assert "another person" in coverage_problem(_terms(), image, both, [NAME, other])


# --- end to end: the CLI on a scratch database, the real screen ------------------------------


@pytest.fixture
def cli(invoke, make_app):  # noqa: ANN001, ANN201, F811
    """`socialbot ...` as typed (errors one line, exit 2) on one app with the real screen
    (test_cli_session48's `invoke`)."""
    app = make_app(screener=None)

    def run(*args: str) -> SimpleNamespace:
        done = invoke(app, *args)
        return SimpleNamespace(code=done.exit_code, output=done.output)

    run.app = app
    return run


def _create(cli: Any, text: str) -> int:
    done = cli("post", "create", "--text", text, "--platform", "facebook")
    assert done.code == 0, done.output
    return max(p["id"] for p in _posts(cli.app))


def _posts(app: Any) -> list[dict[str, Any]]:
    from social_bot.posts import list_posts

    return list_posts(app)


def _consent(cli: Any) -> str:
    done = cli("consent", "add", "--name", PATIENT, "--scope", "name,story", "--expires",
               a_year_ahead(), "--form", "signed at the desk")
    assert done.code == 0, done.output
    return "1"


def _records(app: Any, action: str) -> list[dict[str, Any]]:
    with app.db.read() as session:
        return [json.loads(r.detail or "{}") for r in session.scalars(
            select(AuditRecord).where(AuditRecord.action == action))]


def _name_ref(app: Any, post_id: int, name: str) -> str:
    return next(f["ref"] for f in show_post(app, post_id)["findings"] if f["text"] == name)


RELATIVE = "Her husband starts chemotherapy with us in March."


@sqlite_only
def test_post_dismiss_refuses_her_authorization_for_a_post_with_her_husbands_care(cli) -> None:  # noqa: ANN001
    post_id = _create(cli, HERS + RELATIVE)
    consent = _consent(cli)
    ref = _name_ref(cli.app, post_id, PATIENT)
    refused = cli("post", "dismiss", str(post_id), ref, "--reason", "authorization",
                  "--consent", consent)
    assert refused.code == 2 and "sentence 3" in refused.output
    assert show_post(cli.app, post_id)["status"] == "blocked_phi"
    [record] = _records(cli.app, "finding.dismiss_refused")
    assert record["scopes_needed"] == ["name", "story"]
    assert "kin word" in record["refusal"]
    kept = json.dumps(record)
    assert PATIENT.split()[0] not in kept and PATIENT.split()[1] not in kept

    # the near miss: her husband with her own care goes to approval on her authorization
    fine = _create(cli, HERS + "Her husband drove her to every session.")
    ok = cli("post", "dismiss", str(fine), _name_ref(cli.app, fine, PATIENT), "--reason",
             "authorization", "--consent", consent)
    assert ok.code == 0 and "pending_approval" in ok.output


@sqlite_only
def test_an_edit_that_adds_a_relatives_care_does_not_carry_the_dismissal(cli) -> None:  # noqa: ANN001
    post_id = _create(cli, HERS + "Thank you for trusting us!")
    consent = _consent(cli)
    ok = cli("post", "dismiss", str(post_id), _name_ref(cli.app, post_id, PATIENT),
             "--reason", "authorization", "--consent", consent)
    assert ok.code == 0 and "pending_approval" in ok.output
    # a far sentence: review.context_kept lets it change, the terms are judged again
    edited = cli("post", "edit", str(post_id), "--text", HERS + RELATIVE)
    assert edited.code == 0, edited.output
    shown = cli("post", "show", str(post_id))
    assert "blocked by the PHI screen" in shown.output
    assert show_post(cli.app, post_id)["status"] == "blocked_phi"
    assert _records(cli.app, "finding.dismissal_carried") == []
    # an edit of the same far sentence that tells no one's care carries it
    calm = cli("post", "edit", str(post_id), "--text", HERS + "Thank you, everyone!")
    assert calm.code == 0
    ref = _name_ref(cli.app, post_id, PATIENT)
    again = cli("post", "dismiss", str(post_id), ref, "--reason", "authorization",
                "--consent", consent)
    assert again.code == 0
    assert cli("post", "edit", str(post_id), "--text", HERS + "See you soon!").code == 0
    assert show_post(cli.app, post_id)["status"] == "pending_approval"
    assert len(_records(cli.app, "finding.dismissal_carried")) == 1


@sqlite_only
def test_another_patients_town_is_not_dismissed_with_her_authorization(cli) -> None:  # noqa: ANN001
    post_id = _create(cli, f"{PATIENT} and {OTHER} of Red Wing both finished radiation with us.")
    consent = _consent(cli)
    findings = show_post(cli.app, post_id)["findings"]
    town = next(f["ref"] for f in findings if f["category"] == "geographic")
    refused = cli("post", "dismiss", str(post_id), town, "--reason", "authorization",
                  "--consent", consent)
    assert refused.code == 2 and "another person" in refused.output
    [record] = _records(cli.app, "finding.dismiss_refused")
    assert OTHER.split()[0] not in json.dumps(record) and PATIENT.split()[0] not in \
        json.dumps(record)
    # her own town, in a sentence about her alone, is still hers to publish
    own = _create(cli, f"{PATIENT} of Red Wing finished radiation with us this spring.")
    refs = [f["ref"] for f in show_post(cli.app, own)["findings"] if f["severity"] == "block"]
    for ref in refs:
        done = cli("post", "dismiss", str(own), ref, "--reason", "authorization",
                   "--consent", consent)
        assert done.code == 0, done.output
    assert show_post(cli.app, own)["status"] == "pending_approval"


def _dismissed_before_the_rule(cli: Any, monkeypatch: pytest.MonkeyPatch, votes: int) -> int:
    """A post with her husband's care, dismissed on her authorization before this rule (the
    rule patched out) and given ``votes`` approvals; then the upgrade."""
    post_id = _create(cli, HERS + RELATIVE)
    consent = _consent(cli)
    monkeypatch.setattr(other_person, "relative_care", lambda text, named=(), care=None: None)
    ok = cli("post", "dismiss", str(post_id), _name_ref(cli.app, post_id, PATIENT),
             "--reason", "authorization", "--consent", consent)
    assert ok.code == 0 and "pending_approval" in ok.output
    for who in (DANA, LUIS)[:votes]:
        approve(cli.app, who, post_id)
    monkeypatch.setattr(other_person, "relative_care", relative_care)  # the upgrade
    return post_id


@sqlite_only
def test_post_show_the_card_and_the_publisher_judge_it_again(cli, monkeypatch) -> None:  # noqa: ANN001
    post_id = _dismissed_before_the_rule(cli, monkeypatch, votes=2)
    assert show_post(cli.app, post_id)["status"] == "approved"
    shown = cli("post", "show", str(post_id))
    assert "BLOCKS" in shown.output and "kin word" in shown.output
    card = json.dumps(post_card(post_for_chat(show_post(cli.app, post_id)), 2))
    assert "no longer holds" in card and "kin word" in card
    platforms = FakePlatforms(("facebook",))
    Publisher(cli.app, platforms, "w1", CONFIG).run_lane("facebook")
    assert platforms["facebook"].texts() == []
    detail = show_post(cli.app, post_id)
    assert detail["status"] == "blocked_phi" and "kin word" in detail["status_reason"]
    [blocked] = _records(cli.app, "post.blocked_at_publish")
    assert PATIENT.split()[0] not in json.dumps(blocked)


@sqlite_only
def test_the_second_approval_is_refused_and_the_post_goes_back(cli, monkeypatch) -> None:  # noqa: ANN001
    from social_bot.errors import Refused

    post_id = _dismissed_before_the_rule(cli, monkeypatch, votes=1)
    with pytest.raises(Refused, match="no longer holds"):
        approve(cli.app, LUIS, post_id)
    assert show_post(cli.app, post_id)["status"] == "blocked_phi"
    [lapsed] = _records(cli.app, "post.authorization_lapsed")
    assert PATIENT.split()[0] not in json.dumps(lapsed)


@sqlite_only
def test_a_nurse_beside_her_is_no_other_patient(cli) -> None:  # noqa: ANN001
    """A staff name in the town's sentence: a warning is no other patient, and a blocking one
    dismissed as staff is none either, at dismissal and when a platform edit carries both."""
    warned = _create(cli, f"{PATIENT} of Red Wing finished radiation with nurse Kim Haugen "
                          "by her side.")
    consent = _consent(cli)
    for f in show_post(cli.app, warned)["findings"]:
        if f["severity"] == "block":
            done = cli("post", "dismiss", str(warned), f["ref"], "--reason", "authorization",
                       "--consent", consent)
            assert done.code == 0, done.output
    assert show_post(cli.app, warned)["status"] == "pending_approval"

    blocked = _create(cli, f"{PATIENT} of Red Wing thanked nurse Kim Haugen for her radiation "
                           "care.")
    findings = show_post(cli.app, blocked)["findings"]
    nurse = _name_ref(cli.app, blocked, "Kim Haugen")
    town = next(f["ref"] for f in findings if f["category"] == "geographic")
    first = cli("post", "dismiss", str(blocked), town, "--reason", "authorization",
                "--consent", consent)
    assert first.code == 2 and "another person" in first.output
    assert cli("post", "dismiss", str(blocked), nurse, "--reason", "staff").code == 0
    for ref in (town, _name_ref(cli.app, blocked, PATIENT)):
        done = cli("post", "dismiss", str(blocked), ref, "--reason", "authorization",
                   "--consent", consent)
        assert done.code == 0, done.output
    assert show_post(cli.app, blocked)["status"] == "pending_approval"
    # a platform edit keeps the words: the staff dismissal carries, then the town's
    moved = cli("post", "edit", str(blocked), "--platform", "linkedin")
    assert moved.code == 0, moved.output
    assert show_post(cli.app, blocked)["status"] == "pending_approval"
