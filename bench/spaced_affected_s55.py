"""Session 55 (s55-spacedfix): the labelled items a change of the letter-spaced reading can
touch, decided item by item, so two worktrees can be compared without screening every set
(the full guards take two hours each on a shared machine).

    PYTHONPATH=WORKTREE python bench/spaced_affected_s55.py select OLD_SPACED_PY ITEMS.json
    PYTHONPATH=WORKTREE python bench/spaced_affected_s55.py decide ITEMS.json OUT.json
    python bench/spaced_affected_s55.py diff ITEMS.json BASE.json BRANCH.json

``select``: every post of bench/phi_probe_guard.py's sets and every comment of
bench/moderation_guard.py's sets (the devset among them) whose letter-spaced reading
(policies/phi/spaced.py) differs between OLD_SPACED_PY and this worktree, or, for comments,
that spells something out (classifier._spelled_out); everything else is screened by the same
code in both. ``decide``: the screen's block (posts, in their own context and allow-list) and
the classifier's flags and hide (comments, as moderation_guard classifies). ``diff``: every
item whose decision changed, with its label; devset items by index only, never their text."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _old_reading(path: str):  # noqa: ANN202
    spec = importlib.util.spec_from_file_location("policies.phi._spaced_before", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "policies.phi"
    spec.loader.exec_module(module)
    return module.spaced_reading


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").split("\n") if line.strip()]


def select(old_py: str, out: str) -> None:
    import moderation_guard
    import phi_probe_guard

    from policies.moderation.classifier import _spelled_out
    from policies.phi.normalize import revealed, without_blank_runs
    from policies.phi.spaced import spaced_reading

    old = _old_reading(old_py)

    def differs(text: str) -> bool:
        return (old(text) or (None,))[0] != (spaced_reading(text) or (None,))[0]

    items: dict[str, dict[str, list[int]]] = {"posts": {}, "comments": {}}
    seen = {"posts": 0, "comments": 0}
    for path in phi_probe_guard.sets():
        rows = _rows(path)
        seen["posts"] += len(rows)
        picked = [i for i, r in enumerate(rows) if differs(r["text"])]
        if picked:
            items["posts"][str(path)] = picked
    for path in moderation_guard.sets():
        rows = _rows(path)
        seen["comments"] += len(rows)
        picked = []
        for i, r in enumerate(rows):
            text = r["text"]
            short = (without_blank_runs(text) or (text,))[0]
            shown = revealed(short)
            readings = {text, short, shown, (without_blank_runs(shown) or (shown,))[0]}
            if any(differs(t) or _spelled_out(t) is not None for t in readings):
                picked.append(i)
        if picked:
            items["comments"][str(path)] = picked
    Path(out).write_text(json.dumps(items, indent=1))
    print({k: (sum(map(len, v.values())), seen[k]) for k, v in items.items()},
          "items picked / screened")


def decide(items_file: str, out: str) -> None:
    import moderation_guard
    from phi_eval import load_set, screen_blocks

    from policies.moderation import FLAGS, Flag, should_auto_hide

    items = json.loads(Path(items_file).read_text())
    result: dict[str, dict[str, object]] = {}
    for path, picked in items["posts"].items():
        rows, allow = load_set(Path(path))
        chosen = [rows[i] for i in picked]
        for i, b in zip(picked, screen_blocks(chosen, allow), strict=True):
            result[f"post\t{path}\t{i}"] = b
    for path, picked in items["comments"].items():
        policy, screen, classifier = moderation_guard._classifier(Path(path))
        texts = [_rows(Path(path))[i]["text"] for i in picked]
        for i, text, findings in zip(picked, texts, screen(texts), strict=True):
            s = classifier.scores(text, findings)
            fl = [Flag(f, s[f][0], s[f][1]) for f in FLAGS
                  if s[f][0] >= policy.threshold(f) and s[f][1]]
            result[f"comment\t{path}\t{i}"] = [sorted(f.flag for f in fl),
                                                should_auto_hide(fl, policy)]
    Path(out).write_text(json.dumps(result, indent=1))
    print(len(result), "items decided")


def diff(items_file: str, base: str, branch: str) -> None:
    import moderation_guard

    before, after = json.loads(Path(base).read_text()), json.loads(Path(branch).read_text())
    changed = 0
    for key in sorted(before):
        if before[key] == after[key]:
            continue
        changed += 1
        kind, path, index = key.split("\t")
        row = _rows(Path(path))[int(index)]
        shown = "" if "/devset/" in path else repr(row["text"][:110])
        if kind == "post":
            print(f"post    {Path(path).parent.name}/{Path(path).name}#{index} "
                  f"label={row.get('expect')} block {before[key]} -> {after[key]} {shown}")
        else:
            reqs, must_hide, _ = moderation_guard.gold(Path(path), row)
            print(f"comment {moderation_guard.set_name(Path(path))}#{index} wants={reqs} "
                  f"must_hide={must_hide} {before[key]} -> {after[key]} {shown}")
    print(f"{changed} of {len(before)} picked items changed")


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"select": select, "decide": decide, "diff": diff}[command](*args)
