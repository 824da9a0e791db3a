"""The pattern recognizers: identifiers that have a shape (numbers, addresses, contact
details). They read the normalised text (no model) and use phonenumbers, usaddress and check
digits; registry.py holds each one's score thresholds."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from .addresses import addresses
from .allow import PhiAllowList
from .contacts import emails, ips, local_phones, phones, urls
from .hits import Hit
from .numbers import checked_numbers, labelled_ids, long_numbers, plates, ssns

RECOGNIZERS: tuple[Callable[[str, PhiAllowList], Iterator[Hit]], ...] = (
    ssns,
    checked_numbers,
    labelled_ids,
    plates,
    emails,
    urls,
    ips,
    phones,
    local_phones,
    addresses,
    long_numbers,
)


def identifier_hits(text: str, allow: PhiAllowList) -> list[Hit]:
    return [hit for recognizer in RECOGNIZERS for hit in recognizer(text, allow)]
