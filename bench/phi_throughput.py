"""Throughput, latency and memory of the PHI screen beside plain Presidio (default
recognizers, same spaCy model), measured in the same run on this machine.

    python bench/phi_throughput.py [--posts 1000]

Posts are 280-character texts built from the labelled corpus (clean and PHI mixed).
posts/s: the screen's screen_many (nlp.pipe batches) vs Presidio's BatchAnalyzerEngine;
p95: one post at a time; peak RSS: a fresh process that loads the screen and screens posts;
start-up: `socialbot screen TEXT` against a process that only loads the spaCy pipeline."""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from phi_eval import allow_values, load_allow, load_corpus, presidio_analyzer  # noqa: E402


def posts_280(n: int) -> list[str]:
    texts = [r["text"] for r in load_corpus()]
    out, i = [], 0
    while len(out) < n:
        post = ""
        while len(post) < 280:
            post += texts[i % len(texts)] + " "
            i += 1
        out.append(post[:280])
    return out


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18]


_RSS_CHILD = """
import resource, sys
sys.path.insert(0, {root!r})
from policies.phi import get_screen
screen = get_screen()
screen.screen_many({posts!r})
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(posts: list[str]) -> float:
    code = _RSS_CHILD.format(root=str(ROOT), posts=posts)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return int(out.stdout.strip().splitlines()[-1]) / 1024


_SPACY_ONLY = """
import spacy
from policies.phi.model import _UNUSED, model_name
spacy.load(model_name(), exclude=list(_UNUSED))
"""


def startup_ratio(runs: int) -> tuple[float, float]:
    """Median wall time of `socialbot screen TEXT` (a fresh process: imports, policy, model,
    vocabularies, one screen) and of a process that only loads the spaCy pipeline."""
    import shutil

    exe = shutil.which("socialbot", path=str(Path(sys.executable).parent)) or "socialbot"
    text = "Congrats to our patient Rosalind on finishing chemo today!"
    env = {**os.environ, "SOCIALBOT_POLICY": str(ROOT / "tests" / "data" / "phi" / "policy.toml")}
    cli, spacy_only = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        t0 = time.perf_counter()
        subprocess.run([exe, "screen", text], capture_output=True, env=env, check=False)
        cli.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", _SPACY_ONLY], capture_output=True, cwd=ROOT,
                       check=True)
        spacy_only.append(time.perf_counter() - t0)
    return statistics.median(cli), statistics.median(spacy_only)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--single", type=int, default=200, help="posts timed one at a time")
    parser.add_argument("--startup-runs", type=int, default=5)
    args = parser.parse_args()
    from policies.phi import PhiScreen

    posts = posts_280(args.posts)
    allow = load_allow()
    screen = PhiScreen(allow)
    screen.screen("warm up")  # model load is not part of throughput

    t0 = time.perf_counter()
    list(screen.nlp.pipe(posts, batch_size=64))
    ner_rate = len(posts) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    screen.screen_many(posts)
    ours_rate = len(posts) / (time.perf_counter() - t0)
    ours_lat = []
    for post in posts[: args.single]:
        t0 = time.perf_counter()
        screen.screen(post)
        ours_lat.append(time.perf_counter() - t0)

    from presidio_analyzer import BatchAnalyzerEngine

    analyzer = presidio_analyzer(screen.model)
    values = allow_values(allow) or None
    analyzer.analyze(text="warm up", language="en")
    batch = BatchAnalyzerEngine(analyzer_engine=analyzer)
    t0 = time.perf_counter()
    batch.analyze_iterator(posts, language="en", batch_size=64, allow_list=values)
    pres_rate = len(posts) / (time.perf_counter() - t0)
    pres_lat = []
    for post in posts[: args.single]:
        t0 = time.perf_counter()
        analyzer.analyze(text=post, language="en", allow_list=values)
        pres_lat.append(time.perf_counter() - t0)

    rss = peak_rss_mb(posts[:200])
    cli_s, spacy_s = startup_ratio(args.startup_runs)
    load = os.getloadavg()[0]
    print(
        f"{len(posts)} posts of 280 characters, model {screen.model}; "
        f"{os.cpu_count()} cores, load average {load:.2f} at the end of the run"
    )
    print(f"spaCy pipeline alone (NER + sentencizer, no rules): {ner_rate:.1f} posts/s")
    print(f"{'':<24}{'screen':>12}{'presidio':>12}{'ratio':>10}")
    print(
        f"{'posts/s (batched)':<24}{ours_rate:>12.1f}{pres_rate:>12.1f}{ours_rate / pres_rate:>9.2f}x"  # noqa: E501
    )
    print(
        f"{'p95 one post (ms)':<24}{p95(ours_lat) * 1000:>12.2f}{p95(pres_lat) * 1000:>12.2f}"
        f"{p95(pres_lat) / p95(ours_lat):>9.2f}x"
    )
    print(f"peak RSS of a process that loaded the screen: {rss:.0f} MB")
    print(f"start-up: `socialbot screen TEXT` {cli_s:.2f}s, spaCy pipeline load alone "
          f"{spacy_s:.2f}s (medians of {args.startup_runs}, interleaved)")
    print(
        f"targets: >= 200 posts/s -> {ours_rate:.0f}; >= 2x Presidio -> {ours_rate / pres_rate:.2f}x; "  # noqa: E501
        f"<= 400 MB -> {rss:.0f} MB; start-up <= 1.2x spaCy -> {cli_s / spacy_s:.2f}x"
    )


if __name__ == "__main__":
    main()
