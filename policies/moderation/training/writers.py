"""Learned heads from independent writers' comments, stacked on the classifier's own scores.

    python -m policies.moderation.training.writers [--lowo] [--write] [--cache FILE]

The public data the first heads learned from (tweets, NLM questions, YouTube spam) does not
cover what a practice's page gets: a parent's story about their child's stitches, a member
number beside a lab question, an insult aimed at the front desk. Independent writers wrote
labelled comments for other practices: ``training/data/`` and the read writers' sets under
``bench/data`` (``WRITERS``: 35 sets, 7,631 comments; not the dev set, not an attack review,
not the five the public negative head learned from, and without the lines that share a long
run or a distinctive 5-gram with the dev set or that the public negative head learned,
``data/left_out.json``). Each flag gets a
logistic regression over

- features.py's hashed word and character n-grams and its dense cues (as the public heads),
- plus the current classifier's own per-flag scores as dense features (stacking), and the
  negative rules' own score (STACK_EXTRA): the rules, the public heads and the PHI screen's
  reading are the inputs, the writers' labels teach how far to trust each.

Each head's C and threshold are chosen by cross-validation over the writers' sets (``FOLDS``
groups of whole sets, so a practice's comments are never on both sides). ``--lowo`` evaluates
leave-one-set-out (slow with 35 sets); ``bench/moderation_writers_refit.py measure`` runs the
comparison over five groups of sets with the product path after the heads (the second look's
raise). ``--write`` trains the heads in RETRAINED on all of them, carries the rest of KEEP over
from the shipped files, and writes ``weights_writers.bin`` / ``.json`` (see MODEL_CARD.md).
The dev set is never read.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path
from typing import Any

import numpy as np

from policies.moderation.features import DENSE, N_HASH

ROOT = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
BENCH = ROOT / "bench" / "data"
# per set, the lines left out of training: those sharing an 8+ word run or a distinctive 5-gram
# with the dev set (tests/test_devset_isolation.py's checks), and those of more than 8 words
# the public negative head learned from another writer (its score would be in-sample there;
# tests/test_moderation_negative_head.py). `bench/moderation_writers_refit.py overlap` writes
# it where the dev set is at hand
LEFT_OUT = DATA / "left_out.json"


# the writers' sets the shipped self_disclosure and medical_advice heads learned from (session
# 26): training/data's writers by file stem, read writers' sets under bench/data by folder. A
# set committed later is listed in NOT_YET until a retrain takes it (a test checks that every
# labelled comment set in the repository is in one of the two, or is an attack review)
WRITERS = ("kestrel", "lantern", "magnolia", "mariposa", "redrock",
           "bayberry_comments_s15", "bayou_everyday_dev", "bayoukidney_everyday_s18",
           "bluegrasseye_everyday_s19", "buckeye_comments_s25", "cedarhollowbh_comments_s18",
           "cielo_spanish", "copperhill_comments_s21", "copperline_everyday_s14",
           "fireweed_comments_s25", "granitepeak_everyday_s15", "gulfbreeze_everyday_s21",
           "harborview_comments_s17", "lakeshore_dev", "lighthouse_comments_s11",
           "lighthousecancer_comments_s22", "northforkonc_comments_s19", "osprey_comments_s23",
           "ozark_everyday_s11", "palmetto_everyday_s20", "redrockdental_everyday_s22",
           "sagebrush_everyday_s17", "sandstone_comments_s23", "sequoia_comments_s24",
           "sierra_everyday_s13", "silverlake_comments_s14", "tallpines_comments_s20",
           "tworivers_everyday_dev", "willowcreek_comments_s13", "windward_comments_s24")
# read after the shipped heads were trained (the blind sets of sessions 26 to 43): the next
# retrain's. Session 29 measured a refit with those of 26-28, session 44 with all 36
# (bench/moderation_writers_refit.py measure --waiting); both kept the heads (docs/moderation.md)
NOT_YET = ("marigold_comments_s26", "flinthills_comments_s26", "kittiwake_comments_s27",
           "sassafras_comments_s27", "pelican_comments_s28", "cottonmill_comments_s28",
           "heron_comments_s29", "wrenhollow_comments_s29", "ocotillo_comments_s30",
           "magpie_comments_s30", "manzanita_comments_s31", "nighthawk_comments_s31",
           "pawpaw_comments_s32", "kiskadee_comments_s32",
           "shoalcreek_comments_s33", "lakeirving_comments_s33",
           "bayoulafourche_comments_s34", "redrockeye_comments_s34",
           "bluemountain_comments_s35", "mnriverent_comments_s35",
           "capefear_comments_s36", "shenandoah_comments_s36", "thunderbay_comments_s37",
           "bigsandy_comments_s37", "chillicothe_comments_s38", "nacogdoches_comments_s38",
           "valdosta_comments_s39", "keokuk_comments_s39", "carbondale_comments_s40",
           "sedalia_comments_s40", "fonddulac_comments_s41", "astoria_comments_s41",
           "hattiesburg_comments_s42", "bozeman_comments_s42",
           "texarkana_comments_s43", "brainerd_comments_s43",
           "wausau_comments_s44", "lufkin_comments_s44",
           "cheyenne_comments_s45", "sumter_comments_s45",
           "eauclaire_comments_s46", "victoria_comments_s46",
           "hutchinson_comments_s47", "hermiston_comments_s48",
           "deming_comments_s49", "hobbs_comments_s50", "gardencity_comments_s51",
           "fortmorgan_comments_s52", "guymon_comments_s53",
           "liberal_comments_s54", "carthage_comments_s55",
           "stormlake_comments_s56")


def labelled_comment_sets() -> dict[str, Path]:
    """Every labelled comment set in the repository that is not an attack review: training/
    data's writers by stem, bench/data's by folder (a review's folder holds probes*.jsonl, or
    says "review" in its name)."""
    files = {p.stem: p for p in sorted(DATA.glob("*.jsonl"))}
    for p in sorted(BENCH.glob("*/comments.jsonl")):
        if "review" in p.parent.name or "probe" in p.parent.name:
            continue
        assert p.parent.name not in files, f"two writers' sets named {p.parent.name}"
        files[p.parent.name] = p
    return files
STACK_FLAGS = ("negative", "abuse", "phi", "self_disclosure", "medical_advice", "spam")
# stacked inputs besides the flags' scores (CommentClassifier.scores(stacked=...)): the
# negative rules' own score, before the tweet-trained model is mixed into the flag's score.
# Without it the head sees only the mix, and the rules' criticism constructions ("Bring back
# the ... please", scored 0.8 by the rules, 0.40 mixed) looked like any borderline tweet score
STACK_EXTRA = ("negative_rules",)
OUT = Path(__file__).resolve().parents[1] / "weights_writers"
VERSION = "2026.12-w4"  # (w3 was session 8's unshipped modharm heads)
# C up to 10 (session 5) let n-grams of a few words flip borderline comments the team's tests
# pin ("{not json, just a brace}" negative, a named daughter's asthma self_disclosure):
# 0.1-1 with the stacked scores at scale 4 (below) keeps the n-grams a correction, not a vote
C_GRID = (0.1, 0.3, 1.0)
MIN_PRECISION = 0.85  # a head's threshold: best recall at this out-of-fold precision
# per-flag exceptions (session 7, eight writers; see MODEL_CARD.md). Trained on all eight
# with the defaults, the self_disclosure head (C 1) raised "My daughter Lily has had asthma
# since she was 3." (0.70 at the 0.50 default) and the negative head (threshold 0.775 for
# out-of-fold precision 0.85) dropped "Bring back the Tuesday walk-in clinic please" (0.35):
# C <= 0.3 for self_disclosure, and the negative threshold read at out-of-fold precision 0.83
# (0.65; at 0.82 and 0.80 it falls to 0.60 and 0.55 and "{not json, just a brace}" is raised)
# Session 26 (35 writers' sets), each head's threshold chosen on held-out sets
# (bench/moderation_writers_refit.py measure: five groups of sets, the product's path after
# the heads): self_disclosure at out-of-fold precision 0.88 (at 0.85 the harmless flags barely
# moved, at 0.88 they fell with precision and recall both up); medical_advice at 0.85 (0.88
# reads 0.899/0.934 against 0.867/0.950, the head alone before the guards, but lost the short
# "Is this rash serious?" of tests/test_moderation.py: an advice request missed is a public
# reply waiting to happen). The negative head is carried over: its 0.83 is session 7's
C_GRIDS: dict[str, tuple[float, ...]] = {"self_disclosure": (0.1, 0.3)}
MIN_PRECISIONS: dict[str, float] = {"negative": 0.83, "self_disclosure": 0.88,
                                    "medical_advice": 0.85}
# the stacked scores' column scale. 4 (the scores dominate the n-grams at a small C) was
# measured first: LOWO pooled negative 0.84/0.71, self_disclosure 0.85/0.70; 1 with C up to
# 10: 0.87/0.75 and 0.84/0.68 (see MODEL_CARD.md); 1 kept then. Session 7 (five writers,
# with negative_rules): 4 with C <= 1 negative 0.84/0.75, self_disclosure 0.85/0.72 and the
# team's tests pass; 1 with C up to 10 0.84/0.76, 0.85/0.74 and three tests fail: 4 kept
SCORE_SCALE = 4.0
# flags whose writers' head is shipped. Session 7 (eight writers) shipped negative and
# self_disclosure; session 26 retrained on 35 writers' sets (RETRAINED). On held-out sets (P/R,
# product then refit; bench/moderation_writers_refit.py measure): self_disclosure 0.879/0.899
# -> 0.880/0.905, medical_advice 0.847/0.830 -> 0.843/0.918 with classifier.py's guards and
# UNASKED (MODEL_CARD.md). Neither learns from train.py's NEGATIVE_WRITERS, whose comments the
# public negative head (one of their inputs) learned (a test checks).
# - negative gained there too (0.829/0.845 -> 0.854/0.843) but read public tweets worse
#   (TweetEval validation F1 0.533 -> 0.497; plain VADER 0.545), and with more of the flag's
#   own score kept (OWN_SHARE 0.4) the gain was gone (0.835/0.836) and TweetEval still lower
#   (0.527): the session-7 head is carried over unchanged (not in RETRAINED).
# - spam gained (0.866/0.932 -> 0.894/0.963) but released 85 of the outside reviews' spam
#   probes (bench/data/spam_review3_s19, ...: "Need fake vaccination records for school? We
#   sell them") and flagged "GO WOLVES!!!" on the dev set: it keeps the classifier's score.
# - abuse and phi hide a comment: they keep theirs (a release there needs the attack reviews
#   every one so far has failed).
KEEP = ("negative", "self_disclosure", "medical_advice")
RETRAINED = ("self_disclosure", "medical_advice")  # the others are carried over unchanged


def writer_file(name: str) -> Path:
    if name == "lakeshore":  # its name before session 26
        name = "lakeshore_dev"
    folder = BENCH / name / "comments.jsonl"
    return folder if folder.exists() else DATA / f"{name}.jsonl"


# heads that also learn each labelled request written with a "?" as a copy without it: the
# advice head otherwise leaned on the literal "?" (an outside review, session 26: requests with
# no question mark, "Is it safe to take Zyrtec while breastfeeding", released). Measured with
# bench/moderation_writers_refit.py (augment, then measure --augment): held-out writers' sets
# 0.831/0.924 -> 0.843/0.918; the review's probes 7 released and 15 newly caught -> 4 and 36;
# dev set 0.872/1.000 -> 0.919/1.000
UNASKED = ("medical_advice",)


def unasked(text: str) -> str:
    """The comment without its question marks, as many commenters write a request."""
    return " ".join(text.replace("?", " ").split())


def writer_rows(name: str) -> list[tuple[int, dict]]:
    """(line number, row) of a writers' set, less its left-out lines."""
    path = writer_file(name)
    skip = left_out().get(path.parent.name if path.parent != DATA else name, frozenset())
    return [(n, json.loads(line)) for n, line in
            enumerate(path.read_text("utf-8").splitlines(), start=1)
            if line.strip() and n not in skip]


