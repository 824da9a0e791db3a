#!/usr/bin/env python3
"""Serialize src/probes.txt (lines "expect|kind|p or r|o, m or s|text") to posts.jsonl."""
import json
import random
from pathlib import Path

SRC = Path(__file__).resolve().parent
CTX = {"p": "post", "r": "reply"}
DIFF = {"o": "obvious", "m": "moderate", "s": "subtle"}
PLATFORMS = ("facebook", "x", "linkedin")


def main() -> None:
    rows = []
    for line in (SRC / "probes.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        expect, kind, ctx, diff, text = line.split("|", 4)
        rows.append({"text": text, "expect": expect, "why": f"probe ({kind})", "kind": kind,
                     "context": CTX[ctx], "difficulty": DIFF[diff]})
    texts = [r["text"] for r in rows]
    assert len(texts) == len(set(texts)), "duplicate text"
    rng = random.Random(9)
    out = []
    for i, r in enumerate(rows, 1):
        out.append({"id": f"s{i:03d}", "text": r["text"], "expect": r["expect"], "why": r["why"],
                    "kind": r["kind"], "platform": rng.choice(PLATFORMS), "context": r["context"],
                    "difficulty": r["difficulty"]})
    (SRC.parent / "posts.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
    print(len(out), sum(r["expect"] == "block" for r in out), "block")


if __name__ == "__main__":
    main()
