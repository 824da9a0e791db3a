"""Issue 12: PHI that a careless or evasive writer disguises: names in all caps or lower
case, initials, digits and symbols for letters, a name set off with an age, a titled role
tied to a place, look-alike letters from other scripts. Sentences written for this issue
(no devset or evaluation-set text); each class has clean look-alikes that must still pass."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from policies.phi import PhiAllowList, PhiScreen, get_screen

DATA = Path(__file__).parent / "data" / "phi"
ALLOW = PhiAllowList.from_toml(tomllib.loads((DATA / "policy.toml").read_text())["phi"])


@pytest.fixture(scope="module")
def phi() -> PhiScreen:
    return get_screen(ALLOW)


def blocks(screen: PhiScreen, text: str, context: str = "post") -> bool:
    return any(f.severity == "block" for f in screen.screen(text, context=context))


# 3. Digits and symbols standing for letters inside a health word; the span stays on the
# text as written.
@pytest.mark.parametrize("text", [
    "Congrats Sandra on finishing chem0!",
    "Rob finally got his d1abetes under control",
    "so proud of Nina, c@ncer free one year!",
    "Marcus is 2 weeks out from surg3ry and walking",
    "Jenny starts ch3m0 on monday, send her love",
])
def test_leetspeak_health_word_blocks(phi, text):
    assert blocks(phi, text)


def test_leetspeak_span_is_on_the_original(phi):
    text = "Congrats Sandra on finishing chem0!"
    hit = next(f for f in phi.screen(text) if f.severity == "block")
    assert text[hit.start : hit.end] == hit.text == "Sandra"


@pytest.mark.parametrize("text", [
    "Top 10 tips to prevent c@ncer this year",
    "Our A1c class meets at 2pm in room B12",
    "COVID-19 boosters and the new RSV shot are in for adults 60+",
    "Email info@clinic4u.com with questions about your bill",
])
def test_leetspeak_lookalikes_pass(phi, text):
    assert not blocks(phi, text)


# 6. Look-alike letters from other scripts inside a health word or lab name.
@pytest.mark.parametrize("text", [
    "Kim's A1\u0421 is finally under 7!",  # Cyrillic Es
    "Tony's d\u0456abetes numbers look great",  # Cyrillic i
    "Sara finished ch\u0435mo today",  # Cyrillic ie
    "Congrats Oscar on beating c\u03b1ncer",  # Greek alpha
    "Ezra's \u0430sthma is under control at last",  # Cyrillic a
])
def test_confusable_letters_block(phi, text):
    assert blocks(phi, text)


def test_confusable_reply_lab_value_blocks(phi):
    assert blocks(phi, "Your \u04101c came back right where we wanted it!", context="reply")
