"""The independent dev set stays independent: none of its lines, nor a distinctive phrase of
one, is copied into a rule, a lexicon, a comment, a docstring or a test.

A rule or example that quotes the dev set makes every figure measured on it a figure of fit
(TEAM.md, Evidence). Two checks, both over every text file under policies/, social_bot/,
adapters/ and tests/ (this file excepted):

1. no word 5-gram of a dev-set text appears in the file, unless the 5-gram is everyday
   English (see ``_weight``);
2. no quoted example of 3+ words in a comment or docstring ("...") appears verbatim in the
   dev set, unless all its words are everyday English.

The dev set lives next to the checkout (``../shared/devset``, or ``../../shared/devset``
from a worktree under ``wt/``); without it the test is skipped. Grams are compared on
lowercased words (letters, digits, inner apostrophes) after NFKC and apostrophe folding,
so punctuation, case and line breaks do not hide a copy.
"""

from __future__ import annotations

import io
import json
import re
import tokenize
import unicodedata
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SELF = Path(__file__).resolve()
SCANNED = ("policies", "social_bot", "adapters", "tests")
TEXT_SUFFIXES = {".py", ".txt", ".tsv", ".json", ".jsonl", ".toml", ".yml", ".yaml", ".md",
                 ".ini", ".mako", ".cfg", ".csv", ".html", ".j2"}
N = 5
# wordfreq's Zipf scale: 4 is about once per 10,000 words. A 5-gram is the dev set's own when
# its words weigh 2 or more (see _weight): one name or very rare word, or two uncommon words;
# below that it is shared English ("for trusting us with your") that any practice would write.
COMMON_ZIPF = 4.0
RARE_ZIPF = 3.0
PROPER_ZIPF = 4.5
DEVSET_FILES = ("posts.jsonl", "comments.jsonl")
# Copies found in data that a rule or a trained model is built from are not waived: a file
# that needs an exception here is rewritten instead. Each entry would waive exactly one 5-gram
# in one file (a new copy anywhere still fails); none is left.
REPORTED: frozenset[tuple[str, str]] = frozenset()

_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'",
                              "\u00b4": "'"})
# quoted example inside a comment or docstring: "..." or “...” (not '...': apostrophes)
_QUOTED = re.compile(r"\"([^\"\n]{4,200})\"|\u201c([^\u201d\n]{4,200})\u201d")


_STRING_BODY = re.compile(r"(?is)^[rbuf]*(\"\"\"|'''|\"|')(.*)\1$")


def _devset_dir() -> Path | None:
    for cand in (ROOT.parent / "shared" / "devset", ROOT.parent.parent / "shared" / "devset"):
        if all((cand / name).exists() for name in DEVSET_FILES):
            return cand
    return None


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text).lower())


@cache
def _devset_texts() -> tuple[str, ...]:
    folder = _devset_dir()
    assert folder is not None
    texts = []
    for name in DEVSET_FILES:
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return tuple(texts)


@cache
def _proper_words() -> frozenset[str]:
    """Words the dev set capitalises other than at the start of a sentence and never writes
    in lowercase (names, places)."""
    capitalised, lowercase = set(), set()
    for text in _devset_texts():
        folded = _fold(text)
        for m in re.finditer(r"[A-Za-z0-9][\w']*", folded):
            word = m.group(0)
            before = folded[: m.start()].rstrip()
            sentence_start = not before or before[-1] in ".!?:\"(\n"
            if word[0].islower():
                lowercase.add(word)
            elif word[0].isupper() and not sentence_start:
                capitalised.add(word.lower())
    # 'Clinic' in a title-cased event name is still an ordinary word: it is also written lowercase
    return frozenset(capitalised - lowercase)


