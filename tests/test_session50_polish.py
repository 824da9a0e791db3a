"""Session 50: the leftovers of a newcomer's walk-through (docs/newcomer_session50.md,
findings 7, 9, 10, 11, 12, 14 and 15), each pinned by a test that fails on the code before
its fix (docs/history/chat.md, "Session 50: a newcomer's leftovers")."""

from __future__ import annotations

import pytest
from test_chat_phi import Seen, phi_app  # noqa: F401 - the fixture, reused
from test_web_support import Capture

pytestmark = pytest.mark.timeout(180)

BLOCKED = ("So proud of our patient Jane Doe, 54, who is recovering beautifully from her "
           "knee replacement! Send her your congratulations at jane.doe@example.com.")


def test_show_blocked_post_one_placeholder_per_name(phi_app):  # noqa: F811
    from social_bot.posts import Staff, create_post, prepare_draft

    blocked = create_post(phi_app, Staff("Pat Author", "pat"),
                          prepare_draft(phi_app, BLOCKED, ["x"]))
    capture = Capture()
    seen = Seen(phi_app, capture)
    try:
        slack = seen.slack(f"show {blocked}")["text"]
        mm = seen.mattermost(f"show {blocked}")["text"]
    finally:
        seen.close()
        capture.close()
    slack_quote = next(line for line in slack.splitlines() if line.startswith(">"))
    mm_quote = next(line for line in mm.splitlines() if line.startswith(">"))
    # one name, one placeholder: the guard's finding beside the renderer's placeholder
    # ("our patient") joins it instead of making a second one
    assert slack_quote.count("[patient name]") == 1, slack_quote
    assert mm_quote.count("patient name") == 1, mm_quote
    # each placeholder escaped as that door escapes the text around it
    assert mm_quote.count("\\[patient name\\]") == 1 and "\\[email address\\]" in mm_quote
    assert "\\[" not in slack_quote
    for text in (slack, mm):
        assert "Jane" not in text and "jane.doe" not in text


def test_guard_placeholder_escaped_for_mattermost(phi_app):  # noqa: F811
    """A placeholder the guard itself adds reads as the renderer's do on Mattermost."""
    from social_bot.chat.guard import release

    text = "Reminder from Maria Gonzalez (MRN 5520-1187): please call her back"
    slack = release(phi_app, {"text": text}).body["text"]
    mm = release(phi_app, {"text": text}, "mattermost").body["text"]
    assert "[record number]" in slack and "\\[" not in slack
    assert "\\[record number\\]" in mm and "Maria" not in mm and "5520" not in mm


def test_check_before_the_vote_key_exists_says_it_will_be_made(tmp_path, monkeypatch):  # noqa: ANN001
    """Finding 9: before any daemon ran there is no vote.key; `check` said it "is in the
    data directory". It says where it will be made, still as a warning."""
    from click.testing import CliRunner

    from social_bot import vote_seal
    from social_bot.cli import cli

    # conftest's chat_door_key makes the key wherever it is asked for; a practice's first
    # `check` runs before any daemon made one
    monkeypatch.setattr(vote_seal, "key_file",
                        lambda settings: settings.vote_key_file or settings.data_dir / "vote.key")

    (tmp_path / "data").mkdir()
    env = {"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "SOCIALBOT_VOTE_KEY_FILE": "",
           "SOCIALBOT_POLICY": "", "SOCIALBOT_ENV_FILE": str(tmp_path / "none.env")}
    done = CliRunner().invoke(cli, ["check", "x"], env=env)
    key = tmp_path / "data" / "vote.key"
    assert not key.exists()
    assert f"warning: the vote key will be made at {key}, in the data directory, at the " \
           "daemon's first start" in done.stderr
    assert "SOCIALBOT_VOTE_KEY_FILE" in done.stderr and "is in the data directory" \
        not in done.stderr


