"""Session 52 (s52-locks): SQLite's comment-decision lock folder (`<db>.locks`) in the
documented shared data directory (`daemon:STAFFGROUP 2770`). Before, the folder had to
belong to the account deciding: whichever of the daemon and the staff logins made it first
owned it, and every decision of the other failed "the lock folder ... belongs to another
account". Now it is the data directory's group's (2770) and taken from another account when
it is a real folder of the data directory, in its group, closed to other users.

Two real OS accounts (arbitrary uids in one group, set by root in forked children, as
tests/test_session52_shared.py does): root only. The tests marked so fail on the merge
base; the refusals pin session 45's protection, which still holds."""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import POLICY_TOML, TEST_AUDIT_KEY, TEST_KEYS, keyword_screener
from sqlalchemy import select
from test_daemon_helpers import FakePlatforms
from test_monitor import CONFIG, published
from test_session52_shared import DAEMON_UID, GROUP, STAFF_UID, _as_account

from policies.config import load_policy_file
from social_bot import audit
from social_bot.app import App
from social_bot.comment_lock import Busy, decision_lock
from social_bot.comments import resolve_comment
from social_bot.daemon.monitor import Monitor
from social_bot.db.engine import Database
from social_bot.db.migrate import upgrade
from social_bot.db.models import Comment
from social_bot.settings import load_settings

pytestmark = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                reason="needs root to act as two OS accounts")
OUTSIDER = 52403  # an account outside GROUP
ABUSE = "Go to hell you morons"  # the test policy hides it


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@contextlib.contextmanager
def _shared_dir(data_mode: int = 0o2770) -> Iterator[Path]:
    """The documented shared data directory, the daemon's and GROUP's, in a folder both
    accounts reach."""
    base = Path(tempfile.mkdtemp(prefix="socialbot-s52-locks-"))
    try:
        base.chmod(0o755)
        data = base / "data"
        data.mkdir()
        os.chown(data, DAEMON_UID, GROUP)
        data.chmod(data_mode)
        yield data
    finally:
        shutil.rmtree(base, ignore_errors=True)


def _lock(data: Path, comment_id: int) -> None:
    """A decision's lock on ``comment_id``, taken and let go, as the account running it."""
    with decision_lock(Database(f"sqlite:///{data / 'socialbot.db'}"), comment_id,
                       wait=False):
        pass


@pytest.fixture(autouse=True, scope="module")
def _imported() -> Iterator[None]:
    """What a lock needs (sqlite3 and SQLAlchemy's dialect among it) imported here first:
    the children cannot read root's Python."""
    warm = Path(tempfile.mkdtemp(prefix="socialbot-s52-warm-"))
    try:
        _lock(warm, 1)
        yield
    finally:
        shutil.rmtree(warm, ignore_errors=True)


@pytest.mark.parametrize("first", ["staff", "daemon"])
def test_each_account_takes_the_decision_lock_whoever_made_the_folder(first: str) -> None:
    """Failed on the merge base: the second account's decision was refused."""
    one, other = (STAFF_UID, DAEMON_UID) if first == "staff" else (DAEMON_UID, STAFF_UID)
    with _shared_dir() as data:
        assert _as_account(one, lambda: _lock(data, 7)) == (0, "")
        folder = data / "socialbot.db.locks"
        assert os.stat(folder).st_uid == one
        assert (mode(folder), os.stat(folder).st_gid) == (0o2770, GROUP)
        assert _as_account(other, lambda: _lock(data, 7)) == (0, "")  # the first's file
        assert _as_account(other, lambda: _lock(data, 8)) == (0, "")  # one it makes
        assert _as_account(one, lambda: _lock(data, 8)) == (0, "")
        for lock in folder.iterdir():
            assert (mode(lock), lock.stat().st_gid) == (0o660, GROUP), lock.name


