"""policies/phi/prefilter.py: the literal test before a costly pattern never changes an answer."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from policies.phi import (
    candidates,
    contacts,
    dates,
    judge,
    life_events,
    media,
    milestones,
    numbers,
    results,
    subjects,
    vocabulary,
)
from policies.phi.prefilter import _ASCII_FOLDS, Gated, _shadow, _uncased, gated, needs

CORPUS = Path(__file__).parent / "data" / "phi" / "corpus.jsonl"


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in CORPUS.read_text().splitlines() if line]
    texts += [
        "Our cardiology team has been honoured to support Walt through his recovery.",
        "OUR TEAM WAS PROUD TO TREAT HER", "see you next week!", "7 lb 2 oz of joy",
        "She sprained her left ankle at practice", "Recall notice: lot 4471 of the inhaler",
        "Pictured: the new lobby 📸", "he broke his wrist", "nothing to see here",
        "Ünïcödé text: her kneeſ were checked", "a ſprained ankle",
        "Pictured 📸: the new lobby", "we can’t say — but she’s home", "İS IT HER KNEE",
    ]
    # the same texts as phones write them (curly quotes, dashes, an emoji), and with the
    # non-ASCII letters re's IGNORECASE reads as ASCII ones: most posts are not ASCII
    phone = [t.replace("'", "’").replace(" - ", " — ").replace('"', "“") + " 💙" for t in texts]
    folds = [t.replace("s", "ſ").replace("k", "\u212a").replace("I", "\u0130").replace("i", "ı")
             for t in texts[::3]]
    return texts + phone + folds


def _screen_gates() -> list[tuple[str, Gated]]:
    return [(f"{m.__name__}.{k}", v) for m in (candidates, contacts, dates, judge, life_events,
                                                media, milestones, numbers, results, subjects,
                                                vocabulary)
            for k, v in vars(m).items() if isinstance(v, Gated)]


def test_needs_reads_literals_of_each_alternative() -> None:
    need = needs(re.compile(r"\b(?:our|the)\s+team\b|\bsee you (?:soon|later)\b", re.I))
    assert need is not None and len(need) == 2
    first, second = need
    assert frozenset({"team"}) in first and frozenset({"our", "the"}) in first
    assert frozenset({"see you "}) in second and frozenset({"soon", "later"}) in second


def test_literals_on_both_sides_of_an_alternation_are_needed_apart() -> None:
    """An outside review (session 12): the words before and after the alternation were
    glued into one string no match holds, so the gate skipped real matches."""
    for pattern, text in ((r"see (?:you|ya) soon", "see ya soon"),
                          (r"ab(?:cd|ef)gh", "abcdgh"),
                          (r"x(?:foo|bar)y", "xfooy — 💙")):
        compiled = re.compile(pattern, re.I)
        assert gated(compiled).search(text) is not None
        assert gated(compiled).search(text).span() == compiled.search(text).span()


def test_a_negative_position_is_clamped_as_re_does() -> None:
    compiled = re.compile(r"\brecall\b", re.I)
    gate = gated(compiled)
    for pos, endpos in ((-5, None), (-50, None), (0, -1), (3, 100), (-2, 200)):
        want = (compiled.search("recall notice", pos) if endpos is None
                else compiled.search("recall notice", pos, endpos))
        got = gate.search("recall notice", pos, endpos)
        assert (got and got.span()) == (want and want.span())


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


def test_a_non_ascii_text_is_tested_by_its_ascii_and_uncased_literals() -> None:
    pattern = gated(re.compile(r"\bphotos?\b|📸|\bsee you\b", re.I))
    assert needs(pattern.pattern_object, ascii_text=False) == (
        (frozenset({"photo"}),), (frozenset({"📸"}),), (frozenset({"see you"}),))
    assert pattern.search("a nice day 💙") is None
    assert pattern.search("a nice day 📸").group(0) == "📸"
    assert pattern.search("SEE YOU — soon").group(0) == "SEE YOU"
    # a cased non-ASCII literal (é matches É) gives no string to look for: always run
    assert needs(re.compile(r"caf[é]|\bcaf\u00e9\b", re.I), ascii_text=False) == (
        (frozenset({"caf"}),), (frozenset({"caf"}),))
    assert needs(re.compile(r"\s[—–]\s|;"), ascii_text=False) is None


def test_the_folds_are_every_non_ascii_character_ignorecase_reads_as_ascii() -> None:
    letter = re.compile(r"[a-z]", re.I)
    chars = (chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
    found = {ch: letter.fullmatch(ch).group(0) for ch in chars if letter.fullmatch(ch)}
    assert {odd: re.fullmatch(letter_, odd, re.I) is not None for odd, letter_ in _ASCII_FOLDS} \
        == dict.fromkeys(found, True)
    assert _shadow("İſ \u212aİ ı Ünï") == "is ki i ünï"


def test_an_uncased_character_matches_only_itself() -> None:
    """re (_sre) matches an uncased literal exactly, and no character's lower case is an
    uncased one, so IGNORECASE adds no other match; lower() keeps it."""
    import _sre

    for c in range(0x80, 0x110000):
        if 0xD800 <= c <= 0xDFFF:
            continue
        lower = _sre.unicode_tolower(c)
        assert lower == c or _sre.unicode_iscased(lower), hex(c)
        if _uncased(chr(c)):
            assert not _sre.unicode_iscased(c) and chr(c).lower() == chr(c), hex(c)


def test_the_screen_gates_costly_patterns() -> None:
    names = {name for name, _ in _screen_gates()}
    assert {"policies.phi.judge._CARE_RELATION", "policies.phi.dates.PHOTO",
            "policies.phi.milestones.MILESTONE"} <= names
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