def left_out() -> dict[str, frozenset[int]]:
    if not LEFT_OUT.exists():
        return {}
    return {name: frozenset(lines) for name, lines in
            json.loads(LEFT_OUT.read_text("utf-8"))["lines"].items()}


def load_writer(name: str) -> list[tuple[str, frozenset[str]]]:
    return [(row["text"], frozenset(row["labels"])) for _, row in writer_rows(name)]


def policy_file(name: str) -> Path | None:
    """The practice's policy beside a read set (its allow-lists); the training writers'
    practices have none: an empty allow-list."""
    path = writer_file(name)
    policy = path.with_name("policy.toml")
    return policy if path.parent != DATA and policy.exists() else None


def allow_list(policy_path: Path | None) -> Any:
    """The PHI allow-list of a practice's policy file (an empty one without it)."""
    from policies.phi import PhiAllowList

    if policy_path is None or not policy_path.exists():
        return PhiAllowList()
    return PhiAllowList.from_toml(tomllib.loads(policy_path.read_text("utf-8")).get("phi", {}))


def base_scores(texts: list[str], policy_path: Path | None, use_phi: bool = True
                ) -> list[dict[str, float]]:
    """The classifier's scores without the writers' heads (the stacked heads' inputs)."""
    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.evaluation import phi_screen_or_reason

    allow = allow_list(policy_path)
    screen = phi_screen_or_reason(allow)[0] if use_phi else None
    # the scores as the product has them when the heads read them: before the second look,
    # which raises some flags after the heads (classifier.py)
    classifier = CommentClassifier(ModerationPolicy(), screen, allow_domains=allow.domains,
                                   writers=False, second_look=False)
    findings = screen(texts) if screen else [[] for _ in texts]
    out = []
    for t, fi in zip(texts, findings, strict=True):
        stacked: dict[str, float] = {}
        s = classifier.scores(t, fi, stacked=stacked)
        out.append({**{f: s[f][0] for f in (*STACK_FLAGS, "unjudged")},
                    **{k: stacked[k] for k in STACK_EXTRA}})
    return out


