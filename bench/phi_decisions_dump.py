"""Every finding of the PHI screen on every post of the sets a speed change must not move,
one JSON line per text and context, for a byte-for-byte diff before and after a change.

    python bench/phi_decisions_dump.py OUT.jsonl        # then: cmp OLD.jsonl NEW.jsonl

Sets (each with its own policy's allow-list): policies/phi/training/data/*.jsonl, the
everyday dev halves under bench/data, ../shared/devset/posts.jsonl and tests/data/phi
(corpus, handwritten, blind). Each text is screened as a post, a reply and a comment, in
batches of 200 (screen_many), and the first 40 texts once more one by one (screen), so
batch-only shortcuts and one-text calls are both covered. Prints the CPU time it took."""

from __future__ import annotations

import json
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _jsonl(path: Path) -> list[str]:
    return [json.loads(line)["text"] for line in path.read_text().splitlines() if line.strip()]


def _txt(path: Path) -> list[str]:
    return [line.split("\t", 2)[2] for line in path.read_text().splitlines()
            if line.strip() and not line.startswith("#") and line.count("\t") >= 2]


def sets() -> list[tuple[str, list[str], Path | None]]:
    out: list[tuple[str, list[str], Path | None]] = []
    for path in sorted((ROOT / "policies/phi/training/data").glob("*.jsonl")):
        out.append((path.name, _jsonl(path), path.with_suffix(".policy.toml")))
    for posts in sorted((ROOT / "bench/data").glob("*/posts.jsonl")):
        out.append((posts.parent.name, _jsonl(posts), posts.parent / "policy.toml"))
    devset = ROOT.parent / "shared" / "devset"
    out.append(("devset", _jsonl(devset / "posts.jsonl"), devset / "policy.toml"))
    phi = ROOT / "tests/data/phi"
    texts = _jsonl(phi / "corpus.jsonl") + _txt(phi / "handwritten.txt") + _txt(phi / "blind.txt")
    out.append(("tests/data/phi", texts, phi / "policy.toml"))
    return out


def main() -> None:
    from policies.phi import CONTEXTS, PhiAllowList, PhiScreen

    out = open(sys.argv[1], "w") if len(sys.argv) > 1 else sys.stdout  # noqa: SIM115
    c0 = time.process_time()
    n = 0
    for name, texts, policy in sets():
        allow = PhiAllowList()
        if policy is not None and policy.exists():
            allow = PhiAllowList.from_toml(tomllib.loads(policy.read_text()).get("phi", {}))
        screen = PhiScreen(allow)
        for context in CONTEXTS:
            found = []
            for i in range(0, len(texts), 200):
                found += screen.screen_many(texts[i:i + 200], context=context)
            found += [screen.screen(t, context=context) for t in texts[:40]]
            for i, findings in enumerate(found):
                row = {"set": name, "i": i, "context": context,
                       "findings": [f.to_dict() for f in findings]}
                out.write(json.dumps(row, sort_keys=True, ensure_ascii=False) + "\n")
                n += 1
    print(f"{n} screened texts, {time.process_time() - c0:.1f} s CPU", file=sys.stderr)


if __name__ == "__main__":
    main()
