"""The items of bench/phi_probe_guard.py's sets (the devset left out) that the misspelt-word
reading (policies/phi/misspelt.py) can reach: those holding, as written or as the screen's
normaliser reads them, a word it takes for a health term. Every other item is screened
exactly as before the reading (its one hook, vocabulary._health_mentions, asks near_term of
each word and changes nothing when it answers None), so a before/after guard run need
screen these alone:

    python bench/misspelt_reach.py IDS.txt
    python bench/phi_probe_guard.py OUT.json --only IDS.txt --no-devset

Prints how many items hold a candidate word (MIN_LENGTH+ ASCII letters the vocabulary does
not hold), how many a word one letter from a target before the known-word check, and how many
the reading reaches; writes the last as SET/ID lines."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    from phi_eval import load_set
    from phi_probe_guard import item_key, set_name, sets

    from policies.phi import misspelt
    from policies.phi.normalize import EmptyText, normalize
    from policies.phi.vocabulary import _tokens, health_word

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    args = parser.parse_args()
    bare = misspelt.index(list(misspelt._index().targets), frozenset())
    total = unknown = near = 0
    reached = []
    for path in sets(devset=False):
        rows, _ = load_set(path)
        name = set_name(path)
        for i, row in enumerate(rows):
            text = row["text"]
            try:
                read = normalize(text).text
            except EmptyText:
                read = text
            words = {w for t in {text, read} for _, _, w in _tokens(t) if misspelt.candidate(w)}
            total += 1
            unknown += any(not health_word(w) for w in words)
            near += any(misspelt.closest(w, bare) for w in words)
            if any(misspelt.near_term(w) for w in words):
                reached.append(f"{name}/{item_key(row, i)}")
    Path(args.out).write_text("".join(f"{r}\n" for r in reached))
    print(f"{total} items; {unknown} hold a {misspelt.MIN_LENGTH}+-letter word the vocabulary "
          f"does not hold; {near} one a letter from a target (known words counted); "
          f"{len(reached)} reached by the reading -> {args.out}")


if __name__ == "__main__":
    main()
