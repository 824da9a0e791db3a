"""Session 45 merged work, attacked from outside (branch s45-review).

Each test here failed on s45-merge before its fix. Every text is this file's own wording.
"""

from __future__ import annotations

from typing import Any

import pytest
from test_session45_replyctx import _comment as stored_comment

from social_bot.comments import reply_to_comment
from social_bot.posts import Staff, show_post

PAT = Staff("Pat Author", "pat")


# --- the reply screen read with its comment -------------------------------------------------


def test_a_comment_of_invisible_characters_does_not_crash_the_reply_screen(make_app):
    """A commenter's text of a zero-width space alone (nothing a reader sees) made the reply
    screen raise EmptyText for the *comment*: `comments reply` printed "unexpected
    EmptyText" (blaming the reply) and queued nothing, and the publisher's screen would fail
    its lane. The comment says nothing, so the reply is read alone."""
    app = make_app()
    comment_id = stored_comment(app, "\u200b\u2060")
    reply_id, draft = reply_to_comment(app, PAT, comment_id, text="Thanks for stopping by!")
    assert draft.findings == []
    assert show_post(app, reply_id)["status"] == "pending_approval"


def test_a_long_comment_is_read_once_a_sentence_not_once_a_word(monkeypatch):
    """A comment of one long sentence naming a care item again and again took 9.2 s to read
    before each reply screen at 25,000 characters: the question test ran over the whole
    sentence once per item, and "my" was looked for in everything before each item. Now the
    question is asked once a sentence (the cost is measured in
    bench/replyctx_long_comment.py, never timed here)."""
    from policies.phi import answering

    calls: list[str] = []
    question = answering._QUESTION

    class Counting:
        def search(self, text: str) -> Any:
            calls.append(text)
            return question.search(text)

    monkeypatch.setattr(answering, "_QUESTION", Counting())
    comment = "waiting on my labs " + "and labs " * 400 + "for weeks"
    assert answering.own_care(comment) is not None
    assert len(calls) == 1
    # the window that replaced the whole-prefix search still reads whose the care is ...
    assert answering.own_care("So relieved, " + "really " * 40 + "my labs came back") \
        is not None
    # ... and a cut word is never read as "my": 'enemy' is nobody's
    assert answering.own_care("x" * 117 + "enemy labs came back") is None


# --- the X mention check --------------------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [
    # a full-width at sign (a Japanese or Chinese keyboard) mentions on X: the reply was
    # refused at queue time although X allows it
    ("＠Harbor_Clinic do you take walk-ins on Sunday?", True),
    ("walk-ins on Sunday? ＠harbor_clinic", True),
    ("RT@harbor_clinic walk-ins on Sunday", True),
    # none of these mentions the account on X: each passed, then the daemon held the reply
    ("our page is https://x.com/@harbor_clinic now", False),
    ("bookmarked x.com/@harbor_clinic for later", False),
    ("write @harbor_clinic@example.org about it", False),
    ("that was fun !@harbor_clinic", False),
    ("@harbor_clinicé was it", False),
    # what held before still holds
    ("@Harbor_Clinic walk-ins on Sunday?", True),
    ("(@harbor_clinic) walk-ins?", True),
    ("@harbor_clinic_fans walk-ins?", False),
    ("write desk@harbor_clinic about it", False),
])
def test_a_mention_is_what_x_reads_as_one(text: str, found: bool) -> None:
    from adapters.x_replies import mentions

    assert mentions(text, "@harbor_clinic") is found


# --- the signed export ----------------------------------------------------------------------


def test_a_key_file_or_manifest_saved_with_a_byte_order_mark_still_verifies(db, tmp_path):
    """An auditor who saved the practice's key line (or the manifest) in Windows Notepad got a
    UTF-8 byte order mark in front: verify-export said 'a public key is ed25519: and 44
    base64 characters' (or 'not a manifest') and exited 2, though the key and the signed
    bytes were intact. The mark is dropped; the signature is still checked over the
    body's exact bytes, so a changed manifest still fails."""
    from test_session45_export import PRACTICE, exported, problems

    from social_bot.audit_export import manifest_path
    from social_bot.cli.export_cmd import _key_file

    trail = exported(db, tmp_path, 3)
    key_file = tmp_path / "practice.pub"
    key_file.write_bytes(b"\xef\xbb\xbf" + PRACTICE.public.text.encode() + b"\r\n")
    assert _key_file(key_file) == [PRACTICE.public]
    windows = tmp_path / "windows.manifest"
    windows.write_bytes(b"\xef\xbb\xbf" + manifest_path(trail).read_bytes().replace(b"\n",
                                                                                     b"\r\n"))
    assert problems(trail, manifest=windows) == []
    edited = tmp_path / "edited.manifest"
    edited.write_bytes(windows.read_bytes().replace(b'"records":3', b'"records":4'))
    assert "does not verify" in problems(trail, manifest=edited)[0]


