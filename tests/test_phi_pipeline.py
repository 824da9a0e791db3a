"""The screen's own spaCy loop (policies.phi.model.pipe) gives the entities and sentence
starts nlp.pipe gives, on every text of the team's labelled corpus, whatever the batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from policies.phi.model import _fast, load_nlp, model_name, pipe

DATA = Path(__file__).parent / "data" / "phi"


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in
             (DATA / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    for name in ("handwritten.txt", "blind.txt"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                texts.append(line.split("\t", 2)[-1])
    return texts


def _annotations(doc: Any) -> tuple:
    return (
        [(e.start_char, e.end_char, e.label_) for e in doc.ents],
        [(t.ent_iob_, t.ent_type_, t.is_sent_start) for t in doc],
    )


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp(model_name())


def test_the_loaded_pipeline_takes_the_fast_path(nlp):
    assert _fast(nlp), nlp.pipe_names  # else the screen silently runs at half speed


@pytest.mark.parametrize("batch_size", [64, 7, 1])
def test_same_entities_as_spacy(nlp, batch_size):
    texts = _texts()
    assert len(texts) > 500
    ours = [_annotations(d) for d in pipe(nlp, texts, batch_size=batch_size)]
    theirs = [_annotations(d) for d in nlp.pipe(texts, batch_size=batch_size)]
    assert sum(len(o[0]) for o in ours) > 500  # the corpus is full of names, dates, places
    assert [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b] == []


def test_empty_and_blank_texts(nlp):
    texts = ["", " ", "\n", "Ok"]
    assert [_annotations(d) for d in pipe(nlp, texts)] == [
        _annotations(d) for d in nlp.pipe(texts)]


def test_spacy_cli_still_importable_after_the_lean_import(nlp):
    import subprocess
    import sys

    code = ("import sys; from policies.phi.model import load_nlp, model_name; "
            "load_nlp(model_name()); import spacy; assert 'spacy.cli' not in sys.modules; "
            "print(callable(spacy.cli.download)); "  # attribute access, no import statement
            "import spacy.cli; from spacy.cli import info; print(callable(info), "
            "spacy.info()['spacy_version'] == spacy.__version__)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=Path(__file__).parent.parent, check=True)
    assert out.stdout.split() == ["True", "True", "True"]


@pytest.mark.parametrize("batch_size", [64, 3, 1])
def test_edge_texts_and_mixed_lengths(nlp, batch_size):
    words = ["Ines", "Okafor", "saw", "Dr.", "Brandt", "at", "Mercy", "Hospital", "on", "May", "3",
             ",", "2024", "in", "Dayton", "\U0001f600", "\uff11\uff12\uff13", "\u200b", "...", "\n"]
    texts = ["\U0001f600\U0001f389", "\u202e\u202c", "\t \t", ".", " ".join(words * 400)]
    texts += [" ".join(words[: n % len(words)] * (n % 7)) for n in range(60)]
    ours = [_annotations(d) for d in pipe(nlp, texts, batch_size=batch_size)]
    theirs = [_annotations(d) for d in nlp.pipe(texts, batch_size=batch_size)]
    assert sum(len(o[0]) for o in ours) > 40
    assert [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b] == []


def test_the_ner_multiplies_with_numpy_on_one_blas_thread_and_finds_what_blis_finds(nlp):
    """model._numpy_matmul: the pipeline is built on numpy's ops without BLIS (faster here),
    BLAS held to one thread; a pipeline loaded the default way (BLIS, as spaCy ships) finds
    the same entities on every corpus text."""
    import spacy
    from threadpoolctl import threadpool_info

    from policies.phi.model import _UNUSED

    ops = nlp.get_pipe("ner").model.ops
    assert type(ops).__name__ == "NumpyOps" and ops.use_blis is False
    # numpy's own OpenBLAS, the one NumpyOps multiplies with: another library's BLAS (scipy's,
    # loaded later in the same worker by an unrelated test) keeps its own default
    numpy_blas = [pool for pool in threadpool_info()
                  if pool["user_api"] == "blas" and "numpy" in pool["filepath"]]
    assert numpy_blas and all(pool["num_threads"] == 1 for pool in numpy_blas)
    shipped = spacy.load(model_name(), exclude=list(_UNUSED))
    assert shipped.get_pipe("ner").model.ops.use_blis is True
    shipped.add_pipe("sentencizer", first=True)
    texts = _texts()
    ours = [_annotations(d) for d in pipe(nlp, texts)]
    theirs = [_annotations(d) for d in shipped.pipe(texts)]
    assert [i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b] == []
