"""The trained comment models at run time: linear heads over hashed word and character
n-grams (features.py), one per learned flag.

Stored next to this file as ``weights.bin`` (each head's 2^18 int8 weights, zlib-compressed,
~0.5 MB) and ``weights.json`` (per-head scale, dense-cue weights, bias, provenance). Loaded
and scored in pure Python (``array`` + ``zlib``): no numpy or scikit-learn import, so the
load adds a few milliseconds to ``socialbot comments classify``.

How they were trained, on what, and how well they do: ``MODEL_CARD.md``.
"""

from __future__ import annotations

import json
import math
import threading
import zlib
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from policies.moderation.features import DENSE, N_HASH, Features, featurize

WEIGHTS = Path(__file__).with_name("weights.bin")
META = Path(__file__).with_name("weights.json")
_LOCK = threading.Lock()


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

    def featurize(self, text: str, vader: Any = None) -> Features:
        return featurize(text, (vader or _vader()) if self.uses_vader else None)

    def logit(self, head: Head, feats: Features) -> float:
        hashed = sum(map(head.weights.__getitem__, feats.index)) * head.scale * feats.scale
        return hashed + sum(w * x for w, x in zip(head.dense, feats.dense, strict=True)) \
            + head.bias

    def score(self, text: str, explain: bool = True, vader: Any = None) -> dict[str, HeadScore]:
        feats = self.featurize(text, vader)
        out = {}
        for head in self.heads:
            z = self.logit(head, feats)
            p = 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
            why = (lambda head=head: self.drivers(feats, head)) if explain else None
            out[head.name] = HeadScore(p, why)
        return out

    def drivers(self, feats: Features, head: Head, limit: int = 3) -> tuple[str, ...]:
        """The words whose n-grams added most to this head's score."""
        if not feats.words:
            return ()
        per_word = [0.0] * len(feats.words)
        w = head.weights
        for idx, owner in zip(feats.index, feats.owner, strict=True):
            if owner >= 0:
                per_word[owner] += w[idx]
        unit = head.scale * feats.scale
        order = sorted(range(len(per_word)), key=per_word.__getitem__, reverse=True)
        out: list[str] = []
        for i in order:
            if per_word[i] * unit <= 0.05 or len(out) >= limit:
                break
            if feats.words[i] not in out:
                out.append(feats.words[i])
        return tuple(out)


def _vader() -> Any:
    from policies.moderation.classifier import _vader as shared

    return shared()


_MODELS: LinearModels | None = None


def models() -> LinearModels:
    """The shared, lazily loaded models (one per process)."""
    global _MODELS
    if _MODELS is None:
        with _LOCK:
            if _MODELS is None:
                _MODELS = LinearModels()
    return _MODELS
