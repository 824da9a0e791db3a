"""Where the unwanted flags come from: every flag the labels do not want (on a harmless comment,
or beside the labelled ones), with the reason the classifier gives for it, grouped by flag
and by the part that drove it (the reason's sentences name the rule or model part).

    python bench/moderation_harmless_causes.py GUARD.json [--max-session N] [--list]

GUARD.json is a bench/moderation_guard.py output (its item flags decide what is unwanted; the
reasons are read again here). Only sets whose name ends in a session number <= --max-session
(default 40), and those with no session number, are read: a held-out set's lines are never
printed. Harmless items only unless --all."""

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

_SESSION = re.compile(r"_s(\d+)$")


def session(name: str) -> int | None:
    m = _SESSION.search(name)
    return int(m.group(1)) if m else None


def cause(reason: str) -> str:
    """A short name for the parts that drove a flag, from its reason's wording: the rule's
    first words, then which learned part added to it."""
    rule = reason.split("(")[0].split(".")[0].strip()
    rule = re.sub(r'\("[^)]*\)|"[^"]*"', "", rule)[:48].strip() or "(no rule)"
    parts = [name for key, name in (("practice-comment model", "writers' head"),
                                    ("(model ", "public head"), ("second look", "second look"))
             if key in reason]
    return f"{rule} + {'+'.join(parts) or 'rules alone'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("guard")
    parser.add_argument("--max-session", type=int, default=40)
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--sets", type=re.compile, default=re.compile(""),
                        help="a regular expression the set names must hold")
    parser.add_argument("--all", action="store_true", help="also unwanted flags beside labels")
    args = parser.parse_args()
    try:
        data = json.loads(Path(args.guard).read_text("utf-8"))
    except (OSError, ValueError) as exc:
        print(f"cannot read {args.guard}: {exc.__class__.__name__}", file=sys.stderr)
        sys.exit(2)
    if not isinstance(data, dict):
        print(f"{args.guard} is not a moderation_guard.py output", file=sys.stderr)
        sys.exit(2)
    from moderation_guard import classify_reasons, set_paths

    paths = set_paths()
    groups: Counter[tuple[str, str]] = Counter()
    listed: dict[tuple[str, str], list[str]] = defaultdict(list)
    for name, items in data.items():
        s = session(name)
        if s is not None and s > args.max_session:
            continue
        wanted_items = []
        for key, it in items.items():
            wanted = {f for r in it["reqs"] for f in r}
            if "*" in wanted or (it["reqs"] and not args.all):
                continue
            extra = [f for f in it["flags"] if f not in wanted]
            if extra:
                wanted_items.append((key, it, extra))
        if not wanted_items or name not in paths or not args.sets.search(name):
            continue
        reasons = classify_reasons(paths[name], [it["text"] for _, it, _ in wanted_items])
        for (key, it, extra), got in zip(wanted_items, reasons, strict=True):
            for f in extra:
                score, why = got.get(f, (0.0, ""))
                g = (f, cause(why))
                groups[g] += 1
                listed[g].append(f"  {name}/{key} {score:.2f} | {it['text'][:140]!r}\n"
                                 f"      {why[:300]}")
    for (flag, part), n in groups.most_common():
        print(f"{n:>4}  {flag:<16} {part}")
        if args.list:
            print("\n".join(listed[(flag, part)]))


if __name__ == "__main__":
    main()