def design(texts: list[str], scores: list[dict[str, float]]):
    """Hashed n-grams + dense cues (train.matrix) + the base scores, one row per text."""
    from scipy.sparse import csr_matrix, hstack

    from policies.moderation.classifier import _SharedVader
    from policies.moderation.training.train import matrix

    x = matrix(texts, _SharedVader)
    if WORDS_ONLY:
        x = x.multiply(csr_matrix(word_mask(texts, x.shape[1]))).tocsr()
    s = np.asarray([[sc[f] * SCORE_SCALE for f in (*STACK_FLAGS, *STACK_EXTRA)]
                    for sc in scores], dtype=np.float32)
    return hstack([x, csr_matrix(s)]).tocsr()


# learn word unigrams/bigrams only (character grams left at 0)? Measured LOWO 2026-12-02:
# no better (negative 0.88/0.71 vs 0.87/0.75 with character grams), so off
WORDS_ONLY = False


def word_mask(texts: list[str], width: int):
    """1 where a row's column is a word or bigram id (or a dense cue), 0 for character grams.
    The values kept are the featurizer's own (1/sqrt(all n-grams)), so scoring with every
    n-gram at run time gives the same sum: the character grams' weights are 0."""
    from policies.moderation.features import bigram_id, tokens, word_ids

    rows, cols = [], []
    for r, text in enumerate(texts):
        prev = "<s>"
        ids = set()
        for w in tokens(text):
            ids.add(bigram_id(prev, w))
            ids.add(word_ids(w)[0])
            prev = w
        ids.add(bigram_id(prev, "</s>"))
        ids.update(range(N_HASH, width))
        rows.extend([r] * len(ids))
        cols.extend(ids)
    from scipy.sparse import csr_matrix

    m = csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                   shape=(len(texts), width))
    m.data[:] = 1.0
    return m


