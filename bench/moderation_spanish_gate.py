"""Session 25's measurement (not shipped): a learned gate for the Spanish "low confidence"
note. A logistic head over the comment models' n-grams, trained on the independent writers'
Spanish comments (training/data and the read sets under bench/data named in BENCH_SETS; never
the dev set, never a review's probes), reads whether a Spanish comment could hold a flag the
classifier reads weakly in Spanish (abuse, medical_advice, phi, self_disclosure:
``language.SPANISH_WEAK``). Below GATE, a health or care word or someone spoken of would no
longer earn the note (a negative lean and a number or handle still would).

    python bench/moderation_spanish_gate.py loso            # leave-one-set-out table
    python bench/moderation_spanish_gate.py product OUT.json  # every labelled set and probe
        set as bench/moderation_guard.py reads them, with the gate (leave one set out on the
        writers' sets it learns from); compare with a guard run of main:
        python bench/moderation_spanish_gate.py queue OLD.json OUT.json

Result (docs/history/moderation.md, "Session 25"): leave-one-set-out AUC 0.992 over 817 comments of
38 sets; on the writers' sets 57 harmless comments leave the queue and no labelled one does;
on the attackers' Spanish probes (cmtnames_review*_s10, spanish_review_s9) 26 must-flag
comments leave the queue ("¿<Name> con VIH?", dosing questions): the gate reads short gossip
about a named person as a service question. Not shipped. Needs scikit-learn.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from policies.moderation import language  # noqa: E402
from policies.moderation.training import second_look  # noqa: E402
from policies.moderation.training.train import matrix  # noqa: E402

DATA = ROOT / "policies/moderation/training/data"
GATE = 0.2
WEAK = frozenset(language.SPANISH_WEAK)
# read comment sets under bench/data written by independent writers (each folder's README says
# who and when); sessions 9-24. Not the review folders (attackers' probes: release checks).
BENCH_SETS = (
    "bayberry_comments_s15", "bayou_everyday_dev", "bayoukidney_everyday_s18",
    "bluegrasseye_everyday_s19", "cedarhollowbh_comments_s18", "cielo_spanish",
    "copperhill_comments_s21", "copperline_everyday_s14", "granitepeak_everyday_s15",
    "gulfbreeze_everyday_s21", "harborview_comments_s17", "lakeshore_dev",
    "lighthouse_comments_s11", "lighthousecancer_comments_s22", "northforkonc_comments_s19",
    "osprey_comments_s23", "ozark_everyday_s11", "palmetto_everyday_s20",
    "redrockdental_everyday_s22", "sagebrush_everyday_s17", "sandstone_comments_s23",
    "sequoia_comments_s24", "sierra_everyday_s13", "silverlake_comments_s14",
    "tallpines_comments_s20", "tworivers_everyday_dev", "willowcreek_comments_s13",
    "windward_comments_s24",
)
# lines of the sets above sharing an 8+ word run or a distinctive 5-gram with the dev set
# (tests/test_devset_isolation.py), beside those the second look already leaves out
EXCLUDED: dict[str, frozenset[int]] = {
    **second_look.EXCLUDED,
    "bayoukidney_everyday_s18": frozenset({5, 123, 145, 167}),
    "bluegrasseye_everyday_s19": frozenset({31, 67, 71, 161}),
    "cedarhollowbh_comments_s18": frozenset({33, 68}),
    "copperhill_comments_s21": frozenset({116, 136, 205, 235}),
    "granitepeak_everyday_s15": frozenset({44}),
    "gulfbreeze_everyday_s21": frozenset({21, 146, 170, 175}),
    "harborview_comments_s17": frozenset({88, 187, 230}),
    "lighthousecancer_comments_s22": frozenset({81}),
    "northforkonc_comments_s19": frozenset({15}),
    "osprey_comments_s23": frozenset({56, 87, 169, 212}),
    "palmetto_everyday_s20": frozenset({11, 32}),
    "redrockdental_everyday_s22": frozenset({91, 124, 182, 199}),
    "sagebrush_everyday_s17": frozenset({31, 46, 91}),
    "sandstone_comments_s23": frozenset({197}),
    "sequoia_comments_s24": frozenset({2, 36, 52}),
    "tallpines_comments_s20": frozenset({65, 90, 129, 144, 158, 160, 211, 212, 234}),
    "windward_comments_s24": frozenset({144, 158}),
}
C = 4.0  # from the leave-one-set-out table (C 1: AUC 0.987, C 16: 0.993)


def training_files() -> dict[str, Path]:
    files = {f"writers/{f.stem}": f for f in sorted(DATA.glob("*.jsonl"))}
    files.update({name: ROOT / "bench" / "data" / name / "comments.jsonl" for name in BENCH_SETS})
    return files


def training_comments() -> Iterator[tuple[Path, int, str, tuple[str, ...]]]:
    """(file, line number, text, labels) of every comment the gate may learn from (English
    too: the caller keeps the Spanish ones)."""
    return second_look.training_comments(training_files(), EXCLUDED)


def spanish_rows() -> tuple[list[str], np.ndarray, np.ndarray]:
    """The Spanish comments: texts, weak label (0/1), and the set each came from."""
    texts, labels, groups = [], [], []
    for path, _, text, flags in training_comments():
        if language.spanish(text):
            texts.append(text)
            labels.append(int(bool(WEAK & set(flags))))
            groups.append(set_of(path))
    return texts, np.asarray(labels), np.asarray(groups)


def _fitted(x, y: np.ndarray, c: float = C):
    """The gate's logistic regression, fitted on the rows ``x`` (the comment models' matrix)."""
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)


def set_of(path: Path) -> str:
    """The set a comment file belongs to: its folder, or a training file's stem."""
    return path.parent.name if path.name == "comments.jsonl" else path.stem


