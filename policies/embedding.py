"""Sentence vectors, measured as features for the learned parts and not used by the product.

Session 9 measured them in the PHI scorer (bench/phi_embed_experiment.py, leave one writer's set
out: no variant beat the hashed n-grams at equal false blocks) and in the comment negative and
abuse heads (bench/moderation_embed_ceiling.py: TweetEval validation best F1 about 0.62 either
way); docs/phi.md and policies/moderation/MODEL_CARD.md have the tables. So wordllama is a
development dependency (`pip install -e .[dev]`), not a product one.

WordLlama (MIT, dleemiller/WordLlama) ships a 32,000-token static embedding table distilled from
a large language model's input embeddings (l2_supercat, 256 dimensions, float16, 16 MB) inside
its wheel, with the matching tokenizer: a sentence vector is the average of its tokens' vectors.
The hope was that words nobody on the team wrote would land near the health words the scorers
know, which hashed n-grams cannot do; measured, it did not pay. Nothing is downloaded: the table
and the tokenizer are read from the installed package. WordLlama's own `load()` looks for the
tokenizer in a folder its wheel does not use and then tries Hugging Face, so the two shipped
files are opened here directly.

Loaded lazily on the first call (about 0.3 s with the imports) and kept for the process.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from wordllama.inference import WordLlamaInference

CONFIG = "l2_supercat"
DIM = 256  # the table's width; the first 64 or 128 columns also work (Matryoshka training)


@lru_cache(maxsize=1)
def _model() -> WordLlamaInference:
    import wordllama
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    root = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / f"{CONFIG}_tokenizer_config.json"))
    with safe_open(str(root / "weights" / f"{CONFIG}_{DIM}.safetensors"), framework="np") as f:
        table = f.get_tensor("embedding.weight")
    return WordLlamaInference(table, tokenizer)


def sentence_vectors(texts: Sequence[str], dim: int = DIM) -> np.ndarray:
    """One unit-length float32 row per text: the average token vector, first `dim` columns."""
    import numpy as np

    if not 0 < dim <= DIM:
        raise ValueError(f"dim must be in 1..{DIM}, got {dim}")
    if not texts:
        return np.zeros((0, dim), dtype=np.float32)
    vectors = _model().embed(list(texts), norm=False)[:, :dim].astype(np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)
