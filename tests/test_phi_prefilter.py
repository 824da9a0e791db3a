"""policies/phi/prefilter.py: the literal test before a costly pattern never changes an answer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policies.phi import candidates, dates, judge, life_events, media, results
from policies.phi.prefilter import Gated, gated, needs

CORPUS = Path(__file__).parent / "data" / "phi" / "corpus.jsonl"


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in CORPUS.read_text().splitlines() if line]
    texts += [
        "Our cardiology team has been honoured to support Walt through his recovery.",
        "OUR TEAM WAS PROUD TO TREAT HER", "see you next week!", "7 lb 2 oz of joy",
        "She sprained her left ankle at practice", "Recall notice: lot 4471 of the inhaler",
        "Pictured: the new lobby 📸", "he broke his wrist", "nothing to see here",
        "Ünïcödé text: her kneeſ were checked", "a ſprained ankle",  # non-ASCII always runs
    ]
    return texts


def _screen_gates() -> list[tuple[str, Gated]]:
    return [(f"{m.__name__}.{k}", v) for m in (candidates, dates, judge, life_events, media,
                                                results)
            for k, v in vars(m).items() if isinstance(v, Gated)]


def test_needs_reads_literals_of_each_alternative() -> None:
    need = needs(re.compile(r"\b(?:our|the)\s+team\b|\bsee you (?:soon|later)\b", re.I))
    assert need is not None and len(need) == 2
    first, second = need
    assert frozenset({"team"}) in first and frozenset({"our", "the"}) in first
    assert frozenset({"see you "}) in second and frozenset({"soon", "later"}) in second


def test_an_alternative_without_a_literal_leaves_the_pattern_ungated() -> None:
    pattern = re.compile(r"\bfoo\b|[A-Z][a-z]+")
    assert needs(pattern) is None
    gate = gated(pattern)
    assert gate.need is None and gate.search("no match here") is None
    assert gate.search("a Name").group(0) == "Name"


def test_an_emoji_alternative_cannot_match_ascii_text() -> None:
    pattern = gated(re.compile(r"\bphotos?\b|📸"))
    assert isinstance(pattern, Gated)
    assert pattern.search("a nice day") is None
    assert pattern.search("a nice day 📸").group(0) == "📸"  # non-ASCII: always run


def test_ignorecase_folds_outside_ascii_still_match() -> None:
    # re.I lets 's' match the long s and 'k' the Kelvin sign; such a text is never skipped
    pattern = gated(re.compile(r"\bsprain", re.I))
    assert pattern.search("a ſprain").group(0) == "ſprain"
    pattern = gated(re.compile(r"\bknee\b", re.I))
    assert pattern.search("her \u212anee").group(0) == "\u212anee"


def test_the_screen_gates_costly_patterns() -> None:
    names = {name for name, _ in _screen_gates()}
    assert {"policies.phi.judge._CARE_RELATION", "policies.phi.dates.PHOTO"} <= names
    assert all(gate.need for _, gate in _screen_gates())  # each has a test to skip by


@pytest.mark.parametrize("name_gate", _screen_gates(), ids=lambda g: g[0])
def test_gated_answers_equal_the_pattern_s(name_gate: tuple[str, Gated]) -> None:
    _, gate = name_gate
    raw = gate.pattern_object
    for text in _texts():
        for pos, endpos in ((0, None), (len(text) // 3, None), (0, len(text) // 2)):
            args = (text, pos) if endpos is None else (text, pos, endpos)
            assert ([m.span() for m in gate.finditer(*args)]
                    == [m.span() for m in raw.finditer(*args)]), text
            found, want = gate.search(*args), raw.search(*args)
            assert (found and found.span()) == (want and want.span()), text
            found, want = gate.match(*args), raw.match(*args)
            assert (found and found.span()) == (want and want.span()), text


def test_not_name_answers_as_its_pattern() -> None:
    """candidates.NOT_NAME looks an ASCII word up in a set: the same answers as the regex."""
    old = re.compile(r"^(?:" + candidates._NOT_NAME_WORDS + r")$", re.I)
    words = {w for t in _texts() for w in re.findall(r"\S+", t)}
    words |= {"The\n", "ſt", "ST", "St\n", "Patient", "PATIENTS\n", "\n", "", "dr.", "ſo", "Mayo"}
    for word in words:
        for form in (word, word.lower(), word.upper(), word.rstrip("."), word + "\n"):
            assert bool(candidates.NOT_NAME.match(form)) == bool(old.match(form)), form
