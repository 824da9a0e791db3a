"""Session 45, loose ends.

1. `audit export -o FILE --force` over an earlier export renames two files. Before, a crash
   between the renames left the new FILE beside the old FILE.manifest, which verify-export
   read as a changed file. Now the old manifest goes first: a crash leaves no manifest.
"""

from __future__ import annotations

import os

import pytest
from test_session45_export import add_records, export, lines, problems

from social_bot.audit_export import manifest_path

# ---- 1. the export and its manifest, replaced together ----

def test_a_crash_between_the_two_renames_leaves_no_manifest_to_mislead(db, tmp_path,
                                                                         monkeypatch):
    add_records(db, 3)
    target = tmp_path / "trail.jsonl"
    export(db, target)
    assert problems(target) == []
    add_records(db, 2, start=3)
    real_replace, calls = os.replace, []

    def crash_after_the_first(src, dst) -> None:  # noqa: ANN001 - os.replace's arguments
        calls.append(dst)
        if len(calls) > 1:
            raise OSError("power cut between the two renames")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash_after_the_first)
    with pytest.raises(OSError, match="power cut"):
        export(db, target)
    monkeypatch.undo()
    assert len(lines(target)) == 5  # the new export is in place...
    # ...with no manifest (verify-export: "no manifest"), not the old one, which would name
    # the new file as changed
    assert not manifest_path(target).exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left
    export(db, target)  # exported again, the pair verifies
    assert problems(target) == []
