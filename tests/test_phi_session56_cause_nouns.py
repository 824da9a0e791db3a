"""Session 56 (docs/s56/s56-fb.md): a person noun health writing uses for a cause.

WordNet's first sense of "culprit", "suspect", "killer" ... is a person, so "The culprit
was an ACE inhibitor" read as one person known by a role with a health event
(`role+subject_health`). Such a noun as the subject of "be" whose predicate noun is a thing
(no person noun, no age, no name) names no one. Own wording, no dev-set or read-set line."""

from __future__ import annotations

import pytest

from policies.phi import PhiAllowList, PhiScreen


@pytest.fixture(scope="module")
def screen() -> PhiScreen:
    return PhiScreen(PhiAllowList())


def _blocks(screen: PhiScreen, text: str) -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context="post"))


@pytest.mark.parametrize("text", [
    "The culprit was a new blood-pressure pill, and switching fixed the cough.",
    "In most cases of spring wheezing, the culprit is tree pollen.",
    "The silent killer is high blood pressure, so get yours checked.",
])
def test_a_cause_named_by_a_person_noun_passes(screen: PhiScreen, text: str) -> None:
    assert not _blocks(screen, text)


@pytest.mark.parametrize("text", [
    "The culprit was a kid from the daycare who had lice.",
    "The culprit, a man of 40, was treated for burns in our ER.",
    "The killer was a 45-year-old who was treated for gunshot wounds in our ER.",
    "The culprit was Mike Dunn, who has hepatitis A and works the fryer.",
    "Our favourite crossing guard had a heart attack; the culprit was a blocked artery.",
    "The culprit was a new pill, and the barber on Main Street ended up in the ER with a "
    "stroke.",
    "The barber on Main Street is a cancer survivor.",
])
def test_a_person_beside_a_cause_noun_still_blocks(screen: PhiScreen, text: str) -> None:
    assert _blocks(screen, text)
