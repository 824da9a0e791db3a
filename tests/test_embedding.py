"""The shared sentence vectors (policies/embedding.py): read from the installed wheel, no
download, unit length, and nearer for sentences that mean the same."""

from __future__ import annotations

import numpy as np
import pytest

from policies.embedding import DIM, sentence_vectors


def test_vectors_are_unit_length_rows_of_the_asked_width():
    v = sentence_vectors(["The office closes at noon on Friday.", "", "ok"], dim=128)
    assert v.shape == (3, 128) and v.dtype == np.float32
    norms = np.linalg.norm(v, axis=1)
    assert np.allclose(norms[[0, 2]], 1.0, atol=1e-5)
    assert sentence_vectors([]).shape == (0, DIM)


def test_similar_meaning_is_nearer_than_unrelated_meaning():
    a, b, c = sentence_vectors(["The waiting room was full and we sat there for hours.",
                                "We waited a very long time before anyone saw us.",
                                "Flu shots are free for children this weekend."])
    assert float(a @ b) > float(a @ c) + 0.1


def test_a_width_outside_the_table_is_refused():
    with pytest.raises(ValueError):
        sentence_vectors(["x"], dim=DIM + 1)
