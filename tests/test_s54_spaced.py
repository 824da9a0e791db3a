"""Letter-spaced names, dates and numbers are screened as a reader reads them (session 54,
attack finding C3; policies/phi/spaced.py). The joined reading only adds what it blocks on
its own; ordinary spaced letters (acronyms, votes, spelling lessons) add nothing."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import blocking

from policies.phi.spaced import spaced_reading, spaced_runs


def _spaced(word: str, sep: str = " ") -> str:
    return sep.join(word)


# --- the reading itself ----------------------------------------------------------------


@pytest.mark.parametrize(("text", "read"), [
    (f"met {_spaced('Rosalind')}  {_spaced('Penhallow')} today",
     "met Rosalind Penhallow today"),
    (f"met {_spaced('RosalindPenhallow')} today", "met Rosalind Penhallow today"),
    (f"born {_spaced('03/14/1961')}.", "born 03/14/1961."),
    (f"{_spaced('Rosalind', '.')} {_spaced('Penhallow', '_')}!", "Rosalind Penhallow!"),
    ("r\u00a0o s\u2009a l i n d", "rosalind"),  # mixed widths of blank, one each
])
def test_spaced_runs_are_joined_into_the_words_a_reader_sees(text: str, read: str) -> None:
    reading = spaced_reading(text)
    assert reading is not None
    joined, origin, runs = reading
    assert joined == read
    assert len(origin) == len(joined)
    # every joined letter remembers the letter it came from
    assert all(text[o] == c for o, c in zip(origin, joined, strict=True) if not c.isspace())


@pytest.mark.parametrize("text", [
    "Open 8 a.m. to 5 p.m., e-mail us first",  # a time: blank and full stop mixed
    "Pick a, b, c or d on the form",  # a list
    "Our new X-ray room is open",
    "Seen at 9:30 with Dr. Li",
])
def test_no_run_no_second_reading(text: str) -> None:
    assert spaced_runs(text) == []
    assert spaced_reading(text) is None


# --- the screen ------------------------------------------------------------------------


@pytest.mark.parametrize(("plain", "spaced", "needle"), [
    ("Happy to report Rosalind Penhallow is home after her hip replacement",
     f"Happy to report {_spaced('Rosalind')}  {_spaced('Penhallow')} is home after her hip "
     "replacement", "R o s a l i n d"),
    ("Our patient Augustin Varela, date of birth 03/14/1961, starts dialysis",
     f"Our patient Augustin Varela, date of birth {_spaced('03/14/1961')}, starts dialysis",
     "0 3 / 1 4"),
    ("Please call patient Augustin at 503-555-0147 about his MRI results",
     f"Please call patient Augustin at {_spaced('503-555-0147')} about his MRI results",
     "5 0 3"),
    ("Happy to report Rosalind Penhallow is home after her hip replacement",
     f"Happy to report {_spaced('Rosalind', '.')} {_spaced('Penhallow', '_')} is home after "
     "her hip replacement", "R.o.s"),
])
def test_a_spaced_identifier_blocks_like_the_plain_one(phi: Any, plain: str, spaced: str,
                                                       needle: str) -> None:
    assert blocking(phi, plain)  # the control: written plainly, it blocks
    found = [f for f in phi.screen(spaced) if f.severity == "block"]
    at = spaced.index(needle)
    # the block lies on the spaced characters of the original text
    assert any(f.start <= at < f.end and spaced[f.start:f.end] == f.text for f in found), \
        [(f.rule, f.text) for f in found]


@pytest.mark.parametrize("text", [
    "Join us for the A B C of asthma, a free class for parents on Thursday",
    "Proudly serving the U S A since 1987",
    "Reply I I I if you want the flu clinic open on Saturdays",
    "Spelling game at the pediatric open house: c a t, then d o g, then b i r d",
    "s o  g o o d to see everyone at the health fair!",
    "Rooms  A  B  C  are open for vaccines this week",
])
def test_ordinary_spaced_letters_add_no_finding(phi: Any, text: str) -> None:
    assert not any(f.rule.endswith("+letter_spaced") for f in phi.screen(text))


def test_the_joined_reading_never_removes_a_finding(phi: Any, monkeypatch) -> None:  # noqa: ANN001
    import policies.phi.screen as screen

    texts = [
        f"Our patient {_spaced('Augustin')} Varela finished chemo, call 503-555-0147",
        f"Reply I I I if you saw Augustin Varela at dialysis, born {_spaced('03/14/1961')}",
    ]
    joined = phi.screen_many(texts)
    monkeypatch.setattr(screen, "spaced_reading", lambda _text: None)
    as_written = phi.screen_many(texts)
    for before, after in zip(as_written, joined, strict=True):
        kept = {(f.start, f.end, f.category) for f in after if f.severity == "block"}
        assert {(f.start, f.end, f.category) for f in before if f.severity == "block"} <= kept
        assert len(after) >= len(before)


@pytest.mark.parametrize("name", ["Augustin Varela", "Rosalind Penhallow"])
def test_a_letter_spaced_name_in_a_comment_is_read_as_the_name(screened_classifier: Any,
                                                                name: str) -> None:
    from policies.moderation import ModerationPolicy, should_auto_hide

    first, last = name.split()
    said = "pretty sure {} from my church is on your dialysis list now"
    plain, spaced = said.format(name), said.format(f"{_spaced(first)}  {_spaced(last)}")
    policy = ModerationPolicy()
    assert should_auto_hide(screened_classifier.classify(plain), policy)  # the control
    flags = screened_classifier.classify(spaced)
    assert "phi" in {f.flag for f in flags}, [(f.flag, f.score) for f in flags]
    assert should_auto_hide(flags, policy)


@pytest.mark.parametrize("text", [
    "s o  g o o d to see the new pediatric wing, thank you all",
    "the A B C of asthma class was great, when is the next one?",
])
def test_ordinary_spaced_letters_in_a_comment_raise_no_phi(screened_classifier: Any,
                                                           text: str) -> None:
    assert "phi" not in {f.flag for f in screened_classifier.classify(text)}


# --- after the outside review: the learned scorers read the joined text, and added nothing
# a reader would take for anyone's (chair numbers, a dotted acronym, the practice's own
# spaced line); a joined reading now adds only what a rule finds ---------------------------


@pytest.fixture(scope="module")
def learned_phi() -> Any:
    import tomllib
    from pathlib import Path

    from policies.phi import PhiAllowList, PhiScreen

    policy = tomllib.loads((Path(__file__).parent / "data" / "phi" / "policy.toml").read_text())
    return PhiScreen(PhiAllowList.from_toml(policy["phi"]), learned=True)


@pytest.mark.parametrize("text", [
    "Please R.S.V.P. by Thursday so we have enough fruit for the diabetes class!",
    "Text reminders now come from 5 5 5 - 0 1 0 0, it's really us, not a scam!",
    # the practice's own allow-listed line, spaced
    "Call 2 5 3 - 5 5 5 - 0 1 0 0 to book your colonoscopy.",
    "Exam rooms 4 5 6 7 8 9 got fresh paint and new step stools this week. Come see!",
])
def test_the_joined_reading_adds_no_learned_block(learned_phi: Any, text: str) -> None:
    found = learned_phi.screen(text)
    assert not any(f.rule.endswith("+letter_spaced") for f in found), \
        [(f.rule, f.text) for f in found]


def test_a_rule_finding_in_the_joined_reading_still_blocks_with_the_learned_screen(
        learned_phi: Any) -> None:
    text = (f"Our patient Augustin Varela, date of birth {_spaced('03/14/1961')}, "
            "starts dialysis on Monday")
    found = [f for f in learned_phi.screen(text) if f.severity == "block"]
    at = text.index("0 3 / 1 4")
    assert any(f.start <= at < f.end and f.rule.endswith("+letter_spaced") for f in found), \
        [(f.rule, f.text) for f in found]