def loso_models(x, y: np.ndarray, groups: np.ndarray, c: float = C) -> dict[str, Any]:
    """Per set, a gate trained on every other set."""
    return {g: _fitted(x[groups != g], y[groups != g], c) for g in sorted(set(groups))}


def loso(texts: list[str], y: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    """Each set's comments scored by a gate trained on every other set."""
    p = np.zeros(len(texts))
    x = matrix(texts, None)
    for g, model in loso_models(x, y, groups, c).items():
        p[groups == g] = model.predict_proba(x[groups == g])[:, 1]
    return p


def product(out: Path) -> None:
    """Guard-format JSON of every set with the gate in the Spanish note."""
    import moderation_guard as guard

    texts, y, groups = spanish_rows()
    x = matrix(texts, None)
    models = loso_models(x, y, groups)
    full = _fitted(x, y)
    current: dict[str, str] = {}
    original = language.spanish_note

    def gated(text: str, *, health_or_care: bool, negative: float) -> tuple[float, str]:
        model = models.get(current["set"], full)
        if model.predict_proba(matrix([text], None))[0, 1] >= GATE:
            return original(text, health_or_care=health_or_care, negative=negative)
        why = (["it reads as negative"] if negative >= language.SPANISH_LEAN else []) + (
            ["it carries a number or a handle"] if language._CONTACT.search(text) else [])
        return (language.SPANISH_SCORE, language.SPANISH_REASON.format(why=" and ".join(why))
                ) if why else (0.0, "")

    language.spanish_note = gated
    result = {}
    for path in guard.sets():
        current["set"] = set_of(path)
        rows = [json.loads(line) for line in path.read_text("utf-8").split("\n") if line.strip()]
        items = {}
        for i, (row, (flags, hidden)) in enumerate(zip(rows, guard.classify(path), strict=True)):
            reqs, must, may = guard.gold(path, row)
            items[row.get("id") or f"line{i + 1}"] = {
                "flags": flags, "hidden": hidden, "reqs": reqs, "must_hide": must,
                "may_hide": may, "text": row["text"]}
        result[guard.set_name(path)] = items
    out.write_text(json.dumps(result))


def queue(old: Path, new: Path) -> None:
    """Labelled comments that leave the queue (no flag at all any more) and harmless ones."""
    a, b = json.loads(old.read_text()), json.loads(new.read_text())
    for kind, want in (("must-flag", True), ("harmless", False)):
        left = [(name, o["text"]) for name in a for k, o in a[name].items()
                if bool(o["reqs"]) == want and o["flags"] and not b[name][k]["flags"]]
        probes = sum(("review" in n or "probe" in n) for n, _ in left)
        print(f"{kind} comments that leave the queue: {len(left)} ({probes} in probe sets)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("loso", "product", "queue"))
    parser.add_argument("paths", nargs="*", type=Path)
    args = parser.parse_args(argv)
    if args.command == "product":
        product(args.paths[0])
        return 0
    if args.command == "queue":
        queue(args.paths[0], args.paths[1])
        return 0
    from sklearn.metrics import roc_auc_score

    texts, y, groups = spanish_rows()
    print(f"{len(texts)} Spanish comments from {len(set(groups))} sets, {int(y.sum())} with a "
          "weak flag's label")
    for c in (1.0, 4.0, 16.0):
        p = loso(texts, y, groups, c)
        cuts = " ".join(f"<{t}: not weak {int(((p < t) & (y == 0)).sum())}, weak "
                        f"{int(((p < t) & (y == 1)).sum())}" for t in (0.1, 0.2, 0.3))
        print(f"C {c}: AUC {roc_auc_score(y, p):.3f}; {cuts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
