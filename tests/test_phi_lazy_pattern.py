"""The screen's module-level patterns compile on first use (policies/phi/lazy_pattern.py) and
then match exactly as re.compile's do. (That the conversion kept each pattern's text and flags
was checked once against the code before it: bench/phi_decisions_dump.py gave byte-identical
findings over 76,974 screenings; docs/history/phi.md, "Session 24".)"""

from __future__ import annotations

import importlib
import pkgutil
import re
import subprocess
import sys

import pytest

import policies.phi
from policies.phi.lazy_pattern import LazyPattern, lazy
from policies.phi.prefilter import gated

TEXTS = [
    "Congrats to our patient Rosalind on finishing chemo today!",
    "Join us Saturday 9-noon for flu shots at 1420 Alder Way, Unit 3B, Fairbanks AK 99701.",
    "@jo_marsh so glad your knee is better, see you at PT Tuesday at 2:15!",
    "Call (555) 201-7733 or email frontdesk@ridgeview.example. DOB 04/11/1951, MRN 88213.",
    "Our nurses who took care of you miss you! Feliz cumpleaños, Señora Gómez.",
    "",
]


def _lazy_patterns() -> list[tuple[str, str, LazyPattern]]:
    found = []
    for info in pkgutil.iter_modules(policies.phi.__path__):
        module = importlib.import_module(f"policies.phi.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, LazyPattern):
                found.append((info.name, name, value))
    return found


def test_the_screens_module_level_patterns_are_lazy() -> None:
    found = _lazy_patterns()
    assert len(found) >= 250  # every rule module's module-level patterns
    # none left as an eagerly compiled module-level pattern in the rule modules
    for info in pkgutil.iter_modules(policies.phi.__path__):
        module = importlib.import_module(f"policies.phi.{info.name}")
        eager = [n for n, v in vars(module).items() if isinstance(v, re.Pattern)]
        assert not eager, (info.name, eager)


@pytest.mark.parametrize(("module", "name", "pattern"), _lazy_patterns(),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_each_matches_as_re_compile_does(module: str, name: str, pattern: LazyPattern) -> None:
    eager = re.compile(pattern.pattern, pattern.flags)
    assert pattern.flags == eager.flags
    assert pattern.groups == eager.groups and pattern.groupindex == eager.groupindex
    for text in TEXTS:
        assert [m.span() for m in pattern.finditer(text)] == \
            [m.span() for m in eager.finditer(text)]
        assert bool(pattern.search(text)) == bool(eager.search(text))
        assert bool(pattern.match(text)) == bool(eager.match(text))


def test_import_compiles_nothing_and_one_post_compiles_few() -> None:
    code = (
        "import policies.phi.judge, policies.phi.screen\n"
        "from policies.phi.lazy_pattern import LazyPattern\n"
        "import gc\n"
        "lazies = [o for o in gc.get_objects() if isinstance(o, LazyPattern)]\n"
        "print(len(lazies), sum(o._compiled is not None for o in lazies))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    made, compiled = int(out[0]), int(out[1])
    assert made >= 250 and compiled == 0


def test_methods_match_the_compiled_patterns_own() -> None:
    pattern = lazy(r"(?P<word>\b[a-z]+\b)", re.I)
    assert pattern._compiled is None and pattern.pattern == r"(?P<word>\b[a-z]+\b)"
    assert pattern.flags == re.I | re.UNICODE
    assert pattern.sub("x", "Hi there 42") == "x x 42"
    assert pattern._compiled is not None
    # after the first use the compiled pattern's bound methods are found directly
    assert pattern.search.__self__ is pattern.compiled
    assert pattern.findall("a b") == ["a", "b"] and pattern.split("a,b") == ["", "a", ",", "b", ""]
    assert pattern.subn("y", "a b") == ("y y", 2) and pattern.fullmatch("abc")
    assert lazy(r"\w", re.ASCII).flags == re.ASCII
    with pytest.raises(TypeError):
        lazy(re.compile("x"))  # type: ignore[arg-type]


def test_gated_reads_a_lazy_pattern_without_compiling_it() -> None:
    pattern = lazy(r"\bchemo(?:therapy)?\b", re.I)
    wrapped = gated(pattern)
    assert pattern._compiled is None
    assert wrapped.search("Finished CHEMO today") and not wrapped.search("no match here")
    assert pattern._compiled is None  # the gate compiled its own copy, on the text that passed


def test_flags_written_in_the_pattern_compile_as_re_compiles_them() -> None:
    assert lazy(r"(?a)\w+").search("é x").group(0) == re.compile(r"(?a)\w+").search("é x")[0]
    assert lazy("(?i)chemo").search("CHEMO day")
    assert lazy(r"\w", re.ASCII).search("é") is None


def test_an_uninitialised_pattern_fails_plainly() -> None:
    broken = LazyPattern.__new__(LazyPattern)
    with pytest.raises(AttributeError):
        broken.search("x")