def fit(x, y, c: float, w: np.ndarray | None = None):
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear")
    clf.fit(x, y, sample_weight=w)
    return clf


# the weight of a harmless comment that asks something ("Is the flu clinic walk-in?") in the
# heads' training (1: as written). Session 7's eight-writer heads raised two flu-clinic
# questions on Two Rivers' everyday dev set to self_disclosure; harmless questions are a small
# share of the writers' comments (most were briefed for the dev set's label mix). Measured
# 2026-12-03 (issue 13, modharm; rules of branch modharm), eight writers, Two Rivers everyday
# dev harmless flagged: weight 1 -> 8-10/105 (shipped heads 4/105), weight 3 -> 4/105; LOWO
# harmless flagged 82/728 (no heads) -> 85 (weight 1) / 75 (weight 3); but on the writers' own
# sets weight 3 flags 69 harmless against the shipped heads' 65. Not shipped (MODEL_CARD.md,
# session 8); the weight-3 heads are commit 603173d on branch modharm
HARMLESS_QUESTION_WEIGHT = 1.0


def row_weights(texts: list[str], labels: list[frozenset[str]]) -> np.ndarray | None:
    if HARMLESS_QUESTION_WEIGHT == 1.0:
        return None
    return np.asarray([HARMLESS_QUESTION_WEIGHT if not lab and "?" in t else 1.0
                       for t, lab in zip(texts, labels, strict=True)])


