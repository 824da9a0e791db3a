"""Recognizers for the identifiers that have a shape: numbers, addresses, contact details.
They read raw text (no model) and use phonenumbers, usaddress and check digits."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .addresses import addresses
from .allow import PhiAllowList
from .contacts import emails, ips, phones, urls
from .hits import Hit
from .numbers import checked_numbers, labelled_ids, long_numbers, ssns

RECOGNIZERS: tuple[Callable[[str, PhiAllowList], Iterator[Hit]], ...] = (
    ssns,
    checked_numbers,
    labelled_ids,
    emails,
    urls,
    ips,
    phones,
    addresses,
    long_numbers,
)


def identifier_hits(text: str, allow: PhiAllowList) -> list[Hit]:
    return [hit for recognizer in RECOGNIZERS for hit in recognizer(text, allow)]
