"""Session 51 (polish2): the newcomer's remaining findings (/work/s51/reports/newcomer.md,
#17, #13, #12). Own sentences only."""

from __future__ import annotations

import json
from pathlib import Path

from test_moderation_cli import env  # noqa: F401 - a fixture
from test_moderation_cli import run as classify

GOOD = "Thanks for the flu clinic reminder!"


# --- #17: `comments classify --batch` skips a blank line, as `screen --batch` does -------

def test_classify_batch_skips_blank_lines_and_names_each_line(env: Path) -> None:  # noqa: F811
    path = env / "comments.txt"
    path.write_text(f"{GOOD}\n\n{GOOD}\n \t\n{json.dumps({'text': GOOD})}\n\n",
                    encoding="utf-8")
    result = classify("--fast", "--batch", str(path))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["line"] for row in rows] == [1, 3, 5]
    assert all(row["flags"] == [] for row in rows)
    assert "note: skipped 2 blank line(s) (2, 4)" in result.stderr


def test_classify_batch_still_refuses_a_bad_line_by_number(env: Path) -> None:  # noqa: F811
    path = env / "comments.txt"
    path.write_text(f"{GOOD}\n\n{GOOD}\n\u200b\n", encoding="utf-8")
    result = classify("--fast", "--batch", str(path))
    assert result.exit_code == 2
    assert "line 4: the comment is empty" in result.output
    assert "flags" not in result.output
