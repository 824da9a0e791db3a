"""The reply screen with and without the comment it answers, on (comment, reply, expect)
pairs: bench/data/replyctx_review_s45/{pairs,holdout}.jsonl.

    python bench/replyctx_eval.py bench/data/replyctx_review_s45/pairs.jsonl [--alone] [--list]

Prints must-block blocked / must-block and must-pass blocked / must-pass; --alone screens the
reply by itself (what every reply got before session 45); --list prints each miss."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from policies.phi import PhiScreen

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", type=Path)
    parser.add_argument("--alone", action="store_true")
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.pairs.read_text().splitlines() if line.strip()]
    screen = PhiScreen()
    replies = [r["reply"] for r in rows]
    if args.alone:
        found = screen.screen_many(replies, context="reply")
    else:
        found = screen.screen_many(replies, context="reply", answering=[r["comment"] for r in rows])
    counts = {"block": [0, 0], "pass": [0, 0]}
    for row, findings in zip(rows, found, strict=True):
        blocked = any(f.severity == "block" for f in findings)
        counts[row["expect"]][0] += blocked
        counts[row["expect"]][1] += 1
        if args.list and blocked != (row["expect"] == "block"):
            rules = ",".join(sorted({f.rule for f in findings if f.severity == "block"}))
            print(f"MISS {row['id']} expect={row['expect']} rules={rules or '-'}\n"
                  f"   comment: {row['comment']}\n   reply:   {row['reply']}")
    b, p = counts["block"], counts["pass"]
    print(f"{args.pairs.parent.name}/{args.pairs.name} {'alone' if args.alone else 'with comment'}:"
          f" must-block blocked {b[0]}/{b[1]}, must-pass blocked {p[0]}/{p[1]}")


if __name__ == "__main__":
    main()
