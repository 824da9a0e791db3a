"""Start-up time of `socialbot --help` and `socialbot post list` against `python -c pass`.

Prints medians over N runs, measured in the same run, and the ratios (aim: --help < 4x).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("RUNS", "15"))


def median_seconds(argv: list[str], env: dict[str, str]) -> float:
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "SOCIALBOT_DATA_DIR": data, "DATABASE_URL": "",
               "SOCIALBOT_POLICY": ""}
        subprocess.run([sys.executable, "-m", "social_bot", "init"], env=env, check=True,
                       stderr=subprocess.DEVNULL)
        reference = median_seconds([sys.executable, "-c", "pass"], env)
        cli = [sys.executable, "-m", "social_bot"]
        help_time = median_seconds([*cli, "--help"], env)
        list_time = median_seconds([*cli, "post", "list", "--json"], env)
    print(f"python -c pass        {reference * 1000:7.1f} ms")
    print(f"socialbot --help      {help_time * 1000:7.1f} ms  ratio {help_time / reference:4.1f}x"
          "  (aim < 4x)")
    print(f"socialbot post list   {list_time * 1000:7.1f} ms  ratio {list_time / reference:4.1f}x")


if __name__ == "__main__":
    main()
