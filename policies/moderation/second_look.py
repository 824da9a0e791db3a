"""A second look at a comment read as a whole: all-MiniLM-L6-v2 fine-tuned on the independent
writers' labelled comments, one probability per flag.

The rules and the n-gram heads read words; on wording they never saw they miss a commenter
telling their own care in everyday words ("the boot comes off Friday, counting the days") and
questions that ask for a clinical judgement without a question word. all-MiniLM-L6-v2
(Apache-2.0, sentence-transformers; 6 layers, 384 wide) was fine-tuned on every independent
writer's labelled comments in the repository except the dev set (the sets listed in
training/second_look.py; `bench/moderation_finetune_experiment.py fit`, then `export`), with
the PHI second look's recipe (embeddings and the first two layers frozen, mean pooling, six
logistic outputs, 2 epochs), exported to ONNX with int8 weights (23 MB,
``comment_minilm.onnx``, sha256 pinned below) and runs on onnxruntime with the model's own
WordPiece tokenizer (the PHI screen's copy, policies/phi/data/minilm_tokenizer.json).

Its probability is averaged with the classifier's own score for the flags in ``SHARES`` only:
there, on two writers' sets it never trained on, it ranked comments far better than the
classifier (docs/moderation.md, "Session 15"). The hide flags (phi, abuse), negative and spam
keep the classifier's own score: on the dev set it gained nothing for them, and a hide it took
away would be a release.

Loaded on the first comment (~0.3 s), then about 2-4 ms a comment on two cores.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

MODEL = Path(__file__).with_name("comment_minilm.onnx")
MODEL_SHA256 = "ef5ef2599b11f82cc49984c10c449986fbd259bea7cd7ed60c4da58e510fc212"
MAX_TOKENS = 64  # as trained: a longer comment is read by its first 64 word pieces
# the model's outputs, in order
OUTPUTS = ("negative", "abuse", "phi", "self_disclosure", "medical_advice", "spam")
# the flags whose score is the mean of the classifier's and this model's
SHARES = ("self_disclosure", "medical_advice")


class CommentModelMissing(RuntimeError):
    """The fine-tuned comment model, its tokenizer or its runtime is absent or not the pinned
    one (a broken install): comments cannot be judged as documented."""


_lock = threading.Lock()
_state: dict[str, tuple[Any, Any]] = {}


def _loaded() -> tuple[Any, Any]:
    with _lock:
        if "model" not in _state:
            from policies.phi.contextual import ContextualModelMissing, load_minilm

            try:
                # onnxruntime's default threads (the machine's cores): 470 against 298
                # comments a second on two cores with one thread (2026-12-04, dev set)
                _state["model"] = load_minilm(MODEL, MODEL_SHA256, MAX_TOKENS)
            except ContextualModelMissing as exc:
                raise CommentModelMissing(
                    f"the comment model cannot load: {str(exc).splitlines()[0]}") from None
        return _state["model"]


def _forget() -> None:
    """Drop the loaded model (tests that swap the file)."""
    with _lock:
        _state.clear()


def ensure_loaded() -> None:
    """Load now (the daemon's warm-up: a broken install stops the start)."""
    _loaded()


def probabilities(texts: Sequence[str]) -> list[dict[str, float]]:
    """Per text, the model's probability for each flag in OUTPUTS.

    One text at a time, unpadded: the int8 model quantizes each run's activations as a whole,
    so padding beside a longer text would move a comment's score with its batch-mates."""
    import numpy as np

    if not texts:
        return []
    session, tokenizer = _loaded()
    out = []
    for text in texts:
        encoding = tokenizer.encode(text)
        ids = np.array([encoding.ids], dtype=np.int64)
        mask = np.array([encoding.attention_mask], dtype=np.int64)
        probs = session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0]
        out.append({flag: float(p) for flag, p in zip(OUTPUTS, probs, strict=True)})
    return out
