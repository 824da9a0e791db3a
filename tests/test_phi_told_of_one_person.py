"""Four ways a post tells one person's care that the screen only warned about (session 20;
sentences written for these tests, not taken from any labelled set):
- someone else "has it too" after the text names a condition (a public figure's telling covers
  only the teller);
- a recovery wish to a named person ("Feel better, ...") says they are ill;
- a person told as visiting a clinic named by a condition ("came to our acne clinic");
- "just ask <name>, who ..." after the services a program offers.
The neighbours that must stay clear: a group, a pet, a hypothetical, the author, a helper who
came to give something, a question about who runs a sign-up table."""

from __future__ import annotations

import pytest

from policies.phi import PhiScreen


def _findings(text: str, context: str = "post") -> list:
    return PhiScreen().screen_many([text], context=context)[0]


def _blocked(text: str, context: str = "post") -> bool:
    return any(f.severity == "block" for f in _findings(text, context))


@pytest.mark.parametrize("text", [
    "Serena Williams has talked openly about her blood clots. Our mail carrier has them too.",
    "Jim Gaffigan wrote about his wife's brain tumor. The barista on Elm has the same thing.",
    "Toni Braxton is open about her lupus, and the choir director at St. Luke's has it too.",
    "Cold season is here, so wash those hands. Feel better, Winston Abernathy!",
    "Speedy recovery to Delphine Okafor from all of us.",
    "Marisol came to our migraine clinic in March, and what a difference since.",
    "Ezra went to our diabetes clinic every week this fall.",
    "Our pelvic floor team treats leaks, pain and prolapse \u2014 just ask Gwen Hallett, whose "
    "pain is finally gone.",
])
def test_one_persons_care_blocks(text: str) -> None:
    assert _blocked(text)


@pytest.mark.parametrize("text", [
    "Serena Williams has talked openly about her blood clots. Many athletes have them too.",
    "Lupus is more common than you think. My cat has it too, apparently.",
    "Diabetes runs in families: if your brother has it too, ask about screening.",
    "Toni Braxton is open about her lupus, and I have it too.",
    "We hope everyone stays well this winter. If you're sick, feel better soon!",
    "Big thanks to Ray, who came to our diabetes class to cook a low-sugar chili.",
    "Questions about our diabetes class? Just ask Tom Reyes, who runs the sign-up table.",
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
