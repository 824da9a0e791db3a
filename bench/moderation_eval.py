"""Evaluate the comment classifier on the labelled corpus (tests/data/comments/).

Prints per-flag precision / recall / F1, the confusion between `negative` and the other
flags, and the false-hide rate on kind and neutral comments, for the dev split (the rules
were tuned on it) and the held-out split (never tuned on), without and with the PHI screen.

    python bench/moderation_eval.py [--split dev|heldout|all] [--no-phi] [--errors] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policies.moderation import CommentClassifier, ModerationPolicy  # noqa: E402
from policies.moderation.evaluation import (  # noqa: E402
    TARGETS,
    Report,
    as_dict,
    evaluate,
    load_corpus,
    phi_screen_or_reason,
)

CORPUS = ROOT / "tests" / "data" / "comments"
# the example practice the corpus was written for (policy.example.toml in the design)
EXAMPLE_NAMES = ("Dr. Priya Raman", "Northside Family Medicine")
EXAMPLE_DOMAINS = ("northsidefm.example",)


def example_allow_list():
    from policies.phi import PhiAllowList

    return PhiAllowList(names=EXAMPLE_NAMES, domains=EXAMPLE_DOMAINS)


def print_report(title: str, report: Report, show_errors: bool) -> None:
    print(f"\n## {title}  (n={report.n})")
    print(f"{'flag':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}{'FP':>5}{'FN':>5}")
    for flag, m in report.per_flag.items():
        print(f"{flag:<16}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}"
              f"{m['support']:>9}{m['fp']:>5}{m['fn']:>5}")
    print(f"false-hide rate on kind/neutral comments: {report.false_hides}/{report.kind_neutral}"
          f" = {report.false_hide_rate:.1%} (target < {TARGETS['false_hide_rate_max']:.0%})")
    print("negative vs the others:")
    for key, counts in report.negative_confusion.items():
        cells = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "none"
        print(f"  {key}: {cells}")
    targets = report.meets_targets()
    print("targets: " + "; ".join(f"{k} {'MET' if ok else 'MISSED'}" for k, ok in targets.items()))
    if show_errors:
        for example, predicted in report.errors:
            print(f"  ERR gold={sorted(example.flags)} got={sorted(predicted)} "
                  f"[{example.kind}] {example.text}")


def spacy_negation_audit(classifier: CommentClassifier) -> None:
    """Could spaCy's dependency parse (negation scope) help? Count the dev comments with a
    `neg` dependency that the classifier gets wrong, and time the parse it would cost."""
    import time

    import spacy

    from policies.phi import DEFAULT_MODEL

    examples = load_corpus(CORPUS / "dev.jsonl")
    nlp = spacy.load(DEFAULT_MODEL, exclude=["ner", "lemmatizer"])
    texts = [e.text for e in examples]
    list(nlp.pipe(texts[:32]))
    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    parse_rate = len(texts) / (time.perf_counter() - start)
    negated = [e for e, d in zip(examples, docs, strict=True) if any(t.dep_ == "neg" for t in d)]
    wrong = [e for e in negated
             if frozenset(f.flag for f in classifier.classify(e.text)) != e.flags]
    print("\n## spaCy negation audit (dev)")
    print(f"comments with a negation (dep=neg): {len(negated)}; misclassified among them: "
          f"{len(wrong)}; spaCy parse alone: {parse_rate:.0f} comments/s")
    for e in wrong:
        print(f"  {sorted(e.flags)} {e.text}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="all")
    parser.add_argument("--no-phi", action="store_true", help="skip the run with the PHI screen")
    parser.add_argument("--errors", action="store_true", help="list misclassified comments")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--spacy-audit", action="store_true",
                        help="also measure whether spaCy negation scope could help")
    args = parser.parse_args(argv)

    splits = ("dev", "heldout") if args.split == "all" else (args.split,)
    policy = ModerationPolicy()
    modes: list[tuple[str, CommentClassifier]] = [
        ("without PHI screen", CommentClassifier(policy, allow_domains=EXAMPLE_DOMAINS))]
    note = ""
    if not args.no_phi:
        try:
            allow = example_allow_list()
        except Exception:  # the PHI package may not be importable yet
            allow = None
        screen, note = phi_screen_or_reason(allow)
        if screen is not None:
            modes.append(("with PHI screen",
                          CommentClassifier(policy, screen, allow_domains=EXAMPLE_DOMAINS)))

    results = {}
    for split in splits:
        examples = load_corpus(CORPUS / f"{split}.jsonl")
        for mode, classifier in modes:
            report = evaluate(examples, classifier.classify_many, policy)
            results[f"{split} / {mode}"] = report
    if args.json:
        print(json.dumps({k: as_dict(r) for k, r in results.items()} | {"phi_note": note},
                         indent=2))
        return 0
    print("# Comment classifier evaluation (tests/data/comments; dev = tuned on, "
          "heldout = never tuned on)")
    if note:
        print(f"PHI screen not usable here, evaluated without it only: {note}")
    for title, report in results.items():
        print_report(title, report, args.errors)
    if args.spacy_audit:
        spacy_negation_audit(modes[0][1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
