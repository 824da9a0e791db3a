"""Session 53's attack review (report only): each test replays one finding and is marked
xfail(strict=True) until the product is fixed (docs/history/security.md, "Session 53: an
attacker's review of socialbot's promises"). The texts are the
reviewer's own."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests
from conftest import TEST_AUDIT_KEY, keyword_screener

from social_bot.sandbox import SandboxServer

sqlite_only = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
_OAUTH = ('OAuth oauth_consumer_key="sandbox", oauth_token="sandbox", '
          'oauth_signature_method="HMAC-SHA1", oauth_signature="x", oauth_timestamp="1", '
          'oauth_nonce="n", oauth_version="1.0"')


def _app_in_zone(db, policy_file: Path, tmp_path: Path, zone: str):  # noqa: ANN001, ANN202
    from policies.config import load_policy_file
    from social_bot.app import App
    from social_bot.settings import load_settings

    settings = load_settings({"SOCIALBOT_DATA_DIR": str(tmp_path / "data"),
                              "DATABASE_URL": db.url, "SOCIALBOT_POLICY": str(policy_file),
                              "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY,
                              "SOCIALBOT_TIMEZONE": zone}, dotenv=False)
    return App(settings, db=db, policy=load_policy_file(policy_file),
               screener=keyword_screener, validator=lambda platform, text, media: [])


@sqlite_only
def test_one_far_future_post_does_not_break_post_list(
        db, policy_file, tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    from social_bot.cli import main

    app = _app_in_zone(db, policy_file, tmp_path, "Pacific/Kiritimati")
    for module in ("posts_cmd", "review_cmd", "comments_cmd"):
        monkeypatch.setattr(f"social_bot.cli.{module}.open_app",
                            lambda policy_required=False: app)

    def run(*args: str) -> int:
        try:
            main(list(args))
        except SystemExit as exc:
            return int(exc.code or 0)
        return 0

    assert run("post", "create", "--text", "Our lobby gets new chairs", "--platform",
               "x") == 0
    created = run("post", "create", "--text", "A note for the far future", "--platform",
                  "x", "--at", "9999-12-31T23:59Z")
    capsys.readouterr()
    listed = run("post", "list")
    out = capsys.readouterr()
    # Either the far date is refused at create (exit 2, one line) or the list still works.
    assert created == 2 or (listed == 0 and "lobby" in out.out), out.err


def test_the_x_sandbox_refuses_an_overlong_post(sandbox: SandboxServer) -> None:
    answer = requests.post(sandbox.url + "/x/2/tweets", timeout=5,
                           headers={"Authorization": _OAUTH},
                           json={"text": "Clinic hours change next week. " * 12})
    assert answer.status_code in (400, 403), answer.text


def test_the_linkedin_sandbox_refuses_overlong_commentary(sandbox: SandboxServer) -> None:
    from adapters.linkedin import MAX_COMMENTARY
    from adapters.versions import LINKEDIN_DEFAULT

    answer = requests.post(sandbox.url + "/linkedin/rest/posts", timeout=5, headers={
        "Authorization": "Bearer sandbox", "LinkedIn-Version": LINKEDIN_DEFAULT,
        "X-Restli-Protocol-Version": "2.0.0"}, json={
        "author": "urn:li:organization:5515715", "visibility": "PUBLIC",
        "distribution": {"feedDistribution": "MAIN_FEED"}, "lifecycleState": "PUBLISHED",
        "commentary": "w" * (MAX_COMMENTARY + 1)})
    assert answer.status_code in (400, 422), answer.text


_READER = """
import sys
from sqlalchemy import text
from social_bot.db.engine import make_engine
engine = make_engine(sys.argv[1])
with engine.connect() as conn:
    print(conn.execute(text("SELECT count(*) FROM notes")).scalar())
engine.dispose()
"""


def test_a_shared_data_directory_keeps_the_daemons_wal(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    from sqlalchemy import text

    from social_bot.db.engine import make_engine

    shared = tmp_path / "data"
    shared.mkdir()
    os.chmod(shared, 0o2770)  # noqa: S103 - docs/daemon.md's shared data directory
    url = f"sqlite:///{shared}/socialbot.db"
    engine = make_engine(url)  # "the daemon": a long-lived process with pooled connections
    first = engine.connect()
    first.execute(text("CREATE TABLE notes (body TEXT)"))
    first.execute(text("INSERT INTO notes VALUES ('one')"))
    first.commit()
    second = engine.connect()  # a second pooled connection: its connect hook runs
    second.execute(text("SELECT 1")).all()
    second.rollback()
    root = Path(__file__).resolve().parents[1]
    # "a staff command": another process opens the database, reads, and exits
    reader = subprocess.run([sys.executable, "-c", _READER, url], capture_output=True,
                            text=True, timeout=120, cwd=root,
                            env={**os.environ, "PYTHONPATH": str(root)})
    assert reader.returncode == 0, reader.stderr
    wal_left = Path(f"{shared}/socialbot.db-wal").exists()
    # the daemon writes again; another command must see it
    first.execute(text("INSERT INTO notes VALUES ('two')"))
    first.commit()
    again = subprocess.run([sys.executable, "-c", _READER, url], capture_output=True,
                           text=True, timeout=120, cwd=root,
                           env={**os.environ, "PYTHONPATH": str(root)})
    first.close()
    second.close()
    engine.dispose()
    assert wal_left, "the -wal of a live connection was deleted by another process's close"
    assert again.stdout.strip() == "2", (again.stdout, again.stderr)


def test_init_with_a_bad_audit_key_writes_nothing(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    from social_bot.cli import main

    data = tmp_path / "data"
    for name in list(__import__("os").environ):
        if name.startswith(("SOCIALBOT_", "DATABASE_")):
            monkeypatch.delenv(name)
    monkeypatch.setenv("SOCIALBOT_DATA_DIR", str(data))
    monkeypatch.setenv("SOCIALBOT_AUDIT_KEY", "too-short")
    with pytest.raises(SystemExit) as info:
        main(["init"])
    assert info.value.code == 2
    assert not data.exists() or not any(data.iterdir()), sorted(p.name for p in data.iterdir())
