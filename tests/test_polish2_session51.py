"""Session 51 (polish2): the newcomer's remaining findings (/work/s51/reports/newcomer.md,
#17, #13, #12). Own sentences only."""

from __future__ import annotations

import json
from pathlib import Path

from test_moderation_cli import env  # noqa: F401 - a fixture
from test_moderation_cli import run as classify
from test_policy_reload import live_app  # noqa: F401 - a fixture

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


# --- #13: a policy file broken while the daemon runs is said in chat, once, and its fix --

def _kinds(app) -> list[str]:  # noqa: ANN001
    from sqlalchemy import select

    from social_bot.db.models import OutboxMessage

    with app.db.read() as session:
        return list(session.scalars(select(OutboxMessage.kind).order_by(OutboxMessage.id)))


def test_a_policy_broken_while_the_daemon_runs_is_said_in_chat_once(
        live_app, policy_file) -> None:  # noqa: ANN001, F811
    from conftest import POLICY_TOML

    from social_bot import outbox
    from social_bot.chat.guard import POLICY_UNUSABLE, release
    from social_bot.daemon.runner import Daemon
    from social_bot.notify import render

    daemon = Daemon(live_app, worker_id="notice", serve_http=False, platforms=())
    daemon._housekeeping_job()
    assert _kinds(live_app) == []  # a usable policy: nothing said
    policy_file.write_text("[approval\nrequired = ", encoding="utf-8")
    daemon._housekeeping_job()
    policy_file.write_text("[approval]\nrequired = oops\n", encoding="utf-8")  # still broken
    daemon._housekeeping_job()
    assert _kinds(live_app) == ["policy.refused"]
    # while the file is refused, this notice goes out as it is; any other message is
    # withheld as before; neither carries anything of the file
    said = release(live_app, render(live_app, outbox.PolicyRefused())).body["text"]
    assert "votes, screening and publishing wait until it is fixed" in said
    assert "oops" not in said and str(policy_file) not in said and "TOML" not in said
    other = release(live_app, {"text": "Flu shots Saturday."}).body["text"]
    assert other == POLICY_UNUSABLE
    policy_file.write_text(POLICY_TOML, encoding="utf-8")
    daemon._housekeeping_job()
    daemon._housekeeping_job()
    assert _kinds(live_app) == ["policy.refused", "policy.restored"]
    again = release(live_app, render(live_app, outbox.PolicyRestored())).body
    assert "can use its policy file again" in json.dumps(again)
