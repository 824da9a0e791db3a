"""Evaluate the comment classifier, each figure labelled by who wrote the text.

1. The independent dev set (``--devset``, default /work/shared/devset/comments.jsonl,
   written by someone outside the team; never trained on): per-flag precision / recall / F1
   without and with the PHI screen, false flags on harmless comments, false auto-hides, each
   flag's precision/recall curve (so a practice can choose its thresholds), and plain VADER
   and plain better-profanity measured in the same run.
2. TweetEval's validation split (public tweets; a reporting split, never trained or tuned
   on): sentiment (negative vs not) and offensive (OLID), next to VADER / better-profanity.
3. The team's own corpus (tests/data/comments/): dev.jsonl is part of the models' training
   data (evidence of fit only), heldout.jsonl was not trained on (but was written by the
   same team).

    python bench/moderation_eval.py [--devset F] [--mirrors DIR] [--no-phi] [--errors]
                                    [--combine] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policies.moderation import (  # noqa: E402
    FLAGS,
    CommentClassifier,
    Flag,
    ModerationPolicy,
    should_auto_hide,
)
from policies.moderation.evaluation import (  # noqa: E402
    DEVSET_TARGETS,
    Example,
    Report,
    evaluate,
    evaluate_predicted,
    load_corpus,
    phi_screen_or_reason,
)

CORPUS = ROOT / "tests" / "data" / "comments"
DEVSET = Path("/work/shared/devset/comments.jsonl")
EXAMPLE_NAMES = ("Dr. Priya Raman", "Northside Family Medicine")
EXAMPLE_DOMAINS = ("northsidefm.example",)
LEARNED = ("negative", "abuse", "spam", "medical_advice")


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def binary(gold: Sequence[bool], pred: Sequence[bool]) -> tuple[float, float, float]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    return _prf(tp, fp, fn)


def print_report(title: str, report: Report, show_errors: bool) -> None:
    print(f"\n## {title}  (n={report.n})")
    print(f"{'flag':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}{'FP':>5}{'FN':>5}"
          "  target R>=0.85 at P>=0.80")
    for flag, m in report.per_flag.items():
        if m["support"] == 0:  # "unjudged" is not a label: count it, no precision/recall
            print(f"{flag:<16}{'(raised on ' + str(m['fp']) + ' comments, no gold label)':>40}")
            continue
        ok = m["recall"] >= DEVSET_TARGETS["recall"] and m["precision"] >= \
            DEVSET_TARGETS["precision"]
        print(f"{flag:<16}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}"
              f"{m['support']:>9}{m['fp']:>5}{m['fn']:>5}  {'MET' if ok else 'missed'}")
    if report.harmless:
        print(f"harmless comments flagged: {report.harmless_flagged}/{report.harmless} = "
              f"{report.harmless_flag_rate:.1%} (target <= 3%)")
    print(f"false auto-hides (hidden, labels would not hide): {report.false_hides_all}/"
          f"{report.n} = {report.false_hide_rate_all:.1%} (target <= 1%)")
    if show_errors:
        for example, predicted in report.errors:
            print(f"  ERR gold={sorted(example.flags)} got={sorted(predicted)} {example.text}")


def devset_allow_list(devset: Path):
    from policies.phi import PhiAllowList

    policy = devset.with_name("policy.toml")
    if not policy.exists():
        return PhiAllowList()
    return PhiAllowList.from_toml(tomllib.loads(policy.read_text("utf-8")).get("phi", {}))


def curves(examples: list[Example], scores: list[dict[str, tuple[float, str]]]) -> None:
    print("\n## Precision / recall per threshold on the dev set (score >= threshold flags; "
          "defaults marked *)")
    defaults = ModerationPolicy().thresholds
    steps = [round(0.1 + 0.05 * i, 2) for i in range(17)]
    for flag in FLAGS:
        gold = [flag in e.flags for e in examples]
        if not any(gold):  # "unjudged" is not a label
            continue
        cells = []
        for t in steps:
            p, r, _ = binary(gold, [s[flag][0] >= t for s in scores])
            star = "*" if abs(t - defaults[flag]) < 1e-6 else " "
            cells.append(f"{t:.2f}{star}{p:.2f}/{r:.2f}")
        print(f"{flag} (P/R):")
        for i in range(0, len(cells), 6):
            print("   " + "  ".join(cells[i:i + 6]))


def combine_table(examples: list[Example], classifier: CommentClassifier) -> None:
    """Rules alone, model alone, and the two combinations, each at its best threshold."""
    from policies.moderation.classifier import (
        _plain,
        score_abuse,
        score_medical_advice,
        score_negative,
        score_spam,
    )
    from policies.moderation.model import models

    m = models()
    rules = {"negative": lambda t: score_negative(_plain(t), t)[0],
             "abuse": lambda t: score_abuse(_plain(t))[0],
             "spam": lambda t: score_spam(_plain(t), t, ())[0],
             "medical_advice": lambda t: score_medical_advice(_plain(t))[0]}
    learned = [m.score(e.text, explain=False) for e in examples]
    print("\n## Rules vs trained model vs combined (dev set; best F1 over thresholds)")
    for flag in LEARNED:
        gold = [flag in e.flags for e in examples]
        r = [rules[flag](e.text) for e in examples]
        p = [s[flag].probability for s in learned]
        options = {"rules": r, "model": p, "max": [max(a, b) for a, b in zip(r, p, strict=True)],
                   "mean": [(a + b) / 2 for a, b in zip(r, p, strict=True)]}
        cells = []
        for name, values in options.items():
            best = max((binary(gold, [v >= t for v in values]) + (t,)
                        for t in [0.05 * i for i in range(1, 20)]), key=lambda x: x[2])
            cells.append(f"{name} F1 {best[2]:.2f} (P {best[0]:.2f} R {best[1]:.2f} "
                         f"@{best[3]:.2f})")
        print(f"{flag:<15}" + " | ".join(cells))


def baselines(examples: list[Example]) -> None:
    from better_profanity import profanity
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    profanity.load_censor_words()
    gold_neg = ["negative" in e.flags for e in examples]
    gold_abuse = ["abuse" in e.flags for e in examples]
    p, r, f = binary(gold_neg, [vader.polarity_scores(e.text)["compound"] <= -0.05
                                for e in examples])
    print(f"plain VADER (compound <= -0.05) as negative: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    p, r, f = binary(gold_abuse, [profanity.contains_profanity(e.text) for e in examples])
    print(f"plain better-profanity as abuse:              P {p:.3f} R {r:.3f} F1 {f:.3f}")
    apc = alt_profanity_check()
    if apc is not None:
        p, r, f = binary(gold_abuse, apc([e.text for e in examples]))
        print(f"alt-profanity-check (a candidate, >= 0.5):    P {p:.3f} R {r:.3f} F1 {f:.3f}")


def alt_profanity_check():
    """The trained model in alt-profanity-check's wheel, a candidate for abuse, when it is
    installed (it is not a dependency: it needs scikit-learn at run time and ~1 s to load)."""
    try:
        from profanity_check import predict_prob
    except ImportError:
        return None
    return lambda texts: [p >= 0.5 for p in predict_prob(list(texts))]


def tweeteval(mirrors: Path, classifier: CommentClassifier) -> dict:
    from better_profanity import profanity
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from policies.moderation.model import models
    from policies.moderation.training.data import Mirrors, tweeteval_validation

    out: dict = {}
    try:
        m = Mirrors(mirrors)
        sent_x, sent_y = tweeteval_validation(m, "sentiment")
        off_x, off_y = tweeteval_validation(m, "offensive")
    except Exception as exc:  # no mirror here: say so instead of printing nothing
        print(f"\n## TweetEval validation: not measured ({type(exc).__name__}: {exc})")
        return out
    vader = SentimentIntensityAnalyzer()
    profanity.load_censor_words()
    learned = models()
    print("\n## TweetEval validation split (public tweets; reporting only, never trained on)")
    for task, xs, ys, flag, pos, ref_name, ref in (
        ("sentiment: negative vs not", sent_x, sent_y, "negative", 0, "plain VADER",
         lambda t: vader.polarity_scores(t)["compound"] <= -0.05),
        ("offensive (OLID)", off_x, off_y, "abuse", 1, "plain better-profanity",
         profanity.contains_profanity),
    ):
        gold = [y == pos for y in ys]
        flags = classifier.classify_many(xs)
        ours = binary(gold, [any(f.flag == flag for f in fl) for fl in flags])
        model_only = binary(gold, [learned.score(t, explain=False)[flag].probability >= 0.5
                                   for t in xs])
        base = binary(gold, [bool(ref(t)) for t in xs])
        print(f"{task} (n={len(xs)}, positives {sum(gold)}):")
        rows = [("classifier flag", ours), ("trained model alone @0.5", model_only),
                (ref_name, base)]
        apc = alt_profanity_check() if flag == "abuse" else None
        if apc is not None:
            rows.append(("alt-profanity-check", binary(gold, apc(xs))))
        for name, (p, r, f) in rows:
            print(f"   {name:<26} P {p:.3f} R {r:.3f} F1 {f:.3f}")
        out[task] = {"classifier": ours, "model": model_only, ref_name: base}
    print("   targets: sentiment F1 >= 0.65; offensive R >= 0.60 at P >= 0.70")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"),
                        help="git mirrors holding cardiffnlp/tweeteval (see MODEL_CARD.md)")
    parser.add_argument("--no-phi", action="store_true", help="skip the runs with the PHI screen")
    parser.add_argument("--errors", action="store_true", help="list misclassified comments")
    parser.add_argument("--combine", action="store_true",
                        help="also compare rules / model / combinations per flag")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")
    args = parser.parse_args(argv)

    policy = ModerationPolicy()
    results: dict[str, Report] = {}
    started = time.perf_counter()
    fast = CommentClassifier(policy, allow_domains=EXAMPLE_DOMAINS)
    screen_for: Callable[[object], tuple[object, str]] = phi_screen_or_reason

    if args.devset.exists():
        devset = load_corpus(args.devset)
        print(f"# 1. Independent dev set: {args.devset} ({len(devset)} comments, written "
              f"outside the team, never trained on; thresholds were chosen on it)")
        allow = devset_allow_list(args.devset)
        dev_fast = CommentClassifier(policy, allow_domains=allow.domains)
        results["devset / without PHI screen"] = evaluate(devset, dev_fast.classify_many, policy)
        print_report("devset, without the PHI screen", results["devset / without PHI screen"],
                     False)
        scored = None
        if not args.no_phi:
            screen, note = screen_for(allow)
            if screen is None:
                print(f"PHI screen not usable here: {note}")
            else:
                dev_full = CommentClassifier(policy, screen, allow_domains=allow.domains)
                findings = screen([e.text for e in devset])
                scored = [dev_full.scores(e.text, f) for e, f in zip(devset, findings,
                                                                     strict=True)]
                flags = [[Flag(fl, s[fl][0], s[fl][1]) for fl in FLAGS
                          if s[fl][0] >= policy.threshold(fl) and s[fl][1]] for s in scored]
                results["devset / with PHI screen"] = evaluate_predicted(
                    devset, [frozenset(f.flag for f in fl) for fl in flags], policy,
                    hidden=[should_auto_hide(fl, policy) for fl in flags])
                print_report("devset, with the PHI screen", results["devset / with PHI screen"],
                             args.errors)
        print("\nreferences on the same dev set, same run:")
        baselines(devset)
        curves(devset, scored or [dev_fast.scores(e.text) for e in devset])
        if args.combine:
            combine_table(devset, dev_fast)
    else:
        print(f"# 1. Independent dev set: not found at {args.devset} (--devset)")

    tweeteval(args.mirrors, fast)

    print("\n# 3. The team's own corpus (tests/data/comments; its 'phi' label predates the "
          "split, so phi and self_disclosure are scored together)")
    for split, who in (("dev", "team-written, part of the models' training data: fit only"),
                       ("heldout", "team-written, not trained on")):
        examples = load_corpus(CORPUS / f"{split}.jsonl")
        report = evaluate(examples, fast.classify_many, policy, merge_disclosure=True)
        results[f"team {split}"] = report
        print_report(f"{split}.jsonl ({who}), without the PHI screen", report, False)
    print(f"\n(evaluation took {time.perf_counter() - started:.0f} s)")
    if args.json:
        from policies.moderation.evaluation import as_dict

        print(json.dumps({k: as_dict(r) for k, r in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
