"""Totals per kind of a must-reach set (bench/data/*reach_review_s*): how many comments of each
kind reach a person through some flag, are marked `crisis`, and are hidden, read with the PHI
screen and the set's own allow-list (policy.toml beside it). Totals only, so a set can be
measured while it is still blind.

    PYTHONPATH=$PWD:$PWD/tests:$PWD/bench python bench/reach_measure.py SET/comments.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from moderation_guard import classify


def main() -> None:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_file():
        sys.exit("usage: reach_measure.py SET/comments.jsonl (keys must_reach, kind, text)")
    path = Path(sys.argv[1])
    rows = [json.loads(x) for x in path.read_text("utf-8").split("\n") if x.strip()]
    total, reached, crisis, hidden = Counter(), Counter(), Counter(), Counter()
    for row, (flags, hide) in zip(rows, classify(path), strict=True):
        kind = f"{'MUST' if row['must_reach'] else 'harmless'}:{row['kind']}"
        total[kind] += 1
        reached[kind] += bool(flags)
        crisis[kind] += "crisis" in flags
        hidden[kind] += hide
    for kind in sorted(total):
        print(f"{kind:24} n={total[kind]:3} reached={reached[kind]:3} "
              f"crisis={crisis[kind]:3} hidden={hidden[kind]:3}")


if __name__ == "__main__":
    main()
