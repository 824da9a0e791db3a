"""The speed-ups in the comment classifier keep its answers: factored word-list patterns
(policies/moderation/fastre.py) match exactly what the plain patterns match, and the
memoised, packed model scoring (model.py) gives the plain per-n-gram sum."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest

from policies.moderation import lexicon as lx
from policies.moderation.classifier import _plain
from policies.moderation.fastre import compile_words, trie
from policies.moderation.features import featurize
from policies.moderation.model import models

CORPUS = Path(__file__).parent / "data" / "comments"


def _texts() -> list[str]:
    rows = [json.loads(line) for name in ("dev.jsonl", "heldout.jsonl")
            for line in (CORPUS / name).read_text("utf-8").splitlines() if line.strip()]
    extra = ["heart attack last year", "my heartburn", "type 2 diabetes, 140/90 and 250 mg/dl",
             "chemotherapy for my mom's lymphoma", "alzheimers", "a  b\n c", ""]
    return [_plain(r["text"]) for r in rows] + extra


WORD_LISTS = {
    "health": lx.HEALTH_TERMS, "strong": f"{lx.CONDITIONS}|{lx.MEDICATIONS}|{lx.PROCEDURES}",
    "relative": lx.RELATIVE, "performance": lx.PERFORMANCE_WORDS, "people": lx.PEOPLE,
    "insult_nouns": lx.INSULT_NOUNS,
}


@pytest.mark.parametrize("name", sorted(WORD_LISTS))
def test_factored_word_list_matches_like_the_plain_one(name: str) -> None:
    source = rf"\b({WORD_LISTS[name]})\b"
    plain, fast = re.compile(source), compile_words(source)
    assert plain.pattern != fast.pattern  # it was factored
    for text in _texts():
        assert [(m.span(), m.group(1)) for m in plain.finditer(text)] == \
            [(m.span(), m.group(1)) for m in fast.finditer(text)], text


def test_the_lexicon_uses_the_factored_form() -> None:
    assert lx.HEALTH_RE.pattern == compile_words(rf"\b({lx.HEALTH_TERMS})\b").pattern


def test_factoring_keeps_the_first_listed_alternative_first() -> None:
    # "heart" listed first wins over "heart attack" at the same place, as in plain re
    for alts in (["heart", "heart attack"], ["heart attack", "heart"], ["a+b", "ab", r"\d+"]):
        plain, fast = re.compile("|".join(alts)), re.compile(trie(alts))
        for text in ("heart attack", "aab ab 12", "heartburn"):
            assert [m.group(0) for m in plain.finditer(text)] == \
                [m.group(0) for m in fast.finditer(text)]


def test_packed_model_scores_equal_the_plain_sum() -> None:
    m = models()
    for text in _texts()[:120] + ["", "!!!", "ok"]:
        feats = featurize(text, _NoVader)
        scored = m.score(text, explain=False, vader=_NoVader)
        for k, head in enumerate(m.heads):
            z = sum(head.weights[i] for i in feats.index) * head.scale * feats.scale
            z += sum(w * x for w, x in zip(head.dense, feats.dense, strict=True)) + head.bias
            assert scored[head.name].probability == pytest.approx(1 / (1 + math.exp(-z)),
                                                                  abs=1e-12), (text, k)


class _NoVader:
    @staticmethod
    def polarity_scores(text: str) -> dict[str, float]:
        return {"compound": 0.25, "neg": 0.1, "pos": 0.3}
