"""Experiment (issue 13): do WordLlama static embeddings help the negative and abuse heads?

    python bench/moderation_embed_experiment.py [--mirrors /work/.mirror] [--no-phi]

Needs scikit-learn (``.[train]``) and ``pip install 'wordllama>=0.4,<0.5'`` (not a product
dependency: the result did not justify one, see MODEL_CARD.md). Over exactly the texts and
team weight the shipped heads were trained on (training/train.py: SemEval/UCI/TweetEval-
emotion for negative, OLID train + Davidson for abuse), with mean-pooled WordLlama vectors
(l2_supercat, 256 dims, the weights inside the wheel), two candidates are trained: an
embedding-only logistic regression whose probability is averaged 50/50 with the shipped
head's (fixed before measuring), and a joint model, the shipped recipe with the 256
standardised embedding dimensions appended. Then, in the same run, the shipped model and both
candidates are measured through the product's classifier on the dev set, the fresh set and
TweetEval validation, plus the model heads alone on TweetEval validation, WordLlama's load
time and its per-comment cost. Takes about 20 minutes on two shared cores (the joint fits).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import moderation_eval as ME  # noqa: E402

from policies.moderation import ModerationPolicy  # noqa: E402
from policies.moderation import model as M  # noqa: E402
from policies.moderation.training import data as D  # noqa: E402
from policies.moderation.training import train as T  # noqa: E402

HEADS = ("negative", "abuse")
C_EMBED = 1.0  # fixed before measuring; nothing here is tuned on a measured set


def load_wordllama() -> Any:
    """WordLlama from the files inside its wheel only. ``WordLlama.load()`` (0.4.0.post1)
    looks for the tokenizer under ``tokenizer/`` while the wheel ships ``tokenizers/``, so it
    goes to huggingface.co at run time; building the inference object directly does not."""
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    pkg = Path(wordllama.__file__).parent
    with safe_open(str(pkg / "weights" / "l2_supercat_256.safetensors"), framework="np") as f:
        table = f.get_tensor("embedding.weight")
    tok = Tokenizer.from_file(str(pkg / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    return WordLlamaInference(table, tok)


def embed(wl: Any, texts: Sequence[str]) -> np.ndarray:
    out = [wl.embed(list(texts[i:i + 2048]), norm=True) for i in range(0, len(texts), 2048)]
    return np.vstack(out).astype(np.float32)


class EmbedHead:
    """Standardised embedding -> logistic regression, C chosen like train.py --search: on a
    10% slice held out of the head's own training data (AP), never on a measured set."""

    def __init__(self, x: np.ndarray, y: np.ndarray, w: np.ndarray, name: str) -> None:
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import average_precision_score
        from sklearn.preprocessing import StandardScaler

        self.scaler = StandardScaler().fit(x)
        xs = self.scaler.transform(x)
        order = np.random.default_rng(T.SEED).permutation(len(y))
        tr, ho = order[:int(len(y) * 0.9)], order[int(len(y) * 0.9):]
        best = (-1.0, 1.0)
        for c in (0.01, 0.1, 1.0):
            clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
            clf.fit(xs[tr], y[tr], sample_weight=w[tr])
            ap = average_precision_score(y[ho], clf.predict_proba(xs[ho])[:, 1])
            print(f"  {name} embedding LR C={c}: own held-out AP {ap:.3f}", flush=True)
            best = max(best, (ap, c))
        self.clf = LogisticRegression(C=best[1], class_weight="balanced", max_iter=2000)
        self.clf.fit(xs, y, sample_weight=w)

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self.clf.predict_proba(self.scaler.transform(x))


class JointHead:
    """The shipped recipe (hashed n-grams + VADER cues, same C, liblinear) with the
    standardised embedding appended as 256 more dense features."""

    def __init__(self, texts: list[str], x: np.ndarray, y: np.ndarray, w: np.ndarray,
                 name: str) -> None:
        from sklearn.linear_model import LogisticRegression
        from sklearn.preprocessing import StandardScaler

        from policies.moderation.classifier import _vader

        self.vader = _vader()
        self.scaler = StandardScaler().fit(x)
        self.clf = LogisticRegression(C=T.C[name], class_weight="balanced", max_iter=300,
                                      solver="liblinear")
        self.clf.fit(self.features(texts, x), y, sample_weight=w)

    def features(self, texts: Sequence[str], x: np.ndarray) -> Any:
        from scipy.sparse import csr_matrix, hstack

        return hstack([T.matrix(list(texts), self.vader),
                       csr_matrix(self.scaler.transform(x))]).tocsr()

    def proba(self, texts: Sequence[str], x: np.ndarray) -> np.ndarray:
        return self.clf.predict_proba(self.features(texts, x))[:, 1]


