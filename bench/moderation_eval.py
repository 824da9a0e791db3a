"""Evaluate the comment classifier, each figure labelled by who wrote the text.

For every labelled set: per-flag precision / recall / F1 (with the PHI screen where the set
has a practice policy beside it), harmless comments flagged, false auto-hides, each flag's
precision/recall curve over thresholds (so a practice can choose its own in
[moderation.thresholds]), and plain VADER (negative) and plain better-profanity (abuse)
measured on the same texts in the same run. The sets:

1. the dev set (``--devset``, /work/shared/devset/comments.jsonl): written independently of
   the team, never trained on; some default thresholds were chosen on it (printed at the top);
2. lakeshore dev (``--fresh PATH``, default bench/data/lakeshore_dev/comments.jsonl):
   written by another independent writer; nothing is trained or thresholds tuned on it, but
   its misses were read for error analysis (2026-12-02), so it is no longer unseen;
3. TweetEval's validation split, sentiment (negative vs not) and offensive (OLID): public
   tweets, never trained on; the negative threshold was chosen with it;
4. the team's own corpus (tests/data/comments/): dev.jsonl is training data (fit only),
   heldout.jsonl was not trained on but was written by the same team.

    python bench/moderation_eval.py [--devset DIR|F] [--fresh DIR|F] [--mirrors DIR] [--no-phi]
                                    [--errors] [--combine] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
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
    evaluate_predicted,
    load_corpus,
    phi_screen_or_reason,
)
from policies.moderation.policy import THRESHOLD_SOURCE  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "comments"
DEVSET = Path("/work/shared/devset/comments.jsonl")
FRESH = Path(__file__).resolve().parent / "data" / "lakeshore_dev" / "comments.jsonl"
DEVSET_TITLE = "dev set, written independently of the team (never trained on)"
FRESH_TITLE = ("lakeshore dev: independent writer, used for error analysis, and since "
               "2026-12-02 training data of the writers' heads (fit)")
WRITERS = True  # the heads trained on independent writers' comments (--no-writers: without)
TWEETEVAL_TITLES = {
    "sentiment": "TweetEval validation, sentiment: negative vs not (public tweets, SemEval "
                 "annotators; never trained on)",
    "offensive": "TweetEval validation, offensive / OLID (public tweets, OLID annotators; "
                 "never trained on)",
}
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


def print_report(title: str, report: Report, show_errors: bool,
                 flags: Sequence[str] = FLAGS, unjudged_only: int = 0) -> None:
    print(f"\n## {title}  (n={report.n})")
    print(f"{'flag':<16}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}{'FP':>5}{'FN':>5}"
          "  target R>=0.85 at P>=0.80")
    for flag, m in report.per_flag.items():
        if flag not in flags:
            continue
        ok = m["recall"] >= DEVSET_TARGETS["recall"] and m["precision"] >= \
            DEVSET_TARGETS["precision"]
        print(f"{flag:<16}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}"
              f"{m['support']:>9}{m['fp']:>5}{m['fn']:>5}  {'MET' if ok else 'missed'}")
    if len(flags) == 1:  # a one-label set (tweets): other flags are not its business
        return
    unjudged = report.per_flag["unjudged"]["fp"]
    print(f"unjudged (a person must read it; no gold label): raised on {unjudged}")
    print(f"crisis (suicide or self-harm, urgent; no gold label): raised on "
          f"{report.per_flag['crisis']['fp']}")
    if report.harmless:
        print(f"harmless comments flagged: {report.harmless_flagged}/{report.harmless} = "
              f"{report.harmless_flag_rate:.1%} (target <= 3%); of them flagged only "
              f"'unjudged': {unjudged_only}")
    print(f"false auto-hides (hidden, labels would not hide): {report.false_hides_all}/"
          f"{report.n} = {report.false_hide_rate_all:.1%} (target <= 1%)")
    if show_errors:
        for example, predicted in report.errors:
            print(f"  ERR gold={sorted(example.flags)} got={sorted(predicted)} {example.text}")


def devset_allow_list(policy: Path):
    from policies.phi import PhiAllowList

    if not policy.exists():
        return PhiAllowList()
    return PhiAllowList.from_toml(tomllib.loads(policy.read_text("utf-8")).get("phi", {}))


def curves(examples: list[Example], scores: list[dict[str, tuple[float, str]]],
           flags: Sequence[str] = FLAGS, merge_disclosure: bool = False) -> None:
    print("precision / recall per threshold (score >= threshold flags; defaults marked *):")
    defaults = ModerationPolicy().thresholds
    steps = [round(0.1 + 0.05 * i, 2) for i in range(17)]
    for flag in flags:
        gold = [flag in e.flags for e in examples]
        if not any(gold):
            continue

        def score(s: dict[str, tuple[float, str]], flag: str = flag) -> float:
            if merge_disclosure and flag == "phi":  # the label covers both
                return max(s["phi"][0], s["self_disclosure"][0])
            return s[flag][0]

        cells = []
        for t in steps:
            p, r, _ = binary(gold, [score(s) >= t for s in scores])
            star = "*" if abs(t - defaults[flag]) < 1e-6 else " "
            cells.append(f"{t:.2f}{star}{p:.2f}/{r:.2f}")
        print(f"  {flag} (P/R):")
        for i in range(0, len(cells), 6):
            print("     " + "  ".join(cells[i:i + 6]))


def combine_table(examples: list[Example]) -> None:
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


def baselines(examples: list[Example], flags: Sequence[str] = FLAGS) -> None:
    from better_profanity import profanity
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    texts = [e.text for e in examples]
    if "negative" in flags:
        vader = SentimentIntensityAnalyzer()
        p, r, f = binary(["negative" in e.flags for e in examples],
                         [vader.polarity_scores(t)["compound"] <= -0.05 for t in texts])
        print(f"  plain VADER (compound <= -0.05) as negative: P {p:.3f} R {r:.3f} F1 {f:.3f}")
    if "abuse" in flags:
        profanity.load_censor_words()
        gold = ["abuse" in e.flags for e in examples]
        p, r, f = binary(gold, [profanity.contains_profanity(t) for t in texts])
        print(f"  plain better-profanity as abuse:              P {p:.3f} R {r:.3f} F1 {f:.3f}")
        apc = alt_profanity_check()
        if apc is not None:
            p, r, f = binary(gold, apc(texts))
            print(f"  alt-profanity-check (>= 0.5) as abuse:        P {p:.3f} R {r:.3f} "
                  f"F1 {f:.3f}")


def alt_profanity_check():
    """The trained model in alt-profanity-check's wheel, a candidate for abuse, when it is
    installed (it is not a dependency: it needs scikit-learn at run time and ~1 s to load)."""
    try:
        from profanity_check import predict_prob
    except ImportError:
        return None
    return lambda texts: [p >= 0.5 for p in predict_prob(list(texts))]


@dataclass(frozen=True)
class LabelledSet:
    title: str  # what it is and who wrote it
    examples: list[Example]
    flags: tuple[str, ...]  # the flags its labels speak to
    merge_disclosure: bool = False  # the team corpus's "phi" covers self_disclosure too
    policy_file: Path | None = None  # the practice policy beside it (allow-lists)


class BadSet(Exception):
    """A labelled set given on the command line that cannot be read (one line, exit 2)."""


def comments_file(given: Path | None, option: str) -> Path | None:
    """The comments JSONL that --devset / --fresh names: the file itself, or a folder holding
    comments.jsonl (the dev set's layout, as the README gives it); BadSet when neither."""
    if given is None:
        return None
    path = given / "comments.jsonl" if given.is_dir() else given
    if not path.is_file():
        where = f"{given} has no comments.jsonl" if given.is_dir() else f"{given} not found"
        raise BadSet(f"{option}: {where} (give a folder holding comments.jsonl, or the file)")
    return path


def read_set(path: Path, option: str) -> list[Example]:
    """load_corpus, its failures (not UTF-8, not JSON lines, no text or flags) as one line."""
    try:
        return load_corpus(path)
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise BadSet(f"{option}: {path} is not a labelled comments set "
                     f"({type(exc).__name__})") from None


def load_sets(args: argparse.Namespace) -> list[LabelledSet]:
    sets: list[LabelledSet] = []
    # no labelled set has these: "unjudged" is a note, "crisis" (session 46) is newer than
    # every set, so their precision/recall would read "MET" on a support of 0
    every = tuple(f for f in FLAGS if f not in ("unjudged", "crisis"))
    fresh_title = (FRESH_TITLE if args.fresh and args.fresh.resolve() == FRESH.resolve()
                   else "a fresh set given with --fresh (whoever wrote it: say so when quoting)")
    for path, title, option in ((args.devset, DEVSET_TITLE, "--devset"),
                                (args.fresh, fresh_title, "--fresh")):
        if path is not None:
            sets.append(LabelledSet(f"{title}: {path}", read_set(path, option), every,
                                    policy_file=path.with_name("policy.toml")))
    try:
        from policies.moderation.training.data import Mirrors, tweeteval_validation

        m = Mirrors(args.mirrors)
        for task, flag, positive in (("sentiment", "negative", 0), ("offensive", "abuse", 1)):
            xs, ys = tweeteval_validation(m, task)
            examples = [Example(x, frozenset({flag} if y == positive else ()), "tweet")
                        for x, y in zip(xs, ys, strict=True)]
            sets.append(LabelledSet(TWEETEVAL_TITLES[task], examples, (flag,)))
    except Exception as exc:  # no mirror here: say so instead of printing nothing
        print(f"# TweetEval validation: not measured ({type(exc).__name__}: {exc})")
    for split, who in (("dev", "team-written, part of the models' training data: fit only"),
                       ("heldout", "team-written, not trained on")):
        title = (f"tests/data/comments/{split}.jsonl ({who}; its 'phi' label covers "
                 "self_disclosure too)")
        sets.append(LabelledSet(title, load_corpus(CORPUS / f"{split}.jsonl"),
                                ("negative", "abuse", "phi", "medical_advice", "spam"),
                                merge_disclosure=True))
    return sets


def measure(ls: LabelledSet, policy: ModerationPolicy, use_phi: bool,
            show_errors: bool) -> tuple[Report, list[dict[str, tuple[float, str]]]]:
    """The product's flags (through the PHI screen when asked) and every flag's score."""
    allow = devset_allow_list(ls.policy_file) if ls.policy_file else None
    domains = allow.domains if allow is not None else EXAMPLE_DOMAINS
    screen = None
    if use_phi and ls.policy_file:
        screen, note = phi_screen_or_reason(allow)
        if screen is None:
            print(f"PHI screen not usable here: {note}")
    classifier = CommentClassifier(policy, screen, allow_domains=domains, writers=WRITERS)
    texts = [e.text for e in ls.examples]
    findings = screen(texts) if screen else [[] for _ in texts]
    scored = [classifier.scores(t, f) for t, f in zip(texts, findings, strict=True)]
    flags = [[Flag(fl, s[fl][0], s[fl][1]) for fl in FLAGS
              if s[fl][0] >= policy.threshold(fl) and s[fl][1]] for s in scored]
    report = evaluate_predicted(ls.examples, [frozenset(f.flag for f in fl) for fl in flags],
                                policy, ls.merge_disclosure,
                                hidden=[should_auto_hide(fl, policy) for fl in flags])
    unjudged_only = sum(1 for e, fl in zip(ls.examples, flags, strict=True)
                        if not e.flags and fl and {f.flag for f in fl} == {"unjudged"})
    print_report(f"{ls.title}{', with the PHI screen' if screen else ''}", report, show_errors,
                 ls.flags, unjudged_only)
    return report, scored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=None,
                        help="the dev set: a folder holding comments.jsonl (and policy.toml), "
                             f"or the file (default {DEVSET}, skipped when absent)")
    parser.add_argument("--fresh", type=Path, default=FRESH if FRESH.exists() else None,
                        help="a fresh labelled set by another independent writer (dev-set "
                             "format, its policy.toml beside it); reported, never tuned on")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"),
                        help="git mirrors holding cardiffnlp/tweeteval (see MODEL_CARD.md)")
    parser.add_argument("--no-phi", action="store_true", help="skip the PHI screen")
    parser.add_argument("--errors", action="store_true", help="list misclassified comments")
    parser.add_argument("--combine", action="store_true",
                        help="also compare rules / model / combinations per flag (dev set)")
    parser.add_argument("--json", action="store_true", help="print one JSON object at the end")
    parser.add_argument("--no-writers", action="store_true",
                        help="without the heads trained on independent writers' comments "
                             "(weights_writers.*): the classifier before them")
    args = parser.parse_args(argv)
    try:
        args.devset = comments_file(args.devset, "--devset")
        args.fresh = comments_file(args.fresh, "--fresh")
    except BadSet as exc:
        print(f"moderation_eval: {exc}", file=sys.stderr)
        return 2
    if args.devset is None and DEVSET.is_file():
        args.devset = DEVSET
    elif args.devset is None:
        print(f"# {DEVSET_TITLE}: not found at {DEVSET} (pass --devset DIR)")
    global WRITERS
    WRITERS = not args.no_writers

    results: dict[str, Report] = {}
    started = time.perf_counter()
    try:
        sets = load_sets(args)
    except BadSet as exc:
        print(f"moderation_eval: {exc}", file=sys.stderr)
        return 2
    policy = ModerationPolicy()
    print("# Comment classifier, each set labelled by who wrote it"
          f"{'' if WRITERS else ', WITHOUT the writers heads'}. Default thresholds and "
          "where each was chosen:")
    for flag in FLAGS:
        print(f"#   {flag:<16}{policy.threshold(flag):.2f}  ({THRESHOLD_SOURCE[flag]})")
    for ls in sets:
        report, scored = measure(ls, policy, not args.no_phi, args.errors)
        results[ls.title] = report
        print("plain libraries on the same texts, same run:")
        baselines(ls.examples, ls.flags)
        curves(ls.examples, scored, ls.flags, ls.merge_disclosure)
        if args.combine and ls.title.startswith(DEVSET_TITLE):
            combine_table(ls.examples)
    print(f"\n(evaluation took {time.perf_counter() - started:.0f} s)")
    if args.json:
        from policies.moderation.evaluation import as_dict

        print(json.dumps({k: as_dict(r) for k, r in results.items()}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
