"""train_disclosure's held-out scoring: a new writer's set is scored by a model fit on the
others only, and its row says how many it blocked (texts written for this test)."""

from __future__ import annotations

import pytest

pytest.importorskip("sklearn", reason="the trainer needs scikit-learn (.[train])")

from policies.phi.learned import DENSE  # noqa: E402
from policies.phi.training.train_disclosure import Example, evaluate  # noqa: E402

BLOCKS = ("Huge congratulations to Marlon Teague on finishing his last round of chemo today",
          "Wishing Pearl Okafor a quick recovery after her hip replacement this week at our clinic",
          "So proud of Dewitt Harlan for walking again after his spinal fusion surgery last month",
          "Get well soon to Rosalind Vega who is recovering from her kidney transplant at home")
PASSES = ("Our office will be closed on Thursday for the holiday, see you all next week",
          "Flu shots are available every weekday morning, no appointment needed at the front desk",
          "We are hiring a friendly medical assistant to join our growing front office team",
          "Thank you to everyone who came out for the community health fair last Saturday")


def _set(rules_block: bool) -> list[Example]:
    dense = tuple(0.0 for _ in DENSE)
    return ([Example(t, True, rules_block, dense, True) for t in BLOCKS]
            + [Example(t, False, False, dense, True) for t in PASSES])


def test_held_out_set_is_scored_and_not_trained_on() -> None:
    sets = {"alpha": _set(False), "beta": _set(False)}
    lines = evaluate(sets, 4.0, held_out={"gamma": _set(True)})
    header = next(i for i, line in enumerate(lines) if line.startswith("held out (never"))
    # leave one set out runs over the training sets only; gamma is scored after, once
    assert [line.split()[0] for line in lines[1:header]] == ["alpha", "beta", "all"]
    assert [line.split()[0] for line in lines[header + 1:]] == ["gamma", "held"]
    # the rules block all four of its disclosures and none of its ordinary posts
    assert "rules: R 4/4 FB 0/4" in lines[header + 1]
