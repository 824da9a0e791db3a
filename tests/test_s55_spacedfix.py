"""A word spelled out with any one separator between its letters is read joined (session 55,
attack findings P1 and M2; policies/phi/spaced.py, policies/moderation/classifier.py): the
post screen reads a name spaced with "|", "+", ";", "&", an ellipsis or an emoji as it reads
one spaced with dots, and the comment classifier reads a spelled-out insult or advertisement
as abuse or spam. Lists, ratings, versions, initials and emoji strings add nothing."""

from __future__ import annotations

from typing import Any

import pytest
from conftest import flag_names

from policies.phi.spaced import spaced_reading, spaced_runs

# --- the reading: one principle for every separator -------------------------------------

SEPARATORS = ["|", "+", ",", ";", "?", "%", "&", "\u2026", "\u2764\ufe0f", "\U0001f921",
              " | ", " + ", "//", "\U0001f469\u200d\U0001f469\u200d\U0001f467"]


@pytest.mark.parametrize("sep", SEPARATORS)
def test_any_one_separator_between_single_letters_is_read_joined(sep: str) -> None:
    text = f"met {sep.join('Rosalind')} {sep.join('Okafor')} today"
    reading = spaced_reading(text)
    assert reading is not None
    joined, origin, runs = reading
    assert joined == "met Rosalind Okafor today"
    assert len(origin) == len(joined) and len(runs) == 2
    assert all(text[o] == c for o, c in zip(origin, joined, strict=True))
    # the runs lie on the original text, from the first letter to the last
    assert [text[a:b][0] + text[a:b][-1] for a, b in runs] == ["Rd", "Or"]


@pytest.mark.parametrize(("text", "read"), [
    ("(R|o|s|a) x", "(Rosa) x"),
    ("|R|o|s|a| x", "|Rosa| x"),  # the separator around the word too
    ("R + o + s + a", "Rosa"),  # not "R+o+s+a" (a blank run with "+" as a unit)
    ("0 7 / 2 2 / 1 9 7 9", "07/22/1979"),  # a spaced date keeps its slashes
])
def test_edges_of_a_run(text: str, read: str) -> None:
    reading = spaced_reading(text)
    assert reading is not None and reading[0] == read


@pytest.mark.parametrize("text", [
    "Pick a, b, c or d on the form",  # a list: a mark with a blank after it only
    "Dr. J. R. R. Tolkien-Smith joins us",  # initials as written
    "Rated 5/5 and A+ again",
    "Portal v2.3.1 is live",
    "see x.a.b.c.org or /p/q/r/ for the map",  # a domain, a path
    "AT&T and R&D",
    "Happy holidays \U0001f384\u2b50\U0001f381\u2b50\U0001f384",
    # decoration normalize.py reads: a mark on every letter, a zero-width space between them
    "J\u0336o\u0336h\u0336n and M\u200ba\u200br\u200bi\u200ba",
])
def test_everyday_uses_of_the_separators_are_no_run(text: str) -> None:
    assert spaced_runs(text) == []


# --- the post screen --------------------------------------------------------------------


@pytest.fixture(scope="module")
def screen() -> Any:
    from policies.phi import get_screen

    return get_screen()


@pytest.mark.parametrize("sep", ["|", ";", "&", "\u2764\ufe0f", " + "])
def test_a_name_spelled_with_any_separator_blocks_with_a_rule_on_its_letters(
        screen: Any, sep: str) -> None:
    name = f"{sep.join('Rosalind')} {sep.join('Okafor')}"
    text = f"{name} completed her chemotherapy with our team this month."
    found = [f for f in screen.screen(text) if f.severity == "block"]
    assert any(f.rule.endswith("+letter_spaced") and f.start == 0 and f.end == len(name)
               for f in found), [(f.rule, f.text) for f in found]


@pytest.mark.parametrize("text", [
    "Vitamins A,B,C and D: what each does for kids, on our blog this week.",
    "Breakfast menu at the health fair: eggs|toast|fruit|coffee, and A|B|C wings are open.",
    "Quick math for parents: 2+2+2=6 ounces of water per feeding is too much for a newborn.",
    "Room signs: A;B;C are exam rooms, D is the lab, and the diabetes class is in room E.",
])
def test_everyday_separators_add_no_block(screen: Any, text: str) -> None:
    assert not any(f.rule.endswith("+letter_spaced") for f in screen.screen(text))


# --- comments: abuse and spam read the spelled-out words ---------------------------------


@pytest.mark.parametrize(("text", "flag"), [
    ("the receptionist is a m|o|r|o|n", "abuse"),
    ("s_t_u_p_i_d nurses, every single time", "abuse"),
    ("what a bunch of \U0001f1f1\U0001f1f4\U0001f1f8\U0001f1ea\U0001f1f7\U0001f1f8", "abuse"),
])
def test_a_spelled_out_insult_is_abuse(screened_classifier: Any, text: str, flag: str) -> None:
    assert flag in flag_names(screened_classifier, text)


@pytest.mark.parametrize("text", [
    "l|o|v|e this place",
    "t h a n k   y o u  everyone",
    "\U0001f1fa\U0001f1f8\U0001f1fa\U0001f1f8\U0001f1fa\U0001f1f8 thank you to the veterans on "
    "your staff",
    "a+b+c = so tired after this week haha",
    "Such kind nurses, thank you girls x x x",  # kisses, not "xxx"
    "The front desk was lovely, cheers x.x.x",
])
def test_spelled_out_kind_words_raise_no_abuse_or_spam(screened_classifier: Any,
                                                       text: str) -> None:
    assert not {"abuse", "spam"} & flag_names(screened_classifier, text)


def test_the_spelled_reading_is_scored_only_when_its_rules_read_more(monkeypatch) -> None:  # noqa: ANN001
    from policies.moderation import CommentClassifier, ModerationPolicy, classifier

    assert classifier._spelled_out("no run here") is None
    assert classifier._spelled_out("\U0001f1ee\U0001f1e9\U0001f1ee\U0001f1f4\U0001f1f9") == \
        "idiot"
    c = CommentClassifier(ModerationPolicy(), None, use_model=False)
    calls: list[str] = []
    real = c._scores
    monkeypatch.setattr(c, "_scores", lambda text, *a: calls.append(text) or real(text, *a))
    c.scores("h e l l o from the waiting room")
    assert calls == ["h e l l o from the waiting room"]  # "hello": no rule reads more
    calls.clear()
    out = c.scores("you are an i|d|i|o|t")
    assert calls == ["you are an i|d|i|o|t", "you are an idiot"]
    assert out["abuse"][0] >= 0.7


@pytest.mark.parametrize("text", [
    "Suite update: rooms 1,2,3,4,5,6,7,8,9 are closed for cleaning on Monday.",
    "Questions about flu shots? Our line 5|5|5|0|1|2|3 is open.",
    "Lockers 1;2;3;4;5;6;7;8;9 were reset for the new staff this week.",
])
def test_digits_listed_with_a_new_separator_are_not_joined(screen: Any, text: str) -> None:
    """Digits alone join only with a date's, a phone's or a code's marks (session 54's): a
    list or a count with a comma, a semicolon or a bar is a list, not a nine-digit number
    (lead's narrowing: each of these blocked as a long number once joined)."""
    assert spaced_runs(text) == []
    assert not any(f.severity == "block" for f in screen.screen(text))


def test_digits_with_a_date_or_phone_mark_still_join() -> None:
    assert spaced_runs("born 0.7.2.2.1.9.7.9 at home") != []
