"""The trained comment models at run time: linear heads over hashed word and character
n-grams (features.py), one per learned flag, stored compactly in ``weights.npz`` next to this
file and loaded with numpy alone (no scikit-learn import, ~30 ms).

How they were trained, on what, and how well they do: ``MODEL_CARD.md``.
"""

from __future__ import annotations

import json
import math
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from policies.moderation.features import DENSE, N_HASH, Features, featurize

WEIGHTS = Path(__file__).with_name("weights.npz")
_LOCK = threading.Lock()


@dataclass(frozen=True)
class HeadScore:
    probability: float
    drivers: tuple[str, ...]  # the words that pushed the score up most


class LinearModels:
    """Logistic-regression heads sharing one featurizer."""

    def __init__(self, path: Path = WEIGHTS) -> None:
        import numpy as np

        with np.load(path, allow_pickle=False) as z:
            meta = json.loads(str(z["meta"]))
            self.heads: tuple[str, ...] = tuple(meta["heads"])
            self.version: str = meta["version"]
            if meta["n_hash"] != N_HASH or tuple(meta["dense"]) != DENSE:
                raise ValueError(f"{path.name} was trained with another featurizer")
            self.uses_vader: bool = bool(meta.get("uses_vader", True))
            self.W = np.zeros((N_HASH, len(self.heads)), dtype=np.float32)
            self.dense = np.zeros((len(DENSE), len(self.heads)), dtype=np.float32)
            self.bias = np.zeros(len(self.heads), dtype=np.float32)
            for k, head in enumerate(self.heads):
                scale = float(z[f"scale_{head}"])
                self.W[z[f"idx_{head}"], k] = z[f"q_{head}"].astype(np.float32) * scale
                self.dense[:, k] = z[f"dense_{head}"]
                self.bias[k] = float(z[f"bias_{head}"])
        self._np = np

    def featurize(self, text: str, vader: Any = None) -> Features:
        return featurize(text, (vader or _vader()) if self.uses_vader else None)

    def logits(self, feats: Features) -> Any:
        np = self._np
        idx = np.fromiter(feats.index, dtype=np.int64, count=len(feats.index))
        return (self.W[idx].sum(axis=0) * feats.scale
                + np.asarray(feats.dense, dtype=np.float32) @ self.dense + self.bias)

    def score(self, text: str, explain: bool = True, vader: Any = None) -> dict[str, HeadScore]:
        feats = self.featurize(text, vader)
        logits = self.logits(feats)
        out = {}
        for k, head in enumerate(self.heads):
            p = 1.0 / (1.0 + math.exp(-float(logits[k])))
            out[head] = HeadScore(p, self.drivers(feats, k) if explain else ())
        return out

    def drivers(self, feats: Features, k: int, limit: int = 3) -> tuple[str, ...]:
        """The words whose n-grams added most to head k's score."""
        np = self._np
        if not feats.words:
            return ()
        idx = np.fromiter(feats.index, dtype=np.int64, count=len(feats.index))
        owner = np.fromiter(feats.owner, dtype=np.int64, count=len(feats.owner))
        keep = owner >= 0
        per_word = np.bincount(owner[keep], weights=self.W[idx[keep], k] * feats.scale,
                               minlength=len(feats.words))
        order = np.argsort(-per_word)
        out: list[str] = []
        for i in order:
            if per_word[i] <= 0.05 or len(out) >= limit:
                break
            word = feats.words[int(i)]
            if word not in out and word not in ("<s>", "</s>"):
                out.append(word)
        return tuple(out)


@lru_cache(maxsize=1)
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
