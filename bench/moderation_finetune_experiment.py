"""Experiment (session 15): all-MiniLM-L6-v2 fine-tuned on the independent writers' comments,
one logistic output per flag, measured beside the shipped classifier on sets it never saw.

Session 11 measured *frozen* MiniLM vectors in the writers' heads (a small gain, not shipped).
Here the encoder itself is trained, as the PHI second look is (bench/phi_finetune_experiment.py:
embeddings and the first two layers frozen, mean pooling, 2 epochs, AdamW 4e-5, batches of 16),
on every independent writer's labelled comments except the sets it is measured on.

    python bench/moderation_finetune_experiment.py dump   # product venv: every set's comments,
                                                          # labels and the shipped scores
    python bench/moderation_finetune_experiment.py fit    # torch venv: train, score held-out
    python bench/moderation_finetune_experiment.py report # model vs shipped, per flag
    python bench/moderation_finetune_experiment.py fit --eval devset --tag final && \
        python bench/moderation_finetune_experiment.py export --eval devset --tag final
                       # the shipped model: every training set; ONNX int8 for the product

Sets: policies/moderation/training/data (the writers' heads' data), the read comment sets in
bench/data, and --extra DIRS (new writers); held out: --eval names (default the two session-14
blind sets, read since but never trained on) and the dev set. Torch venv as in
bench/phi_finetune_experiment.py. Results: docs/moderation.md, "Session 15".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
OUT = Path(os.environ.get("FT_OUT", "/tmp/mod_finetune"))
FLAGS = ("negative", "abuse", "phi", "self_disclosure", "medical_advice", "spam")
EPOCHS, LR, BATCH, MAXLEN = 2.0, 4e-5, 16, 64
LAYERS = int(os.environ.get("LAYERS", "6"))  # the encoder's first LAYERS layers (MiniLM has 6)
FREEZE = 2 if LAYERS == 6 else 1  # layers frozen after the embeddings
HELD_OUT = ("silverlake_comments_s14", "copperline_everyday_s14", "devset")


def set_paths(extra: list[str]) -> dict[str, tuple[Path, Path | None]]:
    """name -> (comments file, policy file or None): the second look's training sets
    (policies/moderation/training/second_look.py), the dev set and --extra folders."""
    from policies.moderation.training.second_look import training_files

    out: dict[str, tuple[Path, Path | None]] = {}
    for name, path in training_files().items():
        policy = path.with_name("policy.toml")
        out[name] = (path, policy if policy.exists() else None)
    devset = ROOT.parent / "shared/devset"
    if (devset / "comments.jsonl").exists():
        out["devset"] = (devset / "comments.jsonl", devset / "policy.toml")
    for d in map(Path, extra):
        f = d / "comments.jsonl"
        out[d.name] = (f, d / "policy.toml" if (d / "policy.toml").exists() else None)
    return out


def cmd_dump(args) -> None:
    from moderation_eval import devset_allow_list

    from policies.moderation import FLAGS as ALL
    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.evaluation import load_corpus, phi_screen_or_reason
    from policies.moderation.training.second_look import EXCLUDED

    policy = ModerationPolicy()
    dump = {}
    for name, (path, pol) in set_paths(args.extra).items():
        skip = EXCLUDED.get(name, frozenset())  # lines that share wording with the dev set
        examples = [e for n, e in enumerate(load_corpus(path), start=1) if n not in skip]
        allow = devset_allow_list(pol) if pol else devset_allow_list(path.with_name("-"))
        screen = phi_screen_or_reason(allow)[0]
        clf = CommentClassifier(policy, screen, allow_domains=allow.domains, second_look=False)
        texts = [e.text for e in examples]
        findings = screen(texts) if screen else [[] for _ in texts]
        rows = []
        for e, f in zip(examples, findings, strict=True):
            s = clf.scores(e.text, f)
            rows.append({"text": e.text, "labels": sorted(e.flags),
                         "score": {fl: s[fl][0] for fl in ALL},
                         "flagged": sorted(fl for fl in ALL
                                           if s[fl][0] >= policy.threshold(fl) and s[fl][1])})
        dump[name] = rows
        print(name, len(rows), flush=True)
    (OUT / "dump.json").write_text(json.dumps(dump, ensure_ascii=False))


def classifier():
    import torch
    from phi_finetune_experiment import model_dir
    from torch import nn
    from transformers import AutoModel

    class Clf(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(model_dir())
            self.enc.encoder.layer = self.enc.encoder.layer[:LAYERS]
            self.head = nn.Linear(384, len(FLAGS))

        def forward(self, ids, mask):
            h = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
            m = mask.unsqueeze(-1).float()
            return self.head((h * m).sum(1) / m.sum(1).clamp(min=1e-9))

    torch.set_num_threads(int(os.environ.get("THREADS", "2")))
    return Clf()


def train(texts, labels, seed=13):
    """The PHI second look's trainer with this model: six outputs, 64 word pieces."""
    import numpy as np
    from phi_finetune_experiment import train as fine_tune

    return fine_tune(texts, np.array(labels, dtype=np.float32), list(range(len(texts))), seed,
                     make_model=classifier, maxlen=MAXLEN, freeze=FREEZE)


def predict(model, texts):
    from phi_finetune_experiment import predict as read

    out = read(model, texts, range(len(texts)), maxlen=MAXLEN)
    return [out[i] for i in range(len(texts))]