@contextlib.contextmanager
def _held_by(uid: int, data: Path, comment_id: int) -> Iterator[None]:
    """``comment_id``'s decision lock held by a child process under ``uid`` meanwhile."""
    held_r, held_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.setgroups([GROUP])
            os.setgid(GROUP)
            os.setuid(uid)
            os.umask(0o077)
            with decision_lock(Database(f"sqlite:///{data / 'socialbot.db'}"), comment_id):
                os.write(held_w, b"held")
                os.read(go_r, 1)
            status = 0
        finally:
            os._exit(status)
    os.close(held_w)
    try:
        assert os.read(held_r, 4) == b"held"
        yield
    finally:
        os.write(go_w, b"x")
        os.waitpid(pid, 0)
        for fd in (held_r, go_r, go_w):
            os.close(fd)


def test_a_decision_held_by_one_account_holds_back_the_others() -> None:
    """Shared, the folder still does its job: the daemon's account finds the comment's lock
    taken by a staff login's decision under way (its hide stands aside, as for a person)."""
    with _shared_dir() as data:

        def busy() -> None:
            with pytest.raises(Busy):
                _lock(data, 7)
            _lock(data, 8)  # another stripe is free

        with _held_by(STAFF_UID, data, 7):
            assert _as_account(DAEMON_UID, busy) == (0, "")
        assert _as_account(DAEMON_UID, lambda: _lock(data, 7)) == (0, "")


def test_a_lock_folder_an_earlier_version_made_private_is_the_groups_again() -> None:
    """`<db>.locks` 0700 with 0600 lock files, as the staff login's decisions left it
    before: its owner's next decision makes it and every lock file the group's. Failed on
    the merge base (the daemon's account was refused)."""
    with _shared_dir() as data:
        folder = data / "socialbot.db.locks"

        def old_version() -> None:
            folder.mkdir(mode=0o700)
            for stripe in (7, 9):
                (folder / f"comment-{stripe:02d}.lock").touch(mode=0o600)

        assert _as_account(STAFF_UID, old_version) == (0, "")
        assert _as_account(STAFF_UID, lambda: _lock(data, 7)) == (0, "")
        assert mode(folder) == 0o2770
        assert {p.name: mode(p) for p in folder.iterdir()} == {
            "comment-07.lock": 0o660, "comment-09.lock": 0o660}
        assert _as_account(DAEMON_UID, lambda: _lock(data, 9)) == (0, "")


def _world(data: Path, policy: Path) -> tuple[App, FakePlatforms, list[int]]:
    """A published post with two abusive comments waiting for the policy's hide, in the
    SQLite database in ``data`` (made by root, the group's: 0660 in GROUP)."""
    url = f"sqlite:///{data / 'socialbot.db'}"
    db = Database(url, audit_keys=TEST_KEYS)
    upgrade(db)
    settings = load_settings({"SOCIALBOT_DATA_DIR": str(data), "DATABASE_URL": url,
                              "SOCIALBOT_POLICY": str(policy),
                              "SOCIALBOT_AUDIT_KEY": TEST_AUDIT_KEY,
                              "SOCIALBOT_TIMEZONE": "UTC"}, dotenv=False)
    app = App(settings, db=db, policy=load_policy_file(policy), screener=keyword_screener,
              validator=lambda platform, text, media: [])
    platforms = FakePlatforms(["facebook"])
    _, remote = published(app, platforms, names=["facebook"])
    for who in ("troll", "troll2"):
        platforms["facebook"].add_comment(remote["facebook"], ABUSE, who)
    monitor = Monitor(app, platforms, "w1", CONFIG)
    with pytest.MonkeyPatch.context() as held:
        held.setattr(monitor, "hide", lambda *a, **k: False)
        monitor.run_platform("facebook")
    with db.read() as session:
        rows = list(session.scalars(select(Comment).order_by(Comment.id)))
    assert [r.state for r in rows] == ["hide_pending", "hide_pending"]
    return app, platforms, [r.id for r in rows]


def _staff_hides(app: App, platforms: FakePlatforms, comment_id: int) -> None:
    resolve_comment(app, "Dana Whitfield", comment_id, "hide", adapters=platforms)


def _policy_hides(app: App, platforms: FakePlatforms, comment_id: int) -> None:
    with app.db.read() as session:
        remote_id = session.get(Comment, comment_id).remote_id
    assert Monitor(app, platforms, "w1", CONFIG).hide("facebook", comment_id, remote_id)


