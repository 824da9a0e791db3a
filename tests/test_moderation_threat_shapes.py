"""Issue 13, session 37: three threat shapes the lists missed, each paired with comments of the
same words that threaten nobody. Every comment here is our own example."""

from __future__ import annotations

import pytest

from policies.moderation.classifier import score_abuse


@pytest.mark.parametrize("text", [
    "someone oughta key every car in the staff lot tonight",
    "Maybe I'll slash the office manager's van tires, see if billing calls back",
    "praying the next storm flattens that clinic with all of you still inside",
    "keep running your mouth @dkell and I'll find you after the game",
    "I'm gonna find you at the parade and we'll see how tough you are",
])
def test_threats_are_abuse(text: str) -> None:
    assert score_abuse(text.lower())[0] >= 0.9, text


@pytest.mark.parametrize("text", [
    "I'll find you a slot on Thursday, keep an eye on your texts",
    "I'll find you at the health fair booth Saturday!",
    "Keep posting these tips, I'll find you at the next 5k",
    "Left my car key at the front desk, did anyone turn it in?",
    "Stay safe in the storm, we hope all of you are warm inside tonight",
])
def test_the_same_words_threatening_nobody_are_not_abuse(text: str) -> None:
    assert score_abuse(text.lower())[0] < 0.5, text


@pytest.mark.parametrize("text", [
    # a code review's escapes from the session's first versions (its own words)
    "my god, nurse kelly lives on alvarado terrace",  # an exempt word far from the verb
    "kelly the nurse who lives on alvarado terrace",
    "if you don't like it go back to your country",
    "go back to ur country if you don't like it",
    "my advice: go back to your country",
    "you idi*t!",  # the mark after a starred insult
    "nurse amy is an *diot",
    "keep talking ill find you",
    "imma find out where she lives",
    "plate: abc-1234, white civic, parked out back every shift",
])
def test_a_code_reviews_escapes_are_closed(text: str) -> None:
    assert score_abuse(text.lower())[0] >= 0.8, text
