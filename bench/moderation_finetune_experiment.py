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
    python bench/moderation_finetune_experiment.py tweets  # product venv: SemEval tweets
    python bench/moderation_finetune_experiment.py dump --extra bench/data/<NOT_YET sets>
    python bench/moderation_finetune_experiment.py fit --tweets 45461 \
        --eval <NOT_YET set names> devset --tag all && \
        python bench/moderation_finetune_experiment.py export --eval <the same> --tag all
                       # the shipped model (session 28): the 40 WRITERS sets and every one of
                       # the 45,461 training tweets (negative only), not the sets waiting in
                       # writers.NOT_YET; ONNX int8; about 55 minutes on two busy cores

Sets: policies/moderation/training/data (the writers' heads' data), the read comment sets in
bench/data, and --extra DIRS (new writers); held out: --eval names (default the two session-14
blind sets, read since but never trained on) and the dev set. Torch venv as in
bench/phi_finetune_experiment.py. Results: docs/history/moderation.md, "Session 15".
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
TWEET_TUNE = 2000  # public tweets held out of training (cmd_tweets)


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
    from policies.moderation.training.second_look import excluded_lines

    policy = ModerationPolicy()
    dump = {}
    for name, (path, pol) in set_paths(args.extra).items():
        skip = excluded_lines().get(name, frozenset())  # lines that share wording with the dev set
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


def _sets(with_tweets: bool = True) -> dict:
    """dump.json's sets, and the held-out tweet sets of tweets.json where it exists."""
    dump = json.loads((OUT / "dump.json").read_text())
    if with_tweets and (OUT / "tweets.json").exists():
        dump.update({k: v for k, v in json.loads((OUT / "tweets.json").read_text()).items()
                     if k != "train"})
    return dump


def cmd_tweets(args) -> None:
    """Product venv: the public tweets for the negative output (--tweets N in fit). SemEval
    2013-2016 Task 4A (the release TweetEval's sentiment splits come from; data.semeval) with
    every TweetEval validation and test tweet removed (the test text is read only to take it
    out; no test tweet is in this release, checked 2026-12-04); TWEET_TUNE of them held out of
    training to choose how the flag uses the model, and TweetEval validation (reported only),
    both with the shipped classifier's scores."""
    import random

    from moderation_eval import EXAMPLE_DOMAINS

    from policies.moderation import CommentClassifier, ModerationPolicy
    from policies.moderation.training import data as D

    m = D.Mirrors(Path(args.mirrors))
    val_x, val_y = D.tweeteval_validation(m, "sentiment")
    src = D.SOURCES["tweeteval_sentiment"]
    test = m.read(src, "datasets/sentiment/test_text.txt").splitlines()
    texts, labels = D.semeval(m, {D.tweet_key(t) for t in val_x + test})
    order = list(range(len(texts)))
    random.Random(args.seed).shuffle(order)
    clf = CommentClassifier(ModerationPolicy(), None, allow_domains=EXAMPLE_DOMAINS,
                            second_look=False)

    def rows(xs, ys):
        out = []
        for x, y in zip(xs, ys, strict=True):
            sc = clf.scores(x, [])
            out.append({"text": x, "labels": ["negative"] if y else [],
                        "score": {f: sc[f][0] for f in FLAGS}})
        return out

    tune = order[:TWEET_TUNE]
    dump = {"train": [[texts[i], labels[i]] for i in order[TWEET_TUNE:]],
            "tweets_tune": rows([texts[i] for i in tune], [labels[i] for i in tune]),
            "tweeteval_val": rows(val_x, [int(y == 0) for y in val_y])}
    (OUT / "tweets.json").write_text(json.dumps(dump, ensure_ascii=False))
    print({k: len(v) for k, v in dump.items()})


def cmd_fit(args) -> None:
    import random

    import torch

    dump = json.loads((OUT / "dump.json").read_text())
    held = set(args.eval) | {"devset"}  # never trained on, whatever --eval says
    train_rows = [r for n, rows in dump.items() if n not in held for r in rows]
    print(f"training on {len(train_rows)} comments from "
          f"{sum(1 for n in dump if n not in held)} sets", flush=True)
    texts = [r["text"] for r in train_rows]
    labels = [[float(f in r["labels"]) for f in FLAGS] for r in train_rows]
    if args.tweets:  # public tweets teach the negative output only: the other labels unknown
        dump = _sets()
        held |= {"tweets_tune", "tweeteval_val"}
        train_tweets = json.loads((OUT / "tweets.json").read_text())["train"]
        picked = random.Random(args.seed).sample(train_tweets, args.tweets)
        texts += [t for t, _ in picked]
        labels += [[float(y) if f == "negative" else float("nan") for f in FLAGS]
                   for _, y in picked]
        print(f"  and {len(picked)} public tweets (negative only)", flush=True)
    model = train(texts, labels, args.seed)
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
    dump = _sets()
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


def cmd_blend(args) -> None:
    """How the negative flag could use the model: the classifier's score mixed with the model's
    probability at each weight, P/R/F1 at the flag's threshold (0.40) on each held-out set.
    Chosen on the dev set and the public tweets held out of training (tweets_tune); TweetEval
    validation is printed for the record only."""
    dump = _sets()
    probs = json.loads((OUT / f"probs_{args.tag}.json").read_text())
    k = FLAGS.index("negative")
    for name, p in probs.items():
        rows = dump[name]
        gold = ["negative" in r["labels"] for r in rows]
        print(f"{name} ({sum(gold)} negative of {len(rows)})")
        for w in (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 1.0):
            for how in ("mix", "raise"):
                if how == "raise" and w in (0.0, 1.0):
                    continue
                out = []
                for r, q in zip(rows, p, strict=True):
                    c = r["score"]["negative"]
                    m = (1 - w) * c + w * q[k]
                    out.append(max(c, m) if how == "raise" else m)
                tp = sum(1 for s_, g in zip(out, gold, strict=True) if s_ >= 0.4 and g)
                fp = sum(1 for s_, g in zip(out, gold, strict=True) if s_ >= 0.4 and not g)
                fn = sum(gold) - tp
                pr, rc = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
                f1 = 2 * pr * rc / max(pr + rc, 1e-9)
                best = _best_f1(out, gold)
                print(f"  {how:5s} w={w:.1f}: P {pr:.3f} R {rc:.3f} F1 {f1:.3f}  "
                      f"(best F1 {best[0]:.3f} at {best[1]:.2f})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("what", choices=("dump", "tweets", "fit", "report", "blend", "export",
                                     "sentences"))
    ap.add_argument("--extra", nargs="*", default=[])
    ap.add_argument("--eval", nargs="*", default=list(HELD_OUT))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--tag", default="a")
    ap.add_argument("--tweets", type=int, default=0,
                    help="fit: also this many public tweets for the negative output")
    ap.add_argument("--mirrors", default="/work/.mirror")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    globals()[f"cmd_{args.what}"](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
