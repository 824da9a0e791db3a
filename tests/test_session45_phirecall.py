"""Session 45 (recall): routine care events that no code list names ("a lab draw", "her
suture removal", "his dressing changes") are care words, so one told of a named person
blocks, and told of nobody stays general. Sentences written for this fix, not taken from any
set."""

from __future__ import annotations

import pytest

from policies.phi import PhiScreen
from policies.phi.vocabulary import health_mentions


def _blocks(text: str) -> bool:
    found = PhiScreen().screen_many([text], context="post")[0]
    return any(f.severity == "block" for f in found)


def _name_blocked(text: str, name: str) -> bool:
    """The person's own finding blocks (not only the learned parts' reading of the post)."""
    found = PhiScreen().screen_many([text], context="post")[0]
    return any(f.severity == "block" and f.text == name for f in found)


@pytest.mark.parametrize("phrase", [
    "lab draw", "suture removal", "staple removal", "staples out", "lab work",
    "dressing change", "iv fluids", "holter monitor",
])
def test_the_phrase_is_a_care_mention(phrase: str) -> None:
    assert [m.text for m in health_mentions(f"then the {phrase} was done")] == [phrase]


@pytest.mark.parametrize(("text", "name"), [
    ("Huge thanks to Corinne Dahl, who baked scones for the whole office before her lab draw.",
     "Corinne Dahl"),
    ("Harlan Voss dropped off a jar of honey when he came by for his suture removal today.",
     "Harlan Voss"),
    ("Teodor Blom swapped fishing stories with us through every one of his dressing changes.",
     "Teodor Blom"),
    ("Mitzi Harlow brought lemon bars to her staple removal, and we may never let her leave.",
     "Mitzi Harlow"),
])
def test_told_of_a_named_person_they_block(text: str, name: str) -> None:
    assert _name_blocked(text, name)


@pytest.mark.parametrize("text", [
    "Lab draws now start at 7 a.m. on weekdays, so you can come in before work.",
    "Our nurses can show you how to do dressing changes at home; just ask at check-in.",
    "Your IV fluids and lab work can be done in the same visit at our Elm Street office.",
])
def test_told_of_nobody_they_pass(text: str) -> None:
    assert not _blocks(text)
