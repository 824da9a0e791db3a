"""Session 32: the shapes of text that made a name where there was none, or missed the practice's
own staff. An allow-listed name in the possessive is the allowed person (a one-word possessive
only as a surname, read with the title before it); a lowercase word ending its sentence is no
title before a function word opening the next; a weekday abbreviation followed by a schedule is
no name; "the retired <Place> <role>" is a role tied to a place. Sentences are written for
these tests (none from the dev set); outside reviews' probes are in bench/data/*_review_s32."""

from __future__ import annotations

from typing import Any

import pytest

from policies.phi import PhiAllowList, PhiScreen, candidates
from tests.conftest import blocking

ALLOW = PhiAllowList(names=("Birchwood Clinic", "Dr. Odalys Renfrew", "Odalys Renfrew",
                            "Dr. Renfrew", "Odalys", "Corwin Bradshaw", "Corwin"))


@pytest.fixture(scope="module")
def staff_screen() -> PhiScreen:
    return PhiScreen(ALLOW, learned=False)


@pytest.mark.parametrize("name", ["Corwin Bradshaw's", "Corwin Bradshaw’s", "Dr. Renfrew's",
                                  "Dr. Odalys Renfrew's", "Odalys Renfrew'"])
def test_an_allowed_name_in_the_possessive_is_allowed(name: str) -> None:
    assert ALLOW.allows_name(name)


@pytest.mark.parametrize("name", ["Corwin's", "Odalys’s", "Renfrew's", "Bradshaw's",
                                  "Mr. Renfrew's", "Señora Renfrew's", "Odalys R's"])
def test_one_word_part_of_an_entry_or_another_title_in_the_possessive_is_not(name: str) -> None:
    # a patient may share a staff member's first name or surname; "Mr. Renfrew" is not "Dr.
    # Renfrew". (A bare first name the policy lists is allowed where a finder reads it without
    # its "'s", as before: that is the practice's choice in listing it.)
    assert not ALLOW.allows_name(name)


def test_a_title_before_a_one_word_possessive_is_read_with_it(phi: Any) -> None:
    from policies.phi.judge import _as_allow_list_reads

    text = "Ask whether Mrs. Renfrew's hip precautions changed."
    start = text.index("Renfrew")
    assert _as_allow_list_reads(text, start, start + len("Renfrew's")) == "Mrs. Renfrew's"


def test_a_possessive_staff_name_gives_no_finding(staff_screen: PhiScreen) -> None:
    text = "Payment plans now go through Corwin Bradshaw's desk, weekdays after lunch."
    assert staff_screen.screen(text) == []


@pytest.mark.parametrize("text", [
    "Dr. Renfrew's nephew starts chemotherapy at our infusion center on Monday.",
    "Dr. Renfrew's patient Lettice Amberly finished her last round of radiation today.",
])
def test_a_patient_through_a_possessive_still_blocks(staff_screen: PhiScreen, text: str) -> None:
    assert blocking(staff_screen, text)


@pytest.mark.parametrize("text", [
    "Corwin Bradshaw's big news, shared with his blessing: the biopsy showed lymphoma.",
    "Corwin Bradshaw's update (for everyone who asked) - the scan found a blood clot.",
    # "Dr." ends no sentence (the screen's own splitter); a bare line break after a colon
    # goes on with the same one
    "Corwin Bradshaw's update, shared with his blessing: Dr. Amadi found a blood clot.",
    "Corwin Bradshaw's update, shared with his blessing:\nthe scan found a blood clot.",
])
def test_a_condition_later_in_the_possessives_sentence_keeps_it(staff_screen: PhiScreen,
                                                                text: str) -> None:
    # a patient may share a staff member's full name (an outside review, session 32)
    assert blocking(staff_screen, text)


def _names(phi: Any, text: str) -> list[str]:
    doc = phi.nlp(text)
    return [text[c.start:c.end] for c in candidates.find(doc, text) if c.kind == "name"]


@pytest.mark.parametrize("text", [
    "Eleven years ago she joined us as practice manager. Since then the waiting room got bigger.",
    "If a copay is ever a worry, tell us. There are sliding-scale options.",
    "Our lobby tablets are new this month, as is our manager. Get in touch if one freezes.",
])
def test_a_word_ending_its_sentence_is_no_title(phi: Any, text: str) -> None:
    assert _names(phi, text) == []


def test_a_name_opening_the_next_sentence_is_still_read(phi: Any) -> None:
    # "host" is a title to nameparser; the period ends its sentence, and the next opens with a
    # name, not a function word (an outside review, session 32)
    text = "Please welcome our new host. Brynlee has type 1 diabetes and will talk about her pump."
    assert blocking(phi, text)


def test_an_abbreviated_title_still_reads_the_name(phi: Any) -> None:
    assert "Okonjo" in " ".join(_names(phi, "Thanks to dr. Okonjo for the talk on sleep."))


@pytest.mark.parametrize("text", [
    "Sports physicals: Tues Mar 3, 4-7pm, no appointment needed for the blood pressure check.",
    "Walk-in flu shots Mon–Fri, 8 to 11, with a quick allergy screening first.",
    "We now do hearing screenings Weds and Thurs afternoons.",
])
def test_weekday_abbreviations_are_no_names(phi: Any, text: str) -> None:
    assert _names(phi, text) == []
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "Tue Lam began peritoneal dialysis with our kidney team this week.",
    "Sat Grewal is back at the gurdwara kitchen after his bypass surgery.",
    "Fri Adebayo finished her last round of chemotherapy on Monday.",
])
def test_a_name_spelled_like_a_weekday_still_blocks(phi: Any, text: str) -> None:
    # a weekday only where a schedule follows it (an outside review, session 32)
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Hugs to the retired Maple Ridge band director, who finished his cardiac rehab with us.",
    "So glad the former Dunmore Savings branch manager is walking again after her hip surgery.",
])
def test_a_retired_role_at_a_named_place_with_care_blocks(phi: Any, text: str) -> None:
    assert blocking(phi, text)
