"""The CLI's input contract, from an outside review (session 43): control characters in
text (screened through, refused at input, drawn visibly on output), `audit export -o`
over socialbot's own files, `screen --batch` alignment, secrets in a DATABASE_URL, bounded
reads, ids, a byte-order mark, a FIFO, bytes that are not UTF-8 and the id of a new post."""

from __future__ import annotations

import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select
from test_cli_hostile import run_main as run_main_with

from social_bot.db.models import Comment, Consent, Delivery, Post, Revision
from social_bot.errors import UserError

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
SSN_POST = "Thanks to everyone who came to the open house. Ref 123-45-{}6789."


def run_main(*argv: str) -> tuple[int, str, str]:
    return run_main_with(argv)


@pytest.fixture
def env(cli_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> dict:
    """cli_env in this process (for run_main), the data directory created."""
    for name in list(os.environ):
        if name.startswith(("SOCIALBOT_", "DATABASE_")):
            monkeypatch.delenv(name)
    for name, value in cli_env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    Path(cli_env["SOCIALBOT_DATA_DIR"]).mkdir(mode=0o700, exist_ok=True)
    return cli_env


def posts_count(db) -> int:  # noqa: ANN001
    with db.read() as session:
        return session.scalar(select(func.count(Post.id)))


# --- 1. control characters: the screen reads through them, input refuses them ----------

@pytest.mark.parametrize("control", ["\x01", "\x1b", "\x7f", "\x0b", "\x00"])
def test_the_screen_reads_an_ssn_through_a_control_character(phi, control: str) -> None:  # noqa: ANN001
    text = SSN_POST.format("67" + control).replace("6789", "89")
    found = [f for f in phi.screen(text) if f.severity == "block" and f.category == "ssn"]
    assert found, text
    # the span is on the text as written, the control character inside it
    assert text[found[0].start:found[0].end] == f"123-45-67{control}89"


@pytest.mark.parametrize("text", ["Questions? Write to jane.doe1987\x01@gmail.com",
                                  "Questions? Write to jane.doe1987@gm\x01ail.com"])
def test_the_screen_reads_an_email_through_a_control_character(phi, text: str) -> None:  # noqa: ANN001
    assert any(f.category == "email" and f.severity == "block" for f in phi.screen(text))


def test_the_comment_classifiers_phi_part_reads_through_a_control_character(phi) -> None:  # noqa: ANN001
    # the classifier's PHI part is this screen with context "comment" (classify_cmd)
    text = "email me at jane.doe1987\x01@gmail.com about my diabetes results"
    spans = [text[f.start:f.end] for f in phi.screen(text, context="comment")
             if f.category == "email"]
    assert spans == ["jane.doe1987\x01@gmail.com"]


def test_normalize_drops_controls_and_maps_offsets_back() -> None:
    from policies.phi.normalize import EmptyText, normalize

    text = "Ref 123-45-67\x0189 today"
    read = normalize(text)
    assert read.text == "Ref 123-45-6789 today"
    start = read.text.index("123")
    assert read.span(start, start + 11) == (4, 16)
    with pytest.raises(EmptyText):
        normalize("\x01\x02\x7f")


def test_one_definition_of_a_control_character() -> None:
    from policies.rendering import control
    from social_bot.inputs import _CONTROL

    assert all(bool(_CONTROL.match(chr(c))) == control(chr(c)) for c in range(0x200))
    assert not any(control(c) for c in "\t\n\r a")


@SQLITE
def test_post_create_refuses_a_control_character_and_writes_nothing(env, db) -> None:  # noqa: ANN001
    text = SSN_POST.format("67\x01").replace("6789", "89")
    code, out, err = run_main("post", "create", "--text", text, "--platform", "facebook")
    assert code == 2 and out == ""
    where = f"U+0001 (a control character) at character {text.index(chr(1)) + 1}:"
    assert err.count("\n") == 1 and where in err
    assert posts_count(db) == 0


@SQLITE
def test_alt_text_reply_and_consent_name_refuse_control_characters(make_app, db) -> None:  # noqa: ANN001
    from social_bot.consents import add_consent
    from social_bot.posts import Staff, prepare_draft

    app = make_app()
    with pytest.raises(UserError, match=r"alt text of image 1 holds U\+001B \(ESC\)"):
        prepare_draft(app, "Flu shots on Saturday.", ["x"], media=["never-read.png"],
                      alts=["a nurse\x1bc smiling"])
    staff = Staff(name="pat", os_user="pat")
    with pytest.raises(UserError, match=r"patient's name holds U\+007F \(DEL\) at character 3"):
        add_consent(app, staff, "Ro\x7fsa Diaz", ["name"], "2030-01-01", form_ref="EHR 1")
    with pytest.raises(UserError, match=r"holds U\+001E"):  # split() would have eaten it
        add_consent(app, staff, "Rosa\x1eDiaz", ["name"], "2030-01-01", form_ref="EHR 1")
    with db.read() as session:
        assert session.scalar(select(func.count(Consent.id))) == 0


# --- 2. what a person wrote is printed with its control characters drawn ---------------

def _stored_post(db, text: str, author: str) -> int:  # noqa: ANN001
    from social_bot import audit

    with db.write() as session:
        post = Post(status="published", author=author, current_revision=1)
        revision = Revision(number=1, text=text, platforms=["facebook"], media=[],
                            content_hash="", created_by=author)
        # a true keyed hash: a row whose text does not match its hash is not shown at all
        # (session 54, P1), and this test is about drawing the shown text safely
        keys = audit.keys_in_force(session)
        revision.hash_key_id = keys.current_id
        revision.content_hash = audit.stored_content(revision).content_hash(keys.current)
        post.revisions.append(revision)
        post.deliveries.append(Delivery(platform="facebook", status="failed",
                                        remote_id="100_200", attempts=1,
                                        last_error="refused \x1b[2J by the platform"))
        session.add(post)
        session.flush()
        session.add(Comment(delivery_id=post.deliveries[0].id, post_id=post.id,
                            platform="facebook", remote_id="200_1", author="Troll\x1bc",
                            text="You are all useless idiots\x1bc\x1bM Great clinic!",
                            flags=[{"flag": "abuse", "score": 0.9, "reason": "insult\x1b[8m"}],
                            state="flagged"))
        return post.id


@SQLITE
def test_post_show_and_comments_list_draw_control_characters(env, db) -> None:  # noqa: ANN001
    post_id = _stored_post(db, "Our doctors are overpaid.\x1bc\x1bM Flu shots Saturday.\x9b2J",
                           "Pat\x1b]0;x\x07")
    code, out, err = run_main("post", "show", str(post_id))
    assert code == 0, err
    assert not any(c in out for c in "\x1b\x07\x9b")  # rich writes no colour to a StringIO
    assert "overpaid.␛c␛M Flu shots" in out and "Pat␛]0;x␇" in out and "refused ␛[2J" in out
    code, out, err = run_main("comments", "list")
    assert code == 0, err
    assert "\x1b" not in out and "Troll␛c" in out and "insult␛[8m" in out
    code, out, _ = run_main("post", "show", str(post_id), "--json")
    assert code == 0 and "\x1b" not in out and "\x9b" not in out and "\\u009b2J" in out
    assert json.loads(out)["text"].endswith("\x9b2J")  # the JSON still holds the text


@SQLITE
def test_screen_draws_control_characters_in_the_marked_text(env) -> None:  # noqa: ANN001
    # a post holding one is refused as `post create` refuses it (session 51, the newcomer's
    # #9); a comment, as it came from the platform, is screened and drawn as before
    text = "Flu shots this Saturday\x1bc, walk-ins welcome."
    code, out, err = run_main("screen", text)
    assert (code, out) == (2, "") and "holds U+001B (ESC) at character 24" in err
    code, out, err = run_main("screen", "--context", "comment", text)
    assert code == 0, err
    assert "\x1b" not in out and "Saturday␛c, walk-ins" in out


def test_visible_keeps_length_line_feeds_and_windows_line_ends() -> None:
    from policies.rendering import visible

    text = "a\x1bc\tb\r\nc\rd\x00\x7f\x85"
    assert visible(text) == "a␛c\tb\r\nc␍d␀␡\ufffd"
    assert len(visible(text)) == len(text)


# --- 3. audit export -o never over socialbot's own files ------------------------------

@SQLITE
def test_export_refuses_socialbots_own_files(env, tmp_path: Path) -> None:  # noqa: ANN001
    data = Path(env["SOCIALBOT_DATA_DIR"])
    key = data / "audit.key"
    key.write_text("a key that must survive\n", encoding="utf-8")
    database = tmp_path / "socialbot.db"
    size = database.stat().st_size
    policy = Path(env["SOCIALBOT_POLICY"]).read_bytes()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "link").symlink_to(key)
    os.link(key, outside / "hard")
    for target in (key, database, Path(env["SOCIALBOT_POLICY"]), data / "new.jsonl",
                   outside / "link", outside / "hard"):
        code, out, err = run_main("audit", "export", "--force", "-o", str(target))
        assert code == 2 and err.count("\n") == 1 and "refusing" in err, (target, err)
    assert key.read_text(encoding="utf-8") == "a key that must survive\n"
    assert database.stat().st_size == size
    assert Path(env["SOCIALBOT_POLICY"]).read_bytes() == policy
    assert not (data / "new.jsonl").exists()


