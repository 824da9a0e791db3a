"""The digit test before the number patterns (prefilter.DIGIT): a text without a digit is
skipped, and a digit in any script still lets the patterns run (re's \\d matches them all:
a gate on 0-9 or on str.isascii would miss these SSNs, plates and dates)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from policies.phi import dates
from policies.phi.allow import PhiAllowList
from policies.phi.contacts import NANP
from policies.phi.numbers import (
    _DIGIT_RUN,
    _IBAN,
    _LONG_NUMBER,
    _MBI,
    _PLATE,
    _SSN,
    _UDI,
    checked_numbers,
    long_numbers,
    plates,
    ssns,
)
from policies.phi.prefilter import DIGIT

ALLOW = PhiAllowList()
# the patterns now behind DIGIT; a VIN may be all letters, but `valid` wants a digit in it
GATED = (_SSN, _DIGIT_RUN, _PLATE, _LONG_NUMBER, NANP, dates.NUMERIC_DATE, _UDI, _IBAN, _MBI)


def _rules(text: str) -> list[str]:
    return [h.rule for find in (ssns, plates, long_numbers, checked_numbers)
            for h in find(text, ALLOW)]


def test_digits_of_other_scripts_still_found():
    assert _rules("SSN ٥٢١-٤٤-٦٧٨٩ on file") == ["ssn", "long_number"]  # Arabic-Indic
    assert _rules("plate ７ABC１２３ x") == ["plate"]  # fullwidth
    assert _rules("ref ١٢٣٤٥٦٧٨٩") == ["long_number"]
    assert _rules("card 4111 1111 1111 1111") == ["long_number", "card_number+luhn"]


def test_no_gated_pattern_matches_without_a_digit():
    texts = [json.loads(line)["text"] for line in (Path(__file__).parent / "data" / "phi" /
                                                   "corpus.jsonl").read_text().splitlines()
             if line.strip()]
    # the corpus with every digit of every script written as letters: nothing may match
    letters = [re.sub(r"\d", "O", t) for t in texts] + [re.sub(r"\d", "l", t) for t in texts]
    for text in letters:
        assert not DIGIT.search(text)
        for pattern in GATED:
            assert not pattern.search(text), (pattern.pattern, text)
    # ... and the corpus as written: the gated functions find what the patterns find
    for text in texts:
        if not DIGIT.search(text):
            assert _rules(text) == []


def test_identifier_hits_skip_only_what_would_find_nothing():
    from policies.phi.identifiers import RECOGNIZERS, identifier_hits

    texts = [json.loads(line)["text"] for line in (Path(__file__).parent / "data" / "phi" /
                                                   "corpus.jsonl").read_text().splitlines()
             if line.strip()]
    for text in texts + ["SSN ٥٢١-٤٤-٦٧٨٩ on file", "plate ７ABC１２３ x", "no digits here at all"]:
        assert identifier_hits(text, ALLOW) == [hit for find in RECOGNIZERS
                                                for hit in find(text, ALLOW)], text
