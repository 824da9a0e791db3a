"""Issue 12: classes of wording a fourth practice's set exposed, each a general construction.
Every sentence here was written for this file (team-written: fit, not accuracy); each
construction is tested on both sides."""

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


# --- an injury told of one body part is a condition ------------------------------------

@pytest.mark.parametrize("text", [
    "Speedy recovery to Marisol, number 14 for the Eastside Eagles, who broke her collarbone "
    "Friday.",
    "Hang in there, Tobias (#31 for the Cedar Ridge Cougars)! Your knee is going to heal up "
    "great.",
    "Bianca, the 6-foot-4 setter from Northgate High, is back in a boot after spraining that "
    "ankle again.",
    "Dalton, our tallest lineman from Pine Hill Academy, tore his ACL at Friday's game.",
])
def test_a_named_player_with_an_injury_blocks(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "How to wrap a sprained ankle: start at the toes and work up, snug but not tight.",
    "Most rolled ankles heal in two to six weeks with rest, ice and elevation.",
    "Congrats to the Riverside Rams varsity on a great season! Number 7 Dominic scored twice.",
])
def test_injuries_in_general_and_players_without_one_pass(phi, text):
    assert blocking(phi, text) == []


# --- who is staff --------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Shoutout to Mrs. Okafor, who finally let Dr. Lee talk her into a mammogram. So proud!",
    "Proud of Ms. Ferreira, who let our NP book her bone density scan after years of excuses.",
    "Rowan, our favorite drummer from Lakeview Middle, sprained his wrist at recess. Heal up!",
])
def test_a_relative_clause_or_a_fans_our_is_no_staff_apposition(phi, text):
    assert blocking(phi, text)


@pytest.mark.parametrize("text", [
    "Kayla, our newest scheduler, ran her first half marathon this weekend!",
    "Happy birthday to Dev, our lab coordinator, who keeps the whole clinic running.",
])
def test_staff_appositions_still_pass(phi, text):
    assert blocking(phi, text) == []
