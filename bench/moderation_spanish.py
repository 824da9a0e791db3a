"""The comment flags on Spanish comments vs English ones, each set labelled by who wrote it.

About 10% of the comments on a US practice's pages are in Spanish (issue 13). This splits the
independent sets by language and prints the product's flags (bench/moderation_eval.py's
``measure``, with the PHI screen) on each part, then the trained heads on public Spanish
validation data that was never trained on:

1. the dev set (/work/shared/devset, independent writer; some thresholds were chosen on all
   of it) and the fresh set (bench/data/lakeshore_dev, another independent writer, only
   measured), each split into Spanish (including mixed English/Spanish), English and other;
2. XLM-T's Spanish sentiment validation split (InterTASS 2017 tweets): negative vs not;
3. OffendES's dev split (MeOffendES 2021, comments on Spanish influencers): offensive
   (OFP, OFG) vs not;
4. Multilingual HateCheck's Spanish cases (rewire-online/multilingual-hatecheck, CC BY 4.0,
   a functional test suite of hate against protected groups, never trained on) beside the
   original English HateCheck (paul-rottger/hatecheck-data, CC BY 4.0): recall of the
   product's `abuse` flag on the hateful cases, per kind. Its non-hateful cases include
   profanity and quoted hate, which the product's `abuse` (insults, threats, profanity) is
   meant to flag, so no precision is printed.

The language of each comment is read by py3langid when it is installed (a language
identifier independent of the product, whole comment or any sentence of 3+ words), else by
the product's own ``language.spanish``; the agreement of the two is printed.

    python bench/moderation_spanish.py [--devset F] [--fresh F] [--mirrors DIR] [--no-phi]
                                       [--errors]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from moderation_eval import (  # noqa: E402
    DEVSET,
    DEVSET_TITLE,
    FRESH,
    FRESH_TITLE,
    LabelledSet,
    binary,
    measure,
)

from policies.moderation import FLAGS, ModerationPolicy, language  # noqa: E402
from policies.moderation.evaluation import load_corpus  # noqa: E402
from policies.moderation.model import models  # noqa: E402
from policies.moderation.training import data as D  # noqa: E402

_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def identifier() -> tuple[str, Callable[[str], bool]]:
    """Is this comment (or one of its sentences) Spanish? py3langid when installed."""
    try:
        import py3langid
    except ImportError:
        return "the product's language.spanish (py3langid not installed)", language.spanish

    def lid(text: str) -> bool:
        if py3langid.classify(text)[0] == "es":
            return True
        parts = [p for p in _SENTENCE.split(text) if len(p.split()) >= 3]
        return len(parts) > 1 and any(py3langid.classify(p)[0] == "es" for p in parts)

    return "py3langid (whole comment, or any sentence of 3+ words)", lid


def split_by_language(ls: LabelledSet, is_spanish: Callable[[str], bool]
                      ) -> list[LabelledSet]:
    es = [e for e in ls.examples if is_spanish(e.text)]
    other = [e for e in ls.examples if not is_spanish(e.text) and language.unjudged(e.text)]
    en = [e for e in ls.examples if e not in es and e not in other]
    agree = sum(is_spanish(e.text) == language.spanish(e.text) for e in ls.examples)
    print(f"\n# {ls.title}: {len(es)} Spanish, {len(en)} English (or too short to tell), "
          f"{len(other)} other; the product's language.spanish agrees on {agree}/"
          f"{len(ls.examples)}")
    return [LabelledSet(f"{ls.title} [{name}]", part, ls.flags, policy_file=ls.policy_file)
            for name, part in (("Spanish", es), ("English", en)) if part]


def public_spanish(mirrors: Path) -> None:
    """The trained heads (model alone) on Spanish validation data no head was trained on."""
    m = D.Mirrors(mirrors)
    sets = []
    try:
        texts, labels = D.xlmt_spanish(m, "val")
        sets.append(("XLM-T Spanish sentiment validation (InterTASS tweets), negative vs not",
                     "negative", texts, [y == 0 for y in labels]))
    except Exception as exc:  # no mirror here: say so
        print(f"# XLM-T Spanish validation: not measured ({type(exc).__name__}: {exc})")
    try:
        texts, labels = D.offendes(m, "dev_set")
        sets.append(("OffendES dev (comments on Spanish influencers), offensive vs not",
                     "abuse", texts, labels))
    except Exception as exc:
        print(f"# OffendES dev: not measured ({type(exc).__name__}: {exc})")
    heads = models()
    for title, head, texts, gold in sets:
        probs = [heads.score(t, explain=False)[head].probability for t in texts]
        print(f"\n## {title} (n={len(texts)}, {sum(gold)} positive), the {head} head alone")
        for t in (0.3, 0.4, 0.5, 0.6, 0.7):
            p, r, f = binary(gold, [x >= t for x in probs])
            print(f"  >= {t:.1f}: P {p:.3f} R {r:.3f} F1 {f:.3f}")


# (repository, commit, path): the same functional tests of hate speech in two languages
HATECHECK = {
    "Spanish (Multilingual HateCheck)": (
        "rewire-online/multilingual-hatecheck", "a03f2caf2023a402d85064bda243e46d280408f0",
        "MHC Final Cases/hatecheck_cases_final_spanish.csv"),
    "English (HateCheck, for comparison)": (
        "paul-rottger/hatecheck-data", "d84302298ceeb34f4b0dde2d8a1f4932c2caa612",
        "test_suite_cases.csv"),
}


def hatecheck(mirrors: Path) -> None:
    """The product's abuse flag (no PHI screen) on HateCheck's hateful cases, per language."""
    import csv
    import io
    from collections import Counter

    from policies.moderation import CommentClassifier

    classifier = CommentClassifier(ModerationPolicy())
    for name, (repo, commit, path) in HATECHECK.items():
        source = D.Source(repo, commit, (path,), "CC BY 4.0", name)
        try:
            rows = list(csv.DictReader(io.StringIO(D.Mirrors(mirrors).read(source, path))))
        except Exception as exc:  # no mirror here: say so
            print(f"# HateCheck {name}: not measured ({type(exc).__name__}: {exc})")
            continue
        hateful = [r for r in rows if r["label_gold"] == "hateful"]
        found = [any(f.flag == "abuse" for f in classifier.classify(r["test_case"]))
                 for r in hateful]
        print(f"\n## HateCheck {name}, {repo}@{commit[:7]} (CC BY 4.0; never trained on): "
              f"the abuse flag finds {sum(found)} of {len(hateful)} hateful cases "
              f"({sum(found) / len(hateful):.0%})")
        total, hit = Counter(), Counter()
        for r, f in zip(hateful, found, strict=True):
            total[r["functionality"]] += 1
            hit[r["functionality"]] += f
        print("  " + ", ".join(f"{k} {hit[k]}/{n}" for k, n in sorted(total.items())))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--fresh", type=Path, default=FRESH if FRESH.exists() else None)
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--no-phi", action="store_true", help="skip the PHI screen")
    parser.add_argument("--errors", action="store_true", help="list misclassified comments")
    args = parser.parse_args(argv)

    how, is_spanish = identifier()
    print(f"# language read by {how}")
    policy = ModerationPolicy()
    every = tuple(f for f in FLAGS if f != "unjudged")
    for path, title in ((args.devset, DEVSET_TITLE), (args.fresh, FRESH_TITLE)):
        if path is None or not path.exists():
            print(f"# {title}: not found at {path}")
            continue
        whole = LabelledSet(title, load_corpus(path), every,
                            policy_file=path.with_name("policy.toml"))
        for part in split_by_language(whole, is_spanish):
            _, scored = measure(part, policy, not args.no_phi, args.errors)
            raised = [any(s[f][0] >= policy.threshold(f) and s[f][1] for f in FLAGS)
                      for s in scored]
            silent = sum(bool(e.flags) and not r
                         for e, r in zip(part.examples, raised, strict=True))
            print(f"in the review queue (any flag): {sum(raised)}/{len(raised)}; labelled "
                  f"comments that got no flag at all (silent misses): {silent}/"
                  f"{sum(bool(e.flags) for e in part.examples)}")
    public_spanish(args.mirrors)
    hatecheck(args.mirrors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
