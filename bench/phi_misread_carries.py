"""Which misread Spanish name findings carry disclosures: over every labelled set's Spanish
items, the name findings that are no name's shape, and how many posts each blocks alone.

    python bench/phi_misread_carries.py [--show WORD ...]

A name finding is "phrase-shaped" when its span holds a lower-case word that is no name
particle ("Ya camina después de su", "Si la tos empeora de noche"); its first word is printed
either way. "alone": the post's only blocking finding (for phrases: every blocking finding
is one); a place beside it (`place+patient`) fires only beside another block, so it is not
counted. A misread that is the only block of disclosures is load-bearing: releasing it
releases them (docs/history/phi.md, "Session 51: Spanish false blocks"). Read sets and review probes
only; the dev set is never mined this way.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

_PARTICLES = {"de", "del", "la", "las", "los", "y", "e", "da", "di", "van", "von", "el"}


def _phrase(span: str) -> bool:
    words = span.split()
    return len(words) > 1 and any(w[:1].islower() and w.lower() not in _PARTICLES
                                  for w in words[1:])


def main() -> None:
    from phi_eval import load_set
    from phi_probe_guard import sets

    from policies.moderation.language import spanish
    from policies.phi import PhiScreen

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", nargs="*", default=[], help="list the items of these words")
    args = parser.parse_args()
    phrase: Counter[tuple[str, bool]] = Counter()
    first: dict[str, Counter[tuple[str, bool]]] = defaultdict(Counter)
    shown: list[str] = []
    items = 0
    for path in sets():
        if "devset" in str(path):
            continue
        rows, allow = load_set(path)
        screen = PhiScreen(allow)
        for row in rows:
            if not spanish(row["text"]):
                continue
            items += 1
            found = [f for f in screen.screen(row["text"], context=row["context"])
                     if f.severity == "block" and f.rule != "place+patient"]
            names = [f for f in found if f.rule.startswith("name")]
            for f in names:
                head = f.text.split()[0] if f.text.split() else f.text
                alone = len(found) == 1
                first[head][(row["expect"], alone)] += 1
                if args.show and head in args.show:
                    shown.append(f"{row['expect']}\t{'alone' if alone else ''}\t"
                                 f"{f.rule} {f.text!r}\t{row['text'][:120]}")
            if any(_phrase(f.text) for f in names):
                phrase[(row["expect"], all(f in names and _phrase(f.text) for f in found))] += 1
    print(f"{items} Spanish items (posts and replies) on the labelled sets, dev set left out")
    print(f"phrase-shaped name findings: only block of {phrase[('block', True)]} disclosures "
          f"and {phrase[('pass', True)]} clean posts; beside other blocks in "
          f"{phrase[('block', False)]} and {phrase[('pass', False)]}")
    print(f"{'first word':<16}{'disclosures alone':>18}{'clean alone':>12}{'with others':>12}")
    for head, c in sorted(first.items(), key=lambda kv: -sum(kv[1].values()))[:40]:
        print(f"{head:<16}{c[('block', True)]:>18}{c[('pass', True)]:>12}"
              f"{c[('block', False)] + c[('pass', False)]:>12}")
    for line in shown:
        print(line)


if __name__ == "__main__":
    main()
