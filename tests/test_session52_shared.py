"""Session 52's attack review of approval and publishing (findings 4, 5 and 7): each test
here failed on the code before its fix (the private-directory ones pin what stays)."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select, update
from test_daemon_helpers import AUTHOR, LUIS, FakeAdapter
from test_session44_consent import CONFIG, PATIENT, _authorized, screener

from adapters import _deadline
from social_bot.approvals import VerifiedIdentity, approve, reject
from social_bot.consents import revoke_consent
from social_bot.daemon.publisher import Publisher
from social_bot.db.engine import Database
from social_bot.db.models import AuditRecord, Consent, Post, Revision
from social_bot.errors import Refused
from social_bot.media import clean_image
from social_bot.posts import Staff, create_post, prepare_draft, show_post
from social_bot.publish_gate import verified_media

DANA = VerifiedIdentity("slack", "U01DANA")
DANA_AT_SHELL = Staff("Dana at the shell", "dana")  # an approver who also writes posts


# --- finding 5: the door judges writers by the keyed trail, as the publisher does ---------


def _written_by_dana_columns_say_pat(app) -> int:  # noqa: ANN001
    post_id = create_post(app, DANA_AT_SHELL,
                          prepare_draft(app, "Flu shots on Tuesdays from nine", ["x"]))
    # the author rewrites the writer columns with the database alone (no audit key)
    with app.db.write() as session:
        session.execute(update(Post).where(Post.id == post_id).values(author_os_user="pat"))
        session.execute(update(Revision).where(Revision.post_id == post_id)
                        .values(written_by="os:pat"))
    return post_id


def test_an_author_who_rewrote_the_writer_columns_cannot_approve(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _written_by_dana_columns_say_pat(app)
    with pytest.raises(Refused, match="wrote a revision"):
        approve(app, DANA, post_id)
    detail = show_post(app, post_id)
    assert detail["status"] == "pending_approval"
    assert not detail["revisions"][-1].get("approvals")  # nothing recorded, nothing sealed
    assert approve(app, LUIS, post_id).approvals == ["Luis Ortega"]


def test_an_author_who_rewrote_the_writer_columns_cannot_reject(make_app) -> None:  # noqa: ANN001
    app = make_app()
    post_id = _written_by_dana_columns_say_pat(app)
    with pytest.raises(Refused, match="wrote a revision"):
        reject(app, DANA, post_id, "not for us")
    assert show_post(app, post_id)["status"] == "pending_approval"


# --- finding 7: a revocation during a photo post's requests stops its last one -------------


class Uploads(FakeAdapter):
    """A photo post's requests (two uploads, then the one that makes the post public), each
    behind the fence the publisher installs, as a real adapter's connection runs it just
    before the request's first byte. ``between`` runs after the first upload."""

    between: Callable[[], None] = staticmethod(lambda: None)
    sent: list[str]

    def publish(self, text, media=(), **kwargs):  # noqa: ANN001, ANN003, ANN201
        self.sent = []
        for step in ("upload 1", "upload 2", "make public"):
            _deadline._local.before_send()
            self.sent.append(step)
            if step == "upload 1":
                self.between()
        return self._apply(text)


class Later:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def _revoked_then_row_cleared(app, cid: int) -> None:  # noqa: ANN001
    """The revocation, then its row set back by someone with the database alone: the
    trail's `consent.revoked` record still stops the post."""
    revoke_consent(app, AUTHOR, cid, "the patient withdrew it")
    with app.db.write() as session:
        session.execute(update(Consent).values(revoked_at=None, revoked_by=None,
                                               revoke_reason=None))


