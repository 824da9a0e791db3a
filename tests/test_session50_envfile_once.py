"""Session 50, the second attack review's F7: the daemon checked its `.env`, then
`load_settings` opened the path again; a file renamed in between (staff write the data
directory) was read unchecked and chose the daemon's Mattermost token (~7 % a start). The
daemon now opens the file once, checks the open file and its folder, and parses that file;
a missing `.env` in a folder others may write in is refused too."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_session50_envfile import daemon_env, init, refused_in_one_line, start_daemon

from social_bot import filesafety
from social_bot.cli import daemon_cmd

TRUSTED = "SOCIALBOT_USER=daemon\n"
PLANTED = "MATTERMOST_TOKEN=chosen-by-staff-0123456789\n"


def test_a_missing_env_file_in_a_folder_others_may_write_is_refused(tmp_path: Path) -> None:
    env = daemon_env(tmp_path)
    data = init(env)
    data.chmod(0o770)  # the staff group writes the data directory; no .env in it
    refused_in_one_line(start_daemon(env), "does not exist, and in")


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another uid needs root")
def test_a_file_renamed_in_after_the_check_is_not_read(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The race, won every time: each of the file checks, once done, renames another
    login's file into the place of the daemon's own. Only the file opened (and checked) may
    be read."""
    env = daemon_env(tmp_path)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    trusted = data / ".env"
    trusted.write_text(TRUSTED)
    trusted.chmod(0o600)
    planted = tmp_path / "planted.env"
    planted.write_text(PLANTED)
    planted.chmod(0o600)
    os.chown(planted, 4242, 4242)

    def swapping(check):  # noqa: ANN001, ANN202
        def after(*args):  # noqa: ANN002, ANN202
            result = check(*args)
            if planted.exists():
                planted.replace(trusted)
            return result
        return after

    for name in ("replaceable_by_others", "folder_problem", "opened_file_problem"):
        if hasattr(filesafety, name):
            monkeypatch.setattr(filesafety, name, swapping(getattr(filesafety, name)))
    seen = {}
    monkeypatch.setattr(daemon_cmd, "run_daemon",
                        lambda app, **_: seen.setdefault("env", dict(app.settings.env)))
    for key in list(os.environ):
        monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    done = CliRunner().invoke(daemon_cmd.daemon, ["--once", "--no-http"])
    assert done.exit_code == 0, done.output
    assert not planted.exists()  # the swap happened
    assert seen["env"].get("SOCIALBOT_USER") == "daemon"
    assert "MATTERMOST_TOKEN" not in seen["env"]
