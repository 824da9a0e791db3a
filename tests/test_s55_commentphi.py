"""Session 55, branch s55-commentphi: the attack review's M1 and M3 (docs/history/security.md)
as a principle, with the team's own probes (written for this branch; no devset or bench/data
line). M1: a census first name and a surname that is also a place word ("Park", "Church") is
a person unless the phrase is a known place or the sentence writes it as one. M3: a named
person told as being at a care service of a condition or specialty ("was at your methadone
clinic", "saw <name> in your oncology waiting room") is its patient; a surname's initial
before a lower-case word ("Oscar L. in your ...") ends no sentence."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import flag_names

# third-party health or care: a place-word surname, a surname initial, a care service's venue
MUST_FLAG = [
    "Nora Park was sitting in your methadone clinic again today",
    "Isn't Walter Park the guy on dialysis at your place?",
    "Saw Kevin Park at your HIV clinic, small world",
    "Ran into Lucy Church in your oncology waiting room yesterday",
    "Megan Field was at your fertility clinic on Tuesday",
    "Bumped into Tony Field at your methadone clinic lol",
    "Grace Park has breast cancer and you guys are treating her right?",
    "Spotted Rachel Park at your addiction clinic this morning",
    "Emily Park was in your dialysis unit all afternoon",
    "Is Peter Park still on methadone with you?",
    "Ethan Church was in your psych ward last month, everyone knows",
    "Saw Maria G. in your fertility clinic waiting room",
    "Bumped into James T. at your methadone clinic this morning",
    "Linda R. was in your oncology ward again",
    "Spotted Carlos M. in your HIV clinic lobby",
    "Ran into Karen B. at your dialysis center, hope she's ok",
    "Oscar Lindqvist was at your fertility clinic again",
    "Saw Janet Morales in your oncology waiting room today",
    "Derek Olsen is always at your methadone clinic",
    "Bumped into Priya Shah at your HIV clinic",
    "Wendy Cho was at your dialysis center again",
    "Jenny Lake was in your oncology waiting room this morning",
    "Saw Mark Hill at your methadone clinic",
    "Nina Parks was at your fertility clinic yesterday",
    "Laura Park's chemo is at your cancer center, right?",
    "Amy Church is always at your fertility clinic, guess IVF isn't working",
    "Diane Park is getting chemo with you guys, saw her there",
    "Saw Helen Church leaving your methadone clinic",
]

# ... and four this branch leaves (docs/history/moderation.md, "What is left"): a first name
# the census list does not hold ("Sam", "Rob"), "psychiatric" read as no health word, and the
# surname "Reyes" read as Reye's syndrome (so no person)
STILL_MISSED = [
    "Heard Sam Church is on suboxone from your office",
    "Marcus Bell was sitting in your psychiatric unit yesterday",
    "Ran into Tom Reyes at your cancer center this morning",
    "Is Rob Field getting radiation at your place?",
]

# real places, staff and clinic names, and care places asked about: no phi flag
HARMLESS = [
    "See you at Oak Park for the fun run!",
    "Grace Field is where the game is on Saturday",
    "Meet us at Lincoln Park after the flu shots",
    "The flu clinic at Jackson Park was so easy, thanks",
    "Grant Park pool is closed again ugh",
    "Highland Park has the best farmers market",
    "Is the vaccine clinic still at Marion Park this weekend?",
    "Helen Park Elementary had a great health fair",
    "Grace Church is hosting your blood drive, love it",
    "Your new office near Jordan Park is so convenient",
    "We walked from Oak Park to your clinic, nice day",
    "Does your fertility clinic take Blue Cross?",
    "Dr. Oscar Lindqvist at your fertility clinic is amazing",
    "Nurse Helen Park in your oncology ward is the best",
    "Helen Park at your front desk is always so friendly",
    "Thank you Grace Field for running the fertility clinic open house",
    "Shout out to Dr. Park at your cancer center",
    "Kevin Park works at your dialysis center and loves it",
    "Diane Church donated quilts to your oncology ward, so sweet",
    "Tom Field spoke at your diabetes clinic fundraiser",
    "Parking at your Oak Park office is terrible",
    "Highland Park location is open Saturdays?",
    "Is the Grace Church clinic open on Sundays?",
    "Lincoln Park had a measles case last week, is the vaccine available?",
    "Oak Park residents get a discount?",
    "Saw a deer at Oak Park on the way to your clinic",
    "Jordan Park pool reopens Monday!",
    "Great talk by Marion Church at your diabetes clinic last night",
    "Your Lincoln Park clinic has the nicest staff",
    "Can I get a flu shot at your Highland Park office?",
    "Grace Church is where the health fair is this year",
    "Helen Park was packed for the fireworks, then the urgent care line was long",
]


@pytest.mark.parametrize("text", MUST_FLAG)
def test_third_party_care_with_place_surnames_initials_or_venues_is_phi(
        screened_classifier: Any, text: str) -> None:
    assert "phi" in flag_names(screened_classifier, text)


@pytest.mark.parametrize("text", HARMLESS)
def test_places_staff_and_clinic_names_are_not_phi(screened_classifier: Any, text: str) -> None:
    assert "phi" not in flag_names(screened_classifier, text)


@pytest.mark.xfail(strict=True, reason="left by s55-commentphi: unlisted first names, "
                   "'psychiatric', 'Reyes' read as Reye's syndrome")
@pytest.mark.parametrize("text", STILL_MISSED)
def test_what_this_branch_leaves(screened_classifier: Any, text: str) -> None:
    assert "phi" in flag_names(screened_classifier, text)


# --- posts share the causes (`socialbot screen`, `post create`) ---------------------------

POST_BLOCKS = [
    "Helen Park finished chemotherapy last week.",
    "Oscar Lindqvist was at our fertility clinic this morning.",
    "Saw Oscar L. in our oncology waiting room again.",
    "Grace Field was at our methadone clinic this morning.",
    # a staff member's full birth date beside their own health: not released as staff's
    "Nurse Ellen Hill, born 10/2/1958, is five years in remission!",
]
POST_PASSES = [
    "Join us at Oak Park for the fun run!",
    "Grace Church is hosting our blood drive Saturday.",
    "Grace Church lost two members to the flu this winter.",
    "Helen Park Elementary hosts our school physicals day.",
    "Dr. Oscar Lindqvist joins our fertility clinic this fall.",
    "Oscar Lindqvist works at our fertility clinic.",
    "Ana, our MA, turns 40 today: born 3/14/1986!",
]


def _blocks(phi: Any, text: str) -> bool:
    return any(f.severity == "block" for f in phi.screen(text, context="post"))


@pytest.mark.parametrize("text", POST_BLOCKS)
def test_posts_naming_a_place_surname_a_venue_or_an_initial_with_care_block(
        phi: Any, text: str) -> None:
    assert _blocks(phi, text)


@pytest.mark.parametrize("text", POST_PASSES)
def test_posts_naming_places_or_staff_pass(phi: Any, text: str) -> None:
    assert not _blocks(phi, text)
