"""Experiment (issue 13, session 9): can WordLlama's static embeddings lift the negative head
toward TweetEval validation F1 0.65, and where does the product's flag lose to the head?

    python bench/moderation_embed_ceiling.py [--mirrors /work/.mirror] [--slow] [--frontier]

Needs scikit-learn (``.[train]``). Uses ``policies.embedding.sentence_vectors`` (WordLlama's
static table from its wheel, nothing downloaded). Over exactly the negative head's training
texts and weights (training/train.py: SemEval minus TweetEval validation, UCI, TweetEval
emotion, XLM-T Spanish, the team's comments, the five writers), 10% of the public tweets are
held out (seed 13) and every candidate is fit on the rest:

- the shipped recipe (hashed n-grams + dense cues, C 8);
- embedding-only logistic regressions (mean vector; mean + max + min of the token vectors),
  standardised, and an MLP (256 hidden) on the mean vector;
- logit blends of the n-gram head with the embedding LR (weights 0.1 / 0.2 / 0.35);
- with ``--slow``: the joint model (n-grams + the 256 standardised dims scaled 0.05) and word
  clusters (k-means over the training vocabulary's WordLlama vectors, k 256 / 1024; cluster
  unigrams and bigrams hashed beside the n-grams, the NRC-Canada tweet-sentiment trick).

Printed: held-out AP / best F1 (for choosing) and TweetEval validation AP / best F1 / F1 at
0.5 (for reporting; never tuned on). The same for the abuse head on OLID validation. With
``--frontier``: the product's `negative` flag split into its parts per comment (public head,
the flag's own score before the writers' head, the writers' head), and mixes of them at the
0.40 threshold on TweetEval validation and the practice sets (dev set with the PHI screen,
Two Rivers everyday dev, lakeshore dev, team held-out). Takes 5 minutes (20 with ``--slow``)
on two shared cores.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from policies.embedding import sentence_vectors  # noqa: E402
from policies.moderation.features import tokens  # noqa: E402
from policies.moderation.training import data as D  # noqa: E402
from policies.moderation.training import train as T  # noqa: E402

SEED = 13
BLENDS = (0.1, 0.2, 0.35)


def best_f1(y: np.ndarray, p: np.ndarray) -> float:
    from sklearn.metrics import precision_recall_curve

    precision, recall, _ = precision_recall_curve(y, p)
    return float((2 * precision * recall / np.maximum(precision + recall, 1e-9)).max())


def logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


class Bench:
    """One head's training texts, a held-out slice of its public part, and a reported set."""

    def __init__(self, texts: list[str], y: list[int], w: list[float], public: int,
                 val_texts: list[str], val_y: list[int], vader: object) -> None:
        self.texts, self.val_texts = texts, val_texts
        self.y, self.w, self.yv = np.asarray(y), np.asarray(w), np.asarray(val_y)
        cut = np.random.default_rng(SEED).permutation(len(self.y))[:int(len(self.y) * 0.1)]
        self.ho = np.sort(cut[cut < public])  # only public texts are held out
        self.tr = np.setdiff1d(np.arange(len(self.y)), self.ho)
        self.X, self.Xv = T.matrix(texts, vader).tocsr(), T.matrix(val_texts, vader).tocsr()
        e, ev = sentence_vectors(texts), sentence_vectors(val_texts)
        mu, sd = e[self.tr].mean(0), e[self.tr].std(0) + 1e-6
        self.Z, self.Zv = (e - mu) / sd, (ev - mu) / sd
        self.results: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def report(self, name: str, ho: np.ndarray, val: np.ndarray, note: str = "") -> None:
        from sklearn.metrics import average_precision_score, f1_score

        self.results[name] = (ho, val)
        print(f"  {name + note:56s} held-out AP {average_precision_score(self.y[self.ho], ho):.3f} "
              f"best F1 {best_f1(self.y[self.ho], ho):.3f} | validation AP "
              f"{average_precision_score(self.yv, val):.3f} best F1 {best_f1(self.yv, val):.3f}"
              f" F1@0.5 {f1_score(self.yv, val >= 0.5):.3f}", flush=True)

    def fit(self, name: str, a, av, c: float, mlp: bool = False) -> None:
        from sklearn.linear_model import LogisticRegression
        from sklearn.neural_network import MLPClassifier

        started = time.perf_counter()
        if mlp:
            clf = MLPClassifier(hidden_layer_sizes=(256,), alpha=1e-3, early_stopping=True,
                                random_state=SEED, max_iter=60)
        else:
            clf = LogisticRegression(C=c, class_weight="balanced", max_iter=1000,
                                     solver="liblinear")
        clf.fit(a[self.tr], self.y[self.tr], sample_weight=self.w[self.tr])
        self.report(name, clf.predict_proba(a[self.ho])[:, 1], clf.predict_proba(av)[:, 1],
                    f" ({time.perf_counter() - started:.0f} s)")

    def blend(self, base: str, other: str) -> None:
        for a in BLENDS:
            mix = [1 / (1 + np.exp(-((1 - a) * logit(self.results[base][i])
                                     + a * logit(self.results[other][i])))) for i in (0, 1)]
            self.report(f"n-grams, logit + {a} x {other}", *mix)


