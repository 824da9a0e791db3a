"""Read-only use: a compliance officer with read access to the SQLite file can list and
verify, and nothing they run writes (no migration, no WAL switch, no -wal/-shm files).
Before `init`, reading commands say to run it and create nothing.

The suite runs as root in CI, for whom file permissions do not apply, so "not writable"
is what os.access reports here; SQLite's own read-only open (mode=ro) is then what keeps
the file unchanged, and the file's hash proves it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from tests.conftest import TEST_AUDIT_KEY, keyword_screener
from tests.test_cli_hostile import run_main


@pytest.fixture
def officer_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, policy_file: Path) -> Path:
    for name in list(os.environ):
        if name.startswith(("SOCIALBOT_", "DATABASE_")):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "data"
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(data))
    monkeypatch.setenv("SOCIALBOT_POLICY", str(policy_file))
    monkeypatch.setenv("SOCIALBOT_AUDIT_KEY", TEST_AUDIT_KEY)
    return data


def _make_database(data: Path) -> Path:
    """An initialised database holding one post, every connection closed afterwards."""
    from social_bot.app import App
    from social_bot.posts import Staff, create_post, prepare_draft
    from social_bot.settings import load_settings
    from social_bot.storage import init_storage

    settings = load_settings()
    report = init_storage(settings)
    app = App(settings, db=report.db, screener=keyword_screener,
              validator=lambda platform, text, media: [])
    create_post(app, Staff("Pat Author", "pat"), prepare_draft(app, "Flu shots Saturday", ["x"]))
    report.db.dispose()
    return data / "socialbot.db"


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_reading_commands_work_on_a_file_that_cannot_be_written(officer_env, monkeypatch):
    db_file = _make_database(officer_env)
    before = _snapshot(officer_env)
    real_access = os.access

    def access(path, mode, *args, **kwargs):  # noqa: ANN001, ANN202
        if mode & os.W_OK and Path(path).resolve().is_relative_to(officer_env.resolve()):
            return False
        return real_access(path, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)

    code, out, err = run_main(("post", "list", "--json"))
    assert code == 0, err
    assert [row["id"] for row in json.loads(out)] == [1]
    code, out, err = run_main(("audit", "verify"))
    assert code == 0 and "intact" in out, err
    code, out, err = run_main(("post", "show", "1", "--json"))
    assert code == 0 and json.loads(out)["status"] == "pending_approval", err

    # A command that writes is refused in one line, before it touches anything.
    code, _, err = run_main(("post", "cancel", "1", "--as", "Pat Author"))
    assert code == 2 and "read-only" in err and err.count("\n") == 1

    assert _snapshot(officer_env) == before  # no byte changed, no -wal/-shm appeared
    assert db_file.exists()


def test_before_init_reading_says_run_init_and_creates_nothing(officer_env):
    for argv in (("post", "list"), ("audit", "verify"), ("comments", "list"),
                 ("post", "show", "1")):
        code, out, err = run_main(argv)
        assert code == 2, argv
        assert "socialbot init" in err and err.count("\n") == 1, err
        assert out == ""
    assert not officer_env.exists()  # no data directory, no empty database
