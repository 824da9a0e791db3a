"""Before/after guard for PHI rule changes: every post of every labelled set, screened in its
own context with its own policy's allow-list, one decision each, saved to JSON so two runs can
be diffed item by item.

    python bench/phi_probe_guard.py OUT.json [--diff OLD.json] [--only IDS.txt] [--no-devset]

Sets: policies/phi/training/data/*.jsonl, bench/data/*/posts.jsonl (phiprobe_s9 is the
session-9 team-written probe set: fit; namefb_review_s10, namefb_review2_s10,
namefb_review3_s10 and replyfb_review_s10 are outside attackers' probes of session 10's
reverted name exemptions and unmerged reply relaxation: release checks) and
../shared/devset/posts.jsonl. Prints, per set, block items blocked / block items and pass items
blocked / pass items; with --diff, every item whose decision changed. --only keeps the items
listed in a file, one SET/ID a line (bench/misspelt_reach.py writes one: the items a change
can reach, so a slow rule's before/after run screens those alone); --no-devset leaves the
devset out (bench/phi_eval.py gives its totals without showing a line)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def sets(devset: bool = True) -> list[Path]:
    from phi_eval import find_devset

    out = sorted((ROOT / "policies/phi/training/data").glob("*.jsonl"))
    out += sorted((ROOT / "bench/data").glob("*/posts.jsonl"))
    found = find_devset() if devset else None
    return out + [found / "posts.jsonl"] if found else out


def set_name(path: Path) -> str:
    return path.parent.name if path.name == "posts.jsonl" else path.stem


def item_key(row: dict, i: int) -> str:
    return row.get("id") or f"line{i + 1}"


def main() -> None:
    from phi_eval import load_set, screen_blocks

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--diff")
    parser.add_argument("--only", help="screen only the SET/ID items listed in this file")
    parser.add_argument("--no-devset", action="store_true")
    args = parser.parse_args()
    only = set(Path(args.only).read_text().splitlines()) if args.only else None
    result: dict[str, dict] = {}
    tot = {"block": [0, 0], "pass": [0, 0]}
    for path in sets(not args.no_devset):
        rows, allow = load_set(path)
        name = set_name(path)
        keys = [item_key(row, i) for i, row in enumerate(rows)]
        if only is not None:
            kept = [i for i, key in enumerate(keys) if f"{name}/{key}" in only]
            if not kept:
                continue
            rows, keys = [rows[i] for i in kept], [keys[i] for i in kept]
        blocked = screen_blocks(rows, allow)
        items = {}
        counts = {"block": [0, 0], "pass": [0, 0]}
        for key, row, b in zip(keys, rows, blocked, strict=True):
            items[key] = {"blocked": b, "expect": row["expect"], "kind": row["kind"],
                          "context": row["context"], "text": row["text"]}
            counts[row["expect"]][0] += b
            counts[row["expect"]][1] += 1
        result[name] = items
        for k in counts:
            if name != "phiprobe_s9":
                tot[k][0] += counts[k][0]
                tot[k][1] += counts[k][1]
        print(f"{name:<28} block {counts['block'][0]:>4}/{counts['block'][1]:<4} "
              f"false blocks {counts['pass'][0]:>3}/{counts['pass'][1]}")
    print(f"{'ALL but phiprobe_s9':<28} block {tot['block'][0]:>4}/{tot['block'][1]:<4} "
          f"false blocks {tot['pass'][0]:>3}/{tot['pass'][1]}")
    Path(args.out).write_text(json.dumps(result, indent=0))
    if args.diff:
        old = json.loads(Path(args.diff).read_text())
        for name, items in result.items():
            for key, it in items.items():
                was = old.get(name, {}).get(key)
                if was is not None and was["blocked"] != it["blocked"]:
                    tag = ("GAINED" if it["expect"] == "block" else "NEW-FALSE-BLOCK") \
                        if it["blocked"] else ("LOST" if it["expect"] == "block" else "FIXED-FB")
                    print(f"{tag:<16} {name}/{key} [{it['kind']}/{it['context']}] {it['text']}")


if __name__ == "__main__":
    main()
