"""Session 56, branch s56-p2: a health word misspelt by one letter beside a name blocks (P2
of session 55's attack review), read from a small prebuilt file (data/misspelt_near.txt,
written by data/build_misspelt.py) instead of every known word. The texts are mine; no
devset or bench/data line is used. The wider probes are bench/data/p2_probes_s56."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import test_s55_phirecall as s55

from policies.phi import misspelt
from policies.phi.data import build_misspelt

ROOT = Path(__file__).resolve().parent.parent
screen = s55.screen  # the shared screen fixture; s55.blocks: any blocking finding on a post
blocks = s55.blocks


@pytest.mark.parametrize("text", [
    "Gordon Whitfield is home and resting after his knee surgury on Tuesday.",
    "Please keep Abigail Moreno in your thoughts as she fights pnuemonia this week.",
    "Tobias Grant rang the bell after beating leukimia, and we cheered him on!",
    "Our patient Nadia Kowalski is pregnent with her second and glowing.",
    "Wendell Price is managing his diabeties better than ever, his daughter tells us.",
    "Lucinda Hart finished her last round of radiaton on Monday.",
])
def test_a_health_word_misspelt_by_one_letter_beside_a_name_blocks(screen: Any,
                                                                   text: str) -> None:
    assert blocks(screen, text)


@pytest.mark.parametrize("text", [
    # a real word one letter from a health term is read as written
    "Congratulations to Harold Banks on the addition of a new grandson!",
    "Thanks to Irene Cho for settling the parking altercation so calmly.",
    # a typo that is no health word, beside a name
    "A warm welcome to Dominic Reyes, our new recepionist at the front desk.",
    # a misspelt health word with nobody's care in it
    "Leukimia awareness walk this Saturday: bring water and comfy shoes.",
])
def test_a_known_word_a_plain_typo_or_a_misspelling_about_no_one_passes(
        screen: Any, text: str) -> None:
    assert not blocks(screen, text)


def test_a_misspelling_is_read_as_its_term() -> None:
    from policies.phi.vocabulary import health_terms

    terms, _ = health_terms()
    for word, term in (("surgury", "surgery"), ("pnuemonia", "pneumonia"),
                       ("leukimia", "leukemia"), ("pregnent", "pregnant"),
                       ("chemotheraphy", "chemotherapy"), ("kemotherapy", "chemotherapy"),
                       ("fysical", "physical"), ("dialysus", "dialysis")):
        assert misspelt.near_term(word) is terms[term], word


@pytest.mark.parametrize("word", ["addition", "altercation", "alternation", "analysis"])
def test_a_known_word_one_letter_from_a_term_is_kept_in_the_file_and_read_as_written(
        word: str) -> None:
    near = misspelt._index()
    # without the file's known words it would be taken for a term ...
    assert misspelt.closest(word, misspelt.index(list(near.targets), frozenset())) is not None
    # ... and the file keeps it, so it is not
    assert word in near.known
    assert misspelt.near_term(word) is None


@pytest.mark.parametrize("word", [
    "surgeon",  # English, and no term at one letter
    "regnant",  # one letter from "pregnant" but not its first letter
    "cancell",  # one letter from "cancel", no health word
    "pnuemonai", "dialisis",  # two letters off; a Spanish word
    "okafors",  # a surname with an "s"
    "chemotherapy",  # the term itself: the vocabulary reads it, not this
    "kemoterapi",  # two letters off after "k" for "ch"
    "chemo-therapy",  # not letters only
    "cirugía",  # not ASCII
    "asthma",  # too short (the screen reads it anyway, as itself)
])
def test_these_are_no_misspelling(word: str) -> None:
    assert misspelt.near_term(word) is None


@pytest.mark.parametrize(("a", "b", "one"), [
    ("surgury", "surgery", True), ("pnuemonia", "pneumonia", True),
    ("diabetis", "diabetes", True), ("leukemiaa", "leukemia", True),
    ("leukmia", "leukemia", True), ("surgery", "surgeon", False),
    ("pnuemonai", "pneumonia", False), ("surgery", "surgery", False),
    ("abc", "abcde", False), ("abcd", "bacd", True), ("abcd", "abdc", True),
])
def test_one_edit(a: str, b: str, one: bool) -> None:
    assert misspelt.one_edit(a, b) is one
    assert misspelt.one_edit(b, a) is one


def test_the_committed_file_matches_its_sources() -> None:
    assert misspelt.NEAR_FILE.read_text("utf-8") == build_misspelt.contents(), (
        "stale: run python policies/phi/data/build_misspelt.py")


def test_the_file_holds_no_medicine_and_only_words_one_letter_from_a_term() -> None:
    from policies.phi.vocabulary import health_terms

    terms, _ = health_terms()
    near = misspelt._index()
    assert near.targets and all(terms[t].source != "drug" for t in near.targets)
    bare = misspelt.index(list(near.targets), frozenset())
    assert near.known and all(misspelt.closest(w, bare) for w in near.known)


def test_nothing_is_read_at_import_or_for_a_text_without_a_long_word() -> None:
    code = ("from policies.phi import misspelt\n"
            "from policies.phi.vocabulary import health_mentions\n"
            "assert misspelt._index.cache_info().currsize == 0\n"
            "health_mentions('one short clean text')\n"
            "assert misspelt._index.cache_info().currsize == 0\n"
            "health_mentions('a wonderful afternoon')\n"
            "assert misspelt._index.cache_info().currsize == 1\n"
            "import sys; assert 'rapidfuzz' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)
