"""Time of the PHI screen and the comment classifier on long runs of filler, against ordinary
prose of the same length screened in the same run.

A public comment can be 8,000 characters (Facebook's limit; the daemon judges up to 20,000).
One made of blank characters took the comment classifier 16 s before session 40, because
several recognizers' gaps ("\\s+" and then "\\s*") backtrack over such a run for every word
before it. The screen now reads a long blank run as one break (policies/phi/normalize.py,
``_BLANK_RUN``), and since session 41 so do the classifier's own rules (9,000 line breaks
after a question: 4.8 s before). This prints, per filler, the seconds and the ratio to prose;
a ratio far above 1 names the next such pattern.

    python bench/phi_long_input.py [--chars N]   (default 8000)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

HEAD = "Jane Doe"
TAIL = " had her knee replaced, should she walk on it?"
PROSE = "the clinic opens at nine and the parking lot is behind the pharmacy on Main. "
FILLERS = {"spaces": " ", "line breaks": "\n", "tabs": "\t", "blank lines with spaces": " \n",
           "no-break spaces": "\u00a0", "ideographic spaces": "\u3000", "hair spaces": "\u200a",
           "spaces and zero-width spaces": "   \u200b", "carriage returns": "\r",
           "commas": ", ", "dots": " .", "ellipses": "\u2026", "one letter": "a ",
           # an outside review, session 41: link and e-mail patterns tried from inside a run
           # of separators, and the merge of one finding per handle
           "dot-dash runs": "1.-", "dash-dot runs": "a-.", "handles": "@a "}


# a question, then the filler: the comment classifier's own rules read the text after the
# question (session 41: 9,000 line breaks here took 4.8 s before it read blank runs as one
# break, as the screen does)
QUESTION = "Is it true local honey helps allergies?"
AFTER_QUESTION = ("line breaks", "spaces", "tabs", "no-break spaces")


def texts(chars: int) -> dict[str, str]:
    out = {"prose (reference)": HEAD + " " + (PROSE * (chars // len(PROSE) + 1))[:chars] + TAIL}
    for name, filler in FILLERS.items():
        out[name] = HEAD + filler * (chars // len(filler)) + TAIL
    for name in AFTER_QUESTION:
        filler = FILLERS[name]
        out[f"{name}, after a question"] = QUESTION + filler * (chars // len(filler)) + "ok"
    return out


def timed(fn, text: str) -> float:
    start = time.perf_counter()
    fn(text)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chars", type=int, default=8000)
    args = ap.parse_args()
    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.evaluation import phi_screen_or_reason
    from policies.phi.allow import PhiAllowList
    from policies.phi.screen import PhiScreen

    screen = PhiScreen(PhiAllowList())
    found, note = phi_screen_or_reason(PhiAllowList())
    if found is None:
        sys.exit(f"PHI screen not usable: {note}")
    classifier = CommentClassifier(ModerationPolicy(), found)
    screen.screen("warm up: Jane Doe had surgery.")
    classifier.classify("warm up: my knee hurts, should I come in?")
    rows = [(name, timed(screen.screen, text), timed(classifier.classify, text))
            for name, text in texts(args.chars).items()]
    ref_screen, ref_classify = rows[0][1], rows[0][2]
    print(f"{args.chars:,} characters of filler between a name and a care event")
    print(f"{'filler':30} {'screen s':>9} {'x prose':>8} {'classify s':>11} {'x prose':>8}")
    for name, s, c in rows:
        print(f"{name:30} {s:9.2f} {s / ref_screen:8.1f} {c:11.2f} {c / ref_classify:8.1f}")


if __name__ == "__main__":
    main()
