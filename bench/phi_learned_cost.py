"""What the PHI screen's learned second opinion (policies/phi/learned.py) costs, as a share
of the whole screen's CPU time, measured in one run (ratios, not timings: TEAM.md).

    python bench/phi_learned_cost.py [--rounds 3]

Texts: the team's labelled corpus (tests/data/phi/corpus.jsonl, 616 texts, clean and PHI
mixed, with its allow-list), screened as posts and as replies. Two measures:
- share: CPU time inside learned_hit (gate, featurize, score) over the screen's CPU time,
  with the weights already loaded (the screen's normal state after the first text);
- with / without: screen_many with the scorer on, then off, in turn, CPU time ratio.
The one-off load of the weights (zlib + int8, on the first text that reaches the scorer) is
printed beside the spaCy pipeline's own load, both CPU time.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from phi_eval import load_allow, load_corpus  # noqa: E402

from policies.phi import learned, screen  # noqa: E402
from policies.phi.screen import PhiScreen  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    texts = [row["text"] for row in load_corpus()]
    allow = load_allow()
    on, off = PhiScreen(allow), PhiScreen(allow, learned=False)
    t0 = time.process_time()
    on.nlp  # noqa: B018 (load the pipeline)
    nlp_load = time.process_time() - t0
    off._nlp = on.nlp
    t0 = time.process_time()
    learned.load()
    weights_load = time.process_time() - t0

    spent = [0.0]
    real = screen.learned_hit

    def timing(fn):
        def timed(*a, **k):
            t = time.process_time()
            try:
                return fn(*a, **k)
            finally:
                spent[0] += time.process_time() - t
        return timed

    for context in ("post", "reply"):  # warm-up: spaCy's and the vocabulary's caches
        on.screen_many(texts, context=context)
    screen.learned_hit = timing(real)
    cpu = {True: 0.0, False: 0.0}
    for r in range(args.rounds):
        for context in ("post", "reply"):
            for scorer in ((True, False) if r % 2 == 0 else (False, True)):  # turns
                t = time.process_time()
                (on if scorer else off).screen_many(texts, context=context)
                cpu[scorer] += time.process_time() - t
    screen.learned_hit = real
    with_cpu, without_cpu = cpu[True], cpu[False]
    n = len(texts) * 2 * args.rounds
    print(f"{n} texts screened with the scorer and {n} without (the team's corpus, as posts and "
          "as replies, after a warm-up), CPU time")
    print(f"learned_hit share of the screen's CPU: {spent[0] / with_cpu:.1%}")
    print(f"screen with / without the scorer: {with_cpu / without_cpu:.3f}x")
    print(f"weights load {weights_load * 1000:.0f} ms CPU, "
          f"{weights_load / nlp_load:.1%} of the spaCy pipeline's load")
    return 0


if __name__ == "__main__":
    sys.exit(main())