def pooled(texts: list[str]) -> np.ndarray:
    """Mean, max and min of each text's WordLlama token vectors (768 columns)."""
    from policies.embedding import _model

    model = _model()
    table = model.embedding.astype(np.float32)
    out = np.zeros((len(texts), 3 * table.shape[1]), np.float32)
    for start in range(0, len(texts), 256):
        for j, enc in enumerate(model.tokenize(texts[start:start + 256])):
            ids = [t for t, keep in zip(enc.ids, enc.attention_mask, strict=True) if keep]
            v = table[np.clip(ids, 0, len(table) - 1)] if ids else np.zeros((1, table.shape[1]))
            out[start + j] = np.concatenate([v.mean(0), v.max(0), v.min(0)])
    return out


def cluster_features(b: Bench, k: int):
    """Hashed unigrams and bigrams of WordLlama word clusters (k-means on training words)."""
    import zlib

    from scipy.sparse import csr_matrix
    from sklearn.cluster import MiniBatchKMeans

    tok_tr, tok_v = [tokens(t) for t in b.texts], [tokens(t) for t in b.val_texts]
    counts = Counter(w for i in b.tr for w in tok_tr[i])
    fit_words = [w for w, c in counts.items() if c >= 2 and w[0] != "<"]
    words = sorted({w for ws in tok_tr + tok_v for w in ws if w[0] != "<"})
    vectors = sentence_vectors(words)
    index = {w: i for i, w in enumerate(words)}
    km = MiniBatchKMeans(n_clusters=k, random_state=SEED, batch_size=4096, n_init=3)
    cluster = km.fit(vectors[[index[w] for w in fit_words]]).predict(vectors)

    def matrix(toks: list[list[str]]):
        rows, cols, vals = [], [], []
        for r, ws in enumerate(toks):
            cs = ["<s>"] + [f"k{cluster[index[x]]}" if x in index else x for x in ws] + ["</s>"]
            feats = cs[1:-1] + [a + " " + c for a, c in zip(cs, cs[1:], strict=False)]
            for f in feats:
                rows.append(r)
                cols.append(zlib.crc32(f.encode()) & 0xFFFF)
                vals.append(1 / np.sqrt(len(feats)))
        m = csr_matrix((vals, (rows, cols)), shape=(len(toks), 1 << 16))
        m.sum_duplicates()
        return m

    return matrix(tok_tr), matrix(tok_v)


def negative_bench(m: D.Mirrors, vader: object) -> Bench:
    texts, labels = T.head_data(m, D.NON_COMMERCIAL)["negative"]
    spanish = T.spanish_count(m, "negative", D.NON_COMMERCIAL)
    public = len(texts) - spanish
    texts, labels, weights, _ = T.with_practice_comments("negative", texts, labels, spanish)
    vt, vl = D.tweeteval_validation(m, "sentiment")
    return Bench(texts, labels, weights, public, vt, [int(y == 0) for y in vl], vader)


def abuse_bench(m: D.Mirrors, vader: object) -> Bench:
    texts, labels = T.head_data(m, D.NON_COMMERCIAL)["abuse"]
    public = len(texts)
    team = T.team_comments()
    texts = texts + [t for t, _ in team]
    labels = labels + [int("abuse" in flags) for _, flags in team]
    weights = [1.0] * public + [T.TEAM_WEIGHT] * len(team)
    vt, vl = D.tweeteval_validation(m, "offensive")
    return Bench(texts, labels, weights, public, vt, vl, vader)