@pytest.mark.parametrize("text", [
    "Sorry Tommy Baker, we are looking into why you waited so long on Monday.",
    "Sorry Tommy Baker, we know the wait after your MRI was far too long.",
])
def test_reply_apology_is_not_part_of_the_name(phi, text):  # noqa: ANN001
    """Finding 14: "Sorry" was read as a first name before the vocative's name, so the span,
    the redaction and the card took the greeting with it."""
    from policies.phi.redact import redact

    findings = phi.screen(text, context="reply")
    names = [text[f.start:f.end] for f in findings if f.category == "name"]
    assert "Tommy Baker" in names and not any("Sorry" in n for n in names), names
    assert redact(text, findings).text.startswith("Sorry [patient name], we")


def test_daemon_log_leaves_out_presidio_chatter():
    """Finding 11: the daemon's first log line was presidio-analyzer's "Using device of
    type: cpu" (spaCy imports it with the PHI model). Our own INFO lines stay, and so does
    a warning of the library's."""
    import io
    import logging

    from social_bot import logs

    stream = io.StringIO()
    try:
        logs.configure("INFO", stream, env={})
        logging.getLogger("presidio-analyzer").info("Using device of type: cpu")
        logging.getLogger("social_bot.daemon").info("daemon.started")
        logging.getLogger("presidio-analyzer").warning("something a person should see")
    finally:
        logs.configure("WARNING")
    out = stream.getvalue()
    assert "Using device" not in out
    assert "daemon.started" in out and "something a person should see" in out


def test_demo_folder_review_queue_says_the_sandbox_stopped(make_app):  # noqa: ANN001
    """Finding 7: after the demo, its "Look next" `comments list --flagged` said "comment
    polling on x is held: x is not connected" (the demo connected its sandbox through its
    own environment). In a demo folder the note says what is true there instead."""
    from test_chat_phi import CONFIG
    from test_daemon_helpers import FakePlatforms, approved_post

    from social_bot.accounts.queue_notes import polling_notes
    from social_bot.daemon.publisher import Publisher
    from social_bot.demo_marker import DEMO_MARKER

    app = make_app()
    approved_post(app, "Our open house is on Friday afternoon.", ["x"])
    Publisher(app, FakePlatforms(("x",)), "w1", CONFIG).run_lane("x")
    [note] = polling_notes(app, ("x",))
    assert "x is not connected" in note  # a practice's folder: the fault and its fix
    app.settings.data_dir.mkdir(parents=True, exist_ok=True)
    (app.settings.data_dir / DEMO_MARKER).write_text("made by `socialbot demo`\n")
    [note] = polling_notes(app, ("x",))
    assert "not connected" not in note and "held" not in note
    assert "`socialbot demo` folder" in note and "sandbox stopped" in note and " x;" in note


def test_post_list_help_gives_offset_without_the_64_bit_bound():
    """Finding 12: `post list --help` showed `--offset` as 0<=x<=9223372036854775807."""
    from click.testing import CliRunner

    from social_bot.cli import cli

    done = CliRunner().invoke(cli, ["post", "list", "--help"])
    assert done.exit_code == 0
    assert "9223372036854775807" not in done.output and "--offset N" in done.output
    bad = CliRunner().invoke(cli, ["post", "list", "--offset", "1_1"])
    assert bad.exit_code == 2 and "digits 0-9 only" in bad.output


def test_post_by_a_login_the_policy_does_not_name_gets_a_hint(cli_env):  # noqa: ANN001
    """Finding 15: a post written by a login the policy does not name was accepted and shown
    "by root" with no word of the `staff` entry that gives it a name. Still accepted."""
    import subprocess
    import sys

    from social_bot.cli.common import os_login

    login = os_login()
    done = subprocess.run([sys.executable, "-m", "social_bot", "post", "create", "--text",
                           "Flu shots are here every weekday morning.", "--platform", "x"],
                          env=cli_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().isdigit()
    assert f"names nobody with the OS login {login!r}" in done.stderr
    assert f'os_user = "{login}"' in done.stderr and "`staff` under [approval]" in done.stderr


def test_no_hint_for_a_login_the_policy_names(make_app):  # noqa: ANN001
    from social_bot.cli.posts_cmd import _unnamed_login
    from social_bot.posts import Staff

    app = make_app()
    assert _unnamed_login(app, Staff("dana", "dana")) is None
    assert "'nobody-here'" in _unnamed_login(app, Staff("nobody-here", "nobody-here"))
