"""False blocks: posts a compliance officer would publish must pass, and the nearest posts
that do disclose someone's health must still block. Every sentence here was written for this
file (team-written: fit, not accuracy); each construction is tested on both sides."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen, get_screen

ALLOW = PhiAllowList.from_toml({
    "allow_names": ["Harlow Creek Family Medicine", "Harlow Creek"],
    "allow_phones": ["+1 555 210 4400"],
    "allow_domains": ["harlowcreek.example"],
})


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return get_screen(ALLOW)


def blocking(screen: PhiScreen, text: str, context: str = "post") -> list[str]:
    return [f"{f.category}:{f.text}" for f in screen.screen(text, context=context)
            if f.severity == "block"]


def names_found(screen: PhiScreen, text: str) -> set[str]:
    return {f.text for f in screen.screen(text) if f.category == "name"}


# --- words that only look like names --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Don't wait for a fever to spike before calling about a toddler's earache.",
    "Don't forget: sunscreen should be reapplied every two hours at the pool.",
])
def test_a_contraction_is_no_name(phi, text):
    assert blocking(phi, text) == []
    assert not any(n.startswith("Don") for n in names_found(phi, text))


def test_a_name_called_don_still_blocks(phi):
    assert blocking(phi, "Don, our patient since 2009, is home after his bypass surgery.")


@pytest.mark.parametrize("text", [
    "Recently, a teenager visited our clinic with headaches that needing glasses explained.",
    "Lately, a toddler with a barking cough is the most common call on our nurse line.",
])
def test_an_opening_adverb_is_no_name_in_apposition(phi, text):
    assert blocking(phi, text) == []


def test_a_listed_name_in_apposition_at_a_sentence_start_still_blocks(phi):
    assert blocking(phi, "Colette, a junior at Westview, is recovering from mono.")


@pytest.mark.parametrize("text", [
    "A reader wrote: 'the whole staff is patient with my twins.' Notes like that make our week.",
    "Say hello to Marisol, our new patient coordinator, who answers the phones on Mondays.",
])
def test_patient_the_adjective_or_the_job_title_is_no_patient(phi, text):
    assert blocking(phi, text) == []


def test_our_new_patient_with_care_still_blocks(phi):
    assert blocking(phi, "Our new patient from Clyde came in Friday with a broken collarbone.")


# --- roles: the head noun names a person -----------------------------------------------

@pytest.mark.parametrize("text", [
    "Free mammograms Wednesday in the parking lot of Grace Lutheran Church. Call to book.",
    "Owners of the AirPure HEPA purifier model 20 should check the recall page about "
    "asthma triggers.",
])
def test_a_place_or_product_is_no_role(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "The night cashier at the hardware store on Elm came in with chest pain on Sunday.",
    "The head lifeguard at Rollins pool was treated here for heat stroke last week.",
])
def test_a_role_tied_to_a_place_still_blocks(phi, text):
    assert blocking(phi, text)


# --- who is the subject of a care event: hosting is not receiving ---------------------

@pytest.mark.parametrize("text", [
    "Westview Middle School's athletic director Paul Nakamura is hosting free sports "
    "physicals in the gym this Friday afternoon.",
    "The Rotary Club of Harlow, led by president Tim Abernathy, is sponsoring free flu shots "
    "at the farmers market this Saturday.",
    "Marco Bellini is handing out free blood pressure checks at his deli on Saturday.",
    "Youth pastor Caleb Ortiz is organizing well-child checkups with our team next Saturday.",
    "Big thanks to Gloria Hines, who collected 300 toothbrushes for the dental van.",
])
def test_a_person_hosting_care_for_others_passes(phi, text):
    assert blocking(phi, text) == []


@pytest.mark.parametrize("text", [
    "Athletic director Paul Nakamura came in Friday for his own sports physical.",
    "Tim Abernathy got his flu shot at our booth this Saturday.",
    "Marco Bellini is recovering from a heart attack and hosting no events this month.",
    "Coach Lena Ruiz, who hosted our concussion night, is now recovering from a concussion "
    "after Friday's game.",
])
def test_the_person_who_receives_the_care_still_blocks(phi, text):
    assert blocking(phi, text)
