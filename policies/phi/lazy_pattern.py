"""Regular expressions compiled on first use instead of at import.

Why: the screen's rule modules define about 320 module-level patterns, and compiling them all
cost every `socialbot screen TEXT` and `post create` about 65 ms of CPU before the first post
was read, while one short post uses about 70 of them (bench/phi_throughput.py --startup-only;
docs/history/phi.md, "Session 24"). A LazyPattern compiles on the first call of any of its methods
and
then hands out the compiled pattern's own bound methods, so later calls cost what a compiled
pattern's do. `pattern` and `flags` are known without compiling, so patterns built from other
patterns' text and prefilter.gated() read them for free. The matches are re's own: the same
pattern text and flags are compiled, only later.
"""

from __future__ import annotations

import re
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split",
            "scanner")


_OWN = ("compiled", "flags", "given_flags", "pattern")


class LazyPattern:
    """re.compile(pattern, flags), compiled the first time one of its methods is used."""

    __slots__ = ("_compiled", "given_flags", "flags", "pattern", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        if not isinstance(pattern, str):
            raise TypeError("LazyPattern takes the pattern's text")
        self.pattern = pattern
        self.given_flags = int(flags)  # compiled with exactly these, as re.compile(pattern, flags)
        # what re.compile reports for a str pattern given these flags: UNICODE unless ASCII
        # (flags written inside the pattern, "(?i)", are read from its text when compiled)
        self.flags = self.given_flags if flags & re.ASCII else self.given_flags | re.UNICODE
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if not yet)."""
        compiled = self._compiled
        if compiled is None:
            compiled = re.compile(self.pattern, self.given_flags)
            for name in _METHODS:  # filled slots are found before __getattr__ is asked
                setattr(self, name, getattr(compiled, name))
            self._compiled = compiled
        return compiled

    def __getattr__(self, name: str) -> Any:
        # only for what is not set yet: a method before the first use, groups, groupindex
        if name.startswith("_") or name in _OWN:  # ours unset: not initialised, say so
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self.pattern!r}, {self.flags})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    """re.compile(pattern, flags) for a module-level pattern, compiled on first use."""
    return LazyPattern(pattern, flags)
