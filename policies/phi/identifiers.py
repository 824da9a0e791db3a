"""The pattern recognizers: identifiers that have a shape (numbers, addresses, contact
details). They read the normalised text (no model) and use phonenumbers, usaddress and check
digits; registry.py holds each one's score thresholds."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .addresses import addresses, spanish_addresses
from .allow import PhiAllowList
from .contacts import emails, ips, local_phones, phones, urls
from .hits import Hit
from .numbers import (
    checked_numbers,
    labelled_birth_dates,
    labelled_ids,
    long_numbers,
    plates,
    ssns,
)
from .prefilter import DIGIT
from .spelled_numbers import spelled_ids

RECOGNIZERS: tuple[Callable[[str, PhiAllowList], Iterator[Hit]], ...] = (
    ssns,
    checked_numbers,
    labelled_ids,
    labelled_birth_dates,
    plates,
    emails,
    urls,
    ips,
    phones,
    local_phones,
    addresses,
    spanish_addresses,
    long_numbers,
    spelled_ids,
)


# Recognizers none of whose hits can exist without a digit (each pattern's matches hold one;
# a VIN passes checked_numbers' `valid` only with one): one search skips them all for a text
# without a digit, 41% of devset posts (tests/test_phi_digit_gate.py).
NEED_A_DIGIT = frozenset({ssns, checked_numbers, plates, long_numbers, labelled_birth_dates,
                          spanish_addresses})


def identifier_hits(text: str, allow: PhiAllowList) -> list[Hit]:
    digits = DIGIT.search(text) is not None
    return [hit for recognizer in RECOGNIZERS if digits or recognizer not in NEED_A_DIGIT
            for hit in recognizer(text, allow)]
