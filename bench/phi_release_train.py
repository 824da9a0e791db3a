"""Experiment (session 17), measured and NOT shipped: can a fine-tuned MiniLM *release* the PHI
rules' blocks of an unnamed patient where it reads no one's care? Session 14 (docs/history/phi.md,
"A lead for the false blocks") found the shipped second look reads half the rules' false blocks
below 0.002, but also 51 of the outside reviewers' disclosures: it never saw those shapes.
Here the second look's recipe (bench/phi_finetune_experiment.py: all-MiniLM-L6-v2, first two
layers frozen, two epochs) learns the writer sets the shipped second look learns from plus one
half of every probe set listed below (split by a hash of set and id); the other half, the
writer sets it never read, and three outside reviews check the release. Results and why it
was not shipped: docs/history/phi.md, "Session 17".

    python bench/phi_release_train.py fit        # torch venv (see phi_finetune_experiment)
    python bench/phi_release_train.py export     # torch venv: ONNX fp32, then int8
    python bench/phi_release_train.py measure    # the product's venv: the release on every
                                                 # labelled set and the three reviews

`measure` screens each set with the product, and where every block is one of RELEASABLE, reads
the int8 model (FT_OUT/release_int8.onnx) on the whole text (windows of 96 word pieces) and on
each sentence alone; a text is released when the whole reads below WHOLE and every sentence
below SENTENCE. It prints, per group, the false blocks and the disclosures that would be
released."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

OUT = Path(os.environ.get("FT_OUT", "/tmp/phi_release"))
DATA = ROOT / "policies" / "phi" / "training" / "data"
# read post sets under bench/data learned whole (as the shipped second look does)
BENCH_SETS = ("lakeshore_dev", "quarry_hard_s11", "saguaro_everyday_s11")
# probe sets learned by half; session 17's three reviews (release_review*_s17) are checks only
PROBE_SETS = ("citations_review_s14", "fbclasses_probe_s14", "fbclasses_review_s14",
              "namefb_review2_s10", "namefb_review3_s10", "namefb_review_s10", "phiprobe_s9",
              "replyfb_review_s10")
REVIEWS = ("release_review_s17", "release_review2_s17", "release_review3_s17")
# lines sharing a distinctive 5-gram or an 8+ word run with the dev set (the checks of
# tests/test_devset_isolation.py, run on 2026-12-04): left out of training
EXCLUDED: dict[str, frozenset[int]] = {
    "bayou_bend": frozenset({127}), "bluebonnet_fertility": frozenset({87}),
    "canyon_replies": frozenset({146}), "cascade_dental": frozenset({53}),
    "clinica_frontera": frozenset({93}), "coastal_kidney": frozenset({152}),
    "copper_ridge": frozenset({119}), "cottonwood_geriatrics": frozenset({120, 125}),
    "eveningstar_hospice": frozenset({16, 92}), "goldenhills_pain": frozenset({71}),
    "granite_derm": frozenset({147}), "harborgate_uro": frozenset({153}),
    "harborview": frozenset({168}), "hickory_peds": frozenset({69}),
    "highdesert_bh": frozenset({4}), "lowcountry_kde": frozenset({69}),
    "northwoods_fm": frozenset({38, 49}), "palmetto_foot": frozenset({22, 42, 60}),
    "prairie_wind": frozenset({194}), "redwood_surgery": frozenset({151, 172}),
    "saltmarsh_rheum": frozenset({128}), "seaside_replies": frozenset({118, 125}),
    "sprout_therapy": frozenset({30, 131}), "sunbelt_bh": frozenset({75}),
    "tamarack_neuro": frozenset({47, 63}), "tidewater_peds": frozenset({83, 102, 113, 167}),
    "tp_bayridge": frozenset({118, 148}), "tp_lakeview": frozenset({18, 145, 150}),
    "lakeshore_dev": frozenset({17, 53, 84, 85, 90}),
    "quarry_hard_s11": frozenset({14, 15, 70, 76, 89, 102, 116}),
    "saguaro_everyday_s11": frozenset({39, 60, 81, 93, 101, 119, 134}),
    "phiprobe_s9": frozenset({2, 137, 236, 409, 434}),
}
# the rules' judgements of an unnamed patient the release may turn into warnings (names and
# identifiers never: the first review released named patients)
RELEASABLE = frozenset({
    "reply_confirms_care", "reply_visit", "addressee+care", "role+health",
    "role+subject_health", "role+program", "patient+detail", "individual+details",
    "date+patient", "place+patient",
})
WHOLE, SENTENCE = 0.004, 0.05
MAX_TOKENS, STRIDE = 96, 48


def learns_half(name: str, key: str) -> bool:
    return hashlib.sha256(f"{name}/{key}".encode()).digest()[0] % 2 == 0


def training_files() -> dict[str, Path]:
    files = {f.stem: f for f in sorted(DATA.glob("*.jsonl"))}
    files.update({n: ROOT / "bench" / "data" / n / "posts.jsonl"
                  for n in (*BENCH_SETS, *PROBE_SETS)})
    return files


def training_posts() -> Iterator[tuple[str, int, str, bool]]:
    """(set, line number, text, must block): 8,705 posts, 4,067 must block."""
    for name, path in training_files().items():
        skip = EXCLUDED.get(name, frozenset())
        for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
            if not line.strip() or number in skip:
                continue
            row = json.loads(line)
            if name in PROBE_SETS and not learns_half(name, row.get("id") or f"line{number}"):
                continue
            yield name, number, row["text"], row["expect"] == "block"


def cmd_fit(_args) -> None:
    import torch
    from phi_finetune_experiment import train

    rows = list(training_posts())
    print(f"{len(rows)} training posts, {sum(r[3] for r in rows)} must block", flush=True)
    model = train([r[2] for r in rows], np.array([int(r[3]) for r in rows]),
                  np.arange(len(rows)))
    OUT.mkdir(parents=True, exist_ok=True)
    torch.save(model.state_dict(), OUT / "release.pt")


def cmd_export(_args) -> None:
    import torch
    from phi_finetune_experiment import classifier, export_onnx

    model = classifier()
    model.load_state_dict(torch.load(OUT / "release.pt"))
    export_onnx(model, OUT / "release_fp32.onnx", OUT / "release_int8.onnx", "p_block")


def _reader():
    """The int8 model's highest reading over texts, each read to its end in windows."""
    from policies.phi.contextual import load_minilm

    path = OUT / "release_int8.onnx"
    session, tokenizer = load_minilm(path, hashlib.sha256(path.read_bytes()).hexdigest(),
                                     MAX_TOKENS, threads=1)
    tokenizer.no_truncation()

    def read(texts: list[str]) -> float:
        best = 0.0
        for text in texts:
            ids = tokenizer.encode(text).ids
            inner, width = ids[1:-1], MAX_TOKENS - 2
            starts = [0] if len(ids) <= MAX_TOKENS else (
                list(range(0, len(inner) - width, STRIDE)) + [len(inner) - width])
            for s in starts:
                window = ids if len(ids) <= MAX_TOKENS else [ids[0], *inner[s:s + width],
                                                               ids[-1]]
                run = np.array([window], dtype=np.int64)
                best = max(best, float(session.run(None, {
                    "input_ids": run, "attention_mask": np.ones_like(run)})[0][0]))
        return best

    return read


