"""Bad input that used to end in "unexpected OverflowError/RecursionError" (security review,
finding 11): each gets one line that says what is wrong, exit 2; a chat button value
nested deep is refused plainly, with no traceback in the log."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from social_bot.approvals import VerifiedIdentity
from social_bot.chat.actions import handle_action
from social_bot.chat.render import APPROVE
from social_bot.cli import describe_error
from social_bot.consents import parse_expiry
from social_bot.errors import UserError

DEEP = 5_000


def run(env, *args: str) -> subprocess.CompletedProcess:  # noqa: ANN001
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120)


def one_line(result: subprocess.CompletedProcess, expected: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and "unexpected" not in lines[0], lines


def test_huge_ids_and_far_dates_get_a_reason(cli_env) -> None:  # noqa: ANN001
    assert run(cli_env, "init").returncode == 0
    huge = "9" * 23
    one_line(run(cli_env, "post", "show", huge), "too large")
    one_line(run(cli_env, "consent", "revoke", huge, "--reason", "x"), "not in the range")
    one_line(run(cli_env, "comments", "resolve", huge, "keep"), "not in the range")
    one_line(run(cli_env, "post", "list", "--offset", huge), "not in the range")
    one_line(run(cli_env, "consent", "add", "--name", "Ada Quill", "--scope", "name",
                 "--expires", "9999-12-31", "--form", "drawer 1"), "out of range")


def test_far_expiry_with_a_zone_is_out_of_range_too() -> None:
    now = datetime(2026, 12, 2, tzinfo=UTC)
    for value in ("9999-12-31", "9999-12-31T23:30-05:00", "0001-01-01T00:10+01:00"):
        with pytest.raises(UserError, match="out of range|not in the future"):
            parse_expiry(value, now)


def test_deeply_nested_json_lines_are_refused_with_a_reason(cli_env, tmp_path) -> None:  # noqa: ANN001
    deep = tmp_path / "deep.jsonl"
    deep.write_text('{"text": ' + "[" * DEEP + "]" * DEEP + "}\n")
    one_line(run(cli_env, "screen", "--batch", str(deep)), "nested too deep")
    one_line(run(cli_env, "comments", "classify", "--batch", str(deep)), "nested too deep")


def test_leftover_overflow_and_recursion_errors_still_read_plainly() -> None:
    assert describe_error(OverflowError("x")).startswith("a number or date is out of range")
    assert describe_error(RecursionError("y")) == "the input is nested too deeply to read"


def test_a_deeply_nested_button_value_is_refused_without_a_traceback(make_app, caplog) -> None:  # noqa: ANN001
    app = make_app()
    value = '{"post": ' + "[" * DEEP + "]" * DEEP + "}"
    with caplog.at_level(logging.DEBUG):
        reply = handle_action(app, VerifiedIdentity("slack", "U01DANA"), APPROVE, value)
    assert not reply.ok and "nested too deep" in reply.text
    assert not any(r.exc_info for r in caplog.records)
    json.dumps(reply.as_slack())