@pytest.mark.parametrize("meanwhile", ["nothing", "revoked", "row cleared", "expired"])
def test_a_lapse_during_the_uploads_stops_the_request_that_makes_it_public(
        make_app, meanwhile: str) -> None:  # noqa: ANN001
    app = make_app(screener=screener)
    adapter = Uploads("facebook")
    clock = Later()
    cid, post_id = _authorized(app, ("facebook",))
    if meanwhile == "revoked":
        adapter.between = lambda: revoke_consent(app, AUTHOR, cid, "the patient withdrew it")
    elif meanwhile == "row cleared":
        adapter.between = lambda: _revoked_then_row_cleared(app, cid)
    elif meanwhile == "expired":  # _authorized's authorization runs to 2030-01-01
        adapter.between = lambda: setattr(clock, "now", datetime(2030, 1, 2, 1, tzinfo=UTC))
    Publisher(app, lambda platform: adapter, "w1", CONFIG, clock=clock).run_lane("facebook")
    delivery = show_post(app, post_id)["deliveries"][0]
    if meanwhile == "nothing":
        assert adapter.sent == ["upload 1", "upload 2", "make public"]
        assert delivery["status"] == "published"
        return
    assert adapter.sent == ["upload 1"] and adapter.posts == []
    assert delivery["status"] == "failed"
    why = "expired" if meanwhile == "expired" else "was revoked"
    assert f"authorization #{cid} {why}" in delivery["last_error"]
    assert "the name finding it cleared blocks again" in delivery["last_error"]
    assert PATIENT not in delivery["last_error"]
    with app.db.read() as session:
        failed = session.scalars(select(AuditRecord.detail).where(
            AuditRecord.post_id == post_id, AuditRecord.action == "delivery.failed")).all()
    assert len(failed) == 1 and f"authorization #{cid}" in failed[0]


# --- finding 4: a data directory staff share keeps the database and media the group's ------


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _data_dir(base: Path, shared: bool) -> Path:
    data = base / "data"
    data.mkdir()
    data.chmod(0o2770 if shared else 0o700)  # docs/daemon.md's shared one; init's own
    return data


def _photo(folder: Path, shade: int = 0) -> Path:
    from PIL import Image

    path = folder / f"photo{shade}.png"
    Image.new("RGB", (64, 48), (shade, 120, 200)).save(path)
    return path


def _write_database(data: Path) -> Database:
    db = Database(f"sqlite:///{data / 'socialbot.db'}")
    with db.engine.begin() as conn:  # a write, as every daemon start and staff command
        conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS t (x INTEGER)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    return db


@pytest.mark.parametrize("shared", [True, False])
def test_database_files_are_the_groups_in_a_shared_data_directory(tmp_path, shared) -> None:  # noqa: ANN001
    data = _data_dir(tmp_path, shared)
    want = 0o660 if shared else 0o600
    db = _write_database(data)
    try:
        files = [data / f"socialbot.db{end}" for end in ("", "-wal", "-shm")]
        assert all(f.exists() for f in files)
        assert {f.name: mode(f) for f in files} == {f.name: want for f in files}
    finally:
        db.dispose()
    # a database an earlier daemon start left 0600 is the group's again at the next open
    for f in files:
        if f.exists():
            f.chmod(0o600)
    _write_database(data).dispose()
    assert mode(data / "socialbot.db") == want


@pytest.mark.parametrize("shared", [True, False])
def test_media_is_the_groups_in_a_shared_data_directory(tmp_path, shared) -> None:  # noqa: ANN001
    data = _data_dir(tmp_path, shared)
    stored = clean_image(str(_photo(tmp_path)), data / "media")
    assert mode(data / "media") == (0o2770 if shared else 0o700)
    assert mode(stored.path) == (0o660 if shared else 0o600)
    assert stored.path.stat().st_gid == data.stat().st_gid
    # media/ made 0700 and an image 0600 by an earlier version: shared again at the next use
    (data / "media").chmod(0o700)
    stored.path.chmod(0o600)
    again = clean_image(str(_photo(tmp_path)), data / "media")
    assert again.path == stored.path and not again.fresh
    assert mode(data / "media") == (0o2770 if shared else 0o700)
    assert mode(stored.path) == (0o660 if shared else 0o600)


