"""The trained comment models at run time: linear heads over hashed word and character
n-grams (features.py), one per learned flag.

Stored next to this file as ``weights.bin`` (each head's 2^18 int8 weights, zlib-compressed)
and ``weights.json`` (per-head scale, dense-cue weights, bias, provenance). Loaded and scored
in pure Python (``array`` + ``zlib``): no numpy or scikit-learn import.

Why scoring is cheap: a linear head's hashed part is a sum over the comment's n-grams, and a
word's own n-grams (the word and its character 3-5-grams, ~40 of them) are the same wherever
it occurs. So each word's contribution to every head is summed once and remembered (words
repeat across comments), and all heads are summed in one pass: each feature's four int8
weights are packed into one Python int (one field per head, offset to be non-negative), so
one integer sum gives all four sums. The result is exactly the sum over every n-gram.

How they were trained, on what, and how well they do: ``MODEL_CARD.md``.
"""

from __future__ import annotations

import json
import math
import threading
import zlib
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policies.moderation.features import DENSE, N_HASH, bigram_id, dense_cues, tokens, word_ids

WEIGHTS = Path(__file__).with_name("weights.bin")
META = Path(__file__).with_name("weights.json")
_LOCK = threading.Lock()
_FIELD = 32  # bits per head in a packed sum: room for 2^24 n-grams of weight 255
_OFFSET = 128  # int8 -> 0..255
_MASK = (1 << _FIELD) - 1
_MEMO_MAX = 200_000  # words remembered; cleared when full (a bound on memory, not a cache policy)


@dataclass(frozen=True)
class HeadScore:
    probability: float
    _explain: Any = None  # () -> the words that pushed the score up most

    @property
    def drivers(self) -> tuple[str, ...]:
        """Computed on demand: only a raised flag's reason needs them."""
        return self._explain() if self._explain is not None else ()


@dataclass(frozen=True)
class Head:
    name: str
    weights: array  # int8, N_HASH entries
    scale: float  # int8 -> float
    dense: tuple[float, ...]  # one weight per DENSE cue
    bias: float


@dataclass(frozen=True)
class _Parsed:
    """A comment as the heads see it: its words, and per word the packed sum and count of
    the n-grams it owns (its bigram with the word before, itself, its character grams)."""

    words: list[str]
    packed: list[int]
    counts: list[int]


