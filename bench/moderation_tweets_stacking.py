"""Session 24's measurement (not shipped): the writers' `negative` head retrained with public
tweets beside the three shipped writers, so that the flag might read tweets as well as the
public head does (docs/history/moderation.md, "Session 24").

    python bench/moderation_tweets_stacking.py oof DIR          # 5-fold public head, ~3 min
    python bench/moderation_tweets_stacking.py base DIR         # the tweets' stacked inputs
    python bench/moderation_tweets_stacking.py measure DIR [--weights 0.03 0.1 0.3]
                                                  [--ngrams-off] [--baseline]

`oof`: the public negative head (weights.bin) learned from every SemEval tweet, so its score
on them is in-sample. Five folds over the SemEval tweets (TweetEval validation removed as in
training; none is a TweetEval test tweet): each fold's head is trained with the shipped recipe
(train.with_practice_comments, C 8) on the other four and scores 1,200 tweets of its own.
`base`: the writers' heads' inputs (training/writers.base_scores) for those tweets, with the
public head's probability replaced by its out-of-fold value. `measure`: the writers' negative
head retrained on the shipped writers plus the tweets at each weight (threshold still chosen
on the writers' comments alone), then every flag score on TweetEval validation, the dev set
and the 16 read writers' comment sets no model learned from, printed at thresholds 0.30-0.60.
Needs scikit-learn and the git mirrors of MODEL_CARD.md (/work/.mirror)."""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MIRRORS = Path("/work/.mirror")
READ_SETS = ("bayberry_comments_s15", "bayoukidney_everyday_s18", "bluegrasseye_everyday_s19",
             "cedarhollowbh_comments_s18", "copperhill_comments_s21", "granitepeak_everyday_s15",
             "gulfbreeze_everyday_s21", "harborview_comments_s17",
             "lighthousecancer_comments_s22", "northforkonc_comments_s19", "osprey_comments_s23",
             "palmetto_everyday_s20", "redrockdental_everyday_s22", "sagebrush_everyday_s17",
             "sandstone_comments_s23", "tallpines_comments_s20")
SHIPPED_WRITERS = ("magnolia", "redrock", "lakeshore")  # weights_writers.json "training"


