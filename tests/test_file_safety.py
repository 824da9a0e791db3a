"""Issue 14, item 9: private files and directories; .env only from the data directory;
warnings for configuration others can rewrite. Run as a person would: the real CLI."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

from conftest import POLICY_TOML, TEST_AUDIT_KEY


def run(env, *args, cwd=None):  # noqa: ANN001, ANN201
    return subprocess.run([sys.executable, "-m", "social_bot", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def base_env(tmp_path: Path) -> dict[str, str]:
    policy = tmp_path / "policy.toml"
    policy.write_text(POLICY_TOML)
    policy.chmod(0o644)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALBOT_", "DATABASE_"))}
    env.update({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"), "SOCIALBOT_POLICY": str(policy)})
    return env


def test_database_wal_media_and_key_are_private(tmp_path):
    env = base_env(tmp_path)
    old = os.umask(0o022)  # the caller's usual umask: socialbot must not rely on it
    try:
        assert run(env, "init").returncode == 0
        image = tmp_path / "photo.png"
        image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
        done = run(env, "post", "create", "--text", "Flu shots Saturday", "--platform", "x")
        assert done.returncode == 0, done.stderr
    finally:
        os.umask(old)
    data = tmp_path / "data"
    assert mode(data) == 0o700
    for name in ("socialbot.db", "audit.key"):
        assert mode(data / name) == 0o600, name
    wal = data / "socialbot.db-wal"
    if wal.exists():
        assert mode(wal) == 0o600


def test_files_made_world_readable_earlier_are_tightened(tmp_path):
    env = base_env(tmp_path)
    assert run(env, "init").returncode == 0
    db = tmp_path / "data" / "socialbot.db"
    db.chmod(0o644)
    (tmp_path / "data").chmod(0o755)
    assert run(env, "init").returncode == 0
    # Closed to other users; its group keeps what it had (a data directory staff share
    # kept its group from session 51 on: docs/daemon.md).
    assert mode(db) == 0o600 and mode(tmp_path / "data") == 0o750


def test_env_file_in_the_working_directory_is_ignored_with_a_warning(tmp_path):
    env = base_env(tmp_path)
    assert run(env, "init").returncode == 0
    cwd = tmp_path / "somewhere"
    cwd.mkdir()
    # A planted .env would point socialbot at another database and key.
    (cwd / ".env").write_text(f"DATABASE_URL=sqlite:///{tmp_path}/planted.db\n"
                              f"SOCIALBOT_AUDIT_KEY={TEST_AUDIT_KEY}\n")
    done = run(env, "audit", "verify", cwd=cwd)
    assert done.returncode == 0, done.stderr
    assert "ignoring" in done.stderr and str(cwd / ".env") in done.stderr
    assert not (tmp_path / "planted.db").exists()


def test_env_file_from_the_data_dir_or_named_is_read(tmp_path):
    env = base_env(tmp_path)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / ".env").write_text(f"SOCIALBOT_AUDIT_KEY={TEST_AUDIT_KEY}\n")
    (data / ".env").chmod(0o600)
    assert run(env, "init").returncode == 0
    assert not (data / "audit.key").exists()  # the key came from the data dir's .env
    named = tmp_path / "other.env"
    named.write_text(f"SOCIALBOT_AUDIT_KEY={TEST_AUDIT_KEY}\n")
    named.chmod(0o622)  # others may write it, not read it (a readable one is refused)
    done = run({**env, "SOCIALBOT_ENV_FILE": str(named)}, "audit", "verify")
    # refused since session 51 (one line, exit 2), no longer read with a warning
    assert done.returncode == 2 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "writable by other users" in done.stderr and str(named) in done.stderr
    named.chmod(0o600)
    done = run({**env, "SOCIALBOT_ENV_FILE": str(named)}, "audit", "verify")
    assert done.returncode == 0, done.stderr


def test_policy_writable_by_others_is_reported(tmp_path):
    env = base_env(tmp_path)
    assert run(env, "init").returncode == 0
    Path(env["SOCIALBOT_POLICY"]).chmod(0o666)
    done = run(env, "post", "create", "--text", "Flu shots Saturday", "--platform", "x")
    assert done.returncode == 0, done.stderr
    assert "policy file" in done.stderr and "writable by other users" in done.stderr


def test_audit_key_readable_by_others_is_refused_with_the_fix(tmp_path):
    env = base_env(tmp_path)
    assert run(env, "init").returncode == 0
    key = tmp_path / "data" / "audit.key"
    for loose in (0o640, 0o604, 0o620):
        key.chmod(loose)
        for args in (("audit", "verify"), ("daemon",)):
            done = run(env, *args)
            assert done.returncode == 2, (args, done.stderr)
            lines = done.stderr.strip().splitlines()
            assert len(lines) == 1 and lines[0].startswith("error:"), done.stderr
            assert f"chmod 600 {key}" in lines[0]
            assert "Traceback" not in done.stderr
    key.chmod(0o600)
    done = run(env, "audit", "verify")
    assert done.returncode == 0, done.stderr
