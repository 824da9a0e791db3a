"""An outside review of `socialbot audit rotate-key` (session 46): each test replays one of
its findings. The audit key lives in the data directory's audit.key (no SOCIALBOT_AUDIT_KEY):
that is the key `rotate-key` rotates."""

from __future__ import annotations

import contextlib
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from social_bot.audit_key import KEY_FILE, key_id


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def file_env(cli_env: dict[str, str], tmp_path: Path) -> dict[str, str]:
    """`socialbot init` run with the key in audit.key, and one post written under it."""
    env = {k: v for k, v in cli_env.items() if k != "SOCIALBOT_AUDIT_KEY"}
    if env["DATABASE_URL"].startswith("sqlite"):
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'keys.db'}"
    done = run(env, "init")
    assert done.returncode == 0, done.stderr
    made = run(env, "post", "create", "--text", "Flu shots on Saturday.", "--platform", "x")
    assert made.returncode == 0, made.stderr
    return env


def data_dir(env: dict[str, str]) -> Path:
    return Path(env["SOCIALBOT_DATA_DIR"])


def key_text(env: dict[str, str]) -> str:
    return (data_dir(env) / KEY_FILE).read_text(encoding="utf-8")


def write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)


def interrupted_rotation(env: dict[str, str]) -> str:
    """What `rotate-key` left when killed after replacing the key files and before its
    audit.key_rotated record committed: the old key retired, a new one in force, unrecorded.
    (The same files as someone who swapped audit.key by hand.) Returns the new key's id."""
    old = key_text(env)
    write_private(data_dir(env) / f"audit.key.{key_id(old.strip().encode())}.retired", old)
    new = secrets.token_hex(32) + "\n"
    write_private(data_dir(env) / KEY_FILE, new)
    return key_id(new.strip().encode())


# -- finding 1: a rotation whose record could not be written ---------------------------------

