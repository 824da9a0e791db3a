"""The team's labelled corpus (correctness only; speed is in bench/).

Since issue 13 its dev.jsonl is part of the trained models' training data, so these checks
are regression guards and evidence of fit, not of accuracy: the figures that count are on
the independent dev set (bench/moderation_eval.py). The corpus's "phi" label predates the
phi / self_disclosure split and covers both (merge_disclosure).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from policies.moderation import (
    FLAGS,
    CommentClassifier,
    Flag,
    ModerationPolicy,
    should_auto_hide,
)
from policies.moderation.evaluation import (
    KIND_AND_NEUTRAL,
    TARGETS,
    Report,
    evaluate,
    load_corpus,
    phi_screen_or_reason,
)

CORPUS = Path(__file__).parent / "data" / "comments"
DOMAINS = ("northsidefm.example",)


@pytest.fixture(scope="module")
def corpus():
    return load_corpus(CORPUS / "dev.jsonl") + load_corpus(CORPUS / "heldout.jsonl")


@pytest.fixture(scope="module")
def fast_report(corpus) -> Report:
    policy = ModerationPolicy()
    return evaluate(corpus, CommentClassifier(policy, allow_domains=DOMAINS).classify_many,
                    policy, merge_disclosure=True)


def test_corpus_is_large_varied_and_labelled(corpus) -> None:
    assert len(corpus) >= 400
    assert len({e.text for e in corpus}) == len(corpus), "duplicate comments"
    kinds = Counter(e.kind for e in corpus)
    for kind in ("thanks", "kind", "complaint", "sarcasm", "abuse", "phi", "advice", "spam",
                 "question", "neutral"):
        assert kinds[kind] >= 10, kind
    support = Counter(f for e in corpus for f in e.flags)
    # `crisis` (session 46) is newer than this corpus; its cases and look-alikes are pinned in
    # tests/test_moderation_crisis*.py
    assert all(support[f] >= 30 for f in FLAGS
               if f not in ("self_disclosure", "unjudged", "crisis")), support
    dev, heldout = (load_corpus(CORPUS / f"{s}.jsonl") for s in ("dev", "heldout"))
    assert len(heldout) >= 150 and not {e.text for e in dev} & {e.text for e in heldout}


def test_negative_targets(fast_report: Report) -> None:
    negative = fast_report.per_flag["negative"]
    assert negative["recall"] >= TARGETS["negative_recall"], negative
    assert negative["precision"] >= TARGETS["negative_precision"], negative


def test_abuse_target(fast_report: Report) -> None:
    assert fast_report.per_flag["abuse"]["recall"] >= TARGETS["abuse_recall"]


def test_false_hide_rate_on_kind_and_neutral_comments(fast_report: Report) -> None:
    assert fast_report.kind_neutral >= 150
    assert fast_report.false_hide_rate < TARGETS["false_hide_rate_max"], [
        e.text for e, p in fast_report.errors if e.kind in KIND_AND_NEUTRAL
    ]


def test_criticism_in_the_corpus_is_not_hidden(corpus) -> None:
    # complaints and sarcasm are hidden only when their labels say so (abuse or PHI in them)
    policy = ModerationPolicy()
    classifier = CommentClassifier(policy, allow_domains=DOMAINS)
    criticism = [e for e in corpus if e.kind in ("complaint", "sarcasm")
                 and not should_auto_hide([Flag(f, 1.0, "") for f in e.flags], policy)]
    assert len(criticism) >= 50
    hidden = [e.text for e, flags in zip(criticism, classifier.classify_many(
        [e.text for e in criticism]), strict=True) if should_auto_hide(flags, policy)]
    assert hidden == []


def test_other_flags_are_useful(fast_report: Report) -> None:
    for flag in ("medical_advice", "spam"):
        assert fast_report.per_flag[flag]["f1"] >= 0.85, (flag, fast_report.per_flag[flag])


def test_phi_recall_with_the_phi_screen(corpus) -> None:
    screen, why = phi_screen_or_reason()
    if screen is None:
        pytest.skip(f"PHI screen unusable here: {why}")
    policy = ModerationPolicy()
    report = evaluate(corpus, CommentClassifier(policy, screen,
                                                allow_domains=DOMAINS).classify_many, policy,
                      merge_disclosure=True)
    assert report.per_flag["phi"]["recall"] >= TARGETS["phi_recall"]
    assert report.false_hide_rate < TARGETS["false_hide_rate_max"]


def test_phi_fallback_cues_alone(fast_report: Report) -> None:
    # the fast path has no PHI model; its cues must still catch most disclosures (as phi or
    # self_disclosure)
    assert fast_report.per_flag["phi"]["recall"] >= TARGETS["phi_recall"]
