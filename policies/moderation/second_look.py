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

It raises flags (classifier.py, ``_second_look``): each flag in ``SHARES`` to a weighted mean
of the classifier's score and its probability, where that is higher (on two writers' sets it
never trained on, it ranked those flags far better than the classifier); ``ADDS`` to its own
probability, where it is that sure. A flag is never lowered: a review showed that padding
pulls the model's reading down (docs/history/moderation.md, "Session 15"), and lowering `negative`
where the model reads a comment as calm lost mild, polite and praise-padded complaints
(session 28, measured and withdrawn). Since session 27 ``negative`` shares too, not in
Spanish: the model also learned public English tweets (their negative label only; 16,000 in
session 27, all 45,461 since session 28). Abuse and spam keep the classifier's own score: on
the dev set the model gained nothing for them.

Loaded on the first comment (~0.3 s), then about 2-4 ms a comment on one core. A batch is read
by one worker thread per core (``WORKERS``), each comment still alone in its own run, so its
reading is the same whatever shares the batch; ``start`` lets the caller screen the batch for
PHI while the workers read it.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

MODEL = Path(__file__).with_name("comment_minilm.onnx")
MODEL_SHA256 = "695d9c2ce9e2c52a89a114d965936d0a87adc58ee7c35d85d5e5e9a06431935b"
MAX_TOKENS = 64  # as trained: a longer comment is read in windows of this many word pieces
STRIDE = 32  # windows (62 pieces inside) overlap by 30: a sentence cut by one is whole in the next
WINDOWS = 16  # at most (~540 word pieces, ~400 words): a longer comment gets no second look
# the model's outputs, in order
OUTPUTS = ("negative", "abuse", "phi", "self_disclosure", "medical_advice", "spam")
# the flags whose score is raised to (1 - w) x the classifier's + w x this model's, by w:
# the mean for the two of session 15; negative since session 27 (0.35; 0.5 since session 28,
# with the model retrained on all 45,461 SemEval tweets), not in Spanish (the tweets were
# English, and a raised negative puts the Spanish note on a compliment)
SHARES = {"self_disclosure": 0.5, "medical_advice": 0.5, "negative": 0.5}
ENGLISH_ONLY = frozenset({"negative"})
# flags the model raises on its own reading where it is at least this sure: phi at 0.8
# (chosen with a model trained without two writers' sets and the dev set: Silver Lake recall
# 0.68 -> 0.82, dev set 0.88 -> 0.94, no new false flag; the shipped model in the product:
# dev set 0.88 -> 0.91; docs/history/moderation.md, "Session 15")
ADDS = {"phi": 0.8}
# Worker threads for a batch: one single-threaded run per usable core at a time (at most 4).
# onnxruntime releases the GIL while it runs. The model alone on two quiet cores (2026-12-04,
# the team's comments): 782 comments a second with two intra-op threads (before), 576 with
# one, 1,091 with two workers of one; identical probabilities. A lone comment is read on the
# calling thread with one intra-op thread: ~0.4 ms slower than before, on a 2-3 ms reading.
WORKERS = max(1, min(4, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                     else os.cpu_count() or 1))


class CommentModelMissing(RuntimeError):
    """The fine-tuned comment model, its tokenizer or its runtime is absent or not the pinned
    one (a broken install): comments cannot be judged as documented."""


_lock = threading.Lock()
_state: dict[str, tuple[Any, Any]] = {}
_pool: list[ThreadPoolExecutor] = []  # created on the first batch, kept for the process
# a forked child has none of the parent's threads: it makes its own pool on its first batch
os.register_at_fork(after_in_child=_pool.clear)


def _loaded() -> tuple[Any, Any]:
    with _lock:
        if "model" not in _state:
            from policies.phi.contextual import ContextualModelMissing, load_minilm

            try:
                # one intra-op thread: a batch gets its cores from WORKERS instead
                session, tokenizer = load_minilm(MODEL, MODEL_SHA256, MAX_TOKENS, threads=1)
                tokenizer.no_truncation()  # probabilities() cuts the windows itself
                _state["model"] = session, tokenizer
            except ContextualModelMissing as exc:
                why = str(exc).splitlines()[0].removeprefix("the second look cannot load ")
                raise CommentModelMissing(
                    f"the comment model cannot load: {why.rstrip('.')}.") from None
        return _state["model"]


