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