def cmd_measure(_args) -> None:
    from phi_eval import find_devset, load_set

    from policies.phi import PhiScreen
    from policies.phi.candidates import sentences

    read = _reader()
    learned = {(n, t) for n, _, t, _ in training_posts()}
    paths = sorted(DATA.glob("*.jsonl")) + sorted((ROOT / "bench/data").glob("*/posts.jsonl"))
    devset = find_devset()
    paths += [devset / "posts.jsonl"] if devset else []
    counts: dict[str, list[int]] = {}
    for path in paths:
        name = path.parent.name if path.name == "posts.jsonl" else path.stem
        items, allow = load_set(path)
        screen = PhiScreen(allow)
        for it in items:
            found = screen.screen(it["text"], context=it["context"])
            blocks = [f for f in found if f.severity == "block"]
            if not blocks:
                continue
            group = ("review (never learned)" if name in REVIEWS else
                     "learned (fit)" if (name, it["text"]) in learned or (
                         name not in PROBE_SETS and name in training_files()) else
                     "probe halves never learned" if name in PROBE_SETS else
                     "writers' sets and dev set never learned")
            c = counts.setdefault(group, [0, 0, 0, 0])
            must = it["expect"] == "block"
            c[0 if must else 2] += 1
            text = it["text"]
            if all(f.rule in RELEASABLE for f in blocks) and read([text]) < WHOLE and read(
                    [p for s, e in sentences(text) if (p := text[s:e].strip())]) < SENTENCE:
                c[1 if must else 3] += 1
    for group, (tb, tb_rel, fb, fb_rel) in sorted(counts.items()):
        print(f"{group}: rule blocks of {tb} disclosures ({tb_rel} released) and {fb} clean "
              f"posts ({fb_rel} released)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("fit", "export", "measure"))
    args = ap.parse_args()
    {"fit": cmd_fit, "export": cmd_export, "measure": cmd_measure}[args.what](args)


if __name__ == "__main__":
    main()
