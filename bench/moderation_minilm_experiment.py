"""Experiment (session 11): do contextual sentence vectors (all-MiniLM-L6-v2 int8,
``policies.contextual``) help the comment classifier? Measured, not shipped by itself.

    python bench/moderation_minilm_experiment.py writers   [--cache-dir /tmp/cmtmini]
    python bench/moderation_minilm_experiment.py nested    (writers.py's nested protocol)
    python bench/moderation_minilm_experiment.py tweeteval [--mirrors /work/.mirror]
    python bench/moderation_minilm_experiment.py blend-fit [--mirrors /work/.mirror]
    python bench/moderation_minilm_experiment.py flag [moderation_eval.py arguments]
    python bench/moderation_minilm_experiment.py cost

Needs scikit-learn (``.[train]``) and the MiniLM weights (``.[experiments]``; see
policies/contextual.py). Vectors are cached as .npy files under
--cache-dir (keyed by a hash of the texts), so a re-run only fits.

``writers``: leave-one-writer-out over the independent writers' practice comments
(training/data/*.jsonl and lakeshore, as training/writers.py) plus two read everyday sets
(bayou, Two Rivers) as extra folds. Per held-out writer, for negative and self_disclosure:
the classifier without writers' heads (its default thresholds), the writers' stacked head
recipe (training/writers.py: n-grams + dense cues + the classifier's scores), the same plus
the centred MiniLM vector (x EMB_SCALE), and MiniLM + the scores without n-grams, each at C
0.1 / 0.3 / 1. Arms are compared at equal recall (one threshold on the pooled held-out
probabilities): false positives, harmless comments flagged (any flag, ``unjudged``
included), recall at the classifier's own false-positive count (``posthoc``); then the band
where MiniLM changes a decision and a "harmless vs anything" gate (``gate_detail``).
``nested``: writers.py's own protocol (C and threshold chosen inside the training folds) for
self_disclosure, recipe vs recipe + MiniLM.

``tweeteval``: the negative head's training texts and weights (training/train.py), 10% of
the public tweets held out (seed 13) for every choice; TweetEval validation only reported
(AP / best F1 / F1 at 0.5): n-grams (shipped recipe), MiniLM LR, logit blends, joint.
TweetEval test splits are never read. ``blend-fit`` keeps the MiniLM MLP of ``tweeteval`` and
``flag`` runs bench/moderation_eval.py with the shipped negative head's probability replaced
by the 0.5 logit blend (nothing else changed: the writers' heads are not retrained). ``cost``
measures paired rates and MiniLM's load. Results: MODEL_CARD.md, "Session 11".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from moderation_embed_ceiling import best_f1, logit  # noqa: E402

SEED = 13
CACHE = Path("/tmp/cmtmini")


def vectors(texts: list[str], cache: Path = CACHE) -> np.ndarray:
    """MiniLM vectors of ``texts``, cached under ``cache`` by a hash of the texts."""
    from policies.contextual import sentence_vectors

    key = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    path = cache / f"minilm_{key}.npy"
    if path.exists():
        return np.load(path)
    cache.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    v = sentence_vectors(texts)
    print(f"  embedded {len(texts)} texts in {time.perf_counter() - started:.0f} s",
          flush=True)
    np.save(path, v)
    return v


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1 / (1 + np.exp(-z))


# ---------------------------------------------------------------- TweetEval (negative head)

def negative_public(m) -> tuple[list[str], list[int]]:
    """train.head_data()["negative"] without the shipped recipe's excluded non-commercial
    airline tweets, and without loading the other heads' sources (same order)."""
    from policies.moderation.training import data as D

    val_keys = {D.tweet_key(t) for t in D.tweeteval_validation(m, "sentiment")[0]}
    sem_x, sem_y = D.semeval(m, val_keys)
    uci_x, uci_y = D.uci_sentences(m)
    emo_x, emo_y = D.tweeteval(m, "tweeteval_emotion")
    emo_y = [int(v in (0, 3)) for v in emo_y]  # anger, sadness
    es_x, es_y = D.xlmt_spanish(m, "train")
    es_y = [int(v == 0) for v in es_y]
    return sem_x + uci_x + emo_x + es_x, sem_y + uci_y + emo_y + es_y


