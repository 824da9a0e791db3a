"""The comment classifier reads the PHI screen's parts through one accessor
(policies/moderation/phi_parts.py), and stands on its hand lists without them."""

from __future__ import annotations

import sys

import pytest

from policies.moderation import disclosure, language
from policies.moderation.phi_parts import phi_parts


@pytest.fixture
def without_phi(monkeypatch: pytest.MonkeyPatch):
    """As if the PHI package were not installed: its modules cannot be imported."""
    for name in ("policies.phi.vocabulary", "policies.phi.candidates"):
        monkeypatch.setitem(sys.modules, name, None)  # None in sys.modules: ImportError
    for cached in (phi_parts, disclosure.kept_health, language._verb_forms):
        cached.cache_clear()
    yield
    monkeypatch.undo()
    for cached in (phi_parts, disclosure.kept_health, language._verb_forms):
        cached.cache_clear()


def test_the_parts_are_the_screens() -> None:
    from policies.phi.candidates import spanish_verb_opens
    from policies.phi.vocabulary import health_mentions

    parts = phi_parts()
    assert parts is not None
    assert parts.health_mentions is health_mentions
    assert parts.spanish_verb_opens is spanish_verb_opens
    assert "atienden" in parts.spanish_verb_forms()


def test_with_the_screen_the_kept_vocabularies_are_read() -> None:
    conditions, _ = disclosure.kept_health("my sarcoidosis flared again")
    assert "sarcoidosis" in conditions


@pytest.mark.usefixtures("without_phi")
def test_without_the_screen_the_hand_lists_stand_alone() -> None:
    assert phi_parts() is None
    assert disclosure.kept_health("my sarcoidosis flared again") == ((), ())
    assert language._verb_forms() == (frozenset(), frozenset())
    assert not disclosure._verb_opens("¿Atienden a niños?", 1, "Atienden")
