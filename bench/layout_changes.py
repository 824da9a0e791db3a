"""How many texts of bench/data the one form (policies/hidden.plain_layout) changes, by what.

Totals only, per group of files: the independent writers' practices (every folder whose name
says no review or attack) and the reviewers' sets; posts and comments apart. A text counts
once per kind of change (policies/hidden.Change) it gets, and as refused when it still holds
a carrier after normalising (hidden.carrier). Session 51, second part: what the stricter
spaces, blank lines and emoji forms cost on real writing.

    PYTHONPATH=$PWD .venv/bin/python bench/layout_changes.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from policies.hidden import carrier, plain_layout

DATA = Path(__file__).parent / "data"
REVIEWERS = ("review", "attack")  # folders written to break the screen, not everyday posts


def _texts(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            text = json.loads(line).get("text")
            if isinstance(text, str) and text:
                out.append(text)
    return out


def main() -> int:
    rows: dict[tuple[str, str], Counter[str]] = {}
    for path in sorted(DATA.glob("*/*.jsonl")):
        kind = path.stem if path.stem in ("posts", "comments") else None
        if kind is None:
            continue
        who = "reviewers" if any(w in path.parent.name for w in REVIEWERS) else "independent"
        counts = rows.setdefault((who, kind), Counter())
        counts["files"] += 1
        for text in _texts(path):
            layout = plain_layout(text)
            counts["texts"] += 1
            counts["changed"] += layout.text != text
            counts["emoji"] += "\ufe0e" in text or "\ufe0f" in text or "\u200d" in text
            for change, _ in layout.changes:
                counts[change.name] += 1
            counts["refused"] += carrier(layout.text) is not None
    for (who, kind), counts in sorted(rows.items()):
        parts = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        print(f"{who} {kind}: {parts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