def tweeteval(mirrors: Path, cache: Path) -> dict[str, np.ndarray]:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import average_precision_score, f1_score

    from policies.moderation.classifier import _vader
    from policies.moderation.training import data as D
    from policies.moderation.training import train as T

    m = D.Mirrors(mirrors)
    texts, labels = negative_public(m)
    spanish = len(D.xlmt_spanish(m, "train")[0])
    public = len(texts) - spanish
    texts, labels, weights, _ = T.with_practice_comments("negative", texts, labels, spanish)
    vt, vl = D.tweeteval_validation(m, "sentiment")
    y, w, yv = np.asarray(labels), np.asarray(weights), np.asarray([int(v == 0) for v in vl])
    cut = np.random.default_rng(SEED).permutation(len(y))[:int(len(y) * 0.1)]
    ho = np.sort(cut[cut < public])  # only public texts are held out
    tr = np.setdiff1d(np.arange(len(y)), ho)
    print(f"negative head: {len(y)} texts ({y.sum()} negative), held out {len(ho)}; "
          f"TweetEval validation {len(yv)} ({yv.sum()} negative)", flush=True)
    e, ev = vectors(texts, cache), vectors(vt, cache)
    vader = _vader()
    x, xv = T.matrix(texts, vader).tocsr(), T.matrix(vt, vader).tocsr()
    mu, sd = e[tr].mean(0), e[tr].std(0) + 1e-6
    z, zv = (e - mu) / sd, (ev - mu) / sd
    results: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    rows_out = []

    def report(name: str, p_ho: np.ndarray, p_val: np.ndarray) -> None:
        results[name] = (p_ho, p_val)
        row = (name, average_precision_score(y[ho], p_ho), best_f1(y[ho], p_ho),
               average_precision_score(yv, p_val), best_f1(yv, p_val),
               f1_score(yv, p_val >= 0.5))
        rows_out.append(row)
        print(f"  {name:52s} held-out AP {row[1]:.3f} best F1 {row[2]:.3f} | validation AP "
              f"{row[3]:.3f} best F1 {row[4]:.3f} F1@0.5 {row[5]:.3f}", flush=True)

    def fit(name: str, a, av, c: float, mlp: bool = False) -> None:
        if mlp:
            from sklearn.neural_network import MLPClassifier

            clf = MLPClassifier(hidden_layer_sizes=(256,), alpha=1e-2, early_stopping=True,
                                random_state=SEED, max_iter=80)
            clf.fit(a[tr], y[tr])  # MLPClassifier takes no sample weights here
        else:
            clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000,
                                     solver="liblinear")
            clf.fit(a[tr], y[tr], sample_weight=w[tr])
        report(name, clf.predict_proba(a[ho])[:, 1], clf.predict_proba(av)[:, 1])

    fit("n-grams (shipped recipe, C 8)", x, xv, T.C["negative"])
    for c in (0.03, 0.1, 0.3):
        fit(f"MiniLM only, LR C {c}", z, zv, c)
    fit("MiniLM only, MLP 256", z, zv, 0.0, mlp=True)
    # the MiniLM-only candidate with the best held-out AP is blended with the n-gram head
    cands = [r for r in rows_out if r[0].startswith("MiniLM only")]
    best_emb = max(cands, key=lambda r: r[1])[0]
    base = "n-grams (shipped recipe, C 8)"
    for a in (0.2, 0.35, 0.5, 0.65):
        report(f"blend: (1-{a}) n-gram logit + {a} x {best_emb[12:]}",
               *[sigmoid((1 - a) * logit(results[base][i]) + a * logit(results[best_emb][i]))
                 for i in (0, 1)])
    for s in (0.1, 0.3):
        fit(f"joint: n-grams + {s} x 384 standardised dims, C 8",
            hstack([x, csr_matrix(z * s)]).tocsr(), hstack([xv, csr_matrix(zv * s)]).tocsr(),
            T.C["negative"])
    print("\nchosen on the held-out slice (AP):",
          max(rows_out, key=lambda r: r[1])[0], flush=True)
    np.save(cache / "tweeteval_val_probs.npy",
            {k: v[1] for k, v in results.items()}, allow_pickle=True)
    return {k: v[1] for k, v in results.items()}