def test_every_pem_key_in_a_file_is_read(tmp_path):
    """`audit public-key --all --pem` writes one PEM block a key (the key in force, then the
    retired ones), but verify-export read only the first block: an export signed before a
    rotation was "NOT VERIFIED ... give that key too" (exit 1) though the auditor gave it.
    Each block is read now, with any 'ed25519:' lines beside them; a private key's block is
    refused, not read as nothing."""
    from test_session45_export import PRACTICE, new_key

    from social_bot.cli.export_cmd import _key_file

    newer, other = new_key(), new_key()
    pem = tmp_path / "keys.pem"
    pem.write_text(newer.public.pem() + PRACTICE.public.pem(), encoding="utf-8")
    assert _key_file(pem) == [newer.public, PRACTICE.public]
    mixed = tmp_path / "keys.txt"
    mixed.write_text(f"# the practice's keys\n{PRACTICE.public.pem()}{other.public.text}\n",
                     encoding="utf-8")
    assert _key_file(mixed) == [PRACTICE.public, other.public]
    private = tmp_path / "private.pem"
    private.write_text("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    with pytest.raises(ValueError, match="not a public key"):
        _key_file(private)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_rotation_the_trail_cannot_record_is_not_made(cli_env, tmp_path):
    """`audit rotate-signing-key` replaced the key file first and wrote the trail's record
    after: with the database out of reach it printed "error: cannot reach the database"
    (exit 2) over a key already rotated, unrecorded, whose public half nobody was shown, so
    the auditor's key stopped checking new exports. Now the key in force is unchanged."""
    from test_session45_export import run

    assert run(cli_env, "init").returncode == 0
    key_file = tmp_path / "data" / "audit.sign.key"
    before = key_file.read_bytes()
    down = {**cli_env, "DATABASE_URL": "postgresql+psycopg://u:p@127.0.0.1:1/nothing"}
    done = run(down, "audit", "rotate-signing-key")
    assert done.returncode == 2 and done.stderr.startswith("error: cannot reach the database")
    assert done.stdout == "" and key_file.read_bytes() == before
    # with the database there, the rotation is made and recorded
    done = run(cli_env, "audit", "rotate-signing-key")
    assert done.returncode == 0 and key_file.read_bytes() != before
    assert "audit.signing_key_rotated" in run(cli_env, "audit", "export").stdout


def test_a_rotation_whose_record_fails_to_commit_puts_the_old_key_back(make_app, monkeypatch):
    """The key file is replaced inside the transaction that records it; if that commit
    fails, the old key is put back, so the trail and the key in force never disagree."""
    import contextlib

    from click.testing import CliRunner

    from social_bot.cli import export_cmd
    from social_bot.export_key import (
        create_signing_key,
        load_signing_key,
        retired_public_keys,
    )

    app = make_app()
    app.settings.data_dir.mkdir(parents=True, exist_ok=True)
    before = create_signing_key(app.settings.data_dir)
    real_write = app.db.write

    @contextlib.contextmanager
    def failing_commit():  # noqa: ANN202
        with real_write() as session:
            yield session
            raise RuntimeError("the commit failed")

    monkeypatch.setattr(app.db, "write", failing_commit)
    monkeypatch.setattr(export_cmd, "open_app", lambda: app)
    result = CliRunner().invoke(export_cmd.rotate_signing_key, [])
    assert isinstance(result.exception, RuntimeError)
    assert load_signing_key(app.settings.data_dir).public == before.public
    assert retired_public_keys(app.settings.data_dir) == []  # nor listed as retired