def test_a_world_open_data_directory_shares_nothing_with_the_world(tmp_path) -> None:  # noqa: ANN001
    data = tmp_path / "data"
    data.mkdir()
    data.chmod(0o2777)
    stored = clean_image(str(_photo(tmp_path)), data / "media")
    db = _write_database(data)
    db.dispose()
    assert mode(data / "media") & 0o007 == 0 and mode(stored.path) & 0o007 == 0
    assert mode(data / "socialbot.db") & 0o007 == 0


STAFF_UID, DAEMON_UID, GROUP = 52401, 52402, 52400  # no names needed: root sets them


def _as_account(uid: int, job: Callable[[], None]) -> tuple[int, str]:
    """Run ``job`` in a child process under another OS account (``uid``, in GROUP only):
    its exit status and, on failure, the error."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(read)
        status = 1
        try:
            os.setgroups([GROUP])
            os.setgid(GROUP)
            os.setuid(uid)
            os.umask(0o077)  # as socialbot's CLI and daemon set it (private_umask)
            job()
            status = 0
        except BaseException as exc:  # noqa: BLE001 - reported to the parent
            os.write(write, f"{type(exc).__name__}: {exc}".encode()[:2000])
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, "rb") as pipe:
        said = pipe.read().decode()
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]), said


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                    reason="needs root to act as two OS accounts")
def test_staff_attaches_a_photo_and_the_daemons_account_reads_it_and_the_database() -> None:
    """Two OS accounts in one group (the staff login, the daemon's), the documented
    `2770` data directory: the staff login stores a photo and writes the database, then
    the daemon's account reads the photo as the publisher does and writes the database;
    then the staff login writes the database again after the daemon's "start"."""
    base = Path(tempfile.mkdtemp(prefix="socialbot-s52-"))
    try:
        base.chmod(0o755)  # the accounts reach the data directory through it
        data = base / "data"
        data.mkdir()
        os.chown(data, DAEMON_UID, GROUP)
        data.chmod(0o2770)
        photo = _photo(base, 7)
        photo.chmod(0o644)
        # what the children need is imported here (they cannot read root's Python)
        clean_image(str(_photo(base, 9)), base / "warm")
        _write_database(base / "warm").dispose()
        shutil.rmtree(base / "warm")

        def staff() -> None:
            image = clean_image(str(photo), data / "media")
            _write_database(data).dispose()
            (base / "stored").write_text(f"{image.path} {image.sha256}")
            (base / "stored").chmod(0o644)

        def daemon() -> None:
            path, digest = (base / "stored").read_text().split()
            with verified_media([Path(path)], [digest]) as copies:
                assert hashlib.sha256(copies[0].read_bytes()).hexdigest() == digest
            _write_database(data).dispose()

        base.chmod(0o777)  # the staff child leaves where its image went, for the daemon
        assert _as_account(STAFF_UID, staff) == (0, "")
        assert _as_account(DAEMON_UID, daemon) == (0, "")
        assert _as_account(STAFF_UID, lambda: _write_database(data).dispose()) == (0, "")
        assert mode(data / "media") == 0o2770
        assert mode(data / "socialbot.db") == 0o660
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_init_in_a_shared_data_directory_leaves_the_database_the_groups(tmp_path) -> None:  # noqa: ANN001
    """`socialbot init`, which the documented unit runs before each daemon start, made the
    database 0600 there: the staff lost it at every start."""
    from test_file_safety import base_env, run

    env = base_env(tmp_path)
    data = _data_dir(tmp_path, shared=True)
    done = run(env, "init")
    assert done.returncode == 0, done.stderr
    assert mode(data) == 0o2770 and mode(data / "socialbot.db") == 0o660
    assert mode(data / "audit.key") == 0o600  # the keys stay the owner's
    wal = data / "socialbot.db-wal"
    assert not wal.exists() or mode(wal) == 0o660
