"""Compatibility: the health vocabulary other policies read (moderation's classifier tells
"my chemo" from "my bill" with it). The hand-written word lists that used to live here are
replaced by vocabularies compiled from kept packages (see vocabulary.py); this module only
re-exports their condition terms, lazily."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name == "HEALTH_TERMS":
        from .vocabulary import condition_terms

        return condition_terms()
    raise AttributeError(name)