def frontier(mirrors: Path) -> None:
    """The negative flag's parts per comment, and mixes of them at the 0.40 threshold."""
    import moderation_eval as ME

    from policies.moderation import FLAGS, CommentClassifier, ModerationPolicy
    from policies.moderation.classifier import OWN_SHARE
    from policies.moderation.evaluation import phi_screen_or_reason
    from policies.moderation.model import models

    policy = ModerationPolicy()
    own_share = OWN_SHARE["negative"]
    parts: dict[str, dict[str, np.ndarray]] = {}
    wanted = {"dev set": "dev", "a fresh set": "Two Rivers", "lakeshore dev": "lakeshore",
              "TweetEval validation, sentiment": "TweetEval",
              "tests/data/comments/heldout": "team held-out"}
    for fresh in ("tworivers_everyday_dev", "lakeshore_dev"):
        args = argparse.Namespace(devset=ME.DEVSET, mirrors=mirrors,
                                  fresh=ROOT / "bench" / "data" / fresh / "comments.jsonl")
        for ls in ME.load_sets(args):
            name = next((v for k, v in wanted.items() if ls.title.startswith(k)), None)
            if name is None or name in parts:
                continue
            allow = ME.devset_allow_list(ls.policy_file) if ls.policy_file else None
            domains = allow.domains if allow is not None else ME.EXAMPLE_DOMAINS
            screen = phi_screen_or_reason(allow)[0] if ls.policy_file else None
            with_w = CommentClassifier(policy, screen, allow_domains=domains, writers=True)
            without = CommentClassifier(policy, screen, allow_domains=domains, writers=False)
            texts = [e.text for e in ls.examples]
            found = screen(texts) if screen else [[] for _ in texts]
            rows = []
            for text, f, e in zip(texts, found, ls.examples, strict=True):
                final, own = with_w.scores(text, f), without.scores(text, f)["negative"][0]
                head = models().score(with_w._for_model(text), explain=False)["negative"]
                other = any(final[fl][0] >= policy.threshold(fl) and final[fl][1]
                            for fl in FLAGS if fl != "negative")
                rows.append((final["negative"][0], own, head.probability, other,
                             "negative" in e.flags, not e.flags))
            cols = np.asarray(rows, dtype=float).T
            parts[name] = {"final": cols[0], "own": cols[1], "head": cols[2],
                           "other": cols[3] > 0, "gold": cols[4] > 0, "harmless": cols[5] > 0}
            parts[name]["writers"] = (cols[0] - own_share * cols[1]) / (1 - own_share)
    from sklearn.metrics import average_precision_score

    te = parts["TweetEval"]
    print("\n## the negative flag's parts on TweetEval validation (AP / best F1)")
    for part in ("head", "own", "writers", "final"):
        print(f"  {part:8s} {average_precision_score(te['gold'], te[part]):.3f} / "
              f"{best_f1(te['gold'], te[part]):.3f}")
    print("\n## mixes at threshold 0.40: P/R F1 (harmless comments flagged by any flag)")
    mixes = [("shipped", lambda d: d["final"])]
    mixes += [(f"{1 - s:.1f} writers + {s:.1f} own", lambda d, s=s: (1 - s) * d["writers"]
               + s * d["own"]) for s in (0.3, 0.4, 0.5, 0.7, 1.0)]
    mixes += [(f"{1 - s:.1f} writers + {s:.1f} head", lambda d, s=s: (1 - s) * d["writers"]
               + s * d["head"]) for s in (0.1, 0.2, 0.3, 0.5)]
    mixes += [("public head alone", lambda d: d["head"])]
    for label, mix in mixes:
        line = f"  {label:24s}"
        for name in ("TweetEval", "dev", "Two Rivers", "lakeshore", "team held-out"):
            d = parts[name]
            flagged, gold = mix(d) >= 0.40, d["gold"]
            tp, fp, fn = (flagged & gold).sum(), (flagged & ~gold).sum(), (~flagged & gold).sum()
            p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
            line += f" | {name} {p:.2f}/{r:.2f} {2 * p * r / max(p + r, 1e-9):.3f}"
            if name != "TweetEval":
                line += f" ({(d['harmless'] & (flagged | d['other'])).sum()}/" \
                        f"{d['harmless'].sum()})"
        print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--slow", action="store_true", help="joint model and word clusters")
    parser.add_argument("--frontier", action="store_true", help="the flag's parts and mixes")
    parser.add_argument("--no-abuse", action="store_true")
    args = parser.parse_args(argv)
    from policies.moderation.classifier import _vader

    m, vader = D.Mirrors(args.mirrors), _vader()
    print("## negative: held-out 10% of the public tweets | TweetEval validation sentiment")
    b = negative_bench(m, vader)
    b.fit("n-grams (shipped recipe, C 8)", b.X, b.Xv, T.C["negative"])
    b.fit("embedding mean, LR C 0.1", b.Z, b.Zv, 0.1)
    p, pv = pooled(b.texts), pooled(b.val_texts)
    mu, sd = p[b.tr].mean(0), p[b.tr].std(0) + 1e-6
    b.fit("embedding mean+max+min, LR C 0.1", (p - mu) / sd, (pv - mu) / sd, 0.1)
    b.fit("embedding mean, MLP 256", b.Z, b.Zv, 0.0, mlp=True)
    b.blend("n-grams (shipped recipe, C 8)", "embedding mean, LR C 0.1")
    b.blend("n-grams (shipped recipe, C 8)", "embedding mean, MLP 256")
    if args.slow:
        from scipy.sparse import csr_matrix, hstack

        b.fit("joint: n-grams + 0.05 x embedding", hstack([b.X, csr_matrix(b.Z * 0.05)]).tocsr(),
              hstack([b.Xv, csr_matrix(b.Zv * 0.05)]).tocsr(), T.C["negative"])
        for k in (256, 1024):
            ct, cv = cluster_features(b, k)
            b.fit(f"n-grams + 0.5 x word clusters k {k}", hstack([b.X, ct * 0.5]).tocsr(),
                  hstack([b.Xv, cv * 0.5]).tocsr(), T.C["negative"])
    if not args.no_abuse:
        print("\n## abuse: held-out 10% of OLID train + Davidson | OLID validation")
        a = abuse_bench(m, vader)
        a.fit("n-grams (shipped recipe, C 4)", a.X, a.Xv, T.C["abuse"])
        a.fit("embedding mean, LR C 0.1", a.Z, a.Zv, 0.1)
        a.blend("n-grams (shipped recipe, C 4)", "embedding mean, LR C 0.1")
    if args.frontier:
        frontier(args.mirrors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
