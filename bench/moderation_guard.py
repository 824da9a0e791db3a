"""Before/after guard for comment-rule changes: every comment of every labelled set, classified
with the PHI screen and its own policy's allow-list (an empty one where the set has none),
flags and hidden state saved per item to JSON so two runs can be diffed item by item.

    python bench/moderation_guard.py OUT.json [--diff OLD.json]

Sets: ../shared/devset/comments.jsonl, bench/data/*/comments.jsonl, tests/data/comments/*.jsonl,
policies/moderation/training/data/*.jsonl, and the attacker probes
bench/data/*/probes*.jsonl (cmtnames_review2_s10's, hides14_probe_s14's in review 2's
format): spanish_review_s9's two (formats in that folder's README:
review 1 letters P phi, A abuse, S self_disclosure, M medical_advice, X spam, N negative,
Q any flag, '' harmless; review 2 ``must`` lists flags, "a|b" meaning either). The team
corpus's "phi" label covers self_disclosure too, as in bench/moderation_eval.py) and
commentsfp_review_s10's (review 2's format, "why" in place of "kind").

Prints, per set: harmless flagged / harmless, false auto-hides, and true flags kept / labelled
(for the probes: must-flag probes queued, must-hide probes hidden). With --diff, every item
whose flags or hidden state changed, tagged: LOST-TRUE (a labelled flag, a queued must-flag
probe or a must-hide probe's hide gone), GAINED-TRUE, FIXED-FP (a flag or hide the labels do
not want gone), NEW-FP (one added), and a net count at the end."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

LETTERS = {"P": "phi", "A": "abuse", "S": "self_disclosure", "M": "medical_advice",
           "X": "spam", "N": "negative"}
HIDING = ("phi", "abuse")


def sets() -> list[Path]:
    from phi_eval import find_devset

    devset = find_devset(holding="comments.jsonl")
    out = [devset / "comments.jsonl"] if devset else []
    out += sorted((ROOT / "bench/data").glob("*/comments.jsonl"))
    out += sorted((ROOT / "tests/data/comments").glob("*.jsonl"))
    out += sorted((ROOT / "policies/moderation/training/data").glob("*.jsonl"))
    # every probe file, whatever its folder is called: a review folder named outside the old
    # "*_review*_s*" / "*_probe_s*" patterns was skipped without a word (session 19)
    out += sorted((ROOT / "bench/data").glob("*/probes*.jsonl"))
    return out


def set_name(path: Path) -> str:
    if path.name in ("comments.jsonl", "probes.jsonl"):
        return path.parent.name
    if path.parent.name == "comments":
        return f"team_{path.stem}"
    return path.stem


def gold(path: Path, row: dict) -> tuple[list[list[str]], bool, bool]:
    """(requirements: each a list of acceptable flags, must hide, may hide)."""
    if "expect" in row:  # review 1
        letter = row["expect"]
        if not letter:
            return [], False, False
        if letter == "Q":
            return [["*"]], bool(row.get("hide")), bool(row.get("hide"))
        reqs = [[LETTERS[letter]]]
    elif "must" in row:  # review 2
        reqs = [m.split("|") for m in row["must"]]
    else:
        flags = list(row["flags"] if "flags" in row else row["labels"])
        if path.parent.name == "comments" and "phi" in flags:  # team corpus: phi covers both
            flags = [f for f in flags if f != "phi"]
            return [[f] for f in flags] + [["phi", "self_disclosure"]], "abuse" in flags, True
        reqs = [[f] for f in flags]
        hides = any(f in HIDING for f in flags)
        return reqs, hides, hides
    may = any(f in HIDING for r in reqs for f in r)
    return reqs, bool(row.get("hide")), may or bool(row.get("hide"))


def met(req: list[str], flags: list[str]) -> bool:
    return bool(flags) if req == ["*"] else any(f in flags for f in req)


def _classifier(path: Path):  # noqa: ANN202 (the classifier's types load lazily)
    from moderation_eval import EXAMPLE_DOMAINS, devset_allow_list

    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.evaluation import phi_screen_or_reason

    allow = devset_allow_list(path.with_name("policy.toml"))
    policy = ModerationPolicy()
    screen, note = phi_screen_or_reason(allow)
    if screen is None:
        sys.exit(f"PHI screen not usable: {note}")
    domains = allow.domains or EXAMPLE_DOMAINS
    return policy, screen, CommentClassifier(policy, screen, allow_domains=domains)


def classify(path: Path) -> list[tuple[list[str], bool]]:
    from policies.moderation import FLAGS, Flag, should_auto_hide

    policy, screen, classifier = _classifier(path)
    texts = [json.loads(line)["text"] for line in path.read_text("utf-8").split("\n")
             if line.strip()]
    out = []
    for text, findings in zip(texts, screen(texts), strict=True):
        s = classifier.scores(text, findings)
        fl = [Flag(f, s[f][0], s[f][1]) for f in FLAGS
              if s[f][0] >= policy.threshold(f) and s[f][1]]
        out.append((sorted(f.flag for f in fl), should_auto_hide(fl, policy)))
    return out


def classify_reasons(path: Path, texts: list[str]) -> list[dict[str, tuple[float, str]]]:
    """Every flag's score and reason for ``texts``, read with ``path``'s set's allow-list."""
    _, screen, classifier = _classifier(path)
    return [classifier.scores(text, findings)
            for text, findings in zip(texts, screen(texts), strict=True)]


