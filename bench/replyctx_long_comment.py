"""What reading a reply's comment costs as the comment grows (policies/phi/answering.py):
the seconds `answer_findings` takes under comments of 3,000 to 25,000 characters (X lets paid
accounts write 25,000), each built to be worst for the reader (one sentence naming a care
item again and again, after "my"). No target: a figure to compare before and after.

    python bench/replyctx_long_comment.py

Session 45's outside review: 12,000 characters took 5.5 s before, 0.3 s after."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    from policies.phi.answering import answer_findings

    answer_findings("Yes.", "is my biopsy back?")  # compiles the patterns: not counted
    for size in (3_000, 6_000, 12_000, 25_000):
        shapes = {
            "one sentence, 'my labs' over and over": ("my labs " * size)[:size],
            "one sentence, 'my' then items": ("waiting on my labs" + " and labs" * size)[:size],
            "items, the question at the end": ("my " + "scans refills " * size)[:size] + "?",
        }
        for name, comment in shapes.items():
            started = time.perf_counter()
            answer_findings("Yes, all done.", comment)
            print(f"{size:>6} chars, {name}: {time.perf_counter() - started:.2f} s")


if __name__ == "__main__":
    main()
