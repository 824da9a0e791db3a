"""The dependency parse, for the few sentences whose judgement needs it.

The screen's own pipeline is the sentencizer and the NER (model.py): fast, but it cannot say
who is the subject of a sentence. Whether "our favourite crossing guard" is the one who had a
heart attack, or whether "Hope" is a person ("Hope finished her last round of radiation") or
a word ("Hope is not a plan"), is a question of syntax: subject, verb, possessive pronoun.
The tagger and the parser of the same spaCy package answer it. They load on first need (about
0.2 s once the NER is loaded) and run only on a sentence that a cheap test has already found
to hold both a health term and a person noun or a sentence-initial word with a personal
pronoun after it (subjects.py): a few posts in a hundred."""

from __future__ import annotations

import threading
from typing import Any

from policies.allocation import long_lived

from .model import ScreenUnavailable, cached_name_of

# the parser's own tok2vec is the shared one; the lemmatizer and the attribute ruler are not
# needed (fine-grained tags and dependencies are all subjects.py reads)
_UNUSED = ("ner", "lemmatizer", "attribute_ruler", "senter")

_lock = threading.Lock()
_parsers: dict[str, Any] = {}


def parser_for(doc: Any) -> Any:
    """The tagger and parser of the package that produced `doc` (loaded once per process)."""
    return parser_named(cached_name_of(doc))


def parser_named(name: str) -> Any:
    """The tagger and parser of the spaCy package `name` (loaded once per process)."""
    with _lock:
        if name not in _parsers:
            from .model import _import_spacy, _numpy_matmul

            try:
                # lives as long as the process, like the NER, and multiplies with numpy's
                # BLAS as the NER does (model._numpy_matmul): BLIS's generic kernel on this
                # project's CPUs spent about 1.8x the CPU time on the same parses (the tags,
                # heads and labels were identical on all 22,176 sentences of the sets of
                # bench/phi_decisions_dump.py)
                with long_lived(), _numpy_matmul():
                    _parsers[name] = _import_spacy().load(name, exclude=list(_UNUSED))
            except Exception as exc:  # noqa: BLE001 - any load failure must fail closed
                raise ScreenUnavailable(
                    f"PHI screen unavailable: the parser of {name!r} cannot be loaded ({exc})"
                ) from exc
        return _parsers[name]


def parse(doc: Any, sentence: str) -> Any:
    """The tagged and parsed Doc of one sentence (judge.Context keeps it for the text)."""
    return _analyse(parser_for(doc), [sentence])[0]


def _analyse(nlp: Any, sentences: list[str]) -> list[Any]:
    """nlp.pipe(sentences) with the parser's decoding run with the GIL held, as model.py
    does for the NER (same step model, same arg-max: the same tags, heads and labels, and
    about a fifth less CPU time on the dev sets' sentences)."""
    if nlp.pipe_names != ["tok2vec", "tagger", "parser"]:
        return list(nlp.pipe(sentences, batch_size=64))
    from spacy.util import minibatch

    from .model import _greedy

    tok2vec, tagger, parser = (nlp.get_pipe(n) for n in nlp.pipe_names)
    docs = [nlp.make_doc(s) for s in sentences]
    for batch in minibatch(docs, size=64):
        tok2vec.set_annotations(batch, tok2vec.predict(batch))
        tagger.set_annotations(batch, tagger.predict(batch))
        parser.set_annotations(batch, _greedy(parser, batch))
    return docs


def parse_needed(model: str, texts: list[str]) -> dict[str, Any]:
    """Parse, in one batch, every sentence of `texts` that subjects.py's cheap tests say
    the judgement may ask about (nlp.pipe costs well under half of one call per sentence):
    sentence text (stripped) -> parsed Doc. Nothing loads when no sentence needs it."""
    from .subjects import needs_parse

    return parse_sentences(model, [s for t in texts for s in needs_parse(t)])


def parse_sentences(model: str, sentences: list[str]) -> dict[str, Any]:
    """Sentence (stripped) -> its parsed Doc, the sentences parsed in one batch; nothing
    loads when there are none."""
    wanted = list(dict.fromkeys(sentences))
    if not wanted:
        return {}
    return dict(zip(wanted, _analyse(parser_named(model), wanted), strict=True))