@cache
def _weight(word: str) -> int:
    """How strongly a word marks a phrase as the dev set's own: 2 for a name the dev set
    capitalises mid-sentence (unless everyday: 'Saturday', 'Thank'), a number of 3+ characters
    or a very rare word; 1 for a long uncommon word ('trusting', 'hospice'); else 0."""
    from wordfreq import zipf_frequency

    if any(ch.isdigit() for ch in word):
        return 2 if len(word) >= 3 else 0
    zipf = zipf_frequency(word, "en")
    if (word in _proper_words() and zipf < PROPER_ZIPF and len(word) >= 3) or zipf < RARE_ZIPF:
        return 2
    return 1 if len(word) >= 6 and zipf < COMMON_ZIPF else 0


def _distinctive(words: tuple[str, ...] | list[str]) -> int:
    return sum(_weight(w) for w in words)


@cache
def _devset_grams() -> frozenset[tuple[str, ...]]:
    grams = set()
    for text in _devset_texts():
        words = _words(text)
        for i in range(len(words) - N + 1):
            gram = tuple(words[i : i + N])
            if _distinctive(gram) >= 2:
                grams.add(gram)
    return frozenset(grams)


@cache
def _devset_joined() -> str:
    """Every dev-set text as one space-joined word string, for verbatim phrase lookup."""
    return "\n".join(" " + " ".join(_words(t)) + " " for t in _devset_texts())


def _scanned_files() -> Iterator[Path]:
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            if (path.is_file() and path.suffix in TEXT_SUFFIXES and path.resolve() != SELF
                    and "__pycache__" not in path.parts):
                yield path


def _word_lines(text: str) -> tuple[list[str], list[int]]:
    """The file's words with the line each starts on (a phrase may span lines)."""
    words, lines = [], []
    for number, line in enumerate(_fold(text).lower().splitlines(), start=1):
        found = _WORD.findall(line)
        words.extend(found)
        lines.extend([number] * len(found))
    return words, lines


def _commentary(source: str) -> Iterator[tuple[int, str]]:
    """(line, text) of every comment and docstring-like string statement in Python source."""
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return
    prev = tokenize.NEWLINE
    for tok in tokens:
        if tok.type == tokenize.COMMENT:
            yield tok.start[0], tok.string
        elif tok.type == tokenize.STRING and prev in (tokenize.NEWLINE, tokenize.NL,
                                                      tokenize.INDENT, tokenize.DEDENT):
            body = _STRING_BODY.match(tok.string)
            yield tok.start[0], body.group(2) if body else tok.string
        if tok.type not in (tokenize.COMMENT, tokenize.NL):
            prev = tok.type


def _rel(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.fixture(scope="module")
def devset() -> None:
    if _devset_dir() is None:
        pytest.skip("dev set not found at ../shared/devset (next to the checkout)")
    pytest.importorskip("wordfreq", reason="wordfreq (dev extra) decides what is distinctive")


def test_no_devset_five_gram_in_code_data_or_tests(devset: None) -> None:
    grams = _devset_grams()
    assert len(grams) > 1000, "the dev set yields too few distinctive 5-grams: check the loader"
    offences = []
    for path in _scanned_files():
        words, lines = _word_lines(path.read_text(encoding="utf-8", errors="replace"))
        for i in range(len(words) - N + 1):
            gram = tuple(words[i : i + N])
            if gram in grams and (_rel(path), " ".join(gram)) not in REPORTED:
                offences.append(f"{_rel(path)}:{lines[i]}: {' '.join(gram)!r}")
    assert not offences, "dev-set phrases copied into the repo:\n" + "\n".join(offences)


def test_no_quoted_devset_example_in_comments(devset: None) -> None:
    joined = _devset_joined()
    offences = []
    for path in _scanned_files():
        if path.suffix != ".py":
            continue
        for line, text in _commentary(path.read_text(encoding="utf-8", errors="replace")):
            for m in _QUOTED.finditer(text):
                words = _words(m.group(1) or m.group(2))
                if len(words) < 3:
                    continue
                if not _distinctive(words):
                    continue
                if " " + " ".join(words) + " " in joined:
                    at = line + text.count("\n", 0, m.start())
                    offences.append(f"{_rel(path)}:{at}: {m.group(0)}")
    assert not offences, "comments quote the dev set:\n" + "\n".join(offences)


def test_the_checks_catch_a_copy(devset: None) -> None:
    """The matcher itself: a dev-set line, re-cased and re-wrapped, is still found."""
    text = max(_devset_texts(), key=lambda t: len(_words(t)))
    words, _ = _word_lines("# " + _fold(text).upper().replace(" ", "\n# ", 3))
    assert any(tuple(words[i : i + N]) in _devset_grams() for i in range(len(words) - N + 1))


# Labelled comments the writers' heads learn from (policies/moderation/training/writers.py):
# besides the distinctive 5-grams above (they are under policies/, so scanned), no comment
# may share a run of this many words, however common, with a dev-set text.
TRAINING_RUN = 8


@cache
def _devset_runs() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(words[i:i + TRAINING_RUN]) for words in map(_words, _devset_texts())
                     for i in range(len(words) - TRAINING_RUN + 1))