def test_the_staff_login_and_the_daemon_each_decide_a_comment(tmp_path: Path) -> None:
    """A person's `comments resolve` under the staff login, then the daemon's policy hide
    under its account, on one shared SQLite database. Failed on the merge base: the hide
    was refused, logged `comment.hide_failed` "belongs to another account" each pass."""
    # everything the children need is imported first (they cannot read root's Python)
    warm = Path(tempfile.mkdtemp(prefix="socialbot-s52-warm-"))
    policy = warm / "policy.toml"
    policy.write_text(POLICY_TOML, encoding="utf-8")
    try:
        app, platforms, (first, second) = _world(warm, policy)
        _staff_hides(app, platforms, first)
        _policy_hides(app, platforms, second)
        app.db.dispose()
        with _shared_dir() as data:
            app, platforms, (first, second) = _world(data, policy)
            app.db.dispose()  # each child opens its own connections
            assert _as_account(STAFF_UID, lambda: _staff_hides(app, platforms, first)) == (
                0, "")
            assert _as_account(DAEMON_UID, lambda: _policy_hides(app, platforms, second)) == (
                0, "")
            with app.db.read() as session:
                rows = session.scalars(select(Comment).order_by(Comment.id)).all()
                assert [(r.state, r.hidden_on_platform) for r in rows] == [
                    ("hidden", True), ("hidden", True)]
                assert audit.verify(session).ok
            app.db.dispose()
            assert os.stat(data / "socialbot.db.locks").st_uid == STAFF_UID
    finally:
        shutil.rmtree(warm, ignore_errors=True)


# --- what stays refused: session 45's planted folder -----------------------------------------


def _planted(data: Path, how: str) -> Path:
    """`<db>.locks` put there by someone else; returns the folder their locks would be in."""
    folder = data / "socialbot.db.locks"
    theirs = data.parent / "theirs"
    theirs.mkdir(mode=0o700)
    os.chown(theirs, OUTSIDER, GROUP)
    theirs.chmod(0o2770)
    if how == "symlink":
        folder.symlink_to(theirs)
        return theirs
    folder.mkdir()
    os.chown(folder, OUTSIDER, GROUP if how != "another group" else OUTSIDER)
    folder.chmod(0o2777 if how == "open to all" else 0o2770)
    return folder


# A 2777 data directory is no shared one (filesafety.shared_group): refused as a private one.
@pytest.mark.parametrize(("how", "data_mode", "said"), [
    ("symlink", 0o2770, "is not a folder (a link or a file)"),
    ("another group", 0o2770, f"belongs to another account (uid {OUTSIDER}) outside"),
    ("open to all", 0o2770, "is writable by other accounts"),
    ("in the group", 0o2777, f"belongs to another account (uid {OUTSIDER})"),
])
def test_a_planted_lock_folder_is_still_refused_in_a_shared_data_directory(
        how: str, data_mode: int, said: str) -> None:
    """A symlink, a folder of another group or open to all, or any folder of another
    account's in a data directory all users may write: one line, no lock file made."""
    with _shared_dir(data_mode) as data:
        theirs = _planted(data, how)
        line = _said(data)
        assert f"no decision was applied: the lock folder {data / 'socialbot.db.locks'} {said}" \
            in line, line
        assert "\n" not in line
        assert not list(theirs.iterdir())


def _said(data: Path) -> str:
    """What the daemon's account is told when it takes comment 7's lock ("" if it can)."""
    return _as_account(DAEMON_UID, lambda: _lock(data, 7))[1]


def test_in_a_private_data_directory_the_folder_stays_one_accounts() -> None:
    """A data directory its group may not write: today's strict rule, unchanged (a folder
    of another account's is refused even in the data directory's group)."""
    with _shared_dir(0o2750) as data:
        folder = data / "socialbot.db.locks"
        folder.mkdir()
        os.chown(folder, STAFF_UID, GROUP)
        folder.chmod(0o2770)
        assert "belongs to another account" in _said(data)
        shutil.rmtree(folder)
        assert _as_account(DAEMON_UID, lambda: _lock(data, 7)) == (0, "")
        assert mode(folder) & 0o777 == 0o700  # (setgid kept from the data directory)
