"""Session 53: what bench/cli_bad_input.py found still breaking "bad input gets one `error:`
line on stderr and exit 2, nothing written": a closed standard output (a traceback, exit 1,
and the next file opened took descriptor 1), a FIFO given to `comments classify` (waited
for ever), an unknown SOCIALBOT_TIMEZONE (ignored unless a time was shown) and a settings
file line that is no NAME=value (skipped with python-dotenv's own warning, exit 0)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_session43_cli import env, run_main  # noqa: F401 - env is a fixture

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _closed_stdout(environ: dict[str, str], *args: str) -> tuple[int, str]:
    done = subprocess.run(["bash", "-c", 'exec "$@" >&-', "_", sys.executable, "-m",
                           "social_bot", *args], env=environ, capture_output=True, text=True,
                          timeout=120)
    return done.returncode, done.stderr


def _post_count(environ: dict[str, str]) -> int:
    done = subprocess.run([sys.executable, "-m", "social_bot", "post", "list", "--json"],
                          env=environ, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.count('"id"')


@sqlite_only
def test_a_closed_stdout_is_refused_in_one_line_and_nothing_is_done(cli_env) -> None:  # noqa: ANN001
    subprocess.run([sys.executable, "-m", "social_bot", "init"], env=cli_env,
                   capture_output=True, timeout=120, check=True)
    line = ("error: standard output is closed; nothing was done (send it to a file, or to "
            "/dev/null to discard it)\n")
    # a listing, rich's console, the screen (whose 1 is "blocked") and click's --help
    for args in (("post", "list", "--json"), ("post", "list"), ("screen", "Open Monday"),
                 ("--help",)):
        assert _closed_stdout(cli_env, *args) == (2, line), args
    # a post whose id nobody would see is not queued
    code, err = _closed_stdout(cli_env, "post", "create", "--text",
                               "The lobby is repainted this week.", "--platform", "x")
    assert (code, err) == (2, line)
    assert _post_count(cli_env) == 0


@sqlite_only
def test_a_closed_stdin_reads_as_empty(cli_env) -> None:  # noqa: ANN001
    done = subprocess.run(["bash", "-c", 'exec "$@" <&-', "_", sys.executable, "-m",
                           "social_bot", "comments", "classify", "--fast", "--file", "-"],
                          env=cli_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith("error: ")


@sqlite_only
@pytest.mark.timeout(60)
def test_classify_refuses_a_fifo_as_screen_does(env, tmp_path) -> None:  # noqa: ANN001, F811
    fifo = tmp_path / "comments.fifo"
    os.mkfifo(fifo)
    for option in ("--file", "--batch"):
        code, out, err = run_main("comments", "classify", "--fast", option, str(fifo))
        assert (code, out) == (2, "")
        assert err == f"error: file {fifo} is not a regular file (a pipe or a socket)\n"


@sqlite_only
def test_an_unknown_time_zone_is_refused_before_any_time_is_shown(env, monkeypatch) -> None:  # noqa: ANN001, F811
    run_main("init")
    code, _, err = run_main("post", "create", "--text", "The lobby is repainted this week.",
                            "--platform", "x")
    assert code == 0, err
    monkeypatch.setenv("SOCIALBOT_TIMEZONE", "Atlantis/Lost_City")
    # the post has no schedule, so no time is shown: the zone was never looked up (exit 0)
    for args in (("post", "list"), ("post", "show", "1")):
        code, out, err = run_main(*args)
        assert (code, out) == (2, ""), args
        assert err.startswith("error: SOCIALBOT_TIMEZONE 'Atlantis/Lost_City' is not a time "
                              "zone name") and err.count("\n") == 1


@sqlite_only
def test_a_settings_file_line_that_is_no_setting_is_refused(env, tmp_path, monkeypatch) -> None:  # noqa: ANN001, F811
    settings = tmp_path / "my.env"
    settings.write_text("SOCIALBOT_USER=Pat\nthe audit key goes here\n", encoding="utf-8")
    settings.chmod(0o600)
    monkeypatch.setenv("SOCIALBOT_ENV_FILE", str(settings))
    code, out, err = run_main("post", "list")
    assert (code, out) == (2, "")
    assert err == (f"error: settings file {settings}, line 2: not a NAME=value line (quote a "
                   "value that holds spaces or '#')\n")
    settings.write_bytes(b"SOCIALBOT_USER=Ren\xe9e\n")
    code, out, err = run_main("post", "list")
    assert (code, out) == (2, "")
    assert err == (f"error: settings file {settings} is not UTF-8 text (byte 0xe9 at offset "
                   "18); save it as UTF-8\n")
    # a well-formed file (quotes, a comment, `export`) still reads
    settings.write_text('# mine\nexport SOCIALBOT_USER="Pat Author"\nA=1 # note\n',
                        encoding="utf-8")
    run_main("init")
    code, _, err = run_main("post", "list")
    assert code == 0, err
