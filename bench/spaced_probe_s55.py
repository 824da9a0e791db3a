"""Session 55 (s55-spacedfix): the team's own probes of letter-spaced reading, screened and
classified as the product does, one decision a line, so two worktrees can be compared.

    PYTHONPATH=WORKTREE python bench/spaced_probe_s55.py

bench/data/spacedfix_probes_s55/: harmless.txt (posts: lists, fractions, ratings, versions,
initials, scores, emoji strings; must pass), harmless_comments.txt (comments that must raise
no abuse or spam), must_flag.txt ("post" lines must block, "comment" lines must get abuse or
spam). Prints each line with its decision, then the totals."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "bench/data/spacedfix_probes_s55"


def main() -> None:
    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.evaluation import phi_screen_or_reason
    from policies.phi import get_screen

    screen = get_screen()
    comments_screen, note = phi_screen_or_reason(None)
    assert comments_screen is not None, note
    classifier = CommentClassifier(ModerationPolicy(), comments_screen)

    def blocked(text: str) -> list[str]:
        return [f.rule for f in screen.screen(text, context="post") if f.severity == "block"]

    def flags(text: str) -> list[str]:
        return sorted(f.flag for f in classifier.classify(text))

    def lines(name: str) -> list[str]:
        return [line for line in (DATA / name).read_text().splitlines() if line.strip()]

    bad = {"posts blocked": 0, "comments abuse/spam": 0, "must-flag missed": 0}
    for text in lines("harmless.txt"):
        rules = blocked(text)
        bad["posts blocked"] += bool(rules)
        print(f"harmless post    {'BLOCK' if rules else 'pass '} {text!r} {rules or ''}")
    for text in lines("harmless_comments.txt"):
        got = flags(text)
        bad["comments abuse/spam"] += bool({"abuse", "spam"} & set(got))
        print(f"harmless comment {got} {text!r}")
    for line in lines("must_flag.txt"):
        kind, text = line.split("\t", 1)
        ok = bool(blocked(text) if kind == "post" else {"abuse", "spam"} & set(flags(text)))
        bad["must-flag missed"] += not ok
        print(f"must-flag {kind:7s} {'ok    ' if ok else 'MISSED'} {text!r}")
    print("totals:", bad)


if __name__ == "__main__":
    main()
