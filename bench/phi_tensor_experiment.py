"""Experiment (session 10): do spaCy's contextual token vectors help the learned PHI scorer?

    python bench/phi_tensor_experiment.py [--variants t2v_mean,t2v_meanmax,ner_meanmax]
    python bench/phi_tensor_experiment.py --timing

Needs scikit-learn (``.[train]``). The same leave-one-writer-out as
bench/phi_embed_experiment.py (its sets, cache, recipe, ``base`` probabilities and report:
run ``phi_embed_experiment.py --variants base`` with the same --cache and --probs first), with
the shipped features plus pooled per-token vectors from the pinned spaCy pipeline:

- ``t2v_*``: the shared ``tok2vec`` component's output, what ``doc.tensor`` holds (96 per
  token). The screen excludes that component (policies/phi/model.py), so its docs have an
  empty tensor; ``--timing`` measures what running it would add per post.
- ``ner_*``: the NER's own tok2vec (96 per token, before its projection), which the screen
  computes anyway; here it is run again, in the screen it would have to be kept from
  ``model._greedy``.

``mean`` is the mean over tokens, ``meanmax`` the mean and the element-wise max; each pooled
vector is scaled to unit length (as the embedding experiment's sentence vectors are).

Result (session 10, docs/history/phi.md "Session 10: spaCy's token vectors in the scorer"): no
variant beat the shipped recipe at equal false blocks; nothing was shipped.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

import phi_embed_experiment as E  # noqa: E402

from policies.phi.model import _UNUSED, DEFAULT_MODEL, load_nlp, pipe  # noqa: E402
from policies.phi.training import train_disclosure as T  # noqa: E402

VARIANTS = ("t2v_mean", "t2v_meanmax", "ner_meanmax")


def shared_tok2vec():
    """The pinned pipeline with only its shared tok2vec (what fills doc.tensor)."""
    import spacy

    return spacy.load(DEFAULT_MODEL, exclude=[c for c in (*_UNUSED, "ner") if c != "tok2vec"])


def ner_tok2vec(nlp):
    """The NER's own 96-wide encoder: its tok2vec chain without list2array >> linear."""
    for node in nlp.get_pipe("ner").model.walk():
        if node.name.startswith("extract_features") and node.name.endswith(
                "dropout))") and "list2array" not in node.name:
            return node
    raise SystemExit("no NER tok2vec found")


def _unit(m: np.ndarray) -> np.ndarray:
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-9)


def pooled(per_token: list[np.ndarray]) -> dict[str, np.ndarray]:
    width = max(len(t[0]) for t in per_token if len(t))
    rows = [t if len(t) else np.zeros((1, width), dtype="float32") for t in per_token]
    mean = _unit(np.vstack([r.mean(axis=0) for r in rows]))
    top = _unit(np.vstack([r.max(axis=0) for r in rows]))
    return {"mean": mean, "meanmax": np.hstack([mean, top])}


def token_vectors(sets, cache: Path) -> dict[str, dict[str, np.ndarray]]:
    """{source_pool: {set: pooled matrix}}, cached."""
    if cache.exists():
        with np.load(cache, allow_pickle=False) as saved:
            out: dict[str, dict[str, np.ndarray]] = {}
            for key in saved.files:
                kind, name = key.split("|", 1)
                out.setdefault(kind, {})[name] = saved[key]
            return out
    t2v, ner = shared_tok2vec(), ner_tok2vec(load_nlp(DEFAULT_MODEL))
    make = load_nlp(DEFAULT_MODEL).make_doc
    out = {}
    for name, exs in sets.items():
        docs = [d for d in t2v.pipe(ex.text for ex in exs)]
        for pool, m in pooled([d.tensor for d in docs]).items():
            out.setdefault(f"t2v_{pool}", {})[name] = m
        mine = [make(ex.text) for ex in exs]
        for pool, m in pooled([np.asarray(v) for v in ner.predict(mine)]).items():
            out.setdefault(f"ner_{pool}", {})[name] = m
    np.savez(cache, **{f"{k}|{n}": m for k, d in out.items() for n, m in d.items()})
    return out


def timing(sets) -> None:
    """ms per post: the screen's spaCy pass (sentencizer + NER, model.pipe) against the
    shared tok2vec that would fill doc.tensor, in turns, on every training text."""
    texts = [ex.text for exs in sets.values() for ex in exs]
    nlp, t2v = load_nlp(DEFAULT_MODEL), shared_tok2vec()
    tok2vec = t2v.get_pipe("tok2vec")
    list(pipe(nlp, texts[:200]))
    list(tok2vec.pipe(nlp.make_doc(t) for t in texts[:200]))
    screen, extra = [], []
    for _ in range(3):
        t0 = time.process_time()
        list(pipe(nlp, texts))
        screen.append(time.process_time() - t0)
        docs = [nlp.make_doc(t) for t in texts]
        t0 = time.process_time()
        list(tok2vec.pipe(docs, batch_size=64))
        extra.append(time.process_time() - t0)
    n = len(texts)
    print(f"{n} texts, CPU ms/post (best of 3): sentencizer+NER {1000 * min(screen) / n:.2f}, "
          f"shared tok2vec {1000 * min(extra) / n:.2f} "
          f"(+{100 * min(extra) / min(screen):.0f}% of the spaCy pass)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/phi_embed_sets.json"))
    ap.add_argument("--probs", type=Path, default=Path("/tmp/phi_embed_probs"))
    ap.add_argument("--vectors", type=Path, default=Path("/tmp/phi_tensor_vectors.npz"))
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--timing", action="store_true", help="only measure the ms per post")
    ap.add_argument("--table", action="store_true",
                    help="only the per-set table, from the saved probabilities")
    args = ap.parse_args()
    sets = E.load(args.cache)
    if args.timing:
        timing(sets)
        return 0
    if args.table:
        names = ["base", *args.variants.split(",")]
        E.per_set(sets, {v: E.read_probs(args.probs / f"{v}.npz") for v in names
                         if (args.probs / f"{v}.npz").exists()})
        return 0
    vectors = token_vectors(sets, args.vectors)
    mats = {n: T.matrix(exs, T.CLASSES) for n, exs in sets.items()}
    args.probs.mkdir(exist_ok=True)
    for variant in args.variants.split(","):
        out = args.probs / f"{variant}.npz"
        if out.exists():
            probs = E.read_probs(out)
        else:
            t1 = time.time()
            probs = E.lowo(sets, {"kind": "joint", "c": T.C}, mats, {},
                           extra=lambda n, v=variant: vectors[v][n] * args.scale)
            np.savez(out, **probs)
            print(f"{variant}: LOWO in {time.time() - t1:.0f} s", file=sys.stderr)
        E.report(variant, sets, probs, args.probs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
