"""Session 53, re-read C: passive ideation after words of a person's own state is a crisis.

`crisis._PLACE_NEAR` kept "I don't want to be here anymore" / "I just want to disappear"
quiet for any of "room", "hold", "place", "state", "school", "class", "cold", "weekend" in
the sentence before, which are as often the person's own story ("I'm in a dark place",
"I can't hold on"). Only a place's phrase ("waiting room", "on hold", "this place") counts.
"""

from __future__ import annotations

import pytest

from policies.moderation.crisis import crisis

OWN_STATE_THEN_IDEATION = [
    "I cried in my room all night. I don't want to be here anymore.",
    "I can't hold on. I don't want to be here anymore.",
    "Nobody in my class talks to me. I don't want to be here anymore.",
    "I'm in a dark place. I don't want to be here anymore.",
    "My mental state is awful. I don't want to be here anymore.",
    "I hate school and nobody cares. I don't want to be here anymore",
    "This weekend was hell. I don't want to be here anymore.",
    "I stayed in my room for days. I just want to disappear.",
    "I feel so cold inside. I just want to disappear.",
]

STILL_A_PLACE = [
    "Sat in the exam room for an hour. I don't want to be here anymore.",
    "On hold for 40 minutes again. I don't want to be here anymore",
    "This place is a joke. I don't want to be here anymore.",
    "Llevo dos horas en este lugar. Ya no quiero estar aqui.",
]


@pytest.mark.parametrize("text", OWN_STATE_THEN_IDEATION)
def test_words_of_a_persons_own_state_do_not_quiet_passive_ideation(text: str) -> None:
    assert crisis(text)[0] >= 0.5


@pytest.mark.parametrize("text", STILL_A_PLACE)
def test_a_place_phrase_still_keeps_it_quiet(text: str) -> None:
    assert crisis(text)[0] == 0.0


@pytest.mark.parametrize("text, number", [
    ("A lot of you asked: account 88120045 to 88120099 were refunded.", "88120099"),
    ("Lots of progress today, chart 4410233 to 4410299 reviewed.", "4410299"),
])
def test_lots_of_is_no_batch_word(text: str, number: str) -> None:
    """numbers.series_end released a number range after "serial/lot/batch ..."; "a lot of"
    and "lots of" (a quantity) counted as the batch word, so a range of account or chart
    numbers after it was read as a product's series."""
    from policies.phi.numbers import series_end

    start = text.index(number)
    assert not series_end(text, start, start + len(number))


def test_a_recall_lot_range_is_still_a_series() -> None:
    from policies.phi.numbers import series_end

    text = "Recall: lots SN-4410 to SN-4432 of the pump."
    start = text.index("SN-4432")
    assert series_end(text, start, start + len("SN-4432"))
