"""The gated patterns' literal needs are read from policies/phi/data/prefilter_needs.json
(written by data/build_needs.py) instead of from each pattern's syntax on the first post: the
file must be current and equal to what the syntax gives, and a stale file is never used."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from policies.phi import prefilter
from policies.phi.data import build_needs
from policies.phi.prefilter import NEEDS_CACHE, _cache_key, _decoded, _need, _parser


@pytest.fixture(scope="module")
def stored() -> dict:
    return json.loads(NEEDS_CACHE.read_text("utf-8"))


def _built_on_this_python(stored: dict) -> bool:
    return stored["python"] == f"{sys.version_info[0]}.{sys.version_info[1]}"


def test_the_file_is_current_for_this_prefilter(stored: dict) -> None:
    if not _built_on_this_python(stored):
        pytest.skip(f"prefilter_needs.json was written on Python {stored['python']}")
    assert stored["fingerprint"] == prefilter.fingerprint(stored["needs"]), (
        "prefilter.py changed: run python policies/phi/data/build_needs.py")
    assert prefilter._needs_cache()  # and so it is used


def test_every_gated_pattern_is_in_the_file_with_the_needs_its_syntax_gives(
        stored: dict) -> None:
    if not _built_on_this_python(stored):
        pytest.skip(f"prefilter_needs.json was written on Python {stored['python']}")
    patterns = build_needs.gated_patterns()
    assert len(patterns) >= 50
    for pattern, flags in patterns:
        for ascii_text in (True, False):
            key = _cache_key(pattern, flags, ascii_text)
            assert key in stored["needs"], ("not in prefilter_needs.json: run "
                                            "python policies/phi/data/build_needs.py", pattern)
            assert _decoded(stored["needs"][key]) == _need(_parser.parse(pattern, flags),
                                                           ascii_text), pattern


def test_a_stale_or_broken_file_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                            ) -> None:
    pattern, flags = r"\b(?:chemo|dialysis)\b", 2
    honest = _need(_parser.parse(pattern, flags), True)
    key = _cache_key(pattern, flags, True)
    wrong = {"needs": {key: [[["zzz"]]]}}
    honest_table = {key: prefilter._encoded(honest)}
    edited = {"needs": {key: [[["zzz"]]]}, "fingerprint": prefilter.fingerprint(honest_table)}
    for content in (json.dumps({**wrong, "fingerprint": "an older prefilter.py"}),
                    json.dumps(wrong), "{not json", json.dumps(edited)):
        path = tmp_path / "needs.json"
        path.write_text(content, "utf-8")
        monkeypatch.setattr(prefilter, "NEEDS_CACHE", path)
        prefilter._needs_cache.cache_clear()
        assert prefilter._needs_of(pattern, flags, True) == honest
    # with this file's fingerprint the stored needs are the ones used (what the test above
    # guards: the shipped file must equal the syntax's reading)
    path.write_text(json.dumps({**wrong, "fingerprint": prefilter.fingerprint(wrong["needs"])}),
                    "utf-8")
    prefilter._needs_cache.cache_clear()
    assert prefilter._needs_of(pattern, flags, True) == ((frozenset({"zzz"}),),)
    monkeypatch.undo()
    prefilter._needs_cache.cache_clear()
