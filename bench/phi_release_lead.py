"""Measurement, not a product change (session 14): could the fine-tuned second look release a
rule block when it reads the post as no one's care? For every post the rules block (no learned
finding among the blocking ones) on sets the shipped second look never trained on, its
probability of the whole post and of the sentences holding the blocking findings, and how many
false blocks and disclosures a release below tau would let through.

    python bench/phi_release_lead.py [--json OUT]

Sets: every labelled post set except the second look's training sets (policies/phi/training/
data and the read sets in policies/phi/training/second_look.BENCH_SETS), plus the dev set; the
outside reviews' and the team's probe sets (folder names with "review" or "probe") are reported
apart, as attacks.
Results: docs/history/phi.md "Session 14"."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# training writers the shipped second look never read (session 14's four, until session 27
# retrained it on every set train_disclosure reads)
NOT_YET_LEARNED: set[str] = set()
TAUS = (0.001, 0.002, 0.005, 0.01, 0.02)


def unseen_sets() -> list[tuple[str, Path]]:
    from phi_probe_guard import sets

    from policies.phi.training.second_look import BENCH_SETS

    extra = set(BENCH_SETS)  # read sets it also learned from
    out = []
    for path in sets():
        name = path.parent.name if path.name == "posts.jsonl" else path.stem
        training = path.parent.name == "data" and path.parent.parent.name == "training"
        if (training and name not in NOT_YET_LEARNED) or name in extra:
            continue
        out.append(("devset" if path.parent.name == "devset" else name, path))
    return out


def main() -> None:
    from phi_eval import load_set

    from policies.phi import PhiScreen
    from policies.phi.candidates import sentence_of
    from policies.phi.contextual import probability

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    rows = []
    for name, path in unseen_sets():
        items, allow = load_set(path)
        screen = PhiScreen(allow)
        for context in ("post", "reply"):
            idx = [i for i, r in enumerate(items) if r["context"] == context]
            found = screen.screen_many([items[i]["text"] for i in idx], context=context)
            for i, findings in zip(idx, found, strict=True):
                blocks = [f for f in findings if f.severity == "block"]
                if not blocks or any(f.rule.startswith("learned") for f in blocks):
                    continue
                text = items[i]["text"]
                spans = sorted({sentence_of(text, f.start) for f in blocks})
                rows.append({"set": name, "attack": "review" in name or "probe" in name,
                             "expect": items[i]["expect"],
                             "rules": sorted({f.rule for f in blocks}),
                             "p_post": probability(text),
                             "p_sent": probability(" ".join(text[s:e].strip() for s, e in spans)),
                             "text": text})
    for attack in (False, True):
        part = [r for r in rows if r["attack"] == attack]
        fb = [r for r in part if r["expect"] != "block"]
        tb = [r for r in part if r["expect"] == "block"]
        print(f"{'probe sets (attacks)' if attack else 'writers sets and the dev set'}: rule "
              f"blocks of {len(tb)} disclosures and {len(fb)} clean posts")
        for key in ("p_post", "p_sent"):
            for tau in TAUS:
                print(f"  {key} < {tau}: false blocks released {sum(r[key] < tau for r in fb)}, "
                      f"disclosures released {sum(r[key] < tau for r in tb)}")
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False))


if __name__ == "__main__":
    main()
