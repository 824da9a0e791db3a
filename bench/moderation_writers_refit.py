"""The writers' heads (policies/moderation/training/writers.py) refit on every independent
writer's comment set in the repository, measured leave-sets-out against the product as it is.

    python bench/moderation_writers_refit.py overlap         # the lines left out (dev set)
    python bench/moderation_writers_refit.py dump CACHE      # base scores, second look (slow)
    python bench/moderation_writers_refit.py measure CACHE [--flags self_disclosure ...]
    python bench/moderation_writers_refit.py measure CACHE --waiting [--learn-writers-only]

Until session 26 the heads learned from three writers (586 comments, session 7). The sets are
training/writers.py's WRITERS (35: ``policies/moderation/training/data`` and read writers' sets
under ``bench/data``; never the dev set, never an attack review), less the lines in
``training/data/left_out.json`` (shared with the dev set, or learned by the public negative
head).

``dump`` scores every comment as the product does before the heads (``writers=False``,
``second_look=False``, each set's own allow-list), reads it with the second look, and keeps the
product's own flags for comparison: run it BEFORE writing new weights, since that column is
whatever heads are installed (session 26's figures: dumped on main ef90e6e). ``measure`` splits
the sets into five groups (training/writers.py's ``fold_groups``); for each group it trains the
heads on the other four (C and threshold chosen inside them, by writers.py's own
cross-validation over their sets) and scores the held-out group. The held-out
scores then go through the product's path after the heads (the second look's raise, the flag's
default threshold) and are compared with the product's own flags on the same comments: per
flag precision and recall, harmless comments flagged (any flag, the language note included),
and per set. ``--waiting`` deals the groups over WRITERS and NOT_YET (the sets read since the
last retrain; ``dump`` scores both) and the heads learn from both; with
``--learn-writers-only`` each fold's heads learn only the WRITERS sets of its four groups, so
the two runs score the same held-out comments and differ only in what the heads learned. Both
print the NOT_YET sets alone and the WRITERS sets alone after the totals. Nothing here is
tuned on the dev set; the dev set is measured with the product (bench/moderation_eval.py)
after a refit is written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from policies.moderation.training.writers import STACK_FLAGS as FLAGS  # noqa: E402


def writer_sets(waiting: bool = False) -> dict[str, Path]:
    """The writers' sets the heads learn from (training/writers.py's WRITERS), and with
    ``waiting`` the next retrain's (NOT_YET)."""
    from policies.moderation.training import writers

    names = (*writers.WRITERS, *writers.NOT_YET) if waiting else writers.WRITERS
    return {name: writers.writer_file(name) for name in names}


def overlap() -> None:
    """Write training/data/left_out.json: per set, the lines sharing an 8-word run or a
    distinctive 5-gram with the dev set (tests/test_devset_isolation.py's two checks), and the
    lines of more than 8 words the public negative head learned from another writer."""
    import test_devset_isolation as iso

    from policies.moderation.training import train, writers

    learned = {text for text, _ in train.writer_comments("negative")}

    lines: dict[str, list[int]] = {}
    for name, path in writer_sets(waiting=True).items():  # the next retrain's too (the test's)
        bad = []
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            if iso.shares_devset_wording(text) or len(text.split()) > 8 and text in learned:
                bad.append(number)
        if bad:
            lines[name] = bad
    about = ("per writers' set, the line numbers left out of the writers' heads' training: they"
             " share an 8-word run or a distinctive 5-gram with the dev set, or the public"
             " negative head learned them (bench/moderation_writers_refit.py overlap)")
    body = ",\n".join(f"  {json.dumps(name)}: {json.dumps(numbers)}"
                      for name, numbers in lines.items())
    writers.LEFT_OUT.write_text(f'{{"about": {json.dumps(about)},\n "lines": {{\n{body}\n }}}}\n',
                               "utf-8")
    print(f"{sum(map(len, lines.values()))} lines in {len(lines)} sets -> {writers.LEFT_OUT}")


