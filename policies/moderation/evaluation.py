"""Scoring the classifier against labelled comments: the team's corpus
(tests/data/comments/*.jsonl, ``flags`` + ``kind``) and the independent dev set
(``labels``, an empty list meaning harmless).

Shared by bench/moderation_eval.py (prints the tables) and the corpus test (asserts the
targets), so both measure the same thing.

The team's corpus predates the phi / self_disclosure split: its ``phi`` label covers both,
so it is scored with ``merge_disclosure=True`` (a predicted self_disclosure counts as phi).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policies.moderation.policy import FLAGS, Flag, ModerationPolicy, should_auto_hide

# kinds of comment that should never be hidden unless they carry an auto-hide flag
KIND_AND_NEUTRAL = ("thanks", "kind", "question", "neutral")

TARGETS = {  # issue 7 (team corpus); issue 13 sets its own on the independent dev set
    "negative_recall": 0.85,
    "negative_precision": 0.75,
    "phi_recall": 0.95,
    "abuse_recall": 0.90,
    "false_hide_rate_max": 0.01,
}
DEVSET_TARGETS = {"recall": 0.85, "precision": 0.80, "harmless_flagged_max": 0.03,
                  "false_hide_max": 0.01}


@dataclass(frozen=True)
class Example:
    text: str
    flags: frozenset[str]
    kind: str


def load_corpus(path: Path) -> list[Example]:
    examples = []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip():
            continue
        row = json.loads(line)
        flags = row["flags"] if "flags" in row else row["labels"]
        unknown = set(flags) - set(FLAGS)
        if unknown:
            raise ValueError(f"{path}:{n}: unknown flag(s) {sorted(unknown)}")
        kind = row.get("kind") or ("harmless" if not flags else "flagged")
        examples.append(Example(row["text"], frozenset(flags), kind))
    return examples


@dataclass
class Report:
    n: int
    per_flag: dict[str, dict[str, float]]  # flag -> precision, recall, f1, tp, fp, fn, support
    negative_confusion: dict[str, dict[str, int]]  # see _negative_confusion
    false_hides: int
    kind_neutral: int
    errors: list[tuple[Example, frozenset[str]]] = field(default_factory=list)
    harmless: int = 0  # comments with no gold flag
    harmless_flagged: int = 0  # ... that got any flag
    false_hides_all: int = 0  # comments hidden whose gold labels would not hide them

    @property
    def harmless_flag_rate(self) -> float:
        return self.harmless_flagged / self.harmless if self.harmless else 0.0

    @property
    def false_hide_rate_all(self) -> float:
        return self.false_hides_all / self.n if self.n else 0.0

    @property
    def false_hide_rate(self) -> float:
        return self.false_hides / self.kind_neutral if self.kind_neutral else 0.0

    def meets_targets(self) -> dict[str, bool]:
        neg, phi, abuse = self.per_flag["negative"], self.per_flag["phi"], self.per_flag["abuse"]
        return {
            "negative recall >= 0.85": neg["recall"] >= TARGETS["negative_recall"],
            "negative precision >= 0.75": neg["precision"] >= TARGETS["negative_precision"],
            "phi recall >= 0.95": phi["recall"] >= TARGETS["phi_recall"],
            "abuse recall >= 0.90": abuse["recall"] >= TARGETS["abuse_recall"],
            "false-hide rate < 1%": self.false_hide_rate < TARGETS["false_hide_rate_max"],
        }


def evaluate(
    examples: Sequence[Example],
    classify_many: Callable[[list[str]], list[list[Flag]]],
    policy: ModerationPolicy,
    merge_disclosure: bool = False,
) -> Report:
    results = classify_many([e.text for e in examples])
    return evaluate_predicted(
        examples, [frozenset(f.flag for f in flags) for flags in results], policy,
        merge_disclosure, [should_auto_hide(flags, policy) for flags in results])


def evaluate_predicted(
    examples: Sequence[Example],
    predicted: Sequence[frozenset[str]],
    policy: ModerationPolicy,
    merge_disclosure: bool = False,
    hidden: Sequence[bool] | None = None,
) -> Report:
    """``hidden``: whether the product hid each comment (scores matter there: a flag hides
    only at its hide threshold); without it, any auto_hide flag counts as hidden."""
    if hidden is None:
        hidden = [_hides(p, policy) for p in predicted]
    if merge_disclosure:  # the team corpus's "phi" covers both (see the module docstring)
        predicted = [p - {"self_disclosure"} | ({"phi"} if "self_disclosure" in p else set())
                     for p in predicted]
    per_flag = {}
    for flag in FLAGS:
        tp = sum(flag in p and flag in e.flags for e, p in zip(examples, predicted, strict=True))
        fp = sum(flag in p and flag not in e.flags for e, p in zip(examples, predicted,
                                                                   strict=True))
        fn = sum(flag not in p and flag in e.flags for e, p in zip(examples, predicted,
                                                                   strict=True))
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_flag[flag] = {"precision": precision, "recall": recall, "f1": f1,
                          "tp": tp, "fp": fp, "fn": fn, "support": tp + fn}
    kind_neutral = [(e, p) for e, p in zip(examples, predicted, strict=True)
                    if e.kind in KIND_AND_NEUTRAL]
    false_hides = sum(
        h and not _hides(e.flags, policy)
        for e, h in zip(examples, hidden, strict=True) if e.kind in KIND_AND_NEUTRAL
    )
    errors = [(e, p) for e, p in zip(examples, predicted, strict=True) if p != e.flags]
    harmless = [p for e, p in zip(examples, predicted, strict=True) if not e.flags]
    # a gold "phi" in the team corpus may be a self-disclosure, which must not hide: only
    # a hide of a comment with no hiding label at all counts as false there
    false_hides_all = sum(h and not (
        _hides(e.flags, policy) if not merge_disclosure else e.flags & {"phi", "abuse"})
        for e, h in zip(examples, hidden, strict=True))
    return Report(len(examples), per_flag, _negative_confusion(examples, predicted),
                  false_hides, len(kind_neutral), errors, len(harmless),
                  sum(bool(p) for p in harmless), false_hides_all)


def _hides(flags: frozenset[str], policy: ModerationPolicy) -> bool:
    return should_auto_hide([Flag(f, 1.0, "") for f in flags], policy)


def _negative_confusion(
    examples: Sequence[Example], predicted: Sequence[frozenset[str]]
) -> dict[str, dict[str, int]]:
    """How `negative` mixes with the others: for each other flag, how often a gold-negative
    comment was predicted with it (and vice versa), and where negative's own mistakes went:
    its false positives and false negatives broken down by the comment's kind."""
    out: dict[str, dict[str, int]] = {}
    for flag in FLAGS:
        if flag == "negative":
            continue
        out[flag] = {
            "gold negative, predicted " + flag: sum(
                "negative" in e.flags and flag in p and flag not in e.flags
                for e, p in zip(examples, predicted, strict=True)),
            "gold " + flag + ", predicted negative": sum(
                flag in e.flags and "negative" in p and "negative" not in e.flags
                for e, p in zip(examples, predicted, strict=True)),
        }
    fp_kinds: dict[str, int] = {}
    fn_kinds: dict[str, int] = {}
    for e, p in zip(examples, predicted, strict=True):
        if "negative" in p and "negative" not in e.flags:
            fp_kinds[e.kind] = fp_kinds.get(e.kind, 0) + 1
        if "negative" not in p and "negative" in e.flags:
            fn_kinds[e.kind] = fn_kinds.get(e.kind, 0) + 1
    out["negative false positives by kind"] = fp_kinds
    out["negative misses by kind"] = fn_kinds
    return out


def phi_screen_or_reason(allow: Any = None) -> tuple[Callable[[list[str]], list[list[Any]]] | None,
                                                     str]:
    """The product's PHI screen for comments, or (None, why it cannot be used here)."""
    try:
        from policies.phi import PhiAllowList, get_screen

        screen = get_screen(allow if allow is not None else PhiAllowList())
        screen.screen_many(["warm-up"], context="comment")
    except Exception as exc:  # any failure means: evaluate without it, and say why
        return None, f"{type(exc).__name__}: {exc}".splitlines()[0][:200]
    return (lambda texts: screen.screen_many(texts, context="comment")), ""


def as_dict(report: Report) -> dict[str, Any]:
    return {
        "n": report.n,
        "per_flag": report.per_flag,
        "negative_confusion": report.negative_confusion,
        "false_hides": report.false_hides,
        "kind_neutral": report.kind_neutral,
        "false_hide_rate": report.false_hide_rate,
        "harmless": report.harmless,
        "harmless_flagged": report.harmless_flagged,
        "false_hides_all": report.false_hides_all,
        "targets": report.meets_targets(),
    }