def cmd_fit(args) -> None:
    import torch

    dump = json.loads((OUT / "dump.json").read_text())
    held = set(args.eval) | {"devset"}  # never trained on, whatever --eval says
    train_rows = [r for n, rows in dump.items() if n not in held for r in rows]
    print(f"training on {len(train_rows)} comments from "
          f"{sum(1 for n in dump if n not in held)} sets", flush=True)
    model = train([r["text"] for r in train_rows],
                  [[float(f in r["labels"]) for f in FLAGS] for r in train_rows], args.seed)
    torch.save(model.state_dict(), OUT / f"model_{args.tag}.pt")
    probs = {n: predict(model, [r["text"] for r in rows]) for n, rows in dump.items()
             if n in held}
    (OUT / f"probs_{args.tag}.json").write_text(json.dumps(probs))


def cmd_sentences(args) -> None:
    """The fitted model read sentence by sentence, each flag's maximum over the sentences (and
    the whole comment): probs_<tag>_sent.json, for the held-out sets."""
    import re

    import torch

    dump = json.loads((OUT / "dump.json").read_text())
    model = classifier()
    model.load_state_dict(torch.load(OUT / f"model_{args.tag}.pt"))
    out = {}
    for name in args.eval:
        texts = [r["text"] for r in dump[name]]
        parts = [[t, *[x for x in re.split(r"(?<=[.!?])\s+", t) if x.strip() and x != t]]
                 for t in texts]
        flat = [x for ps in parts for x in ps]
        probs = predict(model, flat)
        k, rows = 0, []
        for ps in parts:
            rows.append([max(q[j] for q in probs[k:k + len(ps)]) for j in range(len(FLAGS))])
            k += len(ps)
        out[name] = rows
    (OUT / f"probs_{args.tag}_sent.json").write_text(json.dumps(out))


def cmd_export(args) -> None:
    """ONNX fp32, then int8 (dynamic, per channel) as the product runs it; fidelity against
    torch on the held-out sets, one comment at a time as the product reads them."""
    import hashlib

    import numpy as np
    import onnxruntime as ort
    import torch
    from phi_finetune_experiment import export_onnx, tokenizer

    model = classifier()
    model.load_state_dict(torch.load(OUT / f"model_{args.tag}.pt"))
    fp32, int8 = OUT / "comment_fp32.onnx", OUT / "comment_minilm.onnx"
    export_onnx(model, fp32, int8, "p_flags")
    tok = tokenizer()
    dump = json.loads((OUT / "dump.json").read_text())
    texts = [r["text"] for n in args.eval for r in dump[n]]
    ref = np.array(predict(model, texts))
    sess = ort.InferenceSession(str(int8), providers=["CPUExecutionProvider"])
    got, t0 = [], time.time()
    for text in texts:
        e = tok([text], truncation=True, max_length=MAXLEN, return_tensors="np")
        got.append(sess.run(None, {"input_ids": e["input_ids"].astype(np.int64),
                                   "attention_mask": e["attention_mask"].astype(np.int64)})[0][0])
    rate = len(texts) / (time.time() - t0)
    got = np.array(got)
    diff = np.abs(got - ref)
    flips = int(((got >= 0.5) != (ref >= 0.5)).sum())
    digest = hashlib.sha256(int8.read_bytes()).hexdigest()
    print(f"{int8.name}: {int8.stat().st_size / 1e6:.1f} MB, sha256 {digest}, {rate:.0f} "
          f"comments/s one at a time; |p - torch| mean {diff.mean():.4f} max {diff.max():.3f}; "
          f"outputs on either side of 0.5 that differ {flips}/{diff.size}")


def _auc(pos, neg):
    if not pos or not neg:
        return float("nan")
    wins = sum((p > q) + 0.5 * (p == q) for p in pos for q in neg)
    return wins / (len(pos) * len(neg))


def _best_f1(scores, gold):
    best = (0.0, 0.0)
    for t in sorted(set(scores)):
        tp = sum(1 for s, g in zip(scores, gold, strict=True) if s >= t and g)
        fp = sum(1 for s, g in zip(scores, gold, strict=True) if s >= t and not g)
        fn = sum(1 for s, g in zip(scores, gold, strict=True) if s < t and g)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        best = max(best, (f1, t))
    return best


def cmd_report(args) -> None:
    dump = json.loads((OUT / "dump.json").read_text())
    probs = json.loads((OUT / f"probs_{args.tag}.json").read_text())
    for name, p in probs.items():
        rows = dump[name]
        print(f"\n{name} ({len(rows)}): flag  n  | shipped AUC, best F1 | model AUC, best F1")
        for k, fl in enumerate(FLAGS):
            gold = [fl in r["labels"] for r in rows]
            ship = [r["score"][fl] for r in rows]
            mine = [q[k] for q in p]
            a1 = _auc([s for s, g in zip(ship, gold, strict=True) if g],
                      [s for s, g in zip(ship, gold, strict=True) if not g])
            a2 = _auc([s for s, g in zip(mine, gold, strict=True) if g],
                      [s for s, g in zip(mine, gold, strict=True) if not g])
            f1, f2 = _best_f1(ship, gold), _best_f1(mine, gold)
            print(f"  {fl:15s} {sum(gold):3d} | {a1:.3f} {f1[0]:.3f}@{f1[1]:.2f} | "
                  f"{a2:.3f} {f2[0]:.3f}@{f2[1]:.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("dump", "fit", "report", "export", "sentences"))
    ap.add_argument("--extra", nargs="*", default=[])
    ap.add_argument("--eval", nargs="*", default=list(HELD_OUT))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--tag", default="a")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    globals()[f"cmd_{args.what}"](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
