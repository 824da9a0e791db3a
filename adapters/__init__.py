"""Platform adapters behind one small interface (adapters.base.Adapter).

Adding a platform: write one module with an Adapter subclass and add one line to _REGISTRY.
Importing this package, or validating a draft, loads neither requests nor tweepy.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping

from adapters.base import Adapter, Draft

# platform name -> "module:Class"; modules are imported on first use.
_REGISTRY: dict[str, str] = {
    "linkedin": "adapters.linkedin:LinkedInAdapter",
    "facebook": "adapters.facebook:FacebookAdapter",
    "x": "adapters.x:XAdapter",
}

PLATFORMS: tuple[str, ...] = tuple(_REGISTRY)


def adapter_class(name: str) -> type[Adapter]:
    try:
        module_name, class_name = _REGISTRY[name].split(":")
    except KeyError:
        raise ValueError(
            f"unknown platform {name!r} (expected one of {', '.join(PLATFORMS)})"
        ) from None
    return getattr(importlib.import_module(module_name), class_name)


def validate_draft(name: str, draft: Draft) -> list[str]:
    """Length and media problems of a draft on one platform, one line each."""
    return adapter_class(name).validate(draft)


def build_adapter(name: str, env: Mapping[str, str]) -> Adapter:
    return adapter_class(name).from_env(env)
