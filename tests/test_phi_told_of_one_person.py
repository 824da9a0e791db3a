"""Two ways a post tells one person's care that the screen passed or only warned about
(session 20; sentences written for these tests, not taken from any labelled set):
- someone else "has it too" after the text names a condition (a public figure's telling covers
  only the teller);
- a case report's age and sex ("28F") after a case lead-in, with a day, a place or a role.
The neighbours that must stay clear are four outside reviews' shapes, reworded: a group, a pet,
a disease, a place, a product or a made-up person as the subject, a mood ("cabin fever"), a
hypothetical, the author; temperatures, sizes, months, teaching pearls and exam cases.
Two more rules were withdrawn after those reviews (a recovery wish to a full name with no
health word; links naming one registrant): these tests keep them out."""

from __future__ import annotations

import pytest

from policies.phi import PhiScreen


def _findings(text: str, context: str = "post") -> list:
    return PhiScreen().screen_many([text], context=context)[0]


def _blocked(text: str, context: str = "post") -> bool:
    return any(f.severity == "block" for f in _findings(text, context))


@pytest.mark.parametrize("text", [
    "Serena Williams has talked openly about her blood clots. Our mail carrier has them too.",
    "Toni Braxton is open about her lupus, and the choir director at St. Luke's has it too.",
])
def test_one_persons_care_blocks(text: str) -> None:
    assert _blocked(text)


@pytest.mark.parametrize("text", [
    "Serena Williams has talked openly about her blood clots. Many athletes have them too.",
    "Lupus is more common than you think. My cat has it too, apparently.",
    "Diabetes runs in families: if your brother has it too, ask about screening.",
    "Toni Braxton is open about her lupus, and I have it too.",
    pytest.param("We hope everyone stays well this winter. If you're sick, feel better soon!",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "session 27: the second look retrained on 69 writers' sets reads a "
                     "general get-well wish as one reader's care (0.98; docs/phi.md)"))),
    "Lupus flares come and go. Rheumatoid arthritis has them too.",
    "Our Westside clinic treats psoriasis, and the Eastside office has the same program.",
    "Many kids with asthma wheeze at night, and the school nurse's office has inhalers too.",
    "Feel Better, Daniel! is our favourite picture book about a cold.",
    "Our lobby has get well soon cards for anyone in the hospital.",
    "Cold season is here, so wash those hands. Feel better, Winston Abernathy!",
    "Snow day! The whole front office has cabin fever. Our receptionist has it too.",
    "Board prep case: 70M, retired firefighter, COPD, short of breath since Monday.",
    pytest.param("Our new PT course handouts: riverbend.example/classes?code=PT101",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "session 27: the word scorer retrained on 69 writers' sets reads a link "
                     "with a code in its query as one person's page (0.97); the writers' "
                     "sets' links with a query were mostly patients' (docs/phi.md)"))),
    "Workshop handouts are up: riverbend.example/classes/asthma-101?registrant=mlopez22",
])
def test_a_group_a_pet_a_hypothetical_or_a_helper_passes(text: str) -> None:
    assert not _blocked(text)


def test_a_tag_list_names_whole_words() -> None:
    """The names after "Tagged:" start at a word: "and Lorraine Hofer", not "nd Lorraine"."""
    texts = {f.text for f in _findings("Tagged: Jolene Brekke, Ray Hofer and Lorraine Hofer.")}
    assert texts == {"Jolene Brekke", "Ray Hofer", "Lorraine Hofer"}


def test_the_finding_says_why() -> None:
    found = [f for f in _findings("Halsey is open about her endometriosis. The cashier at "
                                  "Dollar Barn has it too.") if f.severity == "block"]
    assert [f.rule for f in found] == ["anaphora+health"]
    assert "endometriosis" in found[0].reason


@pytest.mark.parametrize("text", [
    "Case from Tuesday: 41F, the new librarian in Pine Hollow, came in with a migraine.",
    "Case review: 58M, owner of the feed store on Route 9, presented with gout last week.",
])
def test_a_case_reports_age_and_sex_with_details_blocks(text: str) -> None:
    """"41F" is an age and a sex: with a place, a role or a day it singles out one patient."""
    assert _blocked(text)


@pytest.mark.parametrize("text", [
    "Teaching pearl: a 52M with chest pain and a normal ECG can still be having an MI.",
    "Case: 6yo F with a limp for two weeks; think of septic hip first.",
    "We raised $5M with help from 300 donors, thank you!",
])
def test_a_teaching_pearl_or_an_amount_passes(text: str) -> None:
    assert not _blocked(text)


@pytest.mark.parametrize("text", [
    "Heat advisory: a 104F heat index is expected, so hydrate and check on neighbours.",
    "Restock day: 10F, 12F and 14F suction catheters, 3M and 6M onesies for the NICU drive.",
    "Pearl from Thursday rounds: a 45M with new jaw pain when chewing needs an ESR.",
    "Bring a spare inhaler for asthma flares. Your child's coach has them too at practice.",
    pytest.param("Get well soon, Savannah! The storm took trees down all over town.",
                 marks=pytest.mark.xfail(strict=True, reason=(
                     "session 27: the second look retrained on 69 writers' sets reads a "
                     "get-well wish to a first name as that person's care (0.97), whatever "
                     "follows (docs/phi.md)"))),
    "Feel better, Alexa! The waiting-room speaker crashed again, so no music today.",
])
def test_temperatures_sizes_pearls_things_and_cities_pass(text: str) -> None:
    """An outside review's shapes (session 20), reworded: none tells a patient's health."""
    assert not _blocked(text)