# ---------------------------------------------------------------- practice comments (LOWO)

# the writers' heads' eight writers when this was measured (session 11; training/writers.py's
# WRITERS has since grown to 35 sets, bayou's and tworivers' among them)
WRITERS = ("magnolia", "redrock", "summit", "bayside", "willow", "sandhill", "hilltop",
           "lakeshore")
EXTRA_FOLDS = ("bayou", "tworivers")  # read everyday sets, held out like a writer
HEADS = ("negative", "self_disclosure")
EMB_SCALE = 2.0  # the centred MiniLM vector's scale beside the n-grams (fixed before measuring)


def load_fold(name: str) -> tuple[list[str], list[frozenset[str]], Path | None]:
    from policies.moderation.training import writers as W

    if name in WRITERS:
        rows = W.load_writer(name)
        return [t for t, _ in rows], [lab for _, lab in rows], W.policy_file(name)
    path = ROOT / "bench" / "data" / f"{name}_everyday_dev" / "comments.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return ([r["text"] for r in rows], [frozenset(r["labels"]) for r in rows],
            path.with_name("policy.toml"))


def fold_data(cache: Path) -> dict[str, tuple[list[str], list[frozenset[str]], list[dict]]]:
    """Each fold's texts, labels and the classifier's base scores (no writers' heads; PHI
    screen on with the fold's policy file), cached in cache/base_scores.json."""
    from policies.moderation.training import writers as W

    path = cache / "base_scores.json"
    stored = json.loads(path.read_text("utf-8")) if path.exists() else {}
    out = {}
    for name in (*WRITERS, *EXTRA_FOLDS):
        texts, labels, policy = load_fold(name)
        if stored.get(name, {}).get("texts") != texts:
            started = time.perf_counter()
            stored[name] = {"texts": texts, "scores": W.base_scores(texts, policy)}
            print(f"  base scores {name}: {time.perf_counter() - started:.0f} s", flush=True)
            cache.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(stored), "utf-8")
        out[name] = (texts, labels, stored[name]["scores"])
    return out


def pooled_folds(cache: Path):
    """Every fold's comments pooled: names, texts, label sets, the classifier's scores, each
    comment's fold, harmless mask, MiniLM vectors (centred over all folds' texts, unsupervised,
    times EMB_SCALE) and the writers' heads' design matrix (n-grams + dense cues + stacked
    scores)."""
    from policies.moderation.training import writers as W

    data = fold_data(cache)
    names = list(data)
    texts = [t for n in names for t in data[n][0]]
    labels = [lab for n in names for lab in data[n][1]]
    scores = [s for n in names for s in data[n][2]]
    groups = np.asarray([n for n in names for _ in data[n][0]])
    harmless = np.asarray([not lab for lab in labels])
    e = vectors(texts, cache)
    e = (e - e.mean(0)) * EMB_SCALE
    return names, texts, labels, scores, groups, harmless, e, W.design(texts, scores)


