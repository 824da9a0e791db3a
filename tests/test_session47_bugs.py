"""Session 47: four known defects (docs/moderation.md, "Session 47: four defects").
Team-written examples only; no dev-set line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


# --- 1. bench/moderation_eval.py --devset DIR ------------------------------------------------


@pytest.fixture(scope="module")
def moderation_eval():
    sys.path.insert(0, str(ROOT / "bench"))
    import moderation_eval

    return moderation_eval


def _write_set(folder: Path) -> None:
    rows = [{"text": "Thanks for squeezing us in this morning, the front desk was lovely",
             "flags": []},
            {"text": "Waited ninety minutes past my slot and nobody said a word. Awful.",
             "flags": ["negative"]}]
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "comments.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                           encoding="utf-8")


def test_devset_option_takes_the_folder_the_readme_gives(moderation_eval, tmp_path,
                                                         monkeypatch, capsys) -> None:
    _write_set(tmp_path / "devset")
    _write_set(tmp_path / "team")  # stands in for the team corpus: the test stays quick
    (tmp_path / "team" / "dev.jsonl").write_text(
        (tmp_path / "team" / "comments.jsonl").read_text("utf-8"), encoding="utf-8")
    (tmp_path / "team" / "heldout.jsonl").write_text(
        (tmp_path / "team" / "comments.jsonl").read_text("utf-8"), encoding="utf-8")
    monkeypatch.setattr(moderation_eval, "CORPUS", tmp_path / "team")
    code = moderation_eval.main(["--devset", str(tmp_path / "devset"), "--fresh",
                                 str(tmp_path / "devset" / "comments.jsonl"), "--no-phi",
                                 "--mirrors", str(tmp_path / "no-mirrors")])
    out = capsys.readouterr().out
    assert code == 0
    assert f"{tmp_path / 'devset' / 'comments.jsonl'}  (n=2)" in out
    assert "harmless comments flagged:" in out


@pytest.mark.parametrize("given", ["missing", "empty-folder", "not-comments"])
def test_a_wrong_devset_is_one_line_and_exit_2(moderation_eval, tmp_path, capsys,
                                               given: str) -> None:
    path = tmp_path / given
    if given == "empty-folder":
        path.mkdir()
    elif given == "not-comments":
        path.write_text('{"id": "p1", "body": "a post, not a comment"}\n', encoding="utf-8")
    code = moderation_eval.main(["--devset", str(path), "--no-phi"])
    captured = capsys.readouterr()
    assert code == 2
    assert len(captured.err.strip().splitlines()) == 1 and "--devset" in captured.err
    assert "Traceback" not in captured.err and not captured.out
