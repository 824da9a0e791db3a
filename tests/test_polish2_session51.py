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


# --- #12: every refusal of a typed code says what a code looks like now -----------------

def test_every_code_refusal_shows_what_a_code_looks_like(make_app) -> None:  # noqa: ANN001
    from test_session50_code_bound import _sent
    from test_session50_view_seal_and_code import DANA
    from test_web_support import new_post

    from social_bot.chat import handle_command
    from social_bot.posts import show_post
    from social_bot.revision_code import shown_code

    app = make_app(screener=None)  # the real screen: the refusal reaches chat as written
    post_id = new_post(app, "Our flu clinic is open every Saturday morning this month.",
                       shown_to=(DANA.label,))
    code = shown_code(1, show_post(app, post_id)["revision_hash"])
    digits = code.split("-", 1)[1].replace("-", "")
    typos = {"23 digits, no number": digits[:23], "24 digits, no number": digits,
             "no such code": code[:-1] + ("0" if code[-1] != "0" else "1"),
             "not a code": "r3-xyz"}
    for what, typed in typos.items():
        reply = handle_command(app, DANA, f"approve {post_id} {typed}")
        out = _sent(app, reply.text)
        assert not reply.ok, what
        assert "r3-1a2b3c4d-5e6f7a8b-9c0d1e2f" in out and "[" not in out, (what, out)
        assert "codes now" not in out and "24 characters" not in out, what
