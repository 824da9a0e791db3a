"""A batch refuses a blank text as the single-text forms do (an outside review, session 47):
`screen --batch` and `comments classify --batch` gave an empty line (or one of zero-width
characters, or {"text": ""}) a clean verdict and exited 0. Now every line is checked first:
exit 2, one line naming the line number, and no verdict printed before it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_moderation_cli import env as classify_env  # noqa: F401 - a fixture
from test_moderation_cli import run as classify
from test_session43_cli import SQLITE, env, run_main  # noqa: F401 - env is a fixture

GOOD = "Walk-in flu shots every weekday morning."


@SQLITE
@pytest.mark.parametrize("bad", ["\u200b\u200d", '{"text": "\u2060"}', '{"text": ""}'])
def test_screen_batch_refuses_a_blank_line_by_number(env, tmp_path: Path,  # noqa: ANN001, F811
                                                     bad: str) -> None:
    # a line of nothing at all is skipped since session 51, each result naming its line
    # (tests/test_newcomer_session51.py); a text empty to a reader is still refused
    batch = tmp_path / "calendar.txt"
    batch.write_text(f"{GOOD}\n{GOOD}\n{bad}\n{GOOD}\n", encoding="utf-8")
    code, out, err = run_main("screen", "--batch", str(batch))
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and f"{batch}:3: the text is empty" in err


@SQLITE
def test_screen_batch_of_good_lines_still_answers_each(env, tmp_path: Path) -> None:  # noqa: ANN001, F811
    batch = tmp_path / "calendar.txt"
    batch.write_text(f"{GOOD}\n{json.dumps({'text': GOOD, 'context': 'reply'})}\n",
                     encoding="utf-8")
    code, out, err = run_main("screen", "--batch", str(batch))
    assert code == 0, err
    assert [json.loads(line)["blocked"] for line in out.splitlines()] == [False, False]


# a line of nothing at all is skipped since session 51, as `screen --batch` skips it
# (tests/test_polish2_session51.py); a comment empty to a reader is still refused
@pytest.mark.parametrize("bad", ['{"text": ""}', "\u200b", '{"text": "\u200b "}'])
def test_classify_batch_refuses_a_blank_comment_before_any_result(
        classify_env: Path, bad: str) -> None:  # noqa: F811
    path = classify_env / "comments.jsonl"
    # more lines than one classify call takes, so a streamed batch had printed some already
    lines = ['{"text": "Great post"}'] * 300 + [bad, "Thanks!"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = classify("--fast", "--batch", str(path))
    assert result.exit_code == 2
    assert "line 301: the comment is empty" in result.output
    assert "flags" not in result.output
