"""Experiment (session 9): do sentence embeddings help the PHI screen's learned scorer?

    python bench/phi_embed_experiment.py [--variants base,whole256,...] [--cache FILE]

Needs scikit-learn (``.[train]``). Over exactly the training sets and recipe of
policies/phi/training/train_disclosure.py (C, class tokens, balanced weight, the may_block
gate), leave one writer's set out, it compares the shipped features with the same features
plus `policies.embedding.sentence_vectors` (whole text and/or the per-sentence vectors
max-pooled, 64/128/256 dimensions, times a fixed scale), and an embedding-only head averaged
with the shipped one. For each variant it prints the script's table (rules alone, then rules
or scorer >= t), the recall at the lowest threshold whose false blocks are at most the
baseline's at the shipped 0.95, and per set the texts the baseline blocked that the variant
passes (a retrain's release risk). The rules' screening of every set is cached (--cache), and
each variant's probabilities (--probs; run ``base`` first: the blends and comparisons read it).
A joint variant takes 6-13 minutes on two shared cores, a blend 1-2.

Result (session 9, docs/history/phi.md "Session 9: embeddings in the scorer"): no variant beat the
shipped recipe at equal false blocks; nothing was shipped.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policies.embedding import sentence_vectors  # noqa: E402
from policies.phi.training import train_disclosure as T  # noqa: E402

SHIPPED = 0.95
THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.925, 0.95, 0.97, 0.98, 0.99)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def sentences(text: str) -> list[str]:
    parts = [p.strip() for p in _SENTENCE.split(text)]
    return [p for p in parts if p] or [text]


def embeddings(examples: list[T.Example], dim: int) -> tuple[np.ndarray, np.ndarray]:
    """Whole-text vectors and per-sentence vectors max-pooled (element-wise)."""
    whole = sentence_vectors([ex.text for ex in examples], dim)
    split = [sentences(ex.text) for ex in examples]
    flat = sentence_vectors([s for ss in split for s in ss], dim)
    pooled = np.zeros_like(whole)
    at = 0
    for i, ss in enumerate(split):
        pooled[i] = flat[at:at + len(ss)].max(axis=0)
        at += len(ss)
    return whole, pooled


def load(cache: Path, extra: tuple[Path, ...] = ()) -> dict[str, list[T.Example]]:
    """Every set the word scorer trains on (and `extra` sets), screened by the rules alone,
    cached as JSON in `cache` (read back when it exists)."""
    if cache.exists():
        return {n: [T.Example(e[0], e[1], e[2], tuple(e[3]), e[4]) for e in exs]
                for n, exs in json.loads(cache.read_text("utf-8")).items()}
    paths = sorted(T.DATA.glob("*.jsonl")) + [p for p in T.EXTRA if p.exists()] + list(extra)
    sets = {(p.parent.name if p.stem == "posts" else p.stem): T.load_set(p) for p in paths}
    cache.write_text(json.dumps({n: [[e.text, e.block, e.rules_block, e.dense, e.gate]
                                     for e in exs] for n, exs in sets.items()}), "utf-8")
    return sets


def read_probs(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as saved:
        return {n: saved[n] for n in saved.files}


def parse(variant: str) -> dict:
    """base | blend<dim>[c<C>][w<weight>] | <whole|max|both><dim>[x<scale>][c<C>], e.g. both128x2,
    blend256c4w0.3 (an embedding-only head, averaged with base's saved probabilities),
    or256c4 (the same head, the larger of the two probabilities)."""
    if variant == "base":
        return {"kind": "base"}
    m = re.fullmatch(r"(blend|or)(\d+)(?:c([\d.]+))?(?:w([\d.]+))?", variant)
    if m:
        return {"kind": "blend", "dim": int(m[2]), "c": float(m[3] or 1.0),
                "w": float(m[4] or 0.5), "max": m[1] == "or"}
    m = re.fullmatch(r"(whole|max|both)(\d+)(?:x([\d.]+))?(?:c([\d.]+))?", variant)
    if not m:
        raise SystemExit(f"unknown variant {variant}")
    return {"kind": "joint", "pool": m[1], "dim": int(m[2]), "scale": float(m[3] or 1.0),
            "c": float(m[4] or T.C)}


def dense_extra(spec: dict, whole: np.ndarray, pooled: np.ndarray) -> np.ndarray:
    d = spec["dim"]
    parts = {"whole": [whole[:, :d]], "max": [pooled[:, :d]],
             "both": [whole[:, :d], pooled[:, :d]]}[spec["pool"]]
    return np.hstack(parts) * spec["scale"]


def lowo(sets, spec, mats, embs, base_probs=None, extra=None) -> dict[str, np.ndarray]:
    """extra: set name -> dense columns appended to a joint variant's features (default:
    the embeddings, dense_extra; bench/phi_tensor_experiment.py passes spaCy's vectors)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    if extra is None and spec["kind"] == "joint":
        def extra(n):
            return dense_extra(spec, *embs[spec["dim"]][n])

    def x_of(names):
        blocks = [mats[n] for n in names]
        if spec["kind"] == "joint":
            blocks = [hstack([mats[n], csr_matrix(extra(n))]).tocsr() for n in names]
        from scipy.sparse import vstack
        return vstack(blocks).tocsr()

    probs = {}
    for name in sets:
        rest = [n for n in sets if n != name]
        y = np.array([ex.block for n in rest for ex in sets[n]], dtype=int)
        if spec["kind"] in ("base", "joint"):
            model = LogisticRegression(C=spec.get("c", T.C), max_iter=3000, class_weight="balanced")
            model.fit(x_of(rest), y)
            probs[name] = model.predict_proba(x_of([name]))[:, 1]
        else:
            d = spec["dim"]
            ex_rest = np.vstack([np.hstack([embs[d][n][0], embs[d][n][1],
                                            np.array([e.dense for e in sets[n]])])
                                 for n in rest])
            head = LogisticRegression(C=spec["c"], max_iter=3000, class_weight="balanced")
            head.fit(ex_rest, y)
            mine = np.hstack([embs[d][name][0], embs[d][name][1],
                              np.array([e.dense for e in sets[name]])])
            w, p = spec["w"], head.predict_proba(mine)[:, 1]
            probs[name] = (np.maximum(base_probs[name], p) if spec["max"]
                           else (1 - w) * base_probs[name] + w * p)
        print(f"  {name} done", file=sys.stderr, flush=True)
    return probs


def blocked(sets, probs, t):
    return {n: np.array([ex.rules_block or (t is not None and ex.gate and p >= t)
                         for ex, p in zip(exs, probs[n], strict=True)])
            for n, exs in sets.items()}


def totals(sets, probs, t):
    b = blocked(sets, probs, t)
    npos = sum(ex.block for exs in sets.values() for ex in exs)
    nneg = sum(not ex.block for exs in sets.values() for ex in exs)
    r = sum(int(b[n][i]) for n, exs in sets.items() for i, ex in enumerate(exs) if ex.block)
    fb = sum(int(b[n][i]) for n, exs in sets.items() for i, ex in enumerate(exs) if not ex.block)
    return r / npos, fb / nneg, r, fb



def matched(sets, probs, nfb_ref: int) -> float:
    """The lowest t (steps of 0.0025) whose pooled false blocks are at most nfb_ref."""
    for t in np.arange(0.5, 1.0, 0.0025):
        if totals(sets, probs, float(t))[3] <= nfb_ref:
            return round(float(t), 4)
    return 1.0


def per_set(sets, variants: dict[str, dict[str, np.ndarray]], shipped: float = SHIPPED,
            base_matched: bool = True) -> None:
    """Recall (and false blocks) per held-out set, each variant at the t where its pooled
    false blocks match the shipped recipe's at `shipped` (base also at its own best such t
    unless base_matched is False)."""
    base = variants["base"]
    nfb_ref = totals(sets, base, shipped)[3]
    points = {"rules": (base, None), f"base@{shipped}": (base, shipped)}
    points.update({f"{v}@{(t := matched(sets, p, nfb_ref))}": (p, t)
                   for v, p in variants.items() if base_matched or v != "base"})
    cols = {k: blocked(sets, p, t) for k, (p, t) in points.items()}
    print(f"recall (false blocks) per held-out set at pooled false blocks <= {nfb_ref}")
    print("| set | " + " | ".join(cols) + " |")
    print("|---" * (len(cols) + 1) + "|")
    for n, exs in [*sets.items(), ("all", None)]:
        names = list(sets) if exs is None else [n]
        pos = sum(ex.block for m in names for ex in sets[m])
        neg = sum(not ex.block for m in names for ex in sets[m])
        cells = []
        for b in cols.values():
            r = sum(int(b[m][i]) for m in names for i, ex in enumerate(sets[m]) if ex.block)
            fb = sum(int(b[m][i]) for m in names for i, ex in enumerate(sets[m])
                     if not ex.block)
            cells.append(f"{r / pos:.3f} ({fb}/{neg})" if exs is None
                         else f"{r}/{pos} ({fb}/{neg})")
        print(f"| {n} | " + " | ".join(cells) + " |")

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="base")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/phi_embed_sets.json"))
    ap.add_argument("--probs", type=Path, default=Path("/tmp/phi_embed_probs"))
    args = ap.parse_args()
    t0 = time.time()
    sets = load(args.cache)
    print(f"sets loaded in {time.time() - t0:.0f} s: {len(sets)}", file=sys.stderr)
    mats = {n: T.matrix(exs, T.CLASSES) for n, exs in sets.items()}
    args.probs.mkdir(exist_ok=True)
    for variant in args.variants.split(","):
        spec = parse(variant)
        embs = {}
        if spec["kind"] != "base":
            d = spec["dim"]
            embs[d] = {n: embeddings(exs, d) for n, exs in sets.items()}
        out = args.probs / f"{variant}.npz"
        if out.exists():
            probs = read_probs(out)
        else:
            t1 = time.time()
            base_probs = (read_probs(args.probs / "base.npz")
                          if spec["kind"] == "blend" else None)
            probs = lowo(sets, spec, mats, embs, base_probs)
            np.savez(out, **probs)
            print(f"{variant}: LOWO in {time.time() - t1:.0f} s", file=sys.stderr)
        report(variant, sets, probs, args.probs)
    return 0