def lowo_arm(x, y: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    """Held-out probabilities per writer (train on the other folds, C fixed). The inner
    choice of C and threshold of training/writers.py (nested leave-one-out, ~11 minutes per
    arm and flag on this machine) is left out: arms are compared at equal recall instead."""
    from policies.moderation.training import writers as W

    prob = np.zeros(len(y))
    for g in np.unique(groups):
        tr, te = groups != g, groups == g
        prob[te] = W.fit(x[tr], y[tr].astype(int), c).predict_proba(x[te])[:, 1]
    return prob


def at_recall(p: np.ndarray, gold: np.ndarray, recall: float) -> np.ndarray:
    """Decisions at the highest single threshold reaching ``recall`` on pooled probabilities."""
    need = int(np.ceil(recall * gold.sum() - 1e-9))
    t = np.sort(p[gold])[::-1][max(need, 1) - 1]
    return p >= t


def pr(gold: np.ndarray, pred: np.ndarray) -> str:
    tp = int((gold & pred).sum())
    return (f"{tp / max(int(pred.sum()), 1):.2f}/{tp / max(int(gold.sum()), 1):.2f} "
            f"(fp {int((pred & ~gold).sum())})")


def posthoc(cache: Path) -> None:
    """From the saved held-out probabilities: recall at the false-positive count of the
    classifier without writers' heads, per fold AP, and a second scale of the MiniLM part."""
    from sklearn.metrics import average_precision_score

    from policies.moderation.policy import DEFAULT_THRESHOLDS

    saved = np.load(cache / "writers_lowo.npy", allow_pickle=True).item()
    scores = json.loads((cache / "base_scores.json").read_text("utf-8"))
    folds = list(dict.fromkeys(saved["groups"].tolist()))
    base_flags = {f: np.asarray([s[f] >= DEFAULT_THRESHOLDS[f] for n in folds
                                 for s in scores[n]["scores"]]) for f in HEADS}
    groups, labels = saved["groups"], saved["labels"]
    saved.setdefault("folds", list(dict.fromkeys(groups.tolist())))
    print("\n## recall at the false-positive count of the classifier without writers' heads")
    for flag in HEADS:
        gold = np.asarray([flag in lab for lab in labels])
        fp_budget = int((base_flags[flag] & ~gold).sum())
        line = (f"  {flag}: without heads R {(base_flags[flag] & gold).sum() / gold.sum():.3f}"
                f" at fp {fp_budget}")
        for arm, per_flag in saved["probs"].items():
            p = per_flag[flag]
            order = np.argsort(-p)
            fp = np.cumsum(~gold[order])
            k = int(np.searchsorted(fp, fp_budget, side="right"))  # first k taken, fp <= budget
            line += f"; {arm} R {gold[order[:k]].sum() / gold.sum():.3f}"
        print(line)
        for arm, per_flag in saved["probs"].items():
            aps = [average_precision_score(gold[groups == g], per_flag[flag][groups == g])
                   for g in saved["folds"]]
            print(f"    per-fold AP {arm:44s} " + " ".join(f"{a:.3f}" for a in aps))


def gate_detail(cache: Path) -> None:
    """The 'harmless vs anything' gate removing only review flags (never phi or abuse, which
    can hide): which flags the harmless comments lose, and which labels go unflagged."""
    from scipy.sparse import csr_matrix, hstack

    from policies.moderation.policy import DEFAULT_THRESHOLDS
    from policies.moderation.training import writers as W

    names, texts, labels, scores, groups, harmless, e, x = pooled_folds(cache)
    review = ("negative", "self_disclosure", "medical_advice", "spam", "unjudged")
    raised = [{f for f in (*W.STACK_FLAGS, "unjudged") if s[f] >= DEFAULT_THRESHOLDS[f]}
              for s in scores]
    print("\n## gate on review flags only (phi and abuse kept), held-out, C 0.3")
    for arm, a in (("recipe", x), ("recipe + MiniLM", hstack([x, csr_matrix(e)]).tocsr())):
        p = lowo_arm(a, ~harmless, groups, 0.3)
        for tau in (0.05, 0.1, 0.15):
            kept = [r - set(review) if p[i] < tau else r for i, r in enumerate(raised)]
            h_before = sum(1 for i, r in enumerate(raised) if r and harmless[i])
            h_after = sum(1 for i, r in enumerate(kept) if r and harmless[i])
            lost: dict[str, int] = {}
            for i, (r0, r1) in enumerate(zip(raised, kept, strict=True)):
                for f in labels[i]:
                    if f in r0 and f not in r1:
                        lost[f] = lost.get(f, 0) + 1
            gone: dict[str, int] = {}
            for i, (r0, r1) in enumerate(zip(raised, kept, strict=True)):
                if harmless[i] and r0 and not r1:
                    for f in r0:
                        gone[f] = gone.get(f, 0) + 1
            silenced = sum(1 for i, (r0, r1) in enumerate(zip(raised, kept, strict=True))
                           if labels[i] and r0 and not r1)
            print(f"  {arm:16s} tau {tau}: harmless flagged {h_before} -> {h_after}"
                  f" (flags they lose {gone}); true flags lost {lost}; labelled comments "
                  f"left with no flag at all {silenced}", flush=True)


def nested(cache: Path, flag: str = "self_disclosure",
           arms: tuple[str, ...] = ("recipe", "recipe + MiniLM")) -> None:
    """training/writers.py's own protocol for one head: C and threshold chosen inside the
    training folds (nested leave-one-out), recipe vs recipe + MiniLM; harmless flagged with
    the other flags as the classifier raises them."""
    from scipy.sparse import csr_matrix, hstack

    from policies.moderation.policy import DEFAULT_THRESHOLDS
    from policies.moderation.training import writers as W

    names, texts, labels, scores, groups, harmless, e, x = pooled_folds(cache)
    gold = np.asarray([flag in lab for lab in labels])
    others = np.zeros(len(labels), bool)
    for f in (*W.STACK_FLAGS, "unjudged"):
        if f != flag:
            others |= np.asarray([s[f] >= DEFAULT_THRESHOLDS[f] for s in scores])
    own = np.asarray([s[flag] >= DEFAULT_THRESHOLDS[flag] for s in scores])
    print(f"\n## {flag}, nested choice of C and threshold (training/writers.py inner())")
    print(f"  classifier without heads: {pr(gold, own)}; harmless flagged "
          f"{((own | others) & harmless).sum()}/{harmless.sum()}", flush=True)
    for arm, a in (("recipe", x), ("recipe + MiniLM", hstack([x, csr_matrix(e)]).tocsr())):
        if arm not in arms:
            continue
        started = time.perf_counter()
        pred = np.zeros(len(labels), bool)
        chosen = {}
        for g in names:
            tr, te = groups != g, groups == g
            c, t = W.inner(a[tr], gold[tr].astype(int), groups[tr], flag)
            pred[te] = W.fit(a[tr], gold[tr].astype(int), c).predict_proba(a[te])[:, 1] >= t
            chosen[g] = (c, t)
        print(f"  {arm:16s} {pr(gold, pred)}; harmless flagged "
              f"{((pred | others) & harmless).sum()}/{harmless.sum()} (by this head "
              f"{(pred & harmless).sum()}) [{time.perf_counter() - started:.0f} s] {chosen}",
              flush=True)


def writers_part(cache: Path) -> None:
    from scipy.sparse import csr_matrix, hstack

    from policies.moderation.classifier import _SharedVader
    from policies.moderation.features import DENSE
    from policies.moderation.policy import DEFAULT_THRESHOLDS
    from policies.moderation.training import train as T
    from policies.moderation.training import writers as W

    names, texts, labels, scores, groups, harmless, e, x = pooled_folds(cache)
    print(f"{len(texts)} comments in {len(names)} folds, {harmless.sum()} harmless", flush=True)
    dense = T.matrix(texts, _SharedVader)[:, -len(DENSE):].toarray()
    s = np.asarray([[sc[f] * W.SCORE_SCALE for f in (*W.STACK_FLAGS, *W.STACK_EXTRA)]
                    for sc in scores])
    arms = {
        "recipe (n-grams + scores)": x,
        f"recipe + MiniLM x{EMB_SCALE:g}": hstack([x, csr_matrix(e)]).tocsr(),
        "MiniLM + scores + dense cues (no n-grams)": np.hstack([e, s, dense]),
    }
    thr = dict(DEFAULT_THRESHOLDS)
    base = {f: np.asarray([sc[f] >= thr[f] for sc in scores]) for f in (*W.STACK_FLAGS,
                                                                       "unjudged")}
    from sklearn.metrics import average_precision_score

    c_grid = {"negative": (0.1, 0.3, 1.0), "self_disclosure": (0.1, 0.3, 1.0)}
    probs: dict[str, dict[str, np.ndarray]] = {}
    golds = {f: np.asarray([f in lab for lab in labels]) for f in HEADS}
    for flag in HEADS:
        gold = golds[flag]
        print(f"\n## {flag} ({gold.sum()} positives), pooled held-out: AP; false positives "
              f"(harmless among them) at recall 0.80 / 0.85 / 0.90", flush=True)
        print(f"  classifier without writers' heads at its threshold: {pr(gold, base[flag])}")
        for arm, a in arms.items():
            best = None
            for c in c_grid[flag]:
                started = time.perf_counter()
                p = lowo_arm(a, gold, groups, c)
                ap = average_precision_score(gold, p)
                cells = []
                for r in (0.80, 0.85, 0.90):
                    d = at_recall(p, gold, r)
                    cells.append(f"{(d & ~gold).sum()} ({(d & harmless).sum()})")
                print(f"  {arm:44s} C {c:<4} AP {ap:.3f}  fp {' / '.join(cells)}  "
                      f"[{time.perf_counter() - started:.0f} s]", flush=True)
                if best is None or ap > best[0]:
                    best = (ap, c, p)
            probs.setdefault(arm, {})[flag] = best[2]
            print(f"      best C {best[1]} (chosen on these held-out folds, for every arm)")
    np.save(cache / "writers_lowo.npy", {"probs": probs, "groups": groups, "folds": names,
                                         "labels": [sorted(lab) for lab in labels]},
            allow_pickle=True)

    def flagged(decisions: dict[str, np.ndarray]) -> np.ndarray:
        raised = np.zeros(len(labels), bool)
        for f, d in base.items():
            raised |= decisions.get(f, d)
        return raised

    only_unjudged = harmless & base["unjudged"] & ~np.any(
        [base[f] for f in W.STACK_FLAGS], axis=0)
    ref = "recipe (n-grams + scores)"
    emb_arm = f"recipe + MiniLM x{EMB_SCALE:g}"
    print("\n## harmless comments flagged (any flag, unjudged included), both heads at the "
          "same recall per label (one threshold on the pooled held-out probabilities)")
    f0 = flagged({})
    print(f"  classifier without writers' heads: {(f0 & harmless).sum()}/{harmless.sum()} "
          f"(only 'unjudged' {only_unjudged.sum()}); recall "
          + ", ".join(f"{f} {(base[f] & golds[f]).sum() / golds[f].sum():.3f}"
                      for f in HEADS))
    targets = {"recall of the classifier without heads":
               {f: (base[f] & golds[f]).sum() / golds[f].sum() for f in HEADS},
               "recall 0.90 each": dict.fromkeys(HEADS, 0.90)}
    equal: dict[str, dict[str, dict[str, np.ndarray]]] = {}
    for tname, target in targets.items():
        print(f"  at {tname}:")
        for arm in arms:
            dec = {f: at_recall(probs[arm][f], golds[f], target[f]) for f in HEADS}
            equal.setdefault(tname, {})[arm] = dec
            fl = flagged(dec)
            per = " ".join(f"{g} {(fl & harmless & (groups == g)).sum()}"
                           for g in names)
            print(f"    {arm:44s} harmless flagged {(fl & harmless).sum()}/{harmless.sum()}"
                  f"  [{per}]; by the heads: " + ", ".join(
                      f"{f} {(dec[f] & harmless).sum()}" for f in HEADS))

    print("\n## uncertain band: recipe decisions MiniLM changes (held-out, recall of the "
          "classifier without heads)")
    tname = "recall of the classifier without heads"
    total_band = np.zeros(len(labels), bool)
    for flag in HEADS:
        gold = golds[flag]
        p, d = probs[ref][flag], equal[tname][ref][flag]
        e_d = equal[tname][emb_arm][flag]
        t = p[d].min()
        dist = np.abs(logit(p) - logit(np.asarray(t)))
        changed = d != e_d
        good = (changed & (e_d == gold)).sum()
        print(f"  {flag}: {changed.sum()} decisions change ({good} to the right label, "
              f"{changed.sum() - good} to the wrong one)")
        for q in (0.5, 0.8, 0.9, 1.0):
            delta = float(np.quantile(dist[changed], q)) if changed.any() else 0.0
            band = dist <= delta
            if q == 0.9:
                total_band |= band
            print(f"    band holding {q:.0%} of them: |logit - thr| <= {delta:.2f}, "
                  f"{band.mean():.1%} of comments")
    print(f"  both heads, 90% bands together: {total_band.mean():.1%} of comments")

    print("\n## 'harmless vs anything' gate (held-out, C 0.3): flags of the classifier "
          "without heads removed where P(labelled) < tau")
    any_label = ~harmless
    for arm in (ref, emb_arm):
        p = lowo_arm(arms[arm], any_label, groups, 0.3)
        print(f"  {arm}: AP labelled-vs-harmless {average_precision_score(any_label, p):.3f}")
        for tau in (0.1, 0.2, 0.3):
            drop = f0 & (p < tau)
            print(f"    tau {tau}: harmless unflagged {(drop & harmless).sum()} of "
                  f"{(f0 & harmless).sum()}, labelled comments losing every flag "
                  f"{(drop & any_label).sum()}", flush=True)

# ---------------------------------------------------------------- the blend in the product

def blend_fit(mirrors: Path, cache: Path) -> None:
    """Refit the MiniLM MLP of ``tweeteval`` (same texts, same 90% split, same seed) and keep
    it with its standardisation in cache/minilm_mlp.pkl for ``flag``."""
    import pickle

    from sklearn.neural_network import MLPClassifier

    from policies.moderation.training import data as D
    from policies.moderation.training import train as T

    m = D.Mirrors(mirrors)
    texts, labels = negative_public(m)
    spanish = len(D.xlmt_spanish(m, "train")[0])
    public = len(texts) - spanish
    texts, labels, _, _ = T.with_practice_comments("negative", texts, labels, spanish)
    y = np.asarray(labels)
    cut = np.random.default_rng(SEED).permutation(len(y))[:int(len(y) * 0.1)]
    tr = np.setdiff1d(np.arange(len(y)), np.sort(cut[cut < public]))
    e = vectors(texts, cache)
    mu, sd = e[tr].mean(0), e[tr].std(0) + 1e-6
    clf = MLPClassifier(hidden_layer_sizes=(256,), alpha=1e-2, early_stopping=True,
                        random_state=SEED, max_iter=80)
    clf.fit((e[tr] - mu) / sd, y[tr])
    (cache / "minilm_mlp.pkl").write_bytes(pickle.dumps({"mlp": clf, "mu": mu, "sd": sd}))
    print("kept", cache / "minilm_mlp.pkl")


BLEND = 0.5  # the MLP's share of the negative head's logit (best held-out AP in ``tweeteval``)


def install_blend(cache: Path) -> None:
    """Make the shared public heads' `negative` probability the logit blend of the shipped
    head and the MiniLM MLP (the writers' heads and the rules as they are: they read the
    public head's score as an input, unretrained)."""
    import pickle

    from policies.contextual import sentence_vectors
    from policies.moderation.model import models

    # written by blend_fit above into the local cache directory, not downloaded
    kept = pickle.loads((cache / "minilm_mlp.pkl").read_bytes())  # noqa: S301
    lm = models()
    original = lm.score_many
    memo: dict[str, float] = {}

    def mlp_prob(texts: list[str]) -> list[float]:
        todo = [t for t in dict.fromkeys(texts) if t not in memo]
        if todo:
            z = (sentence_vectors(todo) - kept["mu"]) / kept["sd"]
            for t, q in zip(todo, kept["mlp"].predict_proba(z)[:, 1], strict=True):
                memo[t] = float(q)
        return [memo[t] for t in texts]

    def score_many(texts, explain=True, vader=None, offsets=None):
        from policies.moderation.model import HeadScore

        out = original(texts, explain, vader, offsets)
        for scores, q in zip(out, mlp_prob(list(texts)), strict=True):
            head = scores["negative"]
            z = ((1 - BLEND) * logit(np.asarray(head.probability))
                 + BLEND * logit(np.asarray(q)))
            scores["negative"] = HeadScore(float(sigmoid(z)), head._explain)
        return out

    lm.score_many = score_many  # type: ignore[method-assign]


def flag(rest: list[str], cache: Path) -> None:
    """bench/moderation_eval.py with the blended negative head (arguments passed on)."""
    import moderation_eval as ME

    install_blend(cache)
    ME.main(rest)


# ---------------------------------------------------------------- cost

def cost(n: int = 2000) -> None:
    """Paired rates (bench/moderation_throughput.paired_rates): the classifier without the PHI
    screen, MiniLM one comment at a time and in batches of 32; the combined rate if MiniLM
    reads a share f of the comments (a second look in an uncertain band); MiniLM's load."""
    import itertools
    import statistics
    import subprocess

    import moderation_throughput as MT

    from policies.contextual import sentence_vectors
    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.evaluation import load_corpus

    corpus = [e.text for split in ("dev", "heldout")
              for e in load_corpus(MT.CORPUS / f"{split}.jsonl")]
    texts = [f"{t} {i}" for i, t in enumerate(itertools.islice(itertools.cycle(corpus), n))]
    classifier = CommentClassifier(ModerationPolicy())
    rates = MT.paired_rates({
        "classifier": classifier.classify_many,
        "minilm, one at a time": lambda b: [sentence_vectors([t]) for t in b],
        "minilm, batch 32": lambda b: sentence_vectors(b, batch=32)}, texts, 64)
    for k, v in rates.items():
        print(f"  {k:24s} {v:8.0f} comments/s")
    print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    fast, slow = rates["classifier"], rates["minilm, one at a time"]
    for f in (0.01, 0.03, 0.05, 0.09, 0.185, 1.0):
        print(f"  MiniLM on {f:6.1%} of comments: {1 / (1 / fast + f / slow):7.0f} comments/s")
    need = (1 / MT.TARGETS["without PHI screen"] - 1 / fast) * slow
    print(f"  largest share that keeps {MT.TARGETS['without PHI screen']:.0f}/s at these "
          f"rates: {max(need, 0):.1%}")
    code = ("import time; t = time.perf_counter(); "
            "from policies.contextual import sentence_vectors; sentence_vectors(['hi there']); "
            "print(time.perf_counter() - t)")
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                  text=True, check=True, cwd=ROOT).stdout.strip().split()[-1])
             for _ in range(3)]
    print(f"  MiniLM import + load + first comment, fresh process: median "
          f"{statistics.median(times):.2f} s ({', '.join(f'{t:.2f}' for t in times)})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=("writers", "posthoc", "nested", "tweeteval", "cost",
                                         "blend-fit", "flag"))
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--cache-dir", type=Path, default=CACHE)
    parser.add_argument("--flag", default="self_disclosure", help="nested: the head")
    parser.add_argument("--arms", nargs="+", default=["recipe", "recipe + MiniLM"],
                        help="nested: the arms to run")
    args, rest = parser.parse_known_args(argv)
    if args.part == "flag":
        flag(rest, args.cache_dir)
    elif args.part == "blend-fit":
        blend_fit(args.mirrors, args.cache_dir)
    elif args.part == "tweeteval":
        tweeteval(args.mirrors, args.cache_dir)
    elif args.part == "nested":
        nested(args.cache_dir, args.flag, tuple(args.arms))
    elif args.part == "cost":
        cost()
    elif args.part == "posthoc":
        posthoc(args.cache_dir)
        gate_detail(args.cache_dir)
    else:
        writers_part(args.cache_dir)
        posthoc(args.cache_dir)
        gate_detail(args.cache_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main())
