"""bench/moderation_abuse_misses.py (session 48): each missed abuse comment gets one cause, the
first that applies. Every sentence was written for this file."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def misses():  # noqa: ANN201 (a bench module)
    sys.path.insert(0, str(ROOT / "bench"))
    import moderation_abuse_misses

    return moderation_abuse_misses


@pytest.mark.parametrize(("text", "flags", "score", "cause"), [
    ("Cállate ya, metiche, nadie te habló", ["unjudged"], 0.1, 0),
    ("Ang tamad ninyo lahat diyan sa clinic", ["unjudged"], 0.0, 1),
    ("lol Gary from church has gout again, serves him right", ["phi"], 0.1, 2),
    ("we found your address, enjoy your evening", [], 0.1, 3),
    ("go back to Norway, nobody asked", [], 0.1, 4),
    ("the billing guy is a clueless hack", ["negative"], 0.0, 5),
    ("what a sad little man, honestly", [], 0.3, 6),
    ("what a sad little man, honestly", [], 0.1, 7),
])
def test_each_miss_gets_the_first_cause_that_applies(misses, text, flags, score, cause):
    assert misses.miss_cause(text, flags, score, 0.35) == misses.CAUSES[cause]
