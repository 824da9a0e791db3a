"""A second look for the learned scorer: a small language model fine-tuned to read a post as
"about one specific patient's care", sentence by sentence and in context.

The learned scorer (learned.py) sees word and character n-grams; on wording it never saw it
misses disclosures that a reader gets from the whole sentence ("rallying around her this week,
round two starts Monday"). all-MiniLM-L6-v2 (Apache-2.0, sentence-transformers; 6 layers, 384
wide) was fine-tuned on the same independent writers' posts the scorer learned from
(policies/phi/training/data and the read sets of training/second_look.py: 69 sets since
session 27; 19 in session 11) by `bench/phi_finetune_experiment.py full`, exported to
ONNX with int8 weights (`export`; 23 MB, `data/disclosure_minilm.onnx`, sha256 pinned below) and
runs on onnxruntime with the model's own WordPiece tokenizer (`tokenizers`;
data/minilm_tokenizer.json; provenance in data/MINILM.md). Grouped by writer, four folds: as a
second look it adds 0.021 recall for 0.002 false blocks (docs/history/phi.md, "Session 11: MiniLM
fine-tuned").

It only ever adds a block. On a post it looks only where the scorer is already uneasy
(learned.py's `LOOK_FROM`), about one post in twelve; it also reads every practice's reply
the rules pass and the scorer reads as calm (learned.short_reply_hit and reply_hit, sessions
23-24), whole, up to its first 96 word pieces. Nowhere near start-up: the session and
tokenizer load on the first text that needs them (~0.3 s), then ~4 ms a text.
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Any

from .model import ScreenUnavailable

MODEL = Path(__file__).with_name("data") / "disclosure_minilm.onnx"
MODEL_SHA256 = "6b0b3fa447767b43f201232ffe903e77f39fbf7e7d5d309b0bdc93d98fb54d09"
TOKENIZER = Path(__file__).with_name("data") / "minilm_tokenizer.json"
MAX_TOKENS = 96  # as trained: longer posts are read by their first 96 word pieces


class ContextualModelMissing(ScreenUnavailable):
    """The fine-tuned model, its tokenizer or its runtime is absent or not the pinned one (a
    broken install): the screen is unavailable, nothing may be queued or published."""


_lock = threading.Lock()
_state: dict[str, tuple[Any, Any]] = {}


def _loaded() -> tuple[Any, Any]:
    """The session and tokenizer, loaded once per process (under a lock: two threads asking
    first would otherwise both build a session)."""
    with _lock:
        if "model" not in _state:
            _state["model"] = _load()
        return _state["model"]


def _forget() -> None:
    """Drop the loaded model (tests that swap the file)."""
    with _lock:
        _state.clear()


def load_minilm(model: Path, sha256: str, max_tokens: int,
                threads: int | None = None) -> tuple[Any, Any]:
    """An onnxruntime session for a MiniLM file whose sha256 must be `sha256`, and the model's
    tokenizer cut at `max_tokens` word pieces, unpadded. Any failure is ContextualModelMissing.
    Also used by policies/contextual.py (the session-11 experiments' frozen encoder)."""
    try:
        from tokenizers import Tokenizer

        from policies.onnx_runtime import quiet_onnxruntime

        quiet_onnxruntime()  # its telemetry off before the import below
        import onnxruntime as ort  # named here: tests/test_s53_openguard.py reads its opens
    except ImportError as exc:
        raise ContextualModelMissing(f"{exc.name} is not installed: reinstall socialbot") from exc
    try:
        with model.open("rb") as f:  # streamed: the 23 MB are not held twice at load
            digest = hashlib.file_digest(f, "sha256").hexdigest()
    except OSError as exc:
        raise ContextualModelMissing(f"{model.name} is missing: reinstall socialbot") from exc
    if digest != sha256:
        raise ContextualModelMissing(f"{model.name} is not the pinned model: reinstall socialbot")
    try:
        tokenizer = Tokenizer.from_file(str(TOKENIZER))
        options = ort.SessionOptions()
        options.log_severity_level = 3
        if threads is not None:
            options.intra_op_num_threads = threads
        session = ort.InferenceSession(str(model), sess_options=options,
                                       providers=["CPUExecutionProvider"])
    except Exception as exc:  # noqa: BLE001 - any load failure means no screen
        raise ContextualModelMissing(f"the second look cannot load ({type(exc).__name__}): "
                                     "reinstall socialbot") from exc
    # At most max_tokens word pieces, and no padding. The tokenizer file carries a fixed
    # padding to 128 that would feed 32+ pad positions to the int8 model, which reads them
    # (28 of 1,500 decisions at 0.98 moved, found by review).
    tokenizer.enable_truncation(max_length=max_tokens)
    tokenizer.no_padding()
    return session, tokenizer


def _load() -> tuple[Any, Any]:
    # one post at a time: threads cost more than they give
    return load_minilm(MODEL, MODEL_SHA256, MAX_TOKENS, threads=1)


def ensure_loaded() -> None:
    """Load now (the daemon's warm-up: a broken install stops the start, not a publish)."""
    _loaded()


def probability(text: str) -> float:
    """How sure the fine-tuned model is that the text tells one specific person's care."""
    import numpy as np

    session, tokenizer = _loaded()
    encoding = tokenizer.encode(text)
    ids = np.array([encoding.ids], dtype=np.int64)
    mask = np.array([encoding.attention_mask], dtype=np.int64)
    return float(session.run(None, {"input_ids": ids, "attention_mask": mask})[0][0])