def set_paths() -> dict[str, Path]:
    return {set_name(p): p for p in sets()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--diff")
    args = parser.parse_args()
    result: dict[str, dict] = {}
    for path in sets():
        name = set_name(path)
        rows = [json.loads(line) for line in path.read_text("utf-8").split("\n")
                if line.strip()]
        items = {}
        harmless = [0, 0]
        false_hides = 0
        kept = [0, 0]
        hides = [0, 0]
        for i, (row, (flags, hidden)) in enumerate(zip(rows, classify(path), strict=True)):
            reqs, must_hide, may_hide = gold(path, row)
            key = row.get("id") or f"line{i + 1}"
            items[key] = {"flags": flags, "hidden": hidden, "reqs": reqs, "must_hide": must_hide,
                          "may_hide": may_hide, "text": row["text"]}
            if not reqs:
                harmless[1] += 1
                harmless[0] += bool(flags)
            if hidden and not may_hide:
                false_hides += 1
            for r in reqs:
                kept[1] += 1
                kept[0] += met(r, flags)
            if must_hide:
                hides[1] += 1
                hides[0] += hidden
        result[name] = items
        print(f"{name:<26} n {len(rows):>4}  harmless flagged {harmless[0]:>3}/{harmless[1]:<4}"
              f" false hides {false_hides:>3}  true flags {kept[0]:>4}/{kept[1]:<4}"
              f" must-hide hidden {hides[0]:>4}/{hides[1]}")
    Path(args.out).write_text(json.dumps(result, indent=0, ensure_ascii=False))
    if args.diff:
        diff(json.loads(Path(args.diff).read_text("utf-8")), result)


def diff(old: dict, new: dict) -> None:
    net = {"LOST-TRUE": 0, "GAINED-TRUE": 0, "FIXED-FP": 0, "NEW-FP": 0}
    for name, items in new.items():
        for key, it in items.items():
            was = old.get(name, {}).get(key)
            if was is None or (was["flags"], was["hidden"]) == (it["flags"], it["hidden"]):
                continue
            tags = []
            for r in it["reqs"]:
                a, b = met(r, was["flags"]), met(r, it["flags"])
                if a != b:
                    tags.append("LOST-TRUE" if a else "GAINED-TRUE")
            if it["must_hide"] and was["hidden"] != it["hidden"]:
                tags.append("LOST-TRUE" if was["hidden"] else "GAINED-TRUE")
            wanted = {f for r in it["reqs"] for f in r}
            if "*" not in wanted:
                for f in set(was["flags"]) ^ set(it["flags"]):
                    if f not in wanted:
                        tags.append("NEW-FP" if f in it["flags"] else "FIXED-FP")
            if not it["may_hide"] and was["hidden"] != it["hidden"]:
                tags.append("NEW-FP" if it["hidden"] else "FIXED-FP")
            for t in tags:
                net[t] += 1
            print(f"{','.join(tags) or 'CHANGED':<22} {name}/{key} {was['flags']}"
                  f"{'H' if was['hidden'] else ''} -> {it['flags']}{'H' if it['hidden'] else ''}"
                  f" | {it['text']}")
    print("net: " + ", ".join(f"{k} {v}" for k, v in net.items()))


if __name__ == "__main__":
    main()