def dump(cache: Path) -> None:
    from policies.moderation import CommentClassifier, ModerationPolicy, second_look
    from policies.moderation.evaluation import phi_screen_or_reason
    from policies.moderation.training.writers import (
        STACK_EXTRA,
        allow_list,
        left_out,
        policy_file,
        writer_rows,
    )

    stored: dict[str, list[dict]] = {}
    for name in writer_sets(waiting=True):  # NOT_YET's too, for measure --waiting
        skip = left_out().get(name, frozenset())
        rows = writer_rows(name)
        texts = [r["text"] for _, r in rows]
        allow = allow_list(policy_file(name))
        screen = phi_screen_or_reason(allow)[0]
        findings = screen(texts)
        base = CommentClassifier(ModerationPolicy(), screen, allow_domains=allow.domains,
                                 writers=False, second_look=False)
        product = CommentClassifier(ModerationPolicy(), screen, allow_domains=allow.domains)
        shipped = product.classify_many(texts)
        looks = second_look.probabilities(texts)
        out = []
        for (number, row), text, found, flags, look in zip(rows, texts, findings, shipped,
                                                          looks, strict=True):
            stacked: dict[str, float] = {}
            s = base.scores(text, found, stacked=stacked)
            out.append({"line": number, "text": text, "labels": row.get("labels", []),
                        "base": {f: s[f][0] for f in (*FLAGS, "unjudged")},
                        "extra": {k: stacked[k] for k in STACK_EXTRA},
                        "look": look, "product": sorted(f.flag for f in flags)})
        stored[name] = out
        print(f"{name}: {len(out)} comments ({len(skip)} left out)", flush=True)
    cache.write_text(json.dumps({"sets": stored}), "utf-8")


def augment(cache: Path, out: Path) -> None:
    """Base scores of each advice request's copy without question marks (for --augment)."""
    from policies.moderation.training.writers import base_scores, policy_file, unasked

    data = json.loads(cache.read_text("utf-8"))["sets"]
    stored: dict[str, list[dict]] = {}
    for name, rows in data.items():
        picked = [r for r in rows if "medical_advice" in r["labels"] and "?" in r["text"]]
        texts = [unasked(r["text"]) for r in picked]
        scores = base_scores(texts, policy_file(name)) if texts else []
        stored[name] = [{"line": r["line"], "text": t, "labels": r["labels"],
                         "base": {k: s[k] for k in (*FLAGS, "unjudged")},
                         "extra": {"negative_rules": s["negative_rules"]}}
                        for r, t, s in zip(picked, texts, scores, strict=True)]
        print(f"{name}: {len(picked)} requests without '?'", flush=True)
    out.write_text(json.dumps({"sets": stored}), "utf-8")


def after_heads(flag: str, head: float, row: dict) -> float:
    """The flag's score after the product's steps that follow the heads (classifier.py
    ``_scores``): where disclosure.py read someone else's health (phi), self_disclosure is
    its reading, not the head's; then the second look raises a shared flag to its weighted
    mean of the two (not self_disclosure beside phi)."""
    from policies.moderation import second_look

    if flag == "self_disclosure" and row["base"]["phi"] > 0:
        head = row["base"]["self_disclosure"]
    look = row["look"]
    if look is None or row["base"]["unjudged"] >= 1.0:
        return head
    if flag in second_look.SHARES and not (flag == "self_disclosure" and row["base"]["phi"] > 0):
        # the product skips second_look.ENGLISH_ONLY flags (negative) in a Spanish comment,
        # which these rows do not mark: a negative figure here counts the share there too
        w = second_look.SHARES[flag]
        head = max(head, (1 - w) * head + w * look[flag])
    return head


