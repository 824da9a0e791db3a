"""The PHI/HIPAA screen: finds the 18 Safe Harbor identifiers in a post, reply or comment
and says, in plain words, why each one matters and what to put instead.

Importing this package loads no model: spaCy is imported and the pipeline loaded on the
first screen() call, once per process (see model.py)."""

from __future__ import annotations

from .allow import PhiAllowList
from .categories import CATEGORIES, REDACTIONS
from .findings import Finding, is_blocking
from .model import DEFAULT_MODEL, MODEL_ENV, ScreenUnavailable
from .normalize import EmptyText
from .registry import REGISTRY, Recognizer
from .screen import CONTEXTS, PhiScreen

__all__ = [
    "CATEGORIES",
    "CONTEXTS",
    "DEFAULT_MODEL",
    "REGISTRY",
    "EmptyText",
    "Recognizer",
    "MODEL_ENV",
    "REDACTIONS",
    "Finding",
    "PhiAllowList",
    "PhiScreen",
    "ScreenUnavailable",
    "get_screen",
    "is_blocking",
]


def get_screen(allow: PhiAllowList = PhiAllowList(), model: str | None = None) -> PhiScreen:
    """A screen with this allow-list; the spaCy pipeline behind it is shared process-wide.
    ``model`` is the pipeline name from settings (None: the pinned default)."""
    return PhiScreen(allow, model)
