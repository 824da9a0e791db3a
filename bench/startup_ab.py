"""Start-up of `socialbot screen TEXT` from two source trees (this one and --other, e.g. a
worktree of main), against the spaCy pipeline load alone, all interleaved in one run so the
machine's load hits each alike; medians of wall and CPU (user+sys) time and their ratios to
the spaCy load (issue 12's target: <= 1.2x).

    python bench/startup_ab.py --other /path/to/main-worktree [--runs 9] [--text TEXT ...]

Texts: "one short clean text" (no word of 7+ letters: nothing lazy loads) and
phi_throughput.TEXT (a name, a health word and long words the vocabulary does not hold: the
misspelt-word file loads). Each command runs once untimed first (bytecode caches), as
bench/phi_throughput.py's start-up table does; each tree runs with PYTHONPATH set to it."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from phi_throughput import TEXT, timed  # noqa: E402

SHORT = "one short clean text"


def main() -> None:
    from policies.phi import PhiScreen
    from policies.phi.model import _UNUSED
    from social_bot.demo import EXAMPLE_POLICY

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--other", help="a second source tree (e.g. main's worktree)")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--text", action="append", help=f"default: {SHORT!r} and TEXT")
    args = parser.parse_args()
    model = PhiScreen().model
    exe = shutil.which("socialbot", path=str(Path(sys.executable).parent)) or "socialbot"
    trees = {"this": ROOT, **({"other": Path(args.other).resolve()} if args.other else {})}
    texts = args.text or [SHORT, TEXT]
    spacy_only = f"import spacy\nspacy.load({model!r}, exclude={list(_UNUSED)!r})"
    load0 = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "SOCIALBOT_DATA_DIR": data, "DATABASE_URL": "",
               "SOCIALBOT_POLICY": str(EXAMPLE_POLICY), "SOCIALBOT_SPACY_MODEL": model}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([exe, "init"], env=env, capture_output=True, check=True)
        commands: dict[str, tuple[list[str], dict[str, str]]] = {
            "spaCy pipeline load alone": ([sys.executable, "-c", spacy_only], env)}
        for label, tree in trees.items():
            tree_env = {**env, "PYTHONPATH": str(tree)}
            for n, text in enumerate(texts):
                commands[f"{label}: screen text {n + 1}"] = ([exe, "screen", text], tree_env)
        for argv, e in commands.values():  # untimed: bytecode caches
            timed(argv, e)
        samples: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(args.runs):
            for name, (argv, e) in commands.items():
                samples[name].append(timed(argv, e))
    print(f"model {model}; {os.cpu_count()} cores, load average {load0:.1f} at the start and "
          f"{os.getloadavg()[0]:.1f} at the end; trees: "
          + ", ".join(f"{k} = {v}" for k, v in trees.items()))
    for n, text in enumerate(texts):
        print(f"  text {n + 1}: {text!r}")
    print(f"medians of {args.runs} interleaved runs        wall (ratio)    CPU (ratio)")
    med = {k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v))
           for k, v in samples.items()}
    rw, rc = med["spaCy pipeline load alone"]
    for name, (wall, cpu) in med.items():
        print(f"  {name:<34}{wall:6.2f}s ({wall / rw:.2f}x) {cpu:6.2f}s ({cpu / rc:.2f}x)")


if __name__ == "__main__":
    main()