@SQLITE
def test_export_replaces_a_file_only_with_force_and_atomically(
        env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    from social_bot.export_key import create_signing_key

    # `audit export -o` signs (session 45): the key `socialbot init` would have made
    create_signing_key(Path(env["SOCIALBOT_DATA_DIR"]))
    target = tmp_path / "trail.jsonl"
    target.write_text("last month's export\n", encoding="utf-8")
    code, _, err = run_main("audit", "export", "-o", str(target))
    assert code == 2 and "exists" in err and "--force" in err
    assert target.read_text(encoding="utf-8") == "last month's export\n"

    from social_bot import audit

    def broken(session, out, fmt):  # noqa: ANN001, ANN202
        out.write("half a rec")
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(audit, "export", broken)
        code, _, err = run_main("audit", "export", "--force", "-o", str(target))
    assert code == 2 and "No space left" in err
    assert target.read_text(encoding="utf-8") == "last month's export\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".trail")) == []
    code, _, err = run_main("audit", "export", "--force", "-o", str(target))
    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "last month" not in target.read_text(encoding="utf-8")
    assert stat.S_IMODE(Path(f"{target}.manifest").stat().st_mode) == 0o600


# --- 4. screen --batch: one result per input line ------------------------------------

@SQLITE
def test_screen_batch_keeps_lines_aligned(env, tmp_path: Path) -> None:  # noqa: ANN001
    # a blank line is refused by number since session 47 (test_batch_contract_review47),
    # skipped since session 51, each result naming its line (test_newcomer_session51)
    batch = tmp_path / "calendar.txt"
    batch.write_text("Flu shots Saturday, walk-ins welcome.\n"
                     + SSN_POST.format("") + "\nOpen house Sunday.\n", encoding="utf-8")
    code, out, err = run_main("screen", "--batch", str(batch))
    assert code == 1, err
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["blocked"] for r in results] == [False, True, False]


