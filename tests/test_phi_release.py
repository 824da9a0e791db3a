"""Issue 12: the learned scorer's second look at the rules' judgement blocks (learned.py,
`second_look`). A judgement block (a person read as a patient) becomes a warning only when the
scorer reads the whole text and the sentence of every block as not about a patient; an
identifier with a shape (an SSN, a record number) is never released. Texts written for this
test; the synthetic models below fix the scorer's answer so the mechanism is what is tested."""

from __future__ import annotations

import pytest

from policies.moderation.features import N_HASH
from policies.phi import learned
from policies.phi.findings import BLOCK, WARN
from policies.phi.learned import DENSE, Model
from policies.phi.registry import REGISTRY
from policies.phi.screen import PhiScreen


def _constant(bias: float) -> Model:
    """A scorer that reads every text the same: probability 1 / (1 + e^-bias)."""
    return Model(bytes(N_HASH), 1.0, (0.0,) * len(DENSE), bias)


SURE_NOT = _constant(-6.0)  # 0.002
SURE_IS = _constant(6.0)  # 0.998


@pytest.fixture
def screen_reading(monkeypatch):
    """The screen with the scorer replaced by a synthetic one."""
    def make(model: Model) -> PhiScreen:
        monkeypatch.setattr(learned, "load", lambda: model)
        return PhiScreen()
    return make


JUDGEMENT_BLOCKS = [
    ("Congrats to Ramona Pike on her new hip!", "post"),
    ("So glad the new inhaler is helping you breathe easier!", "reply"),
]


@pytest.mark.parametrize(("text", "context"), JUDGEMENT_BLOCKS)
def test_judgement_block_becomes_a_warning_when_the_scorer_is_sure_it_is_no_one(
        screen_reading, text, context):
    assert any(f.severity == BLOCK for f in PhiScreen(learned=False).screen(text, context=context))
    found = screen_reading(SURE_NOT).screen(text, context=context)
    assert found and not any(f.severity == BLOCK for f in found)
    released = [f for f in found if f.rule.endswith("+released")]
    assert released and all(f.severity == WARN for f in released)
    assert all("not about one specific patient" in f.reason for f in released)


@pytest.mark.parametrize(("text", "context"), JUDGEMENT_BLOCKS)
def test_judgement_block_stays_when_the_scorer_is_not_sure(screen_reading, text, context):
    found = screen_reading(SURE_IS).screen(text, context=context)
    assert found == PhiScreen(learned=False).screen(text, context=context)
    assert any(f.severity == BLOCK for f in found)


def test_identifier_with_a_shape_is_never_released(screen_reading):
    text = "Ramona Pike, SSN 912-34-5678, is recovering after her hip surgery."
    found = screen_reading(SURE_NOT).screen(text)
    assert any(f.severity == BLOCK and f.category == "ssn" for f in found)
    assert not any(f.rule.endswith("+released") for f in found)


def test_comments_are_not_second_guessed(screen_reading):
    text = "Congrats to Ramona Pike on her new hip!"
    found = screen_reading(SURE_NOT).screen(text, context="comment")
    assert found == PhiScreen(learned=False).screen(text, context="comment")


def test_release_threshold_is_one_number_in_the_registry():
    assert 0.0 < REGISTRY["learned"].release_below < REGISTRY["learned"].block_at


# With the shipped weights: a disclosure does not get released by burying it in unrelated
# text, because the sentence that holds the block is scored on its own too.
@pytest.mark.parametrize("text", [
    "Big news: Walter Okonkwo rang the bell after his last round of chemo today! "
    "We are hiring a front desk coordinator, full time with benefits and paid holidays; "
    "apply on our website. Our flu clinic runs every Saturday in October, and parking "
    "is free in the north lot. Happy Friday, everyone!",
    "Congrats to Ramona Pike on her new hip!",
])
def test_shipped_scorer_keeps_real_disclosures_blocked(text):
    found = PhiScreen().screen(text)
    assert any(f.severity == BLOCK for f in found)
