"""Comment classification throughput, without and with the PHI screen (spaCy model), and
what loading the trained comment models adds to a `socialbot comments classify` run.

Classifies the team's labelled corpus (tests/data/comments/, repeated to --n comments, each
copy made unique so no per-text cache helps) in batches and prints comments per second for
each path, next to two references measured in the same run: VADER alone and the PHI screen
alone; and each path's CPU time a comment (every thread), with the second look (MiniLM) alone
and the classifier without it, since wall rates on a loaded machine say little. Models are
loaded and warmed up before timing. The load cost is measured in fresh processes (median of
5): importing the classifier with and without loading the weights. Each rate is measured
batch by batch in turn with its reference (paired_rates), so the ratio is not skewed by the
machine's load changing between the two.

    python bench/moderation_throughput.py [--n 5000] [--batch 64]
"""

from __future__ import annotations

import argparse
import itertools
import os
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


def paired_rates(runs: dict[str, Callable[[list[str]], object]], texts: list[str],
                 batch: int, cpu: dict[str, float] | None = None) -> dict[str, float]:
    """Comments/s of each run, measured batch by batch in turn: on a shared machine whose
    load changes by the second, each batch's runs see the same load, so their ratio holds
    even when the absolute rates do not. ``cpu``: filled with each run's CPU milliseconds a
    comment (time.process_time: every thread of the process, the second look's workers
    included), the figure the machine's load moves least."""
    spent = dict.fromkeys(runs, 0.0)
    used = dict.fromkeys(runs, 0.0)
    for run in runs.values():
        run(texts[:batch])  # warm-up: lazy loads, caches
    for i in range(0, len(texts), batch):
        chunk = texts[i:i + batch]
        for name, run in runs.items():
            start, start_cpu = time.perf_counter(), time.process_time()
            run(chunk)
            spent[name] += time.perf_counter() - start
            used[name] += time.process_time() - start_cpu
    if cpu is not None:
        cpu.update({name: 1000 * seconds / len(texts) for name, seconds in used.items()})
    return {name: len(texts) / seconds for name, seconds in spent.items()}


def cpu_line(label: str, ms: float, target: float | None = None) -> str:
    """A run's CPU cost a comment, and what it allows on this machine's cores when they are
    free (the issue's targets are comments/s on the machine, not per core)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    line = (f"{label:<31}{ms:>9.2f} ms CPU a comment = {1000 / ms:>5.0f} per CPU-second, "
            f"at most {cores * 1000 / ms:.0f}/s on {cores} free cores")
    if target is not None:
        line += f" (target {target:.0f}/s needs <= {cores * 1000 / target:.2f} ms)"
    return line


def model_load_seconds(runs: int = 5, cpu: list[float] | None = None) -> float:
    """Median wall time (``cpu``: given, the median CPU time too), in fresh interpreters, of
    loading the trained weights and the second look's model and scoring a first comment (whose
    words meet the lazily packed weights for the first time): what the models add to a
    `comments classify` run beyond importing the classifier."""
    import statistics
    import subprocess

    code = ("import time; import policies.moderation.classifier; "
            "from policies.moderation.model import models, writer_heads; "
            "V = type('V', (), {'polarity_scores': staticmethod("  # VADER is the rules' cost
            "lambda t: {'compound': 0.0, 'neg': 0.0, 'pos': 0.0})}); "
            "t = time.perf_counter(); c = time.process_time(); "
            "models().score('Waited an hour and nobody called me back, again.', vader=V); "
            # the heads trained on independent writers' comments load beside them
            "w = writer_heads(); "
            "w and w.score('Waited an hour and nobody called me back, again.', {}, vader=V); "
            # and the second look (the fine-tuned MiniLM: onnxruntime session, tokenizer)
            "from policies.moderation import second_look; "
            "second_look.probabilities(['Waited an hour and nobody called me back, again.']); "
            "print(time.perf_counter() - t, time.process_time() - c)")
    times = [[float(x) for x in subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        cwd=ROOT).stdout.strip().splitlines()[-1].split()] for _ in range(runs)]
    if cpu is not None:
        cpu.append(statistics.median(c for _, c in times))
    return statistics.median(w for w, _ in times)


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

    from policies.moderation import second_look

    vader = SentimentIntensityAnalyzer()
    cpu: dict[str, float] = {}
    rates = paired_rates({"vader": lambda b: [vader.polarity_scores(t) for t in b],
                          "fast": CommentClassifier(policy).classify_many,
                          "rules": CommentClassifier(policy, second_look=False).classify_many,
                          "minilm": second_look.probabilities}, texts, args.batch, cpu)
    reference, fast = rates["vader"], rates["fast"]
    print("CPU time (all threads; the figures to compare under load):")
    print(cpu_line("  without PHI screen:", cpu["fast"], TARGETS["without PHI screen"]))
    print(cpu_line("  of which the second look:", cpu["minilm"]))
    print(cpu_line("  the rest (no second look):", cpu["rules"]))
    print("Wall time:")
    print(f"reference, VADER alone:        {reference:>9.0f} comments/s")
    print(f"without PHI screen:            {fast:>9.0f} comments/s  "
          f"({fast / reference:.2f}x VADER alone; target >= {TARGETS['without PHI screen']:.0f})")
    if fast < TARGETS["without PHI screen"]:
        print(f"   at this load; {TARGETS['without PHI screen'] / reference:.2f}x VADER alone "
              f"would meet it (the machine's load moves both rates together)")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    # what the heads trained on independent writers' comments cost (model.WriterHeads)
    rates = paired_rates({"without": CommentClassifier(policy, writers=False).classify_many,
                          "with": CommentClassifier(policy).classify_many},
                         texts[:min(args.n, 3000)], args.batch)
    print(f"writers' heads: {rates['with']:.0f} vs {rates['without']:.0f} comments/s without "
          f"them ({rates['with'] / rates['without']:.2f}x)")

    load_cpu: list[float] = []
    load = model_load_seconds(cpu=load_cpu)
    print(f"trained-model load in a fresh process: {load:.3f} s wall, {load_cpu[0]:.3f} s CPU "
          f"(target <= 0.5 s added to `comments classify`)")

    screen, why = phi_screen_or_reason()
    if screen is None:
        print(f"with PHI screen:               not measured, the PHI screen is unusable: {why}")
        return 0
    screen_n = min(args.n, 2000)
    rates = paired_rates({"screen": screen,
                          "slow": CommentClassifier(policy, screen).classify_many},
                         texts[:screen_n], args.batch, cpu)
    screen_only, slow = rates["screen"], rates["slow"]
    print(cpu_line("with PHI screen (CPU):", cpu["slow"], TARGETS["with PHI screen"]))
    print(cpu_line("  of which the screen alone:", cpu["screen"]))
    print(f"reference, PHI screen alone:   {screen_only:>9.0f} comments/s")
    print(f"with PHI screen:               {slow:>9.0f} comments/s  "
          f"({slow / screen_only:.2f}x the screen alone; "
          f"target >= {TARGETS['with PHI screen']:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
