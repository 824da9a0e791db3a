"""Session 55's small items (s55-small): the one folder test behind the daemon's TMPDIR check
and filesafety's folder walk, ..."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from social_bot.errors import UserError
from social_bot.filesafety import (
    FOLDER_MODE,
    FOLDER_OWNER,
    folder_open_to_others,
    folder_problem,
)
from social_bot.publish_gate import media_temp_base

OTHER_UID = 54321  # no login of this machine


def _folder(tmp_path: Path, mode: int, *, foreign: bool = False) -> Path:
    folder = tmp_path / f"tmp-{mode:o}{'-theirs' if foreign else ''}"
    folder.mkdir()
    folder.chmod(mode)
    if foreign:
        if os.geteuid() != 0:
            pytest.skip("giving a folder to another user needs root")
        os.chown(folder, OTHER_UID, -1)
    return folder


def _tmpdir_refusal(folder: Path, monkeypatch: pytest.MonkeyPatch) -> str | None:
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    try:
        media_temp_base()
    except UserError as exc:
        return str(exc)
    finally:
        monkeypatch.undo()
    return None


@pytest.mark.parametrize(("mode", "foreign", "why"), [
    (0o700, False, None), (0o755, False, None), (0o1777, False, None), (0o1770, False, None),
    (0o777, False, FOLDER_MODE), (0o2770, False, FOLDER_MODE), (0o720, False, FOLDER_MODE),
    (0o702, False, FOLDER_MODE), (0o700, True, FOLDER_OWNER), (0o1777, True, FOLDER_OWNER),
])
def test_the_temp_folder_check_and_the_folder_walk_refuse_the_same_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int, foreign: bool,
        why: str | None) -> None:
    """publish_gate.media_temp_base (the daemon's TMPDIR) and filesafety's folder walk each
    had their own owner and write-without-sticky-bit test; one predicate serves both now, so
    they cannot drift apart."""
    folder = _folder(tmp_path, mode, foreign=foreign)
    assert folder_open_to_others(os.stat(folder)) == why
    refused = _tmpdir_refusal(folder, monkeypatch)
    walked = folder_problem(folder / "settings.env")
    assert (refused is None) is (why is None)
    assert (walked is None) is (why is None)


def test_the_temp_folder_refusal_says_which_rule_it_breaks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The TMPDIR refusal named both rules ("owned by another user, or writable by its group
    or others without the sticky bit") whichever one the folder broke; now it says which."""
    shared = _tmpdir_refusal(_folder(tmp_path, 0o2770), monkeypatch)
    assert shared is not None and "TMPDIR" in shared
    assert "(it is writable by its group or others without the sticky bit)" in shared
    assert "owned by" not in shared and "belongs to" not in shared
    theirs = _tmpdir_refusal(_folder(tmp_path, 0o1777, foreign=True), monkeypatch)
    assert theirs is not None and f"(it belongs to uid {OTHER_UID})" in theirs
    assert "sticky bit)" not in theirs.split(":")[0]


# --- B2: the descriptors parked by race wins are bounded -----------------------------------

def test_without_proc_race_wins_park_at_most_park_limit_descriptors(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without /proc, each time a staff login swaps a checked name for a link to the
    database between the look-up and the open by name, the descriptor of the database is
    kept open until exit (closing it would drop SQLite's locks). On main there was no bound:
    a login winning the race again and again used up the process's descriptors. Now, past
    PARK_LIMIT parked descriptors, the open by name is refused before it opens anything, with
    a line saying why; the database, its lock and reads through /proc are untouched."""
    import fcntl
    import sqlite3

    from test_s53_wal import _probe
    from test_s54_b123 import _without_proc

    from social_bot import filesafety
    from social_bot.db.engine import make_engine

    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    database = data / "socialbot.db"
    engine = make_engine(f"sqlite:///{database}")  # notes it as this process's database
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE notes (line TEXT)")
        conn.exec_driver_sql("INSERT INTO notes VALUES ('kept')")
    engine.dispose()
    target = data / "thumbnail.png"
    picture = b"\x89PNG a thumbnail\n"
    held = os.open(database, os.O_RDWR)  # as SQLite's own descriptor and its lock
    fcntl.lockf(held, fcntl.LOCK_SH, 1, 100)
    parked: list[int] = []
    monkeypatch.setattr(filesafety, "_parked", parked)
    wins = [0]

    def swap(path, flags) -> None:  # noqa: ANN001 - the staff login wins every race
        if str(path) == str(target) and not flags & os.O_PATH:
            os.link(database, data / ".swap")
            os.replace(data / ".swap", target)
            wins[0] += 1

    limit = filesafety.PARK_LIMIT
    refusals: list[OSError] = []
    try:
        for _ in range(limit + 10):
            target.unlink(missing_ok=True)  # the link the last race left: not written through
            target.write_bytes(picture)  # the real thumbnail back under its name
            with monkeypatch.context() as chroot:
                _without_proc(chroot, swap)
                try:
                    filesafety.read_bytes_checked(target)
                except OSError as exc:
                    refusals.append(exc)
        assert len(refusals) == limit + 10
        assert len(parked) == limit, "race wins parked descriptors without a bound"
        assert wins[0] == limit, "an open by name was tried after the limit"
        last = refusals[-1]
        assert "mount /proc" in str(last) and "restart socialbot" in str(last)
        assert _probe(database) == "held"
        target.unlink()
        target.write_bytes(picture)
        assert filesafety.read_bytes_checked(target) == picture  # /proc there: reads go on
        with sqlite3.connect(database) as con:
            assert con.execute("SELECT line FROM notes").fetchall() == [("kept",)]
        con.close()
    finally:
        os.close(held)
        for fd in parked:  # the test's own: its lock is gone with `held`
            os.close(fd)


# --- C4: deletions at the stored cursors cannot hold the Facebook re-read back -------------

def test_a_commenter_deleting_comments_at_the_stored_cursors_cannot_starve_the_re_read(
        sandbox, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001 - the sandbox
    """Session 54's C4 residue: Graph's cursors lapse when the comment they mark is deleted,
    and the re-read kept the last ten page ends; a commenter who owned the comments there
    and deleted them before each sweep made every cursor lapse, so each sweep began again
    at the first page and nothing past the first sweep's worth was ever read again. Now
    the trail also marks comments of other authors (_reread_anchors), which the commenter
    cannot delete: every comment is read again within ceil(N / a sweep's worth) sweeps
    plus one, with no restart, and no sweep makes more calls than its bound."""
    import base64
    import math

    import requests
    from test_session43_edited_comments import _comment

    from adapters import adapter_class, facebook
    from social_bot.sandbox import sandbox_env

    monkeypatch.setattr(facebook, "PAGE_SIZE", 5)  # 4 pages a sweep: 20 comments
    pages, calls_bound, total = 4, 8, 130
    adapter = adapter_class("facebook").from_env(sandbox_env(sandbox.url, "sandbox"))
    remote = adapter.publish("Flu clinic hours this week").id
    author: dict[str, str] = {}
    for n in range(total):  # one commenter writes five in six; three neighbours the rest
        who = "Mallory Vance" if n % 6 else ("Ana Ruiz", "Bo Chen", "Cy Okafor")[n // 6 % 3]
        author[_comment(sandbox, "facebook", remote, f"Note {n} on the hours", who)] = who
    calls: list[int] = [0]
    original = facebook.FacebookAdapter._call

    def counted(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls[0] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(facebook.FacebookAdapter, "_call", counted)
    trail: list[str] = []
    reads: list[set[str]] = []
    deleted: set[str] = set()
    bound = math.ceil(total / (pages * 5)) + 1  # sweeps: a round, and one to go round
    for sweep in range(2 * bound):
        for cursor in trail:  # the commenter deletes their comments where the cursors stand
            marked = base64.b64decode(cursor).decode()
            if author.get(marked) == "Mallory Vance" and marked not in deleted:
                requests.delete(f"{sandbox.url}/facebook/v25.0/{marked}", timeout=5,
                                params={"access_token": "sandbox"}).raise_for_status()
                deleted.add(marked)
        calls[0] = 0
        found = adapter.reread_paged(remote, trail, max_pages=pages, max_calls=calls_bound)
        assert calls[0] <= calls_bound
        assert not found.restarted, f"sweep {sweep}: every stored cursor lapsed"
        reads.append({comment.id for comment in found})
        trail = list(found.trail)
    assert deleted, "the commenter deleted nothing: the test tests nothing"
    kept = {ident for ident in author if ident not in deleted}
    for first in (0, bound):  # each comment read again within every run of `bound` sweeps
        seen = set().union(*reads[first:first + bound])
        assert kept <= seen, f"{len(kept - seen)} of {len(kept)} comments not read again " \
            f"in sweeps {first} to {first + bound - 1}"