def report(variant, sets, probs, folder: Path) -> None:
    print(f"== {variant}")
    for t in (None, *THRESHOLDS):
        r, fb, nr, nfb = totals(sets, probs, t)
        print(f"  {'rules' if t is None else f't {t}':<8} R {r:.3f} ({nr}) FB {fb:.3f} ({nfb})")
    base_file = folder / "base.npz"
    if variant == "base" or not base_file.exists():
        return
    base = read_probs(base_file)
    _, fb_ref, _, nfb_ref = totals(sets, base, SHIPPED)
    ok = [t for t in THRESHOLDS if totals(sets, probs, t)[3] <= nfb_ref]
    if ok:
        t = min(ok)
        r, fb, nr, nfb = totals(sets, probs, t)
        print(f"  at base's FB ({nfb_ref}): t {t} R {r:.3f} ({nr}) FB {fb:.3f} ({nfb})")
    for t in dict.fromkeys((SHIPPED, *ok[:1])):
        before, after = blocked(sets, base, SHIPPED), blocked(sets, probs, t)
        flips = {n: int((before[n] & ~after[n]).sum()) for n in sets}
        pos = {n: int(sum(before[n][i] and not after[n][i] and ex.block
                          for i, ex in enumerate(sets[n]))) for n in sets}
        gained = {n: int((~before[n] & after[n]).sum()) for n in sets}
        print(f"  base@{SHIPPED} blocked -> {variant}@{t} passes: {sum(flips.values())} "
              f"({sum(pos.values())} of them disclosures); newly blocked "
              f"{sum(gained.values())}; per set "
              + ", ".join(f"{n} {flips[n]}" for n in sets if flips[n]))


if __name__ == "__main__":
    sys.exit(main())