def shares_devset_wording(text: str) -> bool:
    """A training line shares a TRAINING_RUN-word run or a distinctive 5-gram with the dev
    set: what a trainer leaves out (the overlap commands of bench/moderation_writers_refit.py
    and bench/phi_finetune_experiment.py call this) and the tests below refuse."""
    words = _words(text)
    runs, grams = _devset_runs(), _devset_grams()
    return (any(tuple(words[i:i + TRAINING_RUN]) in runs
                for i in range(len(words) - TRAINING_RUN + 1))
            or any(tuple(words[i:i + N]) in grams for i in range(len(words) - N + 1)))


def _training_comments() -> Iterator[tuple[str, int, str]]:
    """The comment second look's training sets and the writers' heads' (most live under
    bench/, not scanned above), each less the lines its trainer leaves out."""
    from policies.moderation.training import second_look, writers

    seen: set[tuple[str, int]] = set()
    for path, number, text, _ in second_look.training_comments():
        seen.add((_rel(path), number))
        yield _rel(path), number, text
    assert writers.left_out(), "the writers' heads' left-out lines (left_out.json) are missing"
    for name in (*writers.WRITERS, *writers.NOT_YET):  # the next retrain's too
        path = writers.writer_file(name)
        for number, row in writers.writer_rows(name):
            if (_rel(path), number) not in seen:
                yield _rel(path), number, row["text"]


def test_training_comments_share_no_long_run_with_devset(devset: None) -> None:
    runs = _devset_runs()
    offences, seen = [], 0
    for where, number, text in _training_comments():
        seen += 1
        words = _words(text)
        for i in range(len(words) - TRAINING_RUN + 1):
            if tuple(words[i:i + TRAINING_RUN]) in runs:
                offences.append(f"{where}:{number}: {' '.join(words[i:i + TRAINING_RUN])!r}")
                break
    assert seen > 500, "the writers' training comments were not found"
    assert not offences, "training comments share long word runs with the dev set:\n" + \
        "\n".join(offences)


def test_training_comments_hold_no_distinctive_devset_five_gram(devset: None) -> None:
    """Also the lakeshore comments the heads learn from, which live under bench/ (not
    scanned above)."""
    grams = _devset_grams()
    offences = [f"{where}:{number}" for where, number, text in _training_comments()
                if any(tuple(w) in grams for w in (
                    _words(text)[i:i + N] for i in range(len(_words(text)) - N + 1)))]
    assert not offences, "training comments hold dev-set 5-grams:\n" + "\n".join(offences)


def test_phi_training_posts_share_nothing_with_devset(devset: None) -> None:
    """Every post the PHI screen's learned parts learn from (the sets under bench/ are not
    scanned above, and the scan above does not look for long common runs), less the lines
    their trainers leave out (policies/phi/training/second_look.py)."""
    from policies.phi.training import second_look

    assert second_look.left_out(), "the second look's left-out lines are missing"
    offences, seen = [], 0
    for name, _, number, row in second_look.training_posts():
        seen += 1
        if shares_devset_wording(row["text"]):
            offences.append(f"{name}:{number}")
    assert seen > 5000, "the second look's read training posts were not found"
    assert not offences, "second-look training posts share wording with the dev set:\n" + \
        "\n".join(offences)