class LinearModels:
    """Logistic-regression heads sharing one featurizer."""

    def __init__(self, weights: Path = WEIGHTS, meta: Path = META) -> None:
        info = json.loads(meta.read_text("utf-8"))
        if info["n_hash"] != N_HASH or tuple(info["dense"]) != DENSE:
            raise ValueError(f"{weights.name} was trained with another featurizer")
        self.version: str = info["version"]
        self.uses_vader: bool = bool(info.get("uses_vader", True))
        raw = zlib.decompress(weights.read_bytes())
        if len(raw) != N_HASH * len(info["heads"]):
            raise ValueError(f"{weights.name} does not match {meta.name}")
        self.heads: tuple[Head, ...] = tuple(
            Head(name, array("b", raw[k * N_HASH:(k + 1) * N_HASH]), float(h["scale"]),
                 tuple(float(x) for x in h["dense"]), float(h["bias"]))
            for k, (name, h) in enumerate((n, info["head"][n]) for n in info["heads"]))
        self._ids: dict[int, int] = {}  # at most N_HASH entries
        self._words: dict[str, tuple[int, int]] = {}
        self._bigrams: dict[tuple[str, str], int] = {}

    def _feature(self, i: int) -> int:
        """Feature i's weights (+128), one 32-bit field per head, remembered (packing all
        2^18 at load would cost ~0.5 s)."""
        hit = self._ids.get(i)
        if hit is None:
            hit = 0
            for k, head in enumerate(self.heads):
                hit |= (head.weights[i] + _OFFSET) << (_FIELD * k)
            self._ids[i] = hit
        return hit

    def _word(self, word: str) -> tuple[int, int]:
        """(packed sum, count) of a word's own n-grams, remembered."""
        hit = self._words.get(word)
        if hit is None:
            ids = word_ids(word)
            hit = (sum(map(self._feature, ids)), len(ids))
            if len(self._words) >= _MEMO_MAX:
                self._words.clear()
            self._words[word] = hit
        return hit

    def _parse(self, text: str) -> _Parsed:
        words = tokens(text)
        packed, counts = [], []
        word_memo, bigrams, feature = self._words, self._bigrams, self._feature
        prev = "<s>"
        for w in words:
            s, n = word_memo.get(w) or self._word(w)
            b = bigrams.get((prev, w))
            if b is None:
                b = bigrams[(prev, w)] = feature(bigram_id(prev, w))
            packed.append(s + b)
            counts.append(n + 1)
            prev = w
        end = feature(bigram_id(prev, "</s>"))
        if packed:
            packed[-1] += end
            counts[-1] += 1
        else:  # no words: only the end bigram
            packed, counts = [end], [1]
        if len(bigrams) >= _MEMO_MAX:
            bigrams.clear()
        return _Parsed(words, packed, counts)

    def _sums(self, packed: int, count: int) -> list[int]:
        """Unpack one packed sum into each head's plain int8 sum."""
        base = _OFFSET * count
        return [((packed >> (_FIELD * k)) & _MASK) - base for k in range(len(self.heads))]

    def score(self, text: str, explain: bool = True, vader: Any = None) -> dict[str, HeadScore]:
        return self.score_many([text], explain, vader)[0]

    def score_many(self, texts: Sequence[str], explain: bool = True,
                   vader: Any = None, offsets: Sequence[dict[str, float]] | None = None
                   ) -> list[dict[str, HeadScore]]:
        """``offsets``: per text, a logit added to named heads (the writers' heads add their
        stacked inputs, the classifier's own scores, this way)."""
        analyzer = (vader or _vader()) if self.uses_vader else None
        out = []
        for n, text in enumerate(texts):
            extra = offsets[n] if offsets is not None else {}
            parsed = self._parse(text)
            total = sum(parsed.counts)
            sums = self._sums(sum(parsed.packed), total)
            unit = 1.0 / math.sqrt(total)
            dense = dense_cues(text, parsed.words, analyzer)
            scores = {}
            for k, head in enumerate(self.heads):
                z = sums[k] * head.scale * unit + head.bias + extra.get(head.name, 0.0)
                for w, x in zip(head.dense, dense, strict=True):
                    z += w * x
                p = 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
                why = (lambda k=k, parsed=parsed, unit=unit: self._drivers(parsed, k, unit)
                       ) if explain else None
                scores[head.name] = HeadScore(p, why)
            out.append(scores)
        return out

    def _drivers(self, parsed: _Parsed, k: int, unit: float, limit: int = 3) -> tuple[str, ...]:
        """The words whose n-grams added most to head k's score."""
        if not parsed.words:
            return ()
        shift = _FIELD * k
        per_word = [((p >> shift) & _MASK) - _OFFSET * n
                    for p, n in zip(parsed.packed, parsed.counts, strict=True)]
        unit *= self.heads[k].scale
        order = sorted(range(len(per_word)), key=per_word.__getitem__, reverse=True)
        out: list[str] = []
        for i in order:
            if per_word[i] * unit <= 0.05 or len(out) >= limit:
                break
            if parsed.words[i] not in out:
                out.append(parsed.words[i])
        return tuple(out)


def _vader() -> Any:
    from policies.moderation.classifier import _vader as shared

    return shared()


_MODELS: LinearModels | None = None
_WRITERS: WriterHeads | None = None
WRITER_WEIGHTS = Path(__file__).with_name("weights_writers.bin")
WRITER_META = Path(__file__).with_name("weights_writers.json")


class WriterHeads:
    """Heads trained on independent writers' practice comments (training/writers.py), each a
    logistic regression over the same n-grams and cues plus the classifier's own per-flag
    scores (stacking). ``score`` takes those scores and returns each head's probability,
    the words that drove it, and the head's own threshold from training."""

    def __init__(self, weights: Path = WRITER_WEIGHTS, meta: Path = WRITER_META) -> None:
        info = json.loads(meta.read_text("utf-8"))
        self.linear = LinearModels(weights, meta)
        self.stack: dict[str, dict[str, float]] = {
            name: {f: float(w) for f, w in info["head"][name]["stack"].items()}
            for name in info["heads"]}
        self.thresholds: dict[str, float] = {
            name: float(info["head"][name]["threshold"]) for name in info["heads"]}
        self.version: str = info["version"]

    @property
    def flags(self) -> tuple[str, ...]:
        return tuple(self.stack)

    def score(self, text: str, base: dict[str, float], explain: bool = True,
              vader: Any = None) -> dict[str, HeadScore]:
        offsets = {name: sum(w * base.get(f, 0.0) for f, w in ws.items())
                   for name, ws in self.stack.items()}
        return self.linear.score_many([text], explain, vader, [offsets])[0]


def writer_heads() -> WriterHeads | None:
    """The writers' heads, loaded once, or None when none are shipped."""
    global _WRITERS
    if _WRITERS is None and WRITER_META.exists():
        with _LOCK:
            if _WRITERS is None:
                _WRITERS = WriterHeads()
    return _WRITERS


def models() -> LinearModels:
    """The shared, lazily loaded models (one per process)."""
    global _MODELS
    if _MODELS is None:
        with _LOCK:
            if _MODELS is None:
                _MODELS = LinearModels()
    return _MODELS