def measure(cache: Path, flags: tuple[str, ...], extra: Path | None = None,
            waiting: bool = False, learn_writers_only: bool = False) -> None:
    """``waiting``: the held-out groups are dealt over WRITERS and NOT_YET, and the heads learn
    from both; with ``learn_writers_only`` too, the same groups and held-out comments, but each
    fold's heads learn only the WRITERS sets among its training groups (what the NOT_YET sets
    are measured against)."""
    from policies.moderation.classifier import RULES_STAND
    from policies.moderation.policy import DEFAULT_THRESHOLDS
    from policies.moderation.training import writers as w

    assert waiting or not learn_writers_only, "--learn-writers-only goes with --waiting"
    wanted = writer_sets(waiting=waiting)
    skip = w.left_out()  # as now (a cache dumped before a line was left out keeps it)
    stored = json.loads(cache.read_text("utf-8"))["sets"]
    missing = [name for name in wanted if name not in stored]
    assert not missing, f"not in {cache} (dump it again): {', '.join(missing)}"
    data = {name: [r for r in stored[name] if r["line"] not in skip.get(name, ())]
            for name in wanted}
    names = list(data)
    rows = [r for n in names for r in data[n]]
    groups = np.asarray([n for n in names for _ in data[n]])
    fold = w.fold_groups(groups)
    texts = [r["text"] for r in rows]
    scores = [{**r["base"], **r["extra"]} for r in rows]
    x = w.design(texts, scores)
    # training-only copies (--augment): each fold learns from its own sets' copies
    more = json.loads(extra.read_text("utf-8"))["sets"] if extra else {}
    more_rows = [(n, r) for n in names for r in more.get(n, [])
                 if r["line"] not in skip.get(n, ())]
    more_x = w.design([r["text"] for _, r in more_rows],
                      [{**r["base"], **r["extra"]} for _, r in more_rows]) if more_rows else None
    more_fold = w.fold_groups(groups)  # set -> fold, as for the originals
    fold_of_set = {g: f for g, f in zip(groups, more_fold, strict=True)}
    labels = [set(r["labels"]) for r in rows]
    new_flags = [set(r["product"]) for r in rows]
    learns = np.asarray([not learn_writers_only or g in w.WRITERS for g in groups])
    for flag in flags:
        y = np.asarray([int(flag in lab) for lab in labels])
        prob = np.zeros(len(y))
        for k in np.unique(fold):
            tr, te = (fold != k) & learns, fold == k
            c, t = w.inner(x[tr], y[tr], groups[tr], flag)
            if more_x is not None and flag in w.UNASKED:  # as writers.train_all
                from scipy.sparse import vstack

                keep = np.asarray([fold_of_set[n] != k and (not learn_writers_only
                                                            or n in w.WRITERS)
                                   for n, _ in more_rows])
                ym = np.asarray([int(flag in r["labels"]) for _, r in more_rows])[keep]
                model = w.fit(vstack([x[tr], more_x[keep]]), np.concatenate([y[tr], ym]), c)
            else:
                model = w.fit(x[tr], y[tr], c)
            p = model.predict_proba(x[te])[:, 1]
            # the bias shift of pack(): the chosen threshold lands on the default
            shift = w._logit(DEFAULT_THRESHOLDS[flag]) - w._logit(min(max(t, 1e-6), 1 - 1e-6))
            p = 1 / (1 + np.exp(-(np.log(p / (1 - p + 1e-12) + 1e-12) + shift)))
            share = w_share(flag)
            for i, pi in zip(np.flatnonzero(te), p, strict=True):
                head = (1 - share) * pi + share * rows[i]["base"][flag]
                if flag == "medical_advice" and advice_by_rules(rows[i]["text"]):
                    head = rows[i]["base"][flag]  # classifier.py: the rules read these
                if rows[i]["base"][flag] >= RULES_STAND.get(flag, 2.0):
                    head = max(head, rows[i]["base"][flag])  # classifier.py: it stands
                prob[i] = after_heads(flag, head, rows[i])
            print(f"  {flag} fold {k}: C {c}, threshold {t}", flush=True)
        raised = prob >= DEFAULT_THRESHOLDS[flag]
        for i in range(len(rows)):
            if rows[i]["base"]["unjudged"] >= 1.0:
                continue  # a language the models cannot read: the product's flags stand
            new_flags[i].discard(flag)
            if raised[i]:
                new_flags[i].add(flag)
    report(names, groups, rows, labels, new_flags)
    if waiting:
        how = "the heads learned WRITERS only" if learn_writers_only else "out of fold"
        for title, part in ((f"\nthe NOT_YET sets alone ({how}; the shipped heads never learned"
                             " them)", w.NOT_YET), ("the WRITERS sets alone", w.WRITERS)):
            print(title)
            alone = [i for i, g in enumerate(groups) if g in part]
            summary([rows[i] for i in alone], [labels[i] for i in alone],
                    [new_flags[i] for i in alone])


