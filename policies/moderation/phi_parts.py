"""The parts of the PHI screen the comment classifier reads (policies/phi), in one place.

The classifier works without the PHI package (its hand lists then stand alone): each reader
asks ``phi_parts()`` and falls back where it is None. Imported on first use, so importing the
classifier stays light."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class PhiParts:
    # the kept health vocabularies (ICD-10-CM, drugs, lay terms): every mention in a text
    health_mentions: Callable[[str], Iterable[Any]]
    # a Spanish verb form opening a "¿"/"¡" sentence with no verb after it (no name)
    spanish_verb_opens: Callable[[str, int, str], bool]
    # the Spanish verb forms, accents folded: those that are no name and no commoner English
    # or Filipino word, and all of them (policies/phi/data/spanish_verbs.txt)
    spanish_verb_forms: Callable[[], frozenset[str]]
    spanish_verb_forms_all: Callable[[], frozenset[str]]
    # the first names the screen knows, lower-cased ASCII (policies/phi/data/first_names.txt)
    first_names: Callable[[], frozenset[str]]


@lru_cache(maxsize=1)
def phi_parts() -> PhiParts | None:
    """The PHI screen's parts, or None when the PHI package is not installed."""
    try:
        from policies.phi.candidates import spanish_verb_opens
        from policies.phi.vocabulary import (
            first_names,
            health_mentions,
            spanish_verb_forms,
            spanish_verb_forms_all,
        )
    except ImportError:
        return None
    return PhiParts(health_mentions, spanish_verb_opens, spanish_verb_forms,
                    spanish_verb_forms_all, first_names)
