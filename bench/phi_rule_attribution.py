"""Which blocking rules the screen's false blocks and true blocks rest on, over the independent
writers' read post sets (bench/data, not the review or probe folders, which are attacks).

    python bench/phi_rule_attribution.py [--sets GLOB]

Per rule: how many clean posts it blocks (and how many of those it blocks alone, so that
releasing the rule alone would pass them), and the same for posts that must block (alone: the
disclosures only that rule catches). A rule with many false blocks alone and few true blocks
alone is where a release would pay; the review sets are where a release gets broken
(bench/phi_probe_guard.py). Results: docs/history/phi.md, "Session 25"."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]


def main() -> None:
    from phi_eval import load_set

    from policies.phi import PhiScreen

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default="*", help="folder glob under bench/data")
    args = parser.parse_args()
    paths = [p for p in sorted((ROOT / "bench/data").glob(f"{args.sets}/posts.jsonl"))
             if not any(w in p.parent.name for w in ("review", "probe"))]
    false_any, false_alone, true_any, true_alone = Counter(), Counter(), Counter(), Counter()
    passed = blocked = must = caught = 0
    for path in paths:
        rows, allow = load_set(path)
        screen = PhiScreen(allow)
        for row in rows:
            findings = screen.screen(row["text"], context=row["context"])
            rules = sorted({f.rule for f in findings if f.severity == "block"})
            clean = row["expect"] == "pass"
            passed += clean
            must += not clean
            if not rules:
                continue
            blocked += clean
            caught += not clean
            for rule in rules:
                (false_any if clean else true_any)[rule] += 1
            if len(rules) == 1:
                (false_alone if clean else true_alone)[rules[0]] += 1
    print(f"{len(paths)} sets: {blocked}/{passed} clean posts blocked, {caught}/{must} "
          "disclosures blocked")
    print(f"{'rule':<34}{'false blocks':>13}{'alone':>7}{'true blocks':>13}{'alone':>7}")
    for rule in sorted(set(false_any) | set(true_any), key=lambda r: (-false_any[r], r)):
        print(f"{rule:<34}{false_any[rule]:>13}{false_alone[rule]:>7}{true_any[rule]:>13}"
              f"{true_alone[rule]:>7}")


if __name__ == "__main__":
    main()