def advice_by_rules(text: str) -> bool:
    """classifier.py leaves a Spanish comment's advice score, and a question only about
    getting a service, to the rules (no writers' advice head)."""
    from policies.moderation.classifier import _plain, asks_only_for_access
    from policies.moderation.language import spanish

    return spanish(text) or asks_only_for_access(_plain(text), text)


def w_share(flag: str) -> float:
    from policies.moderation.classifier import OWN_SHARE

    return OWN_SHARE.get(flag, 0.0)


def pr(gold: list[bool], pred: list[bool]) -> tuple[float, float, int]:
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    return (tp / max(1, sum(pred)), tp / max(1, sum(gold)), sum(gold))


def summary(rows: list[dict], labels: list[set[str]], new_flags: list[set[str]]) -> None:
    """Per flag P/R and harmless comments flagged, product (shipped heads) -> refit heads."""
    old = [set(r["product"]) for r in rows]
    for flag in FLAGS:
        gold = [flag in lab for lab in labels]
        a = pr(gold, [flag in f for f in old])
        b = pr(gold, [flag in f for f in new_flags])
        print(f"  {flag:<16} P/R {a[0]:.3f}/{a[1]:.3f} -> {b[0]:.3f}/{b[1]:.3f}  ({a[2]})")
    harmless = [i for i, lab in enumerate(labels) if not lab]
    fo = sum(bool(old[i]) for i in harmless)
    fn = sum(bool(new_flags[i]) for i in harmless)
    print(f"  harmless flagged {fo}/{len(harmless)} -> {fn}/{len(harmless)}")


def report(names: list[str], groups: np.ndarray, rows: list[dict], labels: list[set[str]],
           new_flags: list[set[str]]) -> None:
    old = [set(r["product"]) for r in rows]
    print(f"\n{len(rows)} comments, {len(names)} sets; product (shipped heads) -> refit heads")
    summary(rows, labels, new_flags)
    print("per set: harmless flagged, then per-flag true flags kept/labelled (all flags)")
    for n in names:
        idx = [i for i in range(len(rows)) if groups[i] == n]
        h = [i for i in idx if not labels[i]]
        t_old = sum(len(labels[i] & old[i]) for i in idx)
        t_new = sum(len(labels[i] & new_flags[i]) for i in idx)
        t_all = sum(len(labels[i]) for i in idx)
        print(f"  {n:<34} harmless {sum(bool(old[i]) for i in h):>3} -> "
              f"{sum(bool(new_flags[i]) for i in h):>3} /{len(h):<4} true {t_old} -> {t_new} "
              f"/{t_all}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("overlap", "dump", "augment", "measure"))
    parser.add_argument("--augment", type=Path, default=None,
                        help="measure: also train on these copies (written by 'augment')")
    parser.add_argument("cache", type=Path, nargs="?")
    parser.add_argument("--waiting", action="store_true",
                        help="measure: over WRITERS and NOT_YET (the next retrain's sets), the "
                             "heads learning from both")
    parser.add_argument("--learn-writers-only", action="store_true",
                        help="measure --waiting: the same held-out groups, the heads learning "
                             "only WRITERS")
    parser.add_argument("--flags", nargs="+", default=None,
                        help="the heads to refit (training/writers.py's RETRAINED by default)")
    parser.add_argument("--min-precision", nargs="*", default=[], metavar="FLAG=P",
                        help="out-of-fold precision a head's threshold must reach (training/"
                             "writers.py's MIN_PRECISION and MIN_PRECISIONS otherwise)")
    args = parser.parse_args()
    from policies.moderation.training import writers

    for item in args.min_precision:
        flag, value = item.split("=")
        writers.MIN_PRECISIONS[flag] = float(value)
    if args.what == "overlap":
        overlap()
    elif args.what == "dump":
        dump(args.cache)
    elif args.what == "augment":
        assert args.augment, "augment CACHE --augment OUT"
        augment(args.cache, args.augment)
    else:
        measure(args.cache, tuple(args.flags or writers.RETRAINED), args.augment,
                args.waiting, args.learn_writers_only)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
