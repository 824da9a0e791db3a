"""Where the PHI screen's false blocks come from, on the read blind post sets.

    python bench/phi_false_blocks.py                      # sets of sessions 26 onwards
    python bench/phi_false_blocks.py --since 30 --list    # and every false block, one a line
    python bench/phi_false_blocks.py bench/data/sitka_hard_s32 ...

For every post a set labels `pass` that the screen blocks (in its own context, with its own
policy's allow-list), the blocking findings' rules. Prints the false blocks by rule, by the
writer's kind and by context (post or reply), so the next change aims at the largest class
rather than at single lines. Read sets only (bench/data/*_hard_sNN, *_everyday_sNN): a set
still blind must stay unread, and the dev set is measured, never mined this way.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

_BLIND = re.compile(r"_(?:hard|everyday)_s(\d+)$")


def read_sets(since: int) -> list[Path]:
    """The read blind post sets of session `since` onwards."""
    out = []
    for d in sorted((ROOT / "bench" / "data").iterdir()):
        m = _BLIND.search(d.name)
        if m and int(m.group(1)) >= since and (d / "posts.jsonl").exists():
            out.append(d)
    return out


def main() -> None:
    from phi_eval import load_set

    from policies.phi import PhiScreen

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", help="set folders (default: the read blind sets)")
    parser.add_argument("--since", type=int, default=26, help="first session (default 26)")
    parser.add_argument("--list", action="store_true", help="print every false block")
    args = parser.parse_args()
    folders = [Path(s) for s in args.sets] or read_sets(args.since)
    by_rule: Counter[str] = Counter()
    by_kind: Counter[str] = Counter()
    by_context: Counter[str] = Counter()
    passes = blocked = 0
    for folder in folders:
        rows, allow = load_set(folder / "posts.jsonl")
        screen = PhiScreen(allow)
        for row in rows:
            if row["expect"] != "pass":
                continue
            passes += 1
            context = row.get("context", "post")
            found = [f for f in screen.screen(row["text"], context=context)
                     if f.severity == "block"]
            if not found:
                continue
            blocked += 1
            by_context[context] += 1
            by_kind[row["kind"]] += 1
            for rule in sorted({f.rule for f in found}):
                by_rule[rule] += 1
            if args.list:
                shown = "; ".join(f"{f.rule} {f.text!r}" for f in found)
                print(f"{folder.name}\t{context}\t{row['kind']}\t{shown}\t{row['text']}")
    print(f"\n{len(folders)} sets: {blocked} of {passes} pass posts blocked "
          f"({blocked / max(passes, 1):.1%})")
    print("by context: " + ", ".join(f"{k} {v}" for k, v in by_context.most_common()))
    print("by rule (a post counts once per rule that blocks it):")
    for rule, n in by_rule.most_common():
        print(f"  {n:4d}  {rule}")
    print("by the writer's kind:")
    for kind, n in by_kind.most_common():
        print(f"  {n:4d}  {kind}")


if __name__ == "__main__":
    main()
