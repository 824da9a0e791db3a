"""Experiment (session 11): do contextual MiniLM sentence vectors help the learned scorer?

    python bench/phi_minilm_experiment.py [--variants whole,max,both,...] [--cache FILE]
        [--probs DIR] [--vectors FILE] [--table]

bench/phi_embed_experiment.py's recipe, sets, cache and report (leave one writer's set out over
exactly the training sets of policies/phi/training/train_disclosure.py: C, class tokens,
balanced weight, the may_block gate; the rules' screening cached), with
`policies.contextual.sentence_vectors` (all-MiniLM-L6-v2 int8, 384 wide, unit length) in
place of WordLlama: the whole text's vector, the per-sentence vectors max-pooled, or both,
appended to the shipped features (times a scale), or an embedding-only head averaged with /
maxed against the shipped recipe's probability. ``base`` (the shipped recipe) runs first if its
probabilities are not saved. Variants: base | <whole|max|both>[x<scale>][c<C>] |
<blend|or>[c<C>][w<weight>]. Besides the script's table it prints the recall at the lowest
threshold (steps of 0.0025) whose pooled false blocks are at most the shipped recipe's at the
shipped block_at (registry.py); --table prints that per held-out set.

--guard VARIANT@T (or or:VARIANT@T, a second scorer beside the shipped one) fits it on every
training set and diffs it against main's `bench/phi_probe_guard.py` output (--old).

Result (session 11, docs/history/phi.md "Session 11: contextual sentence vectors (MiniLM)"): whole
text or both at scale 0.5 gain +0.013-0.014 recall at equal false blocks (1,542-1,543 vs
1,519 of 1,683), the first feature over +0.01; retrained, they release 9 probe disclosures main
blocks (a plain retrain 2); as a second scorer they release none but gain +0.001-0.0095.
Not shipped.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import phi_embed_experiment as E  # noqa: E402

from policies.contextual import sentence_vectors  # noqa: E402
from policies.phi.registry import REGISTRY  # noqa: E402
from policies.phi.training import train_disclosure as T  # noqa: E402

SHIPPED = REGISTRY["learned"].block_at


def embed(sets, cache: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """{set: (whole-text vectors, per-sentence vectors max-pooled)}, cached in one npz."""
    if cache.exists():
        with np.load(cache, allow_pickle=False) as saved:
            return {n: (saved[f"whole|{n}"], saved[f"max|{n}"]) for n in sets}
    t0 = time.time()
    out = {}
    for name, exs in sets.items():
        whole = sentence_vectors([ex.text for ex in exs])
        split = [E.sentences(ex.text) for ex in exs]
        flat = sentence_vectors([s for ss in split for s in ss])
        pooled = np.zeros_like(whole)
        at = 0
        for i, ss in enumerate(split):
            pooled[i] = flat[at:at + len(ss)].max(axis=0)
            at += len(ss)
        out[name] = (whole, pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
    np.savez(cache, **{f"{k}|{n}": m for n, (w, p) in out.items()
                       for k, m in (("whole", w), ("max", p))})
    print(f"MiniLM vectors in {time.time() - t0:.0f} s", file=sys.stderr)
    return out


def parse(variant: str) -> dict:
    if variant == "base":
        return {"kind": "base", "c": T.C}
    m = re.fullmatch(r"(blend|or)(?:c([\d.]+))?(?:w([\d.]+))?", variant)
    if m:
        return {"kind": "blend", "c": float(m[2] or 1.0), "w": float(m[3] or 0.5),
                "max": m[1] == "or"}
    m = re.fullmatch(r"(whole|max|both)(?:x([\d.]+))?(?:c([\d.]+))?", variant)
    if not m:
        raise SystemExit(f"unknown variant {variant}")
    return {"kind": "joint", "pool": m[1], "scale": float(m[2] or 1.0),
            "c": float(m[3] or T.C)}


def columns(spec: dict, vecs, name: str) -> np.ndarray:
    whole, pooled = vecs[name]
    parts = {"whole": [whole], "max": [pooled], "both": [whole, pooled]}[spec["pool"]]
    return np.hstack(parts) * spec["scale"]


def report(variant, sets, probs, base) -> None:
    print(f"== {variant}")
    for t in (None, *E.THRESHOLDS, SHIPPED):
        r, fb, nr, nfb = E.totals(sets, probs, t)
        print(f"  {'rules' if t is None else f't {t}':<8} R {r:.3f} ({nr}) FB {fb:.3f} ({nfb})")
    nfb_ref = E.totals(sets, base, SHIPPED)[3]
    t = E.matched(sets, probs, nfb_ref)
    r, fb, nr, nfb = E.totals(sets, probs, t)
    print(f"  at base@{SHIPPED}'s FB ({nfb_ref}): t {t} R {r:.3f} ({nr}) FB {fb:.3f} ({nfb})")
    before, after = E.blocked(sets, base, SHIPPED), E.blocked(sets, probs, t)
    lost = sum(int(before[n][i] and not after[n][i] and ex.block)
               for n in sets for i, ex in enumerate(sets[n]))
    gained = sum(int(after[n][i] and not before[n][i] and ex.block)
                 for n in sets for i, ex in enumerate(sets[n]))
    print(f"  vs base@{SHIPPED}: disclosures lost {lost}, gained {gained}")
    if variant != "base":
        beside = []
        for t2 in (0.95, 0.97, 0.98, 0.99, 0.995):
            r = fb = 0
            for n, exs in sets.items():
                for ex, a, q in zip(exs, base[n], probs[n], strict=True):
                    b = ex.rules_block or (ex.gate and (a >= SHIPPED or q >= t2))
                    r, fb = r + (b and ex.block), fb + (b and not ex.block)
            beside.append(f"t {t2}: R {r} FB {fb}")
        print(f"  beside base@{SHIPPED} (a second scorer, blocks only): " + "; ".join(beside))


def guard(sets, spec_text: str, cache: Path, old: Path) -> None:
    """A scorer retrained on every training set (the shipped recipe, or a variant) at threshold
    t, on every set bench/phi_probe_guard.py screens: items whose decision differs from main's
    product (its saved guard output OLD, shipped weights at the registry's block_at).
    ``or:VARIANT@T``: the variant as a second scorer beside the shipped one (blocks what main
    blocks, and what it scores at least T)."""
    import json

    from phi_probe_guard import sets as guard_sets
    from scipy.sparse import csr_matrix, hstack, vstack
    from sklearn.linear_model import LogisticRegression

    variant, _, t = spec_text.partition("@")
    added = variant.startswith("or:")  # a second scorer beside the shipped one: only adds blocks
    spec, t = parse(variant.removeprefix("or:")), float(t)
    other = cache.with_name(cache.stem + "_guard.json")
    if other.exists():
        loaded = json.loads(other.read_text("utf-8"))
        every = {n: [T.Example(e[0], e[1], e[2], tuple(e[3]), e[4]) for e in exs]
                 for n, exs in loaded.items()}
    else:
        every = {}
        for path in guard_sets():
            name = path.parent.name if path.name == "posts.jsonl" else path.stem
            every[name] = sets[name] if name in sets else T.load_set(path)
        other.write_text(json.dumps({n: [[e.text, e.block, e.rules_block, e.dense, e.gate]
                                          for e in exs] for n, exs in every.items()}), "utf-8")
    vec_file = cache.with_name(cache.stem + "_guard_vectors.npz")
    vecs = embed(every, vec_file)

    def x(names):
        blocks = [T.matrix(every[n], T.CLASSES) for n in names]
        if spec["kind"] == "joint":
            blocks = [hstack([b, csr_matrix(columns(spec, vecs, n))]).tocsr()
                      for b, n in zip(blocks, names, strict=True)]
        return vstack(blocks).tocsr()

    train = list(sets)
    model = LogisticRegression(C=spec["c"], max_iter=3000, class_weight="balanced")
    model.fit(x(train), np.array([ex.block for n in train for ex in sets[n]], dtype=int))
    was = json.loads(old.read_text())
    lost = fixed = gained = new_fb = 0
    print(f"== {spec_text}: fit on {len(train)} training sets, vs main ({old})")
    for n, exs in every.items():
        p = model.predict_proba(x([n]))[:, 1]
        before = [it["blocked"] for it in was[n].values()]
        now = [(a if added else ex.rules_block) or (ex.gate and q >= t)
               for ex, q, a in zip(exs, p, before, strict=True)]
        c = {"LOST": 0, "GAINED": 0, "FIXED-FB": 0, "NEW-FB": 0}
        for ex, a, b in zip(exs, before, now, strict=True):
            if a != b:
                c[("GAINED" if ex.block else "NEW-FB") if b else
                  ("LOST" if ex.block else "FIXED-FB")] += 1
        lost, gained, fixed, new_fb = (lost + c["LOST"], gained + c["GAINED"],
                                       fixed + c["FIXED-FB"], new_fb + c["NEW-FB"])
        tag = " (trained on)" if n in sets else ""
        print(f"  {n:<28}{tag:<14} " + " ".join(f"{k} {v}" for k, v in c.items()))
    print(f"  ALL: LOST {lost} GAINED {gained} FIXED-FB {fixed} NEW-FB {new_fb}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default="whole,max,both")
    ap.add_argument("--cache", type=Path, default=Path("/tmp/phi_minilm_sets.json"))
    ap.add_argument("--probs", type=Path, default=Path("/tmp/phi_minilm_probs"))
    ap.add_argument("--vectors", type=Path, default=Path("/tmp/phi_minilm_vectors.npz"))
    ap.add_argument("--table", action="store_true",
                    help="only the per-set table, from the saved probabilities")
    ap.add_argument("--guard", metavar="VARIANT@T", action="append", default=[],
                    help="retrain VARIANT on every training set and diff it at T against "
                         "main's bench/phi_probe_guard.py output (--old)")
    ap.add_argument("--old", type=Path, default=Path("/tmp/phi_guard_main.json"))
    args = ap.parse_args()
    sets = E.load(args.cache)
    if args.guard:
        for g in args.guard:
            guard(sets, g, args.cache, args.old)
        return 0
    args.probs.mkdir(exist_ok=True)
    names = ["base", *[v for v in args.variants.split(",") if v != "base"]]
    if args.table:
        E.per_set(sets, {v: E.read_probs(args.probs / f"{v}.npz") for v in names
                         if (args.probs / f"{v}.npz").exists()},
                  shipped=SHIPPED, base_matched=False)
        return 0
    mats = {n: T.matrix(exs, T.CLASSES) for n, exs in sets.items()}
    vecs = embed(sets, args.vectors)
    saved: dict[str, dict[str, np.ndarray]] = {}
    for variant in names:
        out = args.probs / f"{variant}.npz"
        if out.exists():
            saved[variant] = E.read_probs(out)
        else:
            spec = parse(variant)
            t1 = time.time()
            if spec["kind"] == "blend":
                probs = blend(sets, spec, vecs, saved["base"])
            else:
                extra = (None if spec["kind"] == "base"
                         else (lambda n, s=spec: columns(s, vecs, n)))
                probs = E.lowo(sets, {"kind": "joint" if extra else "base", "c": spec["c"]},
                               mats, {}, extra=extra)
            np.savez(out, **probs)
            saved[variant] = probs
            print(f"{variant}: LOWO in {time.time() - t1:.0f} s", file=sys.stderr)
        report(variant, sets, saved[variant], saved["base"])
    return 0


def blend(sets, spec, vecs, base) -> dict[str, np.ndarray]:
    """An embedding-only head (whole + max-pooled vectors + the rules' dense features), leave
    one set out, averaged with (or maxed against) the shipped recipe's probability."""
    from sklearn.linear_model import LogisticRegression

    def x(n):
        return np.hstack([vecs[n][0], vecs[n][1], np.array([e.dense for e in sets[n]])])

    out = {}
    for name in sets:
        rest = [n for n in sets if n != name]
        head = LogisticRegression(C=spec["c"], max_iter=3000, class_weight="balanced")
        head.fit(np.vstack([x(n) for n in rest]),
                 np.array([ex.block for n in rest for ex in sets[n]], dtype=int))
        p = head.predict_proba(x(name))[:, 1]
        out[name] = (np.maximum(base[name], p) if spec["max"]
                     else (1 - spec["w"]) * base[name] + spec["w"] * p)
    return out


if __name__ == "__main__":
    sys.exit(main())
