"""Session 56 (s56-plaincare): the screen's decisions, before and after, on every item of the
read post sets that one of the branch's new readings can reach, without reading the texts.

    python bench/plaincare_reach_s56.py select OUT_IDS.json SET_DIR ...   # branch tree
    python bench/plaincare_reach_s56.py record IDS.json OUT.json          # any tree
    python bench/plaincare_reach_s56.py --compare OLD.json NEW.json

The branch's changes act only where one of its patterns matches the text as written or as the
screen normalises it: judge._PRACTICE_CARE (judge._BY_OUR_HANDS), the Spanish verbs added to
judge._SPANISH_BODY_CARE, euphemisms._BELL (treatment_ends; before the narrowing after the outside
review also _LAST_ROUND and the ribbon 🎗, a superset of today's reach), and
candidates._JOINS_CARE_GROUP (is_staff). Every other item is decided as before, so screening
the reachable items alone, with each tree, gives the whole change on all the sets named, in
minutes instead of hours on a loaded machine. Prints counts and ids, never texts."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import policies.phi  # noqa: F401  (the tree on PYTHONPATH, before phi_eval puts this one first)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

_SPANISH_VERBS = re.compile(
    r"\b(?:le|les)\s+(?:reconstruimos|reconstruyeron|arreglamos|arreglaron|acomodamos|"
    r"acomodaron|reparamos|repararon|enderezamos|enderezaron|inmovilizamos|inmovilizaron|"
    r"cosimos|reimplantamos|reimplantaron|salvamos|salvaron)\b", re.I)


def _reachable(text: str) -> bool:
    from policies.phi import candidates, euphemisms, judge

    practice = re.compile(judge._PRACTICE_CARE, re.I)
    return bool(practice.search(text) or _SPANISH_VERBS.search(text)
                or euphemisms._BELL.search(text) or re.search(
                    candidates._JOINS_CARE_GROUP.pattern.lstrip("^"), text, re.I))


def select(out: Path, dirs: list[str]) -> None:
    from phi_eval import load_set

    from policies.phi.normalize import normalize

    chosen: dict[str, list[int]] = {}
    for d in dirs:
        path = Path(d) / "posts.jsonl" if Path(d).is_dir() else Path(d)
        rows, _ = load_set(path)
        idx = []
        for i, row in enumerate(rows):
            try:
                shown = normalize(row["text"]).text
            except ValueError:
                shown = row["text"]
            if _reachable(row["text"]) or _reachable(shown):
                idx.append(i)
        chosen[str(path)] = idx
        print(f"{path.parent.name}: {len(idx)} of {len(rows)} reachable", file=sys.stderr)
    out.write_text(json.dumps(chosen), encoding="utf-8")


def record(ids: Path, out: Path) -> None:
    from phi_eval import load_set, screen_blocks

    result: dict[str, dict[str, dict[str, object]]] = {}
    for path, idx in json.loads(ids.read_text()).items():
        if not idx:
            continue
        rows, allow = load_set(Path(path))
        for row in rows:  # the team corpus is span-labelled: a span is a must-block
            row.setdefault("expect", "block" if row.get("spans") else "pass")
        picked = [rows[i] for i in idx]
        blocked = screen_blocks(picked, allow)
        result[Path(path).parent.name] = {
            str(rows[i].get("id") or f"line{i + 1}"): {"blocked": b, "expect": rows[i]["expect"]}
            for i, b in zip(idx, blocked, strict=True)}
    out.write_text(json.dumps(result, indent=0), encoding="utf-8")


def compare(old: dict, new: dict) -> None:
    tot = {"gained": 0, "lost": 0, "new_fb": 0, "fixed_fb": 0, "items": 0}
    for name in sorted(old):
        c = {"gained": [], "lost": [], "new_fb": [], "fixed_fb": []}
        for key, was in old[name].items():
            now = new[name][key]["blocked"]
            tot["items"] += 1
            if was["expect"] == "block" and now != was["blocked"]:
                c["gained" if now else "lost"].append(key)
            elif was["expect"] != "block" and now != was["blocked"]:
                c["new_fb" if now else "fixed_fb"].append(key)
        for k, v in c.items():
            tot[k] += len(v)
        if any(c.values()):
            print(name, {k: v for k, v in c.items() if v})
    print("total", tot)


if __name__ == "__main__":
    if sys.argv[1] == "select":
        select(Path(sys.argv[2]), sys.argv[3:])
    elif sys.argv[1] == "record":
        record(Path(sys.argv[2]), Path(sys.argv[3]))
    else:
        compare(json.loads(Path(sys.argv[2]).read_text()),
                json.loads(Path(sys.argv[3]).read_text()))
