"""Session 55's outside attack review of "what is screened is what is published" (report
only, branch s55-attack-screen): each test replays one finding of
docs/history/security.md and is marked xfail(strict=True) until the product is fixed, so
a fix turns it into a failure that asks for the marker to go. The texts are the reviewer's
own; no devset or bench/data line is used. What held is listed in the report, not here."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import flag_names
from dates_ahead import a_year_ahead
from test_daemon_helpers import AUTHOR

from social_bot.consents import add_consent
from social_bot.dismissals import dismiss
from social_bot.errors import Refused
from social_bot.posts import create_post, edit_post, prepare_draft, show_post

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture(scope="module")
def screen() -> Any:
    """The whole PHI screen as `socialbot screen` and `post create` run it (rules and the
    learned parts), with an empty allow-list."""
    from policies.phi import get_screen

    return get_screen()


def blocks(screen: Any, text: str, context: str = "post") -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context=context))


def _post(app: Any, text: str) -> int:
    return create_post(app, AUTHOR, prepare_draft(app, text, ["facebook"]))


# --- P1: a name spelled out with a separator the screen does not join ----------------------

SPACED_BY = ["|", "+", ",", ";", "?", "%", "&", "\u2026"]


@pytest.mark.parametrize("sep", SPACED_BY)
def test_p1_a_letter_spaced_name_with_health_blocks(screen: Any, sep: str) -> None:
    name = sep.join("Rosalind") + " " + sep.join("Okafor")
    assert blocks(screen, f"{name} completed her chemotherapy with our team this month.")


# --- P2: a misspelled health word --------------------------------------------------------

MISSPELT = ["chemotheraphy", "chemoterapy", "kemotherapy", "diabetis"]


@pytest.mark.parametrize("word", MISSPELT)
def test_p2_a_misspelled_health_word_beside_a_name_blocks(screen: Any, word: str) -> None:
    assert blocks(screen, f"Rosalind Okafor wrapped up her fight with {word} this spring.")


# --- P3: health told by a euphemism ------------------------------------------------------

EUPHEMISMS = [
    "Rosalind Okafor is expecting, all thanks to our fertility clinic!",
    "Rosalind Okafor and her wife are expecting a baby boy in August!",
    "Rosalind Okafor beat the big C this year.",
]


@pytest.mark.parametrize("text", EUPHEMISMS)
def test_p3_a_euphemism_for_care_beside_a_name_blocks(screen: Any, text: str) -> None:
    assert blocks(screen, text)


# --- P4: a social security number a reader reads, not in digits --------------------------

SSN_FORMS = [
    "His SSN: nine one two, three four, five six seven eight.",
    "Su numero de seguro social: nueve uno dos, tres cuatro, cinco seis siete ocho.",
    "His SSN is 912-34-56O8",  # a capital O for the zero
    "His SSN is 912\n34\n5678",
    "His SSN is 912-thirty four-5678",
]


@pytest.mark.parametrize("text", SSN_FORMS)
def test_p4_a_social_security_number_not_in_digits_blocks(screen: Any, text: str) -> None:
    assert blocks(screen, text)


# --- C1: a name-only authorization clears the patient's health story ----------------------


@sqlite_only
def test_c1_a_name_only_authorization_does_not_clear_a_health_story(make_app: Any) -> None:
    app = make_app(screener=None)
    post_id = _post(app, "Rosalind Okafor rang the bell after her final chemotherapy "
                         "session with us.")
    finding = show_post(app, post_id)["findings"][0]
    assert finding["rule"] == "name+own_health" and finding["severity"] == "block"
    cid = add_consent(app, AUTHOR, "Rosalind Okafor", ["name"], a_year_ahead(),
                      form_ref="signed at the front desk")
    with pytest.raises(Refused, match="story"):
        dismiss(app, AUTHOR, post_id, "F1", "authorization", consent_id=cid)


# --- D1: a carried dismissal outlives the sentence that justified it ----------------------


@sqlite_only
def test_d1_an_edit_around_the_span_does_not_keep_the_dismissal(make_app: Any) -> None:
    app = make_app(screener=None)
    post_id = _post(app, "Governor Edith Mbeki spoke openly on the radio this week. "
                         "Edith Mbeki finished radiation therapy in April.")
    detail = show_post(app, post_id)
    assert detail["status"] == "blocked_phi"
    for finding in detail["findings"]:
        if finding["severity"] == "block":
            dismiss(app, AUTHOR, post_id, finding["ref"], "public_figure",
                    note="she told the press herself")
    assert show_post(app, post_id)["status"] == "pending_approval"
    edit_post(app, AUTHOR, post_id, text="One of our Thursday clinic regulars. "
                                         "Edith Mbeki finished radiation therapy in April.")
    assert show_post(app, post_id)["status"] == "blocked_phi"


# --- M1: a third party whose surname reads as a place ------------------------------------

PLACE_SURNAMES = [
    "Helen Park was at your methadone clinic this morning.",
    "Isn't Helen Park the one with HIV that you treat?",
    "Saw Helen Park in your oncology waiting room again.",
    "Grace Field was at your methadone clinic this morning.",
]


@pytest.mark.parametrize("text", PLACE_SURNAMES)
def test_m1_a_place_like_surname_with_care_is_phi(screened_classifier: Any, text: str) -> None:
    assert "phi" in flag_names(screened_classifier, text)


# --- M2: an insult spelled out letter by letter ------------------------------------------

SPACED_INSULTS = [
    "your doctor is an i d i o t",
    "your doctor is an i_d_i_o_t",
    "your doctor is an i|d|i|o|t",
    "your doctor is an i\U0001f921d\U0001f921i\U0001f921o\U0001f921t",
    "your doctor is an \U0001f1ee\U0001f1e9\U0001f1ee\U0001f1f4\U0001f1f9",
]


@pytest.mark.parametrize("text", SPACED_INSULTS)
def test_m2_a_letter_spaced_insult_is_abuse(screened_classifier: Any, text: str) -> None:
    assert "abuse" in flag_names(screened_classifier, text)


# --- M3: plain third-party care the comment classifier misses ----------------------------

PLAIN_MISSES = [
    "Bumped into Oscar Lindqvist at your fertility clinic lol",
    "Saw Oscar L. in your oncology waiting room again.",
]


@pytest.mark.parametrize("text", PLAIN_MISSES)
def test_m3_a_named_third_partys_care_is_phi(screened_classifier: Any, text: str) -> None:
    assert "phi" in flag_names(screened_classifier, text)
