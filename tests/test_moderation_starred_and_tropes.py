"""Issue 13, session 37: a starred insult is read as the insult it hides ("id*ot"), and the "go
back where you came from" trope aimed at someone is abuse. Every comment here is our own
example; each is paired with comments of the same words that insult nobody."""

from __future__ import annotations

import pytest

from policies.moderation.classifier import _unstarred, score_abuse


@pytest.mark.parametrize("text", [
    "the scheduler is a total id*ot, third time she lost my referral",
    "the scheduler who lost my forms is a nasty old c*w",
    "you people are a circus of cl*wns",
    "Nurse Petra should go back to her own country",
    "@Ivo Marek nobody asked, go back where you came from",
    "Dr. Brandt can go back to wherever he came from",
    "we don't need his kind running the front desk",
    "y'all's new dermatologist can go back where he came from",  # an apostrophe is no quote
])
def test_starred_insults_and_the_go_back_trope_are_abuse(text: str) -> None:
    assert score_abuse(text.lower())[0] >= 0.8, text


@pytest.mark.parametrize("text", [
    "When you go back to your country this summer, bring the vaccine card",
    "I had to go back to where I came from to get my old records",
    "We go back home to the islands every winter, can the refill be mailed?",
    "the w*ll in exam room 2 has a crack",
    "we don't need that kind of wait ever again, thank you for the text reminders",
    "we don't need his kind of attitude at the front desk",
    "A man told my aunt 'go back to your country' at the pharmacy, your staff were kind to her",
])
def test_the_same_words_insulting_nobody_are_not_abuse(text: str) -> None:
    assert score_abuse(text.lower())[0] < 0.5, text


def test_only_a_star_that_spells_exactly_one_listed_insult_is_spelled_out() -> None:
    assert _unstarred("what an id**t") == "what an idiot"
    assert _unstarred("the w*ll is cold") == "the w*ll is cold"  # no listed insult
    assert _unstarred("no stars here") == "no stars here"