# --- 5. DATABASE_URL secrets ----------------------------------------------------------

@pytest.mark.parametrize(("url", "secret"), [
    ("postgresql+psycopg://u@127.0.0.1:1/db?password=SuperSecret123", "SuperSecret123"),
    ("postgresql+psycopg://u:Sup@erSecret123@127.0.0.1:1/db", "erSecret123"),
    ("postgresql+psycopg://u@127.0.0.1:1/db?sslmode=require&sslpassword=KeyPass99",
     "KeyPass99"),
])
def test_a_database_password_never_reaches_the_error_line(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, url: str, secret: str) -> None:
    for name in list(os.environ):
        if name.startswith(("SOCIALBOT_", "DATABASE_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(tmp_path)
    code, out, err = run_main("post", "list")
    assert code == 2 and "cannot reach the database" in err
    assert secret not in err and "Sup" not in err and "***" in err


# --- 6. bounded reads -----------------------------------------------------------------

def test_classify_batch_refuses_an_endless_line_without_reading_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from social_bot.cli import classify_cmd

    class Endless(io.RawIOBase):
        served = 0

        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # noqa: ANN001
            buffer[:] = b"x" * len(buffer)
            self.served += len(buffer)
            return len(buffer)

    raw = Endless()
    with pytest.raises(click_exception(), match="line 1: longer than"):
        list(classify_cmd._batch_texts(io.BufferedReader(raw)))
    assert raw.served < 4 * 1024 * 1024


def click_exception() -> type[Exception]:
    import click

    return click.ClickException


def test_an_endless_policy_file_is_refused(tmp_path: Path) -> None:
    from policies.config import MAX_POLICY_BYTES, PolicyError, load_policy_file

    big = tmp_path / "policy.toml"
    big.write_bytes(b"#" * (MAX_POLICY_BYTES + 1))
    with pytest.raises(PolicyError, match="larger than"):
        load_policy_file(big)
    if os.path.exists("/dev/zero"):
        with pytest.raises(PolicyError, match="not a regular file"):
            load_policy_file(Path("/dev/zero"))


# --- 8. the new post's id is printed before a stop signal takes effect ---------------

def test_a_stop_signal_waits_for_the_id_to_be_printed() -> None:
    script = ("import os, signal, time\n"
              "from social_bot.cli.common import printed_with_commit\n"
              "with printed_with_commit():\n"
              "    os.kill(os.getpid(), signal.SIGTERM)\n"
              "    time.sleep(0.2)\n"
              "    print(42)\n"
              "print('after')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=60, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert done.returncode == -signal.SIGTERM
    assert done.stdout == "42\n"  # printed, then the signal: never "after"


# --- 9. ids are ASCII digits ----------------------------------------------------------

@SQLITE
@pytest.mark.parametrize("command", [("post", "show"), ("comments", "resolve"),
                                     ("consent", "revoke")])
@pytest.mark.parametrize("value", ["1_1", "\u0661", "\uff11", " 1"])
def test_ids_are_ascii_digits_only(env, command: tuple[str, ...], value: str) -> None:  # noqa: ANN001
    extra = {"comments": ("--action", "keep"), "consent": ("--reason", "withdrawn")}
    code, _, err = run_main(*command, value, *extra.get(command[0], ()))
    assert code == 2 and "digits 0-9 only" in err and err.count("\n") == 1


# --- 10 and 11. a byte-order mark, a FIFO, bytes that are not UTF-8 -------------------

def test_a_leading_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    from social_bot.inputs import read_text_file

    notepad = tmp_path / "post.txt"
    notepad.write_bytes(b"\xef\xbb\xbfFlu shots Saturday.\r\n")
    assert read_text_file(notepad) == "Flu shots Saturday.\r\n"


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    from social_bot.inputs import read_text_file

    fifo = tmp_path / "draft.txt"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(UserError, match="not a regular file"):
        read_text_file(fifo)
    assert time.monotonic() - started < 5


@SQLITE
def test_arguments_that_are_not_utf8_get_one_clear_line(env, db) -> None:  # noqa: ANN001
    bad = b"Flu shots \xff Saturday".decode("utf-8", "surrogateescape")
    code, _, err = run_main("post", "create", "--text", bad, "--platform", "x")
    assert code == 2 and "not valid UTF-8 (byte 0xff at character 11)" in err
    code, _, err = run_main("screen", bad)
    assert code == 2 and "byte 0xff" in err and "Unicode" not in err
    code, _, err = run_main("post", "create", "--text", "Flu shots Saturday.", "--platform",
                            "x", "--as", b"Pat \xe9".decode("utf-8", "surrogateescape"))
    assert code == 2 and "display name" in err and "byte 0xe9" in err
    assert err.count("\n") == 1
    assert posts_count(db) == 0
