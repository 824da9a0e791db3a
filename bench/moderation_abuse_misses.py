"""Why abusive comments go unflagged: every comment labelled `abuse` that a guard run did not
flag `abuse`, sorted into one cause each (the first that applies, in this order):

1. Spanish (the abuse head learned English tweets; the rules know few Spanish insults);
2. another language the models do not read (Tagalog, Vietnamese, ...: language.unjudged, or
   the guard's `unjudged` flag);
3. someone else's health told to shame them (flagged `phi`, which hides it anyway);
4. a person's private life exposed or a veiled threat (where they live or work, their number,
   account or car, "see you soon"): words no tweet-trained model reads as offensive;
5. the "go back" trope in a form the rules' pattern does not hold ("go back to <a country>");
6. the rules read the rude words as criticism of someone's work, a simile or mild, which
   overrules the model ("a clueless hack", "pathetic");
7. the combined score just under the flag's threshold (0.25 up to it);
8. the rest: no word the rules know, and the model reads it as inoffensive (< 0.25).

    python bench/moderation_abuse_misses.py GUARD.json [--max-session N] [--held-out NAME ...]
                                            [--list]

GUARD.json is a bench/moderation_guard.py output. Only bench/data/*/comments.jsonl sets whose
name ends in a session number <= --max-session (default 45), or has none, are read; the dev set
and the --held-out sets (default: session 48's three) are never read, so no line of theirs is
printed. Prints the count per cause, and per cause the lines with --list."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from moderation_harmless_causes import session  # noqa: E402

HELD_OUT = ("eauclaire_comments_s46", "victoria_comments_s46", "hutchinson_comments_s47")
NEAR = 0.25
CAUSES = (
    "Spanish",
    "another language the models do not read",
    "someone else's health told to shame them (flagged phi)",
    "a private life exposed, or a veiled threat",
    "the 'go back' trope in another form",
    "rude words read as criticism or mild by the rules (model overruled)",
    "score just under the threshold",
    "no word the rules know, model reads it as inoffensive",
)
# a coarse cue for cause 4 (a bench heuristic, not a product rule)
_EXPOSURE = re.compile(
    r"\b(?:address|live[sd]?|living|where (?:you|u|she|he|they) (?:live|work|park)|insta|ig|"
    r"snap|dms?|number|account|plate|truck|car|parked|house|home|jogging|works? at|motel|"
    r"saw (?:you|u|her|him)|see (?:you|ya|u) (?:soon|around|at)|watch (?:your|his|her) back|"
    r"follow (?:her|him) home|screenshots|"
    r"swing by|stop by|visit|waiting in the lot|showing up)\b")

_GO_BACK = re.compile(r"\bgo back\b|\byour kind\b")


def miss_cause(text: str, flags: list[str], abuse: float, threshold: float) -> str:
    """The cause (one of CAUSES) of one labelled-abuse comment left unflagged."""
    from policies.moderation import language
    from policies.moderation.classifier import _judged_mild, _plain, _vader, score_abuse

    plain = _plain(text)
    if language.spanish(text):
        return CAUSES[0]
    if "unjudged" in flags or language.unjudged(text, _vader().lexicon):
        return CAUSES[1]
    if "phi" in flags:
        return CAUSES[2]
    if _EXPOSURE.search(plain):
        return CAUSES[3]
    if _GO_BACK.search(plain):
        return CAUSES[4]
    if _judged_mild(plain, score_abuse(plain)):
        return CAUSES[5]
    return CAUSES[6] if abuse >= NEAR and abuse < threshold else CAUSES[7]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("guard")
    parser.add_argument("--max-session", type=int, default=45)
    parser.add_argument("--held-out", nargs="*", default=list(HELD_OUT))
    parser.add_argument("--list", action="store_true")
    args = parser.parse_args()
    data = json.loads(Path(args.guard).read_text("utf-8"))
    from moderation_guard import classify_reasons, set_paths

    from policies.moderation import ModerationPolicy

    threshold = ModerationPolicy().threshold("abuse")
    paths = set_paths()
    counts: Counter[str] = Counter()
    listed: dict[str, list[str]] = defaultdict(list)
    found = labelled = 0
    for name, items in data.items():
        s = session(name)
        path = paths.get(name)
        if (name in args.held_out or (s is not None and s > args.max_session) or path is None
                or path != ROOT / "bench" / "data" / name / "comments.jsonl"):
            continue
        for it in items.values():
            if any("abuse" in r for r in it["reqs"]):
                labelled += 1
                found += "abuse" in it["flags"]
        missed = [it for it in items.values()
                  if any("abuse" in r for r in it["reqs"]) and "abuse" not in it["flags"]]
        if not missed:
            continue
        scores = classify_reasons(path, [it["text"] for it in missed])
        for it, got in zip(missed, scores, strict=True):
            c = miss_cause(it["text"], it["flags"], got["abuse"][0], threshold)
            counts[c] += 1
            listed[c].append(f"  {name} {got['abuse'][0]:.2f} | {it['text'][:140]!r}")
    print(f"abuse found {found} of {labelled} labelled; missed {labelled - found}")
    for c in CAUSES:
        print(f"{counts[c]:>4}  {c}")
        if args.list:
            print("\n".join(listed[c]))


if __name__ == "__main__":
    main()
