"""Session 53: five whole-text scans the screen ran on every post now sit behind their
literal test (prefilter.gated), measured on the devset and a committed set to cost less so
(bench/phi_throughput.py; docs/history/phi.md "Session 53: PHI screen throughput").
tests/test_phi_prefilter.py checks that
each gated pattern answers as the pattern itself on the team corpus; here, that they are
gated, that a text they do match still finds its match, and that a text without their
literals is answered without running them."""

from __future__ import annotations

import re

import pytest

from policies.phi import candidates, dates, judge, life_events
from policies.phi.normalize import normalize
from policies.phi.prefilter import Gated

GATED = {
    "dates.BIRTHDAY_DATE": dates.BIRTHDAY_DATE,
    "judge._FOREIGN_DATE_SCAN": getattr(judge, "_FOREIGN_DATE_SCAN", None),  # new in s53
    "candidates._SINGLED_OUT": candidates._SINGLED_OUT,
    "candidates._SLOT": candidates._SLOT,
    "life_events._VEHICLE_HEAD": life_events._VEHICLE_HEAD,
}

# our own wording, one a pattern matches, for each
MATCHED = {
    "dates.BIRTHDAY_DATE": "Little Teodoro turns 6 on 4/19, come celebrate",
    "judge._FOREIGN_DATE_SCAN": "Rendez-vous le 14 juillet 2027 au marché",
    "candidates._SINGLED_OUT": "Tamarack's own little girl rang the bell",
    "candidates._SLOT": "thanks to our 10:15 for the cookies",
    "life_events._VEHICLE_HEAD": "whoever drives the teal pickup truck, your lights are on",
}


@pytest.mark.parametrize("name", sorted(GATED))
def test_scan_is_gated(name: str) -> None:
    assert isinstance(GATED[name], Gated)


@pytest.mark.parametrize("name", sorted(GATED))
def test_gated_scan_finds_what_the_pattern_finds(name: str) -> None:
    gated = GATED[name]
    assert isinstance(gated, Gated)
    plain = re.compile(gated.pattern, gated._flags)
    text = normalize(MATCHED[name]).text
    expected = [m.span() for m in plain.finditer(text)]
    assert expected, "the sample must hold a match"
    assert [m.span() for m in gated.finditer(text)] == expected


def test_a_text_without_the_literals_skips_the_pattern() -> None:
    gated = Gated(dates.BIRTHDAY_DATE.pattern, dates.BIRTHDAY_DATE._flags)
    assert list(gated.finditer("Flu shots every weekday this month, walk in any time")) == []
    assert gated._compiled is None  # never compiled: the literal test said no
