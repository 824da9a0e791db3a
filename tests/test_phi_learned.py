"""The PHI screen's learned second opinion (policies/phi/learned.py): the mechanics, with
hand-made weights, and the shipped weights' shape. What it is worth is measured by
policies/phi/training/train_disclosure.py and bench/phi_eval.py, not here."""

from __future__ import annotations

import json

import pytest

from policies.moderation.features import N_HASH
from policies.phi import learned
from policies.phi.findings import BLOCK, WARN
from policies.phi.hits import Hit
from policies.phi.registry import REGISTRY
from policies.phi.screen import PhiScreen


def _model(bias: float) -> learned.Model:
    return learned.Model(bytes(N_HASH), 1.0, (0.0,) * len(learned.DENSE), bias)


def test_shipped_weights_match_the_featurizer_and_the_registry():
    model = learned.load()
    assert len(model.weights) == N_HASH
    assert len(model.dense) == len(learned.DENSE)
    meta = json.loads(learned.META.read_text("utf-8"))
    assert meta["dense_names"] == list(learned.DENSE)
    # the threshold the evaluation printed is the one the screen uses
    assert meta["block_at"] == REGISTRY["learned"].block_at


def test_a_sure_scorer_blocks_the_sentence_it_read():
    text = "Thanks for coming out Saturday. What a brave kid you were in room four!"
    hit = learned.learned_hit(text, [], "post", 0.8, _model(bias=6.0))
    assert hit is not None
    assert (hit.severity, hit.category, hit.rule) == (BLOCK, "other_id", "learned")
    assert hit.score > 0.99
    assert "dismiss it with reason not_a_person" in hit.why and "scorer" not in hit.why
    assert text[hit.start:hit.end].strip()


def test_an_unsure_scorer_says_nothing():
    assert learned.learned_hit("Flu shots are in.", [], "post", 0.8, _model(bias=-6.0)) is None


def test_it_never_runs_where_a_rule_already_blocks():
    rule = Hit("name", 0, 4, BLOCK, 0.9, "name", "a name")
    assert learned.learned_hit("Dana had surgery.", [rule], "post", 0.8, _model(6.0)) is None


def test_it_stays_out_of_public_comments():
    # trained on the practice's own posts and replies; comments have their own classifier
    assert learned.learned_hit("Get well, Sam!", [], "comment", 0.8, _model(6.0)) is None


def test_what_the_rules_saw_short_of_blocking_is_a_feature():
    warn = Hit("name", 0, 4, WARN, 0.4, "name", "a name")
    dense = learned.dense_features([warn], "reply")
    assert dense[:3] == [1.0, 1 / 3, 0.4]
    assert dense[3 + learned.WARN_CATEGORIES.index("name")] == 1.0


def test_the_screen_adds_the_scorer_only_when_asked(monkeypatch):
    monkeypatch.setattr(learned, "load", lambda: _model(bias=6.0))
    text = "We loved seeing you on Tuesday, and that cast looks great."
    with_scorer = PhiScreen().screen(text)
    assert any(f.rule == "learned" and f.severity == BLOCK for f in with_scorer)
    without = PhiScreen(learned=False).screen(text)
    assert not any(f.rule == "learned" for f in without)


@pytest.mark.parametrize("text", ["Closed Monday for the holiday.", "x"])
def test_the_shipped_scorer_scores_any_text_in_range(text):
    scored = learned.score(text, learned.dense_features([], "post"))
    assert 0.0 <= scored.probability <= 1.0
