"""Comment classification throughput, without and with the PHI screen (spaCy model), and
what loading the trained comment models adds to a `socialbot comments classify` run.

Classifies the team's labelled corpus (tests/data/comments/, repeated to --n comments, each
copy made unique so no per-text cache helps) in batches and prints comments per second for
each path, next to two references measured in the same run: VADER alone and the PHI screen
alone. Models are loaded and warmed up before timing. The load cost is measured in fresh
processes (median of 5): importing the classifier with and without loading weights.npz.

    python bench/moderation_throughput.py [--n 5000] [--batch 64]
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policies.moderation import CommentClassifier, ModerationPolicy  # noqa: E402
from policies.moderation.evaluation import load_corpus, phi_screen_or_reason  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "comments"
TARGETS = {"without PHI screen": 2000.0, "with PHI screen": 200.0}


def rate(run: Callable[[list[str]], object], texts: list[str], batch: int) -> float:
    run(texts[:batch])  # warm-up: lazy loads, caches
    start = time.perf_counter()
    for i in range(0, len(texts), batch):
        run(texts[i:i + batch])
    return len(texts) / (time.perf_counter() - start)


def model_load_seconds(runs: int = 5) -> float:
    """Median extra wall time of loading weights.npz, in fresh interpreters."""
    import statistics
    import subprocess

    def timed(code: str) -> float:
        out = subprocess.run([sys.executable, "-c", "import time; t = time.perf_counter(); "
                              + code + "; print(time.perf_counter() - t)"],
                             capture_output=True, text=True, check=True, cwd=ROOT)
        return float(out.stdout.strip().splitlines()[-1])

    base = [timed("import policies.moderation.classifier") for _ in range(runs)]
    full = [timed("import policies.moderation.classifier; "
                  "from policies.moderation.model import models; models()")
            for _ in range(runs)]
    return statistics.median(full) - statistics.median(base)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=5000, help="comments per measurement")
    parser.add_argument("--batch", type=int, default=64, help="comments per classify_many call")
    args = parser.parse_args(argv)

    corpus = [e.text for split in ("dev", "heldout")
              for e in load_corpus(CORPUS / f"{split}.jsonl")]
    texts = [f"{t} {i}" for i, t in enumerate(itertools.islice(itertools.cycle(corpus),
                                                               args.n))]
    policy = ModerationPolicy()
    print(f"# comment classification throughput ({args.n} comments, batches of {args.batch})")

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()
    reference = rate(lambda b: [vader.polarity_scores(t) for t in b], texts, args.batch)
    print(f"reference, VADER alone:        {reference:>9.0f} comments/s")

    fast = rate(CommentClassifier(policy).classify_many, texts, args.batch)
    print(f"without PHI screen:            {fast:>9.0f} comments/s  "
          f"({fast / reference:.2f}x VADER alone; target >= {TARGETS['without PHI screen']:.0f})")

    load = model_load_seconds()
    print(f"trained-model load in a fresh process: {load:.3f} s (target <= 0.5 s added to "
          f"`comments classify`)")

    screen, why = phi_screen_or_reason()
    if screen is None:
        print(f"with PHI screen:               not measured, the PHI screen is unusable: {why}")
        return 0
    screen_n = min(args.n, 2000)
    screen_only = rate(screen, texts[:screen_n], args.batch)
    print(f"reference, PHI screen alone:   {screen_only:>9.0f} comments/s")
    slow = rate(CommentClassifier(policy, screen).classify_many, texts[:screen_n], args.batch)
    print(f"with PHI screen:               {slow:>9.0f} comments/s  "
          f"({slow / screen_only:.2f}x the screen alone; "
          f"target >= {TARGETS['with PHI screen']:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
