"""Session 55, an outside re-read of s55-consentfix (docs/history/security.md).

The C1 fix makes a name need `story` as well as `name` unless the screen's rule tells no
more than that the person is a patient (`name+patient`, ...). The screen gives that rule
whenever no health word stands near the name, and a care service is not one: "Our patient
<name> visited the dialysis unit today" was `name+patient`, so a name-only authorization
cleared it and the post told the patient's care. A name-only rule now needs `story` too in
a text that tells of care anywhere (policies/phi/judge.tells_care, the vocabulary the
screen already reads a town's name against). Sentences are written for these tests."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from dates_ahead import a_year_ahead
from test_daemon_helpers import AUTHOR

from policies.review import ConsentTerms, FindingKey, Scope, coverage_problem, needed_scopes
from social_bot.consents import add_consent
from social_bot.dismissals import dismiss
from social_bot.errors import Refused
from social_bot.posts import create_post, prepare_draft, show_post

PATIENT = "Ottilie Brannigan"
NAME_ONLY = FindingKey("name", "text", PATIENT, rule="name+patient")

# each read by the screen as name+patient (no health word near the name), each telling care
TOLD_CARE = [
    f"Our patient {PATIENT} visited the dialysis unit today.",
    f"Our patient {PATIENT} stopped by to thank the oncology team.",
    f"Say hi to our patient {PATIENT}! Our cardiology team is proud of her.",
]
NO_CARE = [f"Thank you, our patient {PATIENT}!",
           f"Say hi to our patient {PATIENT} at the bake sale."]


def _terms(*scopes: Scope) -> ConsentTerms:
    return ConsentTerms(id=9, patient_name=PATIENT, scopes=scopes,
                        expires_at=datetime.now(UTC) + timedelta(days=30))


@pytest.mark.parametrize("text", TOLD_CARE)
def test_a_name_only_rule_needs_story_in_a_text_that_tells_care(text: str) -> None:
    assert needed_scopes(NAME_ONLY, text) == (Scope.NAME, Scope.STORY)
    said = coverage_problem(_terms(Scope.NAME), NAME_ONLY, text)
    assert said is not None and "not story" in said
    assert coverage_problem(_terms(Scope.NAME, Scope.STORY), NAME_ONLY, text) is None


@pytest.mark.parametrize("text", NO_CARE)
def test_a_name_without_care_still_needs_only_the_name(text: str) -> None:
    assert needed_scopes(NAME_ONLY, text) == (Scope.NAME,)
    assert coverage_problem(_terms(Scope.NAME), NAME_ONLY, text) is None


def _post(app: Any, text: str) -> int:
    return create_post(app, AUTHOR, prepare_draft(app, text, ["facebook"]))


def test_the_real_screen_and_cli_refuse_a_name_only_authorization_for_a_care_service(
        make_app: Any) -> None:
    app = make_app(screener=None)  # the whole screen, as `post create` runs it
    post_id = _post(app, TOLD_CARE[0])
    [finding] = [f for f in show_post(app, post_id)["findings"] if f["severity"] == "block"]
    assert finding["rule"] == "name+patient"
    name_only = add_consent(app, AUTHOR, PATIENT, ["name"], a_year_ahead(), form_ref="tray 5")
    with pytest.raises(Refused, match="not story"):
        dismiss(app, AUTHOR, post_id, finding["ref"], "authorization", consent_id=name_only)
    both = add_consent(app, AUTHOR, PATIENT, ["name", "story"], a_year_ahead(),
                       form_ref="tray 6")
    dismiss(app, AUTHOR, post_id, finding["ref"], "authorization", consent_id=both)
    shown = show_post(app, post_id)
    assert shown["status"] == "pending_approval"
    [dismissed] = [f for f in shown["findings"] if f["severity"] == "block"]
    assert dismissed["dismissal"]["consent"]["needs"] == ["name", "story"]


# Care told without a health word, a service or an injury: the screen's vocabulary did not
# read it, the name stayed `name+patient` and a name-only authorization cleared it (R2, a
# strict xfail until session 56 read the practice's hands on a body part and the bell's
# custom beside a treatment's word: tests/test_s56_plain_care.py).
UNREAD_CARE = [
    f"Our patient {PATIENT} is back on her feet, six weeks after we rebuilt her hip.",
    # the bell is read only beside a treatment's own word since the outside review of s56
    # (a bell, a bare "last round" and a ribbon also tell a spelling bee or a raffle): still
    # unread, as before session 56
    pytest.param(f"Our patient {PATIENT} rang the bell \U0001f514 today. Her last round is "
                 "done! \U0001f397\ufe0f",
                 marks=pytest.mark.xfail(strict=True, reason="re-read R2: a bell with a bare "
                                         "last round and a ribbon is not read as care")),
]


@pytest.mark.parametrize("text", UNREAD_CARE)
def test_care_told_in_plain_words_needs_story(text: str) -> None:
    assert needed_scopes(NAME_ONLY, text) == (Scope.NAME, Scope.STORY)


# --- R3: a face with the care story in the caption ---------------------------------------


def test_a_photo_needs_story_too_when_the_caption_tells_care() -> None:
    face = FindingKey("photo", "faces:1", "1 face", rule="faces.haar")
    told = "Photos from her last day of radiation below."
    assert needed_scopes(face, told) == (Scope.PHOTO, Scope.STORY)
    said = coverage_problem(_terms(Scope.PHOTO), face, told)
    assert said is not None and "not story" in said and "picture" in said
    assert coverage_problem(_terms(Scope.PHOTO, Scope.STORY), face, told) is None
    assert coverage_problem(_terms(Scope.PHOTO), face, "A great day at the bake sale!") is None


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_photo_only_authorization_does_not_clear_a_face_with_its_care(
        make_app: Any, tmp_path: Any) -> None:
    pytest.importorskip("skimage")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    import media_samples  # as test_media reads it

    app = make_app(screener=None)
    path = tmp_path / "bell.jpg"
    path.write_bytes(media_samples.photo_with_metadata(media_samples.group_photo(1)))
    post_id = create_post(app, AUTHOR, prepare_draft(
        app, "Photos from her last day of radiation below.", ["facebook"], media=[str(path)]))
    blocking = [f for f in show_post(app, post_id)["findings"] if f["severity"] == "block"]
    assert {f["category"] for f in blocking} == {"photo"} and len(blocking) == 2
    photo_only = add_consent(app, AUTHOR, PATIENT, ["photo"], a_year_ahead(), form_ref="t 7")
    for finding in blocking:
        with pytest.raises(Refused, match="not story"):
            dismiss(app, AUTHOR, post_id, finding["ref"], "authorization",
                    consent_id=photo_only)
    both = add_consent(app, AUTHOR, PATIENT, ["photo", "story"], a_year_ahead(),
                       form_ref="t 8")
    for finding in blocking:
        dismiss(app, AUTHOR, post_id, finding["ref"], "authorization", consent_id=both)
    assert show_post(app, post_id)["status"] == "pending_approval"
