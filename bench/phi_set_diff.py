"""Per-item decisions of the PHI screen on named sets, saved so two code versions can be
compared line by line without reading the lines.

    python bench/phi_set_diff.py OUT.json SET_DIR_OR_JSONL ...        # record decisions
    python bench/phi_set_diff.py --compare OLD.json NEW.json [--ids]  # per-set changes

Each set is screened as bench/phi_eval.py screens it (its own policy.toml and allow-list).
--compare prints, per set, must-blocks gained and lost and clean posts newly blocked or
released; ids (never texts) with --ids. Totals only by default: the sets it is run on are
read or blind sets, and a rule is not to be tuned on their single lines."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _posts(arg: str) -> Path:
    path = Path(arg)
    return path / "posts.jsonl" if path.is_dir() else path


def _name(path: Path) -> str:
    return path.parent.name if path.name == "posts.jsonl" else path.stem


def record(out: Path, paths: list[Path]) -> None:
    from phi_eval import load_set, screen_blocks

    result: dict[str, dict[str, dict[str, object]]] = {}
    for path in paths:
        rows, allow = load_set(path)
        blocked = screen_blocks(rows, allow)
        result[_name(path)] = {
            str(row.get("id") or f"line{i + 1}"): {"blocked": bool(b), "expect": row["expect"]}
            for i, (row, b) in enumerate(zip(rows, blocked, strict=True))}
        print(f"recorded {_name(path)}: {len(rows)} items", file=sys.stderr)
    out.write_text(json.dumps(result, indent=0), encoding="utf-8")


def compare(old: dict, new: dict, ids: bool = False) -> list[str]:
    """One line per set: gained, lost, new false blocks, fixed false blocks, and the
    block/pass totals before and after."""
    lines = []
    total = {"gained": 0, "lost": 0, "new_fb": 0, "fixed_fb": 0}
    for name, items in new.items():
        before = old.get(name, {})
        moved: dict[str, list[str]] = {k: [] for k in total}
        for key, it in items.items():
            was = before.get(key)
            if was is None or was["blocked"] == it["blocked"]:
                continue
            must = it["expect"] == "block"
            tag = ("gained" if must else "new_fb") if it["blocked"] else (
                "lost" if must else "fixed_fb")
            moved[tag].append(key)
        for k in total:
            total[k] += len(moved[k])

        def tally(src: dict, expect: str) -> str:
            sel = [v for v in src.values() if v["expect"] == expect]
            return f"{sum(v['blocked'] for v in sel)}/{len(sel)}"

        line = (f"{name:<24} block {tally(before, 'block'):>7} -> {tally(items, 'block'):<7} "
                f"false blocks {tally(before, 'pass'):>7} -> {tally(items, 'pass'):<7} "
                f"gained {len(moved['gained'])} lost {len(moved['lost'])} "
                f"new-fb {len(moved['new_fb'])} fixed-fb {len(moved['fixed_fb'])}")
        lines.append(line)
        if ids:
            lines.extend(f"    {k}: {' '.join(v)}" for k, v in moved.items() if v)
    lines.append("TOTAL " + " ".join(f"{k} {v}" for k, v in total.items()))
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--ids", action="store_true")
    args = parser.parse_args()
    if args.compare:
        if len(args.paths) != 2:
            print("--compare needs OLD.json NEW.json", file=sys.stderr)
            sys.exit(2)
        missing = [p for p in args.paths if not Path(p).is_file()]
        if missing:
            print(f"no decisions file: {', '.join(missing)}", file=sys.stderr)
            sys.exit(2)
        old, new = (json.loads(Path(p).read_text(encoding="utf-8")) for p in args.paths)
        print("\n".join(compare(old, new, args.ids)))
        return
    if len(args.paths) < 2:
        print("give OUT.json and at least one set", file=sys.stderr)
        sys.exit(2)
    paths = [_posts(p) for p in args.paths[1:]]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"no posts file: {', '.join(missing)}", file=sys.stderr)
        sys.exit(2)
    record(Path(args.paths[0]), paths)


if __name__ == "__main__":
    main()
