"""What one very long comment costs the daemon's judge since session 54 (C1): the text is
read as a person reads it (runs of one blank or invisible character counted once) and, when
still over ANALYSED_CHARS, classified on its first and last ANALYSED_CHARS. Before, a comment
over the limit was not classified at all (cost ~0, and never hidden). Prints seconds per
comment, with the real classifier and PHI screen, for: a 20,000-character comment (the most
that was classified before), 1 MB of prose, 1 MB of prose then spaces, 1 MB of zero-width
spaces after a line. Usage: python bench/comment_long_cost.py [--repeat N]"""

from __future__ import annotations

import argparse
import sys
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.as_read import as_read, visible_only, windows
    from policies.moderation.evaluation import phi_screen_or_reason
    from policies.phi.allow import PhiAllowList
    from social_bot.daemon.monitor import ANALYSED_CHARS

    found, note = phi_screen_or_reason(PhiAllowList())
    if found is None:
        sys.exit(f"PHI screen not usable: {note}")
    classifier = CommentClassifier(ModerationPolicy(), found)
    classifier.classify_many(["warm up: my knee hurts, should I come in?"])
    line = "The north lot is full by nine and the ramp is icy in the mornings. "
    prose = (line * (1_000_000 // len(line) + 1))[:1_000_000]
    cases = {
        "20,000 characters of prose": prose[:ANALYSED_CHARS],
        "1 MB of prose": prose,
        "a line, then 1 MB of spaces": line + " " * 1_000_000,
        "a line, then 1 MB of zero-width spaces": line + "\u200b" * 1_000_000,
        "a line between two 1 MB pads of ' \\u200b'": (" \u200b" * 500_000 + line
                                                       + " \u200b" * 500_000),
    }

    def parts(seen: str) -> list[str]:  # as Monitor.judge makes them
        found = windows(seen, ANALYSED_CHARS)
        if len(seen) > ANALYSED_CHARS and (bare := visible_only(seen)) != seen:
            found += windows(bare, ANALYSED_CHARS)
        return found

    print(f"{'comment':42} {'as read':>10} {'parts':>5} {'seconds':>8}")
    for name, text in cases.items():
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            seen = as_read(text) if len(text) > ANALYSED_CHARS else text
            classifier.classify_many(parts(seen))
            best = min(best, time.perf_counter() - start)
        print(f"{name:42} {len(seen):>10,} {len(parts(seen)):>5} {best:>8.2f}")


if __name__ == "__main__":
    main()