def test_a_rotation_whose_record_fails_to_commit_leaves_the_old_key(file_env, monkeypatch):
    """Before: the key files were rotated first, the record written after; a failed commit
    (the database gone, a disk full) left a new key in force that no record names, and from
    then on `audit verify` failed ("put in the data directory by hand?") and `rotate-key`,
    which verifies first, refused to run: no way back."""
    from click.testing import CliRunner

    from social_bot.cli import admin_cmd
    from social_bot.db.engine import Database

    for name in ("SOCIALBOT_DATA_DIR", "DATABASE_URL", "SOCIALBOT_POLICY"):
        monkeypatch.setenv(name, file_env[name])
    monkeypatch.delenv("SOCIALBOT_AUDIT_KEY", raising=False)
    before = key_text(file_env)
    real_write = Database.write

    @contextlib.contextmanager
    def failing_commit(self):  # noqa: ANN001, ANN202
        with real_write(self) as session:
            yield session
            raise RuntimeError("the commit failed")

    monkeypatch.setattr(Database, "write", failing_commit)
    result = CliRunner().invoke(admin_cmd.audit, ["rotate-key"])
    assert isinstance(result.exception, RuntimeError)
    monkeypatch.undo()
    assert key_text(file_env) == before
    verified = run(file_env, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert run(file_env, "audit", "rotate-key").returncode == 0
    assert run(file_env, "audit", "verify").returncode == 0


# -- finding 2: an unrecorded key in force is refused, and rotate-key undoes it --------------

def test_a_key_no_rotation_record_names_signs_nothing(file_env):
    """Before: after an interrupted rotation (or audit.key swapped by hand) every process
    signed new records with the unrecorded key, and the trail could no longer verify."""
    interrupted_rotation(file_env)
    made = run(file_env, "post", "create", "--text", "Clinic closed Monday.", "--platform", "x")
    assert made.returncode == 2
    assert made.stderr.startswith("error: ") and "rotate-key" in made.stderr
    assert "Traceback" not in made.stderr


def test_rotate_key_run_again_undoes_an_interrupted_rotation(file_env):
    unrecorded = interrupted_rotation(file_env)
    again = run(file_env, "audit", "rotate-key")
    assert again.returncode == 0, again.stderr
    assert "interrupted" in again.stderr
    # the unrecorded key is gone (it signed nothing), not kept as a retired key
    assert key_id(key_text(file_env).strip().encode()) != unrecorded
    assert not (data_dir(file_env) / f"audit.key.{unrecorded}.retired").exists()
    verified = run(file_env, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    made = run(file_env, "post", "create", "--text", "Clinic closed Monday.", "--platform", "x")
    assert made.returncode == 0, made.stderr
    assert run(file_env, "audit", "verify").returncode == 0


# -- finding 3: a retired copy of the key in force is not a retirement -----------------------

def test_a_retired_copy_of_the_key_in_force_is_harmless(file_env):
    """`rotate-key` now writes the retired copy before replacing audit.key (so there is never
    a moment without audit.key); killed between the two, the copy is of the key in force.
    Before, such a file made verify fail ("no audit.key_rotated record retired" it)."""
    text = key_text(file_env)
    write_private(data_dir(file_env) / f"audit.key.{key_id(text.strip().encode())}.retired",
                  text)
    verified = run(file_env, "audit", "verify")
    assert verified.returncode == 0, verified.stderr
    made = run(file_env, "post", "create", "--text", "Clinic closed Monday.", "--platform", "x")
    assert made.returncode == 0, made.stderr
    assert run(file_env, "audit", "rotate-key").returncode == 0
    verified = run(file_env, "audit", "verify")
    assert verified.returncode == 0, verified.stderr


# -- finding 4: a copy of a retired export signing key ---------------------------------------

def _signing_rotation(db, data: Path):  # noqa: ANN001, ANN202
    """`audit rotate-signing-key` as the trail and the files see it; returns (old, new)."""
    from social_bot import audit
    from social_bot.export_key import SigningKey, load_signing_key, rotate_signing_key

    before, coming = load_signing_key(data), SigningKey.generate()
    with db.write() as session:
        audit.append(session, actor="socialbot audit rotate-signing-key",
                     action="audit.signing_key_rotated",
                     detail={"old_key_id": before.public.key_id,
                             "new_key_id": coming.public.key_id,
                             "new_public_key": coming.public.text})
        rotate_signing_key(data, coming)
    return before, coming


def _notes(db, count: int) -> None:  # noqa: ANN001
    from social_bot import audit

    for n in range(count):
        with db.write() as session:
            audit.append(session, actor="clerk", action="post.note", detail={"n": n})


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_retired_signing_keys_copy_cannot_vouch_for_a_later_trail(db, tmp_path, fmt):
    """The auditor holds every public key the practice used (`audit public-key --all`), as
    the help says to, for older exports. Before, whoever kept a copy of a retired private
    key (a backup, a leaver) could sign an export of the trail after the rotation and it
    verified, although the export itself holds the record that retired that key."""
    from social_bot.audit_export import check_export, manifest_path, read_manifest, write_export
    from social_bot.export_key import create_signing_key
    from social_bot.export_manifest import ExportFormat

    data = tmp_path / "data"
    data.mkdir()
    create_signing_key(data)
    _notes(db, 2)
    old, new = _signing_rotation(db, data)
    _notes(db, 2)
    target = tmp_path / f"trail.{fmt}"
    with db.read(snapshot=True) as session:
        forged = write_export(session, target, ExportFormat(fmt), new)  # the real one first
    assert forged.key_id == new.public.key_id
    # the leaked copy signs the same trail; the export side's check is not the forger's
    from social_bot import audit_export

    manifest = audit_export.signed(audit_export.Manifest(
        **{**forged.__dict__, "key_id": old.public.key_id}), old)
    manifest_path(target).write_bytes(manifest)
    check = check_export(target, read_manifest(manifest_path(target)),
                         [old.public, new.public])
    assert check.problems and "retired" in check.problems[0]
    assert "record #3 " in check.problems[0]


def test_an_export_racing_a_signing_key_rotation_is_not_signed_with_the_retired_key(
        db, tmp_path):
    """`audit export -o` reads the signing key, then the trail; a rotation committed between
    the two left an export signed with the key the export itself says was retired."""
    from social_bot.audit_export import write_export
    from social_bot.errors import UserError
    from social_bot.export_key import create_signing_key, load_signing_key
    from social_bot.export_manifest import ExportFormat

    data = tmp_path / "data"
    data.mkdir()
    create_signing_key(data)
    _notes(db, 2)
    loaded = load_signing_key(data)  # the export read its key ...
    _signing_rotation(db, data)  # ... a rotation committed ...
    target = tmp_path / "trail.jsonl"
    with db.read(snapshot=True) as session, pytest.raises(UserError, match="export again"):
        write_export(session, target, ExportFormat.JSONL, loaded)  # ... then it read the trail
    assert not target.exists()