def pr(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    tp = int((gold & pred).sum())
    p = tp / int(pred.sum()) if pred.sum() else 1.0
    r = tp / int(gold.sum()) if gold.sum() else 1.0
    return p, r


def choose(p: np.ndarray, gold: np.ndarray, min_precision: float = 0.85) -> float:
    """The threshold with the best recall at precision >= min_precision (else best F1),
    read from out-of-fold probabilities."""
    best, best_f1 = None, (0.0, 0.5)
    for t in np.arange(0.2, 0.91, 0.025):
        prec, rec = pr(gold, p >= t)
        if prec >= min_precision and (best is None or rec > best[0]):
            best = (rec, float(t))
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        if f1 > best_f1[0]:
            best_f1 = (f1, float(t))
    return round(best[1] if best else best_f1[1], 3)


FOLDS = 5  # cross-validation groups of whole writers' sets (a threshold and a C per head)


def fold_groups(groups: np.ndarray) -> np.ndarray:
    """Each row's cross-validation fold: whole sets, dealt largest first in turn, so the
    folds are of a like size and no set is on both sides."""
    names, counts = np.unique(groups, return_counts=True)
    order = names[np.argsort(-counts, kind="stable")]
    fold_of = {name: i % FOLDS for i, name in enumerate(order)}
    return np.asarray([fold_of[g] for g in groups])


def inner(x, y, groups: np.ndarray, flag: str = "", w: np.ndarray | None = None
          ) -> tuple[float, float]:
    """(C, threshold) chosen on the training writers only: out-of-fold probabilities over
    FOLDS groups of their sets (each set its own group when there are fewer), pooled."""
    best = None
    folds = fold_groups(groups)
    for c in C_GRIDS.get(flag, C_GRID):
        oof = np.zeros(len(y))
        for g in np.unique(folds):
            tr, te = folds != g, folds == g
            if y[tr].sum() == 0:
                continue
            oof[te] = fit(x[tr], y[tr], c, None if w is None else w[tr]
                          ).predict_proba(x[te])[:, 1]
        t = choose(oof, y.astype(bool), MIN_PRECISIONS.get(flag, MIN_PRECISION))
        prec, rec = pr(y.astype(bool), oof >= t)
        key = (prec >= 0.8, rec if prec >= 0.8 else prec)
        if best is None or key > best[0]:
            best = (key, c, t)
    assert best is not None
    return best[1], best[2]


def pooled(data: dict[str, tuple[list[str], list[frozenset[str]], list[dict[str, float]]]]):
    """Every writer's comments in one design matrix: (writer names, labels, base scores,
    each row's writer, the matrix)."""
    names = list(data)
    texts = [t for n in names for t in data[n][0]]
    labels = [lab for n in names for lab in data[n][1]]
    scores = [s for n in names for s in data[n][2]]
    groups = np.asarray([n for n in names for _ in data[n][0]])
    return names, labels, scores, groups, design(texts, scores), row_weights(texts, labels)


def lowo(data: dict[str, tuple[list[str], list[frozenset[str]], list[dict[str, float]]]],
         thresholds: dict[str, float], flags: tuple[str, ...] = STACK_FLAGS) -> dict[str, Any]:
    """Per flag and held-out writer: current classifier vs stacked head, pooled over the
    folds."""
    names, labels, scores, groups, x, w = pooled(data)
    result: dict[str, Any] = {}
    for flag in flags:
        y = np.asarray([flag in lab for lab in labels])
        cur = np.asarray([s[flag] >= thresholds[flag] for s in scores])
        new = np.zeros(len(y), dtype=bool)
        prob = np.zeros(len(y))
        chosen = {}
        for g in names:
            tr, te = groups != g, groups == g
            wt = None if w is None else w[tr]
            c, t = inner(x[tr], y[tr].astype(int), groups[tr], flag, wt)
            prob[te] = fit(x[tr], y[tr].astype(int), c, wt).predict_proba(x[te])[:, 1]
            new[te] = prob[te] >= t
            chosen[g] = (c, t)
        per = {}
        for g in [*names, "all"]:
            m = np.ones(len(y), bool) if g == "all" else groups == g
            per[g] = {"current": pr(y[m], cur[m]), "stacked": pr(y[m], new[m]),
                      "support": int(y[m].sum())}
        result[flag] = {"per_writer": per, "chosen": chosen, "pred": new, "prob": prob}
    result["_groups"] = groups
    result["_labels"] = labels
    result["_scores"] = scores
    return result


def harmless_and_hides(res: dict[str, Any], thresholds: dict[str, float]) -> None:
    """Harmless comments flagged (any flag, 'unjudged' included) and false auto-hides, per
    held-out writer: the classifier as it is vs with the KEEP heads' held-out predictions."""
    from policies.moderation.policy import DEFAULT_HIDE_THRESHOLDS

    groups, labels, scores = res["_groups"], res["_labels"], res["_scores"]
    for g in [*WRITERS, "all"]:
        idx = [i for i in range(len(labels)) if g == "all" or groups[i] == g]
        cells = []
        for use in ((), KEEP):
            flagged = hides = 0
            for i in idx:
                raised = {f for f in (*STACK_FLAGS, "unjudged")
                          if scores[i][f] >= thresholds[f]}
                for f in use:
                    raised.discard(f)
                    if res[f]["pred"][i]:
                        raised.add(f)
                flagged += bool(raised) and not labels[i]
                hide = any(scores[i][f] >= max(thresholds[f], DEFAULT_HIDE_THRESHOLDS[f])
                           for f in ("phi", "abuse"))
                hides += hide and not labels[i] & {"phi", "abuse"}
            harmless = sum(1 for i in idx if not labels[i])
            cells.append(f"harmless flagged {flagged}/{harmless}, false auto-hides "
                         f"{hides}/{len(idx)}")
        print(f"{g:<10} current: {cells[0]};  with {'+'.join(KEEP)} heads: {cells[1]}")


def cached_scores(cache: Path | None, use_phi: bool) -> dict[str, tuple[list[str],
                                                                         list[frozenset[str]],
                                                                         list[dict[str, float]]]]:
    # the scores as base_scores() reads them: a cache of another reading is not reused (before
    # session 26 they included the second look's raise)
    reading = {"second_look": False, "phi": use_phi, "stack_extra": list(STACK_EXTRA)}
    stored = json.loads(cache.read_text("utf-8")) if cache and cache.exists() else {}
    if stored.get("_reading") != reading:
        stored = {"_reading": reading}
    out = {}
    for name in WRITERS:
        rows = load_writer(name)
        # and the copies the augmented heads also learn from (UNASKED), under their own key
        copies = [(unasked(t), lab) for t, lab in rows if "?" in t and lab & set(UNASKED)]
        for key, part in ((name, rows), (f"{name}#unasked", copies)):
            part_texts = [t for t, _ in part]
            if stored.get(key, {}).get("texts") != part_texts or any(
                    k not in sc for sc in stored[key]["scores"] for k in STACK_EXTRA):
                stored[key] = {"texts": part_texts, "scores": base_scores(
                    part_texts, policy_file(name), use_phi) if part_texts else []}
            out[key] = (part_texts, [lab for _, lab in part], stored[key]["scores"])
    if cache:
        cache.write_text(json.dumps(stored), "utf-8")
    return out


def train_all(data, flags: tuple[str, ...]) -> dict[str, tuple[Any, dict]]:
    """Each flag's head on every writer's comments (``data``'s "#unasked" copies aside): C and
    threshold chosen on the comments as written, then a head in UNASKED fitted with its
    requests' copies too."""
    from scipy.sparse import vstack

    originals = {n: v for n, v in data.items() if "#" not in n}
    _, labels, _, groups, x, w = pooled(originals)
    copies = {n: v for n, v in data.items() if n.endswith("#unasked")}
    out = {}
    for flag in flags:
        y = np.asarray([int(flag in lab) for lab in labels])
        c, t = inner(x, y, groups, flag, w)
        xs, ys = x, y
        if flag in UNASKED and any(v[0] for v in copies.values()):
            _, more_labels, _, _, more_x, _ = pooled({n: v for n, v in copies.items() if v[0]})
            xs = vstack([x, more_x]).tocsr()
            ys = np.concatenate([y, [int(flag in lab) for lab in more_labels]])
        ws = w if w is None or xs is x else np.concatenate([w, np.ones(len(ys) - len(y))])
        out[flag] = (fit(xs, ys, c, ws),
                     {"C": c, "threshold": t, "n": int(len(y)), "positives": int(y.sum()),
                      "unasked_copies": int(len(ys) - len(y))})
    return out


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def pack(clf, threshold: float, default: float) -> tuple[bytes, dict]:
    """int8 n-gram weights and the head's float parts. The bias is shifted so that the
    threshold chosen in training falls on the flag's default threshold in policy.py: a
    practice's [moderation.thresholds] keeps meaning "raise from this score"."""
    w = clf.coef_[0].astype(np.float64)
    hashed, dense, stack = w[:N_HASH], w[N_HASH:N_HASH + len(DENSE)], w[N_HASH + len(DENSE):]
    scale = float(np.abs(hashed).max()) / 127.0 or 1.0
    q = np.clip(np.round(hashed / scale), -127, 127).astype(np.int8)
    return q.tobytes(), {
        "scale": scale, "dense": [round(float(v), 6) for v in dense],
        "bias": round(float(clf.intercept_[0]) + _logit(default) - _logit(threshold), 6),
        "bias_shift": round(_logit(default) - _logit(threshold), 6),
        "stack": {f: round(float(v) * SCORE_SCALE, 6)
                  for f, v in zip((*STACK_FLAGS, *STACK_EXTRA), stack, strict=True)}}


def shipped_head(flag: str) -> tuple[bytes, dict]:
    """A head of the shipped weights_writers files, unchanged: its int8 n-gram weights and its
    meta, with the sets it learned from (files older than session 26 name them once, for
    every head, under "training") and its version."""
    import zlib

    meta = json.loads(OUT.with_suffix(".json").read_text("utf-8"))
    if flag not in meta["heads"]:
        raise SystemExit(f"{flag}: not in the shipped {OUT.with_suffix('.json').name} to carry "
                         "over; retrain it (--write {flag})")
    index = meta["heads"].index(flag)
    blob = zlib.decompress(OUT.with_suffix(".bin").read_bytes())
    info = dict(meta["head"][flag])
    info.setdefault("training", meta["training"])
    info.setdefault("data", meta.get("data", []))
    info.setdefault("version", meta["version"])
    return blob[index * N_HASH:(index + 1) * N_HASH], info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lowo", action="store_true")
    parser.add_argument("--lowo-flags", nargs="+", default=list(STACK_FLAGS),
                        help="the flags --lowo measures (all by default; each takes minutes)")
    parser.add_argument("--write", nargs="*", default=None,
                        help="train on all the writers and write these flags' heads")
    parser.add_argument("--cache", type=Path, default=None,
                        help="keep the base scores here (the PHI screen is slow)")
    parser.add_argument("--no-phi", action="store_true")
    parser.add_argument("--harmless-question-weight", type=float, default=None,
                        help="weight of harmless questions in training (default: "
                             "HARMLESS_QUESTION_WEIGHT)")
    args = parser.parse_args(argv)
    global HARMLESS_QUESTION_WEIGHT
    if args.harmless_question_weight is not None:
        HARMLESS_QUESTION_WEIGHT = args.harmless_question_weight
    from policies.moderation.policy import DEFAULT_THRESHOLDS

    scored = cached_scores(args.cache, not args.no_phi)
    data = {n: v for n, v in scored.items() if "#" not in n}  # the comments as written
    if args.lowo:
        flags = tuple(f for f in STACK_FLAGS if f in args.lowo_flags or f in KEEP)
        res = lowo(data, dict(DEFAULT_THRESHOLDS), flags)
        print("flag            writer      support  current P/R   stacked P/R   (C, thr)")
        for flag in flags:
            for g, m in res[flag]["per_writer"].items():
                ch = res[flag]["chosen"].get(g, "")
                print(f"{flag:<16}{g:<12}{m['support']:>7}  {m['current'][0]:.2f}/"
                      f"{m['current'][1]:.2f}     {m['stacked'][0]:.2f}/{m['stacked'][1]:.2f}"
                      f"     {ch}")
        harmless_and_hides(res, dict(DEFAULT_THRESHOLDS))
    if args.write is not None:
        import zlib

        flags = tuple(args.write) or RETRAINED
        unknown = sorted(set(flags) - set(KEEP))
        if unknown:
            parser.error(f"--write takes flags in KEEP ({', '.join(KEEP)}); not: "
                         f"{', '.join(unknown)}")
        carried = {f: shipped_head(f) for f in KEEP if f not in flags}  # before overwriting
        heads = train_all(scored, flags)
        trained = {n: len(data[n][0]) for n in data}
        packed = {f: pack(clf, info["threshold"], DEFAULT_THRESHOLDS[f])
                  for f, (clf, info) in heads.items()}
        head_meta = {f: {**packed[f][1], **heads[f][1], "version": VERSION,
                         "training": trained,
                         "data": [str(writer_file(n).relative_to(ROOT)) for n in data],
                         "left_out": {n: sorted(v) for n, v in left_out().items()
                                      if n in data},
                         "min_precision": MIN_PRECISIONS.get(f, MIN_PRECISION)}
                     for f in packed}
        for f, (weights, info) in carried.items():
            packed[f] = (weights, info)
            head_meta[f] = info
        order = [f for f in KEEP if f in packed]
        meta = {"version": VERSION, "n_hash": N_HASH, "dense": list(DENSE), "uses_vader": True,
                "stack_flags": list(STACK_FLAGS), "stack_extra": list(STACK_EXTRA),
                "heads": order,
                "head": {f: head_meta[f] for f in order},
                # every set any shipped head learned from (the negative head's test reads it)
                "training": {n: c for f in order for n, c in head_meta[f]["training"].items()},
                "harmless_question_weight": HARMLESS_QUESTION_WEIGHT}
        OUT.with_suffix(".bin").write_bytes(
            zlib.compress(b"".join(packed[f][0] for f in order), 9))
        OUT.with_suffix(".json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
        print(json.dumps(meta["head"], indent=1)[:3000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