def oof(out: Path, sample: int = 1200) -> None:
    from policies.moderation.classifier import _vader
    from policies.moderation.training import data as D
    from policies.moderation.training.train import SEED, fit_head, matrix, with_practice_comments

    m = D.Mirrors(MIRRORS)
    val_keys = {D.tweet_key(t) for t in D.tweeteval_validation(m, "sentiment")[0]}
    sem_x, sem_y = D.semeval(m, val_keys)
    uci_x, uci_y = D.uci_sentences(m)
    emo_x, emo_y = D.tweeteval(m, "tweeteval_emotion")
    emo_y = [int(y in (0, 3)) for y in emo_y]
    es_x, es_y = D.xlmt_spanish(m, "train")
    es_y = [int(y == 0) for y in es_y]
    vader = _vader()
    fold = np.random.default_rng(SEED).integers(0, 5, len(sem_x))
    rows = []
    for k in range(5):
        xs = [t for t, f in zip(sem_x, fold, strict=True) if f != k] + uci_x + emo_x + es_x
        ys = [y for y, f in zip(sem_y, fold, strict=True) if f != k] + uci_y + emo_y + es_y
        texts, labels, weights, _ = with_practice_comments("negative", xs, ys, len(es_x))
        clf, _ = fit_head(matrix(texts, vader), labels, weights, "negative", False)
        idx = [i for i in range(len(sem_x)) if fold[i] == k]
        random.Random(k).shuffle(idx)
        idx = idx[:sample]
        p = clf.predict_proba(matrix([sem_x[i] for i in idx], vader))[:, 1]
        rows += [{"text": sem_x[i], "y": sem_y[i], "p": float(q)} for i, q in zip(idx, p,
                                                                                 strict=True)]
        print("fold", k, "done", flush=True)
    (out / "oof.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))


def base(out: Path) -> None:
    import policies.moderation.classifier as C
    from policies.moderation.model import models as real_models
    from policies.moderation.training import writers as W

    rows = [json.loads(line) for line in (out / "oof.jsonl").read_text().splitlines()]
    held_out = {r["text"]: r["p"] for r in rows}

    class OutOfFold:  # the public heads, with the negative head's out-of-fold reading
        def score(self, text, explain=True, vader=None):  # noqa: ANN001, ANN202
            scored = real_models().score(text, explain=explain, vader=vader)
            if text in held_out:
                scored["negative"] = replace(scored["negative"], probability=held_out[text])
            return scored

        def __getattr__(self, name):  # noqa: ANN001, ANN204
            return getattr(real_models(), name)

    patched = OutOfFold()
    C.models = lambda: patched
    texts = [r["text"] for r in rows]
    (out / "tweet_base.json").write_text(json.dumps(
        {"texts": texts, "y": [r["y"] for r in rows],
         "scores": W.base_scores(texts, None, use_phi=True)}))


def _train(out: Path, weight: float, ngrams_off: bool):  # noqa: ANN202
    from scipy.sparse import vstack

    from policies.moderation.features import N_HASH
    from policies.moderation.training import writers as W

    W.WRITERS = SHIPPED_WRITERS
    data = W.cached_scores(out / "writers_cache.json", True)
    tw = json.loads((out / "tweet_base.json").read_text())
    names, labels, _, groups, x, _ = W.pooled(data)
    xt = W.design(tw["texts"], tw["scores"])
    if ngrams_off:  # the tweets teach the stacked scores' weights only
        xt = xt.tolil()
        xt[:, :N_HASH] = 0
        xt = xt.tocsr()
    X = vstack([x, xt]).tocsr()
    y = np.asarray([int("negative" in lab) for lab in labels] + list(tw["y"]))
    w = np.asarray([1.0] * len(labels) + [weight] * len(tw["y"]))
    g = np.asarray(list(groups) + ["tweets"] * len(tw["y"]))
    practice = g != "tweets"
    best = None
    for c in W.C_GRID:
        oof_p = np.zeros(len(y))
        for name in names:
            tr, te = g != name, g == name
            oof_p[te] = W.fit(X[tr], y[tr], c, w[tr]).predict_proba(X[te])[:, 1]
        t = W.choose(oof_p[practice], y[practice].astype(bool), W.MIN_PRECISIONS["negative"])
        prec, rec = W.pr(y[practice].astype(bool), oof_p[practice] >= t)
        key = (prec >= 0.8, rec if prec >= 0.8 else prec)
        if best is None or key > best[0]:
            best = (key, c, t)
    _, c, t = best
    return W.fit(X, y, c, w), c, t


def _heads_file(clf, c: float, t: float, into: Path):  # noqa: ANN001, ANN202
    import policies.moderation.model as M
    from policies.moderation.policy import DEFAULT_THRESHOLDS
    from policies.moderation.training import writers as W

    meta = json.loads(M.WRITER_META.read_text())
    raw = zlib.decompress(M.WRITER_WEIGHTS.read_bytes())
    n = meta["n_hash"]
    parts = {h: raw[i * n:(i + 1) * n] for i, h in enumerate(meta["heads"])}
    parts["negative"], info = W.pack(clf, t, DEFAULT_THRESHOLDS["negative"])
    meta["head"]["negative"] = {**info, "C": c, "threshold": t}
    (into / "w.bin").write_bytes(zlib.compress(b"".join(parts[h] for h in meta["heads"]), 9))
    (into / "w.json").write_text(json.dumps(meta))
    return M.WriterHeads(into / "w.bin", into / "w.json")


def _scores() -> dict[str, list[tuple[float, bool, list[str]]]]:
    """Per set: (negative score, another flag raised, labels) for every comment."""
    from moderation_eval import devset_allow_list

    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.evaluation import phi_screen_or_reason
    from policies.moderation.policy import DEFAULT_THRESHOLDS as TH
    from policies.moderation.training.data import Mirrors, tweeteval_validation

    policy = ModerationPolicy()
    xs, ys = tweeteval_validation(Mirrors(MIRRORS), "sentiment")
    plain = CommentClassifier(policy)
    out = {"tweeteval": [(plain.scores(x, lazy=True)["negative"][0], False,
                          ["negative"] if y == 0 else []) for x, y in zip(xs, ys, strict=True)]}
    sets = [("dev", ROOT.parent / "shared/devset/comments.jsonl")]
    sets += [(s, ROOT / "bench/data" / s / "comments.jsonl") for s in READ_SETS]
    for name, path in sets:
        allow = devset_allow_list(path.with_name("policy.toml"))
        screen, _ = phi_screen_or_reason(allow)
        classifier = CommentClassifier(policy, screen, allow_domains=allow.domains)
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        texts = [r["text"] for r in rows]
        items = []
        for r, text, found in zip(rows, texts, screen(texts), strict=True):
            s = classifier.scores(text, found, lazy=True)
            others = any(s[k][0] >= TH[k] and s[k][1] for k in s if k != "negative")
            neg = s["negative"][0] if s["negative"][1] or s["negative"][0] < TH["negative"] else 0
            items.append((neg, others, r.get("labels", [])))
        out[name] = items
    return out


def _print(label: str, scored: dict) -> None:
    print("==", label)
    for t in (0.30, 0.35, 0.40, 0.45, 0.50, 0.55, 0.60):
        cells = []
        for group, names in (("tweeteval", ["tweeteval"]), ("dev", ["dev"]),
                             ("16 read sets", list(READ_SETS))):
            tp = fp = fn = flagged = harmless = 0
            for n in names:
                for neg, others, labels in scored[n]:
                    said, gold = neg >= t, "negative" in labels
                    tp, fp, fn = tp + (said and gold), fp + (said and not gold), fn + (
                        gold and not said)
                    if not labels:
                        harmless += 1
                        flagged += said or others
            p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
            f1 = 2 * p * r / max(p + r, 1e-9)
            cells.append(f"{group} P/R {p:.3f}/{r:.3f} F1 {f1:.3f}"
                         + (f" harmless {flagged}/{harmless}" if group != "tweeteval" else ""))
        print(f"  at {t:.2f}: " + " | ".join(cells), flush=True)


def measure(out: Path, weights: list[float], ngrams_off: bool, baseline: bool) -> None:
    import policies.moderation.model as M

    if baseline:
        _print("shipped writers' heads", _scores())
    for weight in weights:
        clf, c, t = _train(out, weight, ngrams_off)
        with tempfile.TemporaryDirectory() as d:
            M._WRITERS = _heads_file(clf, c, t, Path(d))
            _print(f"+ tweets at weight {weight} (C {c}, threshold {t}"
                   + (", n-grams off" if ngrams_off else "") + ")", _scores())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=("oof", "base", "measure"))
    parser.add_argument("dir", type=Path)
    parser.add_argument("--weights", type=float, nargs="*", default=[0.03, 0.1, 0.3])
    parser.add_argument("--ngrams-off", action="store_true")
    parser.add_argument("--baseline", action="store_true")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    if args.step == "oof":
        oof(args.dir)
    elif args.step == "base":
        base(args.dir)
    else:
        measure(args.dir, args.weights, args.ngrams_off, args.baseline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