def _forget() -> None:
    """Drop the loaded model (tests that swap the file)."""
    with _lock:
        _state.clear()


def ensure_loaded() -> None:
    """Load now (the daemon's warm-up: a broken install stops the start)."""
    _loaded()


def probabilities(texts: Sequence[str]) -> list[dict[str, float] | None]:
    """Per text, the model's probability for each flag in OUTPUTS; None for a text too long
    to read (more than WINDOWS windows).

    A text longer than MAX_TOKENS word pieces is read in overlapping windows of that size
    and each flag takes its highest window: read whole, the model's truncated input would
    miss a question after a long opening, and padding would hide one on purpose (found by
    review). One window at a time, unpadded: the int8 model quantizes each run's activations
    as a whole, so padding beside a longer text would move a comment's score with its
    batch-mates. Batches are spread over WORKERS threads, one run per thread."""
    return start(texts)()


class Reading:
    """The second look's readings of a batch, begun on the worker threads: call it to wait
    for them (in the batch's order); ``cancel`` drops those not yet begun (the caller failed
    or was interrupted: a 3,000-comment batch left running stalled the next batch by 7 s and
    Ctrl-C by 6 s, found by review)."""

    def __init__(self, done: list[dict[str, float] | None] | None = None,
                 futures: Sequence[Future[dict[str, float] | None]] = ()) -> None:
        self._done = done
        self._futures = list(futures)

    def __call__(self) -> list[dict[str, float] | None]:
        if self._done is not None:
            return self._done
        try:
            out, given = [], set()
            for f in self._futures:
                look = f.result()
                if id(f) in given and look is not None:
                    # a text met twice in one batch was read once (start): each later place
                    # gets its own copy of that reading, as if read alone
                    look = dict(look)
                given.add(id(f))
                out.append(look)
            return out
        finally:  # a worker raised, or the wait was interrupted: nothing more is wanted
            self.cancel()

    def cancel(self) -> None:
        for f in self._futures:
            f.cancel()


def start(texts: Sequence[str]) -> Reading:
    """Begin reading `texts` on the worker threads (the model loads here, so a broken install
    raises CommentModelMissing at once, not when the reading is awaited)."""
    if not texts:
        return Reading([])
    session, tokenizer = _loaded()
    encoded = [tokenizer.encode(text).ids for text in texts]
    if len(encoded) == 1 or WORKERS == 1:
        return Reading([_read(session, ids) for ids in encoded])
    futures: list[Future[dict[str, float] | None]] = []
    # one reading per distinct text: the same word pieces give the same reading (each run is
    # alone), so a text repeated in a batch (a spam wave, a copied complaint) is read once
    first: dict[tuple[int, ...], Future[dict[str, float] | None]] = {}
    try:
        pool = _workers()
        for ids in encoded:
            key = tuple(ids)
            if key not in first:
                first[key] = pool.submit(_read, session, ids)
            futures.append(first[key])
    except RuntimeError:  # the interpreter is shutting down: no new threads, read here
        Reading(futures=futures).cancel()
        return Reading([_read(session, ids) for ids in encoded])
    return Reading(futures=futures)


def _workers() -> ThreadPoolExecutor:
    with _lock:
        if not _pool:
            _pool.append(ThreadPoolExecutor(WORKERS, thread_name_prefix="second-look"))
        return _pool[0]


def _read(session: Any, ids: list[int]) -> dict[str, float] | None:
    import numpy as np

    if len(ids) <= MAX_TOKENS:
        windows = [ids]
    else:
        first, inner, last = ids[0], ids[1:-1], ids[-1]  # [CLS] ... [SEP]
        width = MAX_TOKENS - 2
        starts = list(range(0, len(inner) - width, STRIDE)) + [len(inner) - width]
        if len(starts) > WINDOWS:
            return None
        windows = [[first, *inner[s:s + width], last] for s in starts]
    best = np.zeros(len(OUTPUTS), dtype=np.float64)
    for window in windows:
        ids_ = np.array([window], dtype=np.int64)
        probs = session.run(None, {"input_ids": ids_, "attention_mask": np.ones_like(ids_)})[0][0]
        best = np.maximum(best, probs)
    return {flag: float(p) for flag, p in zip(OUTPUTS, best, strict=True)}
