"""Session 49: what a newcomer's walk-through of README.md found. The demo refuses a data
directory it did not make; a chat "post changed" refusal shows the new revision as `show`
does; a reader that closes the pipe early is not a verdict (exit 141, not 1); `connect`
fails at end of input, validates --org first and honours --timeout for the PIN."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from test_session43_cli import env, run_main  # noqa: F401 - env is a fixture
from test_web_support import (  # noqa: F401 - fixtures
    chat_app_fixture,
    new_post,
    server_fixture,
)

from social_bot.approvals import VerifiedIdentity
from social_bot.chat.commands import handle_command
from social_bot.chat.guard import release
from social_bot.cli import PIPE_CLOSED_EXIT
from social_bot.posts import Staff, edit_post, show_post
from social_bot.revision_code import detail_code

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


# --- BUG 3: the "post changed" refusal ------------------------------------------------------


def reads_whole_pieces(texts, context="post"):  # noqa: ANN001, ANN201
    """A stand-in for the learned look: a piece that reads as a story about a change
    ("changed since you saw it") is flagged line by line as an identifier, the way the real
    screen took "Author: root" and the post's text with the refusal before them; and the
    literal SSN-LIKE is an identifier wherever it is."""
    out = []
    for body in texts:
        found = [SimpleNamespace(category="ssn", start=m.start(), end=m.end(), text=m.group(),
                                 severity="block", score=1.0, rule="test", reason="flagged",
                                 redaction="[ssn]") for m in re.finditer("SSN-LIKE", body)]
        if "changed since you saw it" in body:
            found += [SimpleNamespace(category="other_id", start=m.start(), end=m.end(),
                                      text=m.group(), severity="block", score=0.9,
                                      rule="learned_context", reason="flagged",
                                      redaction="[identifier]")
                      for m in re.finditer(r"[^\n]+", body)]
        out.append(found)
    return out


def test_the_changed_post_refusal_shows_the_new_revision_as_show_does(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=reads_whole_pieces)
    text = "Flu shots are here at Northside Family Medicine! Walk in weekdays."
    post_id = new_post(app, text)
    dana = VerifiedIdentity("slack", "U01DANA")
    handle_command(app, dana, f"show {post_id}")
    old = detail_code(show_post(app, post_id))
    edit_post(app, Staff("root", "root"), post_id, text[:-1] + " 8-5.")
    reply = handle_command(app, dana, f"approve {post_id} {old}")
    out = release(app, {"text": reply.text}).body["text"]
    assert out.startswith(f"Refused: post {post_id} changed since you saw it")
    assert "Walk in weekdays 8-5." in out and "Approvals: none yet (0/2)" in out
    assert "[identifier]" not in out
    shown = release(app, {"text": handle_command(app, dana, f"show {post_id}").text}).body
    assert out.endswith(shown["text"])  # the new revision reads as `show` shows it


def test_the_changed_post_refusal_still_redacts_an_identifier(make_app) -> None:  # noqa: ANN001
    app = make_app(screener=reads_whole_pieces)
    post_id = new_post(app, "Open house at the clinic on Saturday.", author=("SSN-LIKE", None))
    dana = VerifiedIdentity("slack", "U01DANA")
    old = detail_code(show_post(app, post_id))
    edit_post(app, Staff("SSN-LIKE", None), post_id, "Open house at the clinic on Sunday.")
    reply = handle_command(app, dana, f"approve {post_id} {old}")
    assert "SSN-LIKE" in reply.text  # the card names the author as written
    out = json.dumps(release(app, {"text": reply.text}).body)
    assert "changed since you saw it" in out and "SSN-LIKE" not in out


# --- BUG 4: a reader that stops early --------------------------------------------------------


def closed_early(environ: dict[str, str], *args: str) -> tuple[int, str]:
    """Run `socialbot ARGS` with its stdout a pipe whose reader is gone before it writes
    (`| head -c 3` that has already read its bytes): the exit status and stderr."""
    done = subprocess.Popen([sys.executable, "-m", "social_bot", *args], env=environ,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    done.stdout.close()
    err = done.stderr.read().decode()
    done.wait(timeout=120)
    return done.returncode, err


@sqlite_only
def test_a_closed_pipe_is_not_a_verdict(cli_env, make_app) -> None:  # noqa: ANN001
    post_id = new_post(make_app(), "Open house at the clinic on Saturday.")
    # click's own output, rich's console (post show) and the screen's verdict line
    for args in (("--help",), ("post", "show", str(post_id)),
                 ("screen", "Our office is open")):
        code, err = closed_early(cli_env, *args)
        assert (code, err) == (PIPE_CLOSED_EXIT, ""), args
    # and the pipe read to the end still gives the verdict
    clean = subprocess.run([sys.executable, "-m", "social_bot", "screen", "Our office is open"],
                           env=cli_env, capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0 and "No patient identifiers found" in clean.stdout


# --- BUG 1: the demo and a practice's data directory -----------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def test_the_demo_refuses_a_practices_data_directory(tmp_path) -> None:  # noqa: ANN001
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
    data = tmp_path / "practice"
    environ["SOCIALBOT_DATA_DIR"] = str(data)
    subprocess.run([sys.executable, "-m", "social_bot", "init"], env=environ, check=True,
                   capture_output=True, timeout=120)
    (data / "policy.toml").write_text("# the practice's own approvers\n", encoding="utf-8")
    (data / "credentials.json").write_text('{"linkedin": "the practice\'s token"}',
                                           encoding="utf-8")
    for name in ("policy.toml", "credentials.json"):  # as `connect` and a careful admin leave them
        (data / name).chmod(0o600)
    before = _snapshot(data)
    done = subprocess.run([sys.executable, "-m", "social_bot", "demo", "--dir", str(data)],
                          env=environ, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.splitlines()) == 1 and "no demo made" in done.stderr
    assert "audit.key" in done.stderr  # it says what is there
    assert _snapshot(data) == before  # nothing written: no marker, no demo files


def test_the_demo_writes_only_into_a_new_empty_or_demo_folder(tmp_path) -> None:  # noqa: ANN001
    from social_bot.demo import DEMO_MARKER, demo_folder
    from social_bot.errors import UserError

    new = demo_folder(tmp_path / "new")
    assert (new / DEMO_MARKER).is_file()
    (new / "socialbot.db").write_bytes(b"the first run's")
    (new / "media").mkdir()
    (new / "media" / "a.jpg").write_bytes(b"jpeg")
    # a second run into the folder the first made starts afresh: the first run's posts
    # were polled against a sandbox that no longer held them, and this run's comments
    # were never read
    assert demo_folder(new) == new
    assert sorted(p.name for p in new.iterdir()) == [DEMO_MARKER]
    (new / "socialbot.db").write_bytes(b"the second run's")
    (new / "practice.db").write_bytes(b"someone's own")  # not a name the demo writes
    with pytest.raises(UserError, match="practice.db"):
        demo_folder(new)
    assert (new / "socialbot.db").read_bytes() == b"the second run's"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert (demo_folder(empty) / DEMO_MARKER).is_file()
    stray = tmp_path / "stray"
    stray.mkdir()
    (stray / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UserError, match="notes.txt"):
        demo_folder(stray)
    assert sorted(p.name for p in stray.iterdir()) == ["notes.txt"]
    with pytest.raises(UserError, match="not a folder"):
        demo_folder(stray / "notes.txt")


def test_a_purged_comments_flags_are_listed_without_their_reasons() -> None:
    from social_bot.comments import flag_lines

    rows = [{"id": 4, "flags": [{"flag": "phi", "score": 0.9}]},  # purged: the reason is gone
            {"id": 5, "flags": [{"flag": "negative", "score": 0.7, "reason": "angry words"}]}]
    assert flag_lines(rows) == ["#5 unhappy or critical (negative): angry words"]


# --- BUG 5: connect and its input -------------------------------------------------------------


@pytest.fixture
def connect_env(sandbox, tmp_path) -> dict[str, str]:  # noqa: ANN001
    from social_bot.sandbox.oauth import oauth_env

    base = {k: v for k, v in os.environ.items()
            if not k.startswith(("LINKEDIN_", "FACEBOOK_", "X_", "SOCIALBOT_"))}
    return {**base, **oauth_env(sandbox.url), "SOCIALBOT_DATA_DIR": str(tmp_path / "data")}


def _connect(environ: dict[str, str], *args: str, stdin=subprocess.DEVNULL,  # noqa: ANN001
             limit: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "social_bot", "connect", *args], env=environ,
                          stdin=stdin, capture_output=True, text=True, timeout=limit)


def test_connect_linkedin_no_browser_ends_at_the_end_of_input(connect_env) -> None:  # noqa: ANN001
    done = _connect(connect_env, "linkedin", "--no-browser", "--timeout", "120", limit=30)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith("error: no answer on standard input")
    assert not (Path(connect_env["SOCIALBOT_DATA_DIR"]) / "credentials.json").exists()


def test_connect_refuses_a_non_numeric_org_before_the_consent(connect_env) -> None:  # noqa: ANN001
    for args in (("linkedin", "--org", "abc"), ("facebook", "--page", "１２")):
        done = _connect(connect_env, *args, "--no-browser")
        assert done.returncode == 2 and "Open this address" not in done.stderr, args
        assert done.stderr.startswith(f"error: {args[1]} is the numeric id"), done.stderr


def test_connect_x_honours_the_timeout_for_the_pin(connect_env) -> None:  # noqa: ANN001
    reader, writer = os.pipe()  # standard input open, nobody typing
    try:
        done = _connect(connect_env, "x", "--no-browser", "--timeout", "2", stdin=reader,
                        limit=30)
    finally:
        os.close(reader)
        os.close(writer)
    assert done.returncode == 2
    assert "no answer on standard input within 2 s" in done.stderr.splitlines()[-1]


# --- the confusing ones ----------------------------------------------------------------------


@sqlite_only
def test_batches_ignore_blank_lines_at_the_end(env, tmp_path) -> None:  # noqa: ANN001, F811
    good = "Walk-in flu shots every weekday morning."
    batch = tmp_path / "calendar.txt"
    batch.write_text(f"{good}\n{good}\n\n  \n", encoding="utf-8")
    code, out, err = run_main("screen", "--batch", str(batch))
    assert code == 0, err
    assert [json.loads(line)["blocked"] for line in out.splitlines()] == [False, False]
    # session 51 (the newcomer's #17): `screen` skips one in the middle too, each result
    # naming its line; a bad line still fails the batch by its number
    batch.write_text(f"{good}\n\n{good}\n  \n{good}\n\n", encoding="utf-8")
    code, out, err = run_main("screen", "--batch", str(batch))
    assert code == 0, err
    assert [json.loads(line)["line"] for line in out.splitlines()] == [1, 3, 5]
    assert "note: skipped 2 blank line(s) (2, 4)" in err
    batch.write_text(f"{good}\n\n{{broken\n", encoding="utf-8")
    code, out, err = run_main("screen", "--batch", str(batch))
    assert (code, out) == (2, "") and f"{batch}:3: not valid JSON" in err
    batch.write_text(f"{good}\n{good}\n\n  \n", encoding="utf-8")
    code, out, err = run_main("comments", "classify", "--fast", "--batch", str(batch))
    assert code == 0 and len(out.splitlines()) == 2, err
    # session 51 (polish2): one in the middle is skipped too, each result naming its line
    batch.write_text(f"{good}\n\n{good}\n", encoding="utf-8")
    code, out, err = run_main("comments", "classify", "--fast", "--batch", str(batch))
    assert code == 0 and [json.loads(line)["line"] for line in out.splitlines()] == [1, 3]


@sqlite_only
def test_a_missing_file_is_said_alike_by_screen_and_classify(env, tmp_path) -> None:  # noqa: ANN001, F811
    nope = str(tmp_path / "nope.txt")
    for args in (("screen", "--file", nope), ("comments", "classify", "--file", nope),
                 ("comments", "classify", "--fast", "--batch", nope)):
        code, out, err = run_main(*args)
        assert (code, out, err) == (2, "", f"error: file not found: {nope}\n"), args


@sqlite_only
def test_export_into_a_missing_folder_names_the_path_typed(env, tmp_path) -> None:  # noqa: ANN001, F811
    run_main("init")
    target = str(tmp_path / "no_such_folder" / "x.csv")
    code, _, err = run_main("audit", "export", "--format", "csv", "-o", target)
    assert code == 2 and f"cannot write the export to {target}" in err
    assert ".x.csv." not in err and len(err.splitlines()) == 1


@sqlite_only
def test_a_policy_path_that_is_a_folder_is_said_first(env, tmp_path, monkeypatch) -> None:  # noqa: ANN001, F811
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)  # writable by others: the warning advised `chmod go-w` on it
    monkeypatch.setenv("SOCIALBOT_POLICY", str(folder))
    code, _, err = run_main("post", "create", "--text", "Open on Saturday.", "--platform", "x")
    assert code == 2
    assert err.splitlines() == [f"error: policy file {folder} is not a regular file "
                                "(SOCIALBOT_POLICY names a folder or a device?)"]


def test_init_says_where_the_policy_goes(tmp_path) -> None:  # noqa: ANN001
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
    environ["SOCIALBOT_DATA_DIR"] = str(tmp_path / "data")
    done = subprocess.run([sys.executable, "-m", "social_bot", "init"], env=environ,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert f"to {tmp_path / 'data' / 'policy.toml'} and put your approvers in it" in done.stderr
    assert "policy.example.toml" in done.stderr.splitlines()[-1]


@sqlite_only
def test_post_show_says_the_text_was_purged(cli_env, make_app) -> None:  # noqa: ANN001
    from social_bot.retention import purge_post

    app = make_app()
    post_id = new_post(app, "Results for SSN-LIKE are in.")
    purge_post(app, post_id, Staff("Pat Author", "pat"))
    done = subprocess.run([sys.executable, "-m", "social_bot", "post", "show", str(post_id)],
                          env=cli_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "ssn (characters 12-20): text purged" in done.stdout
    assert '""' not in done.stdout


def test_the_block_hint_names_what_blocks() -> None:
    from social_bot.cli.posts_cmd import _edit_hint

    def finding(source: str, severity: str = "block") -> SimpleNamespace:
        return SimpleNamespace(source=source, severity=severity)

    assert _edit_hint([finding("image:0")]) == "--media PATH (another image) or --no-media"
    assert _edit_hint([finding("text"), finding("image:0", "warn")]) == "--text ..."
    assert _edit_hint([finding("text"), finding("alt:0")]) == "--text ... / --alt ..."


def test_a_command_without_a_response_url_names_the_setting(chat_app, server) -> None:  # noqa: ANN001
    import requests
    from test_web_support import MM_TOKEN

    answer = requests.post(f"{server.url}/mattermost/commands", timeout=10,
                           data={"user_id": "dana", "text": "pending"},
                           headers={"Authorization": f"Token {MM_TOKEN}"})
    assert answer.status_code == 400 and "missing response_url" in answer.text
    assert "SOCIALBOT_CHAT_RESPONSE_URL_PREFIXES" in answer.text