def train_heads(wl: Any, mirrors: Path) -> tuple[dict[str, EmbedHead], dict[str, JointHead]]:
    sets = T.head_data(D.Mirrors(mirrors), frozenset({"airline"}))
    team = T.team_comments()
    embed_only, joint = {}, {}
    for name in HEADS:
        texts, labels = sets[name]
        texts = texts + [t for t, _ in team]
        y = np.asarray(labels + [int(name in flags) for _, flags in team])
        w = np.asarray([1.0] * (len(texts) - len(team)) + [T.TEAM_WEIGHT] * len(team))
        started = time.perf_counter()
        x = embed(wl, texts)
        embed_only[name] = EmbedHead(x, y, w, name)
        joint[name] = JointHead(texts, x, y, w, name)
        print(f"# trained {name}: {len(texts)} texts, {int(y.sum())} positive, "
              f"{time.perf_counter() - started:.0f} s", flush=True)
    return embed_only, joint


def swapped(original: Callable, wl: Any, embed_only: dict[str, EmbedHead],
            joint: dict[str, JointHead] | None) -> Callable:
    """score_many with the negative/abuse probabilities replaced: the 50/50 blend of the
    shipped head and the embedding head, or (``joint``) the joint model's."""
    def score_many(self: Any, texts: Sequence[str], explain: bool = True,
                   vader: Any = None) -> list[dict[str, M.HeadScore]]:
        out = original(self, texts, explain, vader)
        x = embed(wl, texts)
        for name in HEADS:
            if joint is not None:
                p = joint[name].proba(texts, x)
            else:
                old_p = np.asarray([row[name].probability for row in out])
                p = 0.5 * old_p + 0.5 * embed_only[name].predict_proba(x)[:, 1]
            for row, q in zip(out, p, strict=True):
                row[name] = M.HeadScore(float(q), row[name]._explain)
        return out
    return score_many


def heads_alone(wl: Any, embed_only: dict[str, EmbedHead], joint: dict[str, JointHead],
                mirrors: Path) -> None:
    from sklearn.metrics import average_precision_score, f1_score, precision_score, recall_score

    m = D.Mirrors(mirrors)
    for task, name, positive in (("sentiment", "negative", 0), ("offensive", "abuse", 1)):
        xs, ys = D.tweeteval_validation(m, task)
        gold = np.asarray([int(y == positive) for y in ys])
        shipped = np.asarray([s[name].probability for s in
                              M.models().score_many(xs, explain=False)])
        x = embed(wl, xs)
        emb = embed_only[name].predict_proba(x)[:, 1]
        print(f"\n## model head alone, TweetEval validation {task} ({name}), threshold 0.5")
        for label, p in (("shipped n-gram", shipped), ("embedding only", emb),
                         ("50/50 blend", 0.5 * shipped + 0.5 * emb),
                         ("joint n-gram+emb", joint[name].proba(xs, x))):
            pred = p >= 0.5
            print(f"  {label:<16} AP {average_precision_score(gold, p):.3f}  F1 "
                  f"{f1_score(gold, pred):.3f}  P {precision_score(gold, pred):.3f}  "
                  f"R {recall_score(gold, pred):.3f}")


def cost(texts: Sequence[str]) -> None:
    """WordLlama's load and one-comment-at-a-time embedding, wall and CPU time."""
    w0, c0 = time.perf_counter(), time.process_time()
    wl = load_wordllama()
    wl.embed(["first comment"], norm=True)
    print(f"\n## cost\nWordLlama import + load + first comment: {time.perf_counter() - w0:.3f} s "
          f"wall, {time.process_time() - c0:.3f} s CPU (the shipped model: ~0.04 s)")
    w0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        wl.embed([t], norm=True)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(f"embedding alone, one comment per call: {len(texts) / wall:,.0f}/s wall, "
          f"{len(texts) / cpu:,.0f}/s CPU ({len(texts)} dev-set comments)")
    w0, c0 = time.perf_counter(), time.process_time()
    M.models().score_many(list(texts), explain=False)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    print(f"shipped n-gram heads, same texts: {len(texts) / wall:,.0f}/s wall, "
          f"{len(texts) / cpu:,.0f}/s CPU")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--no-phi", action="store_true")
    args = parser.parse_args(argv)
    wl = load_wordllama()
    embed_only, joint = train_heads(wl, args.mirrors)
    heads_alone(wl, embed_only, joint, args.mirrors)
    sets = ME.load_sets(argparse.Namespace(devset=ME.DEVSET, fresh=ME.FRESH if ME.FRESH.exists()
                                           else None, mirrors=args.mirrors))
    sets = [s for s in sets if not s.title.startswith("tests/data")]
    policy = ModerationPolicy()
    original = M.LinearModels.score_many
    for label, method in (("SHIPPED", original),
                          ("BLEND", swapped(original, wl, embed_only, None)),
                          ("JOINT", swapped(original, wl, embed_only, joint))):
        M.LinearModels.score_many = method  # type: ignore[method-assign]
        for ls in sets:
            ME.measure(dataclasses.replace(ls, title=f"[{label}] {ls.title}"), policy,
                       not args.no_phi, False)
    M.LinearModels.score_many = original  # type: ignore[method-assign]
    cost([e.text for e in sets[0].examples])
    return 0


if __name__ == "__main__":
    sys.exit(main())
