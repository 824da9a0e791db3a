"""Files socialbot writes are private to the account that runs it (issue 14, item 9).

The process umask is 077, so the database, its WAL and shared-memory files, media copies,
exports and the audit key are created 0600 and directories 0700; files made by an older
version are tightened when they are next opened. Configuration that others could rewrite
(the .env file, the policy) is reported, because whoever can edit the policy can add
themselves as an approver.

In a data directory staff share on purpose (group-writable: docs/daemon.md's
`daemon:STAFFGROUP 2770`) the database files and the media are the group's too (files 0660,
folders 2770, the data directory's group), never other users': made 0600/0700 there, the
staff lost the database at each daemon start and the daemon could not read one image a
staff login attached (session 52's attack review, finding 4).
"""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import pwd
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

log = logging.getLogger("socialbot.files")

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700
SHARED_FILE = 0o660
SHARED_DIR = 0o2770  # setgid: what is made in it keeps the group


def private_umask() -> None:
    os.umask(0o077)


def make_private_dir(path: Path) -> Path:
    """Create a directory socialbot owns, such as the data directory (0700), or keep an
    existing one's owner and group permissions, closing it to other users only.

    A data directory staff share (docs/daemon.md: the daemon's group, 2770) keeps that
    group: `socialbot init`, which the documented unit runs before every start, used to
    set it back to 0700 each time (session 50, left open). Other users (the world) have no
    business in a folder of patient data and keys: that access is removed, with a warning."""
    if not path.is_dir():
        path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        _tighten(path, PRIVATE_DIR)
        return path
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o007:
            path.chmod(mode & ~0o007)
            log.warning("warning: %s was open to all users (mode %o); now %o: only its "
                        "owner and, where staff share it, their group may use it "
                        "(docs/daemon.md)", path, mode, mode & ~0o007)
    except OSError as exc:  # someone else's folder: say so rather than fail
        log.warning("cannot close %s to other users (%s): check its owner and mode",
                    path, exc.strerror)
    return path


def shared_group(folder: Path) -> int | None:
    """The group staff share ``folder`` with (its gid) when that group may write in it (a
    data directory shared on purpose), else None (a private one)."""
    try:
        st = folder.stat()
    except OSError:
        return None
    # Shared on purpose is the documented 2770: group-writable, setgid, closed to others. A
    # 0775 folder of a broad group (or 0777) is not a reason to open the patient database
    # to that group (the re-read of session 52).
    shared = st.st_mode & stat.S_IWGRP and st.st_mode & stat.S_ISGID \
        and not st.st_mode & stat.S_IWOTH
    return st.st_gid if shared else None


def make_private_file(path: Path, group: int | None = None) -> None:
    """Close ``path`` to other users: 0600, or with ``group`` (`shared_group` of its folder)
    0660 and that group's, never the world's."""
    if path.exists():
        _settle(path, PRIVATE_FILE, SHARED_FILE, group)


def make_data_folder(path: Path, group: int | None = None) -> Path:
    """A folder socialbot writes in the data directory (media/): 0700, or with ``group``
    2770 and that group's, so the daemon and every staff login may use it."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    _settle(path, PRIVATE_DIR, SHARED_DIR, group)
    return path


def make_data_folder_open(fd: int, path: Path, group: int) -> None:
    """`make_data_folder` on a folder this process has open (``path`` names it in a warning):
    2770 in ``group`` when this user may make it so, else left private."""
    _settle_open(fd, path, PRIVATE_DIR, SHARED_DIR, group)


def _settle(path: Path, private: int, shared: int, group: int | None) -> None:
    """``private`` without a group, else ``shared`` in ``group``: a file or folder of
    another group (made where the setgid bit was missing) is moved to that group when this
    user may, else kept private (its group is nobody's choice). Shared, the folder is
    others' to write in too, so the name is looked up without following a link and the
    file it names changed: a link planted there would pass this user's rights to its target.

    The name is never opened for reading or writing: closing any descriptor of a file
    drops every POSIX lock this process holds on it, SQLite's too, and the database, its
    -wal and -shm are settled here while this process may hold connections to them. A
    staff command then took itself for the last connection and deleted the daemon's live
    -wal (session 53's attack review, A1). An O_PATH descriptor reaches the file without
    opening it (its close drops no lock on Linux, measured) and the change is made through
    /proc/self/fd; without O_PATH (not Linux) by the name, links not followed."""
    if group is None:
        _tighten(path, private)
        return
    if not hasattr(os, "O_PATH"):
        _settle_by_name(path, private, shared, group)
        return
    try:
        fd = os.open(path, os.O_PATH | os.O_NOFOLLOW)
    except OSError as exc:
        if exc.errno != errno.ENOENT:
            log.warning("cannot share %s with its group (%s): check its owner and mode "
                        "(docs/daemon.md)", path, exc.strerror)
        return
    try:
        _settle_open(fd, path, private, shared, group, by_path=f"/proc/self/fd/{fd}")
    finally:
        os.close(fd)


def _settle_by_name(path: Path, private: int, shared: int, group: int) -> None:
    try:
        st = os.lstat(path)
    except OSError:
        return
    _settle_stat(st, path, private, shared, group,
                 lambda gid: os.chown(path, -1, gid, follow_symlinks=False),
                 lambda mode: os.chmod(path, mode, follow_symlinks=False))


def make_private_open_file(fd: int, path: Path, group: int | None = None) -> None:
    """`make_private_file` on a file this process has open (``path`` names it in a warning):
    one it just made (0600 by the umask) becomes the group's in a shared folder."""
    if group is not None:
        _settle_open(fd, path, PRIVATE_FILE, SHARED_FILE, group)


def _settle_open(fd: int, path: Path, private: int, shared: int, group: int,
                 by_path: str | None = None) -> None:
    """Settle the file open as ``fd``; ``by_path``: an O_PATH descriptor's /proc name,
    through which owner and mode are changed (fchown/fchmod refuse such a descriptor)."""
    try:
        st = os.fstat(fd)
    except OSError as exc:
        log.warning("cannot share %s with its group (%s)", path, exc.strerror)
        return
    if by_path is None:
        _settle_stat(st, path, private, shared, group,
                     lambda gid: os.fchown(fd, -1, gid), lambda mode: os.fchmod(fd, mode))
    else:
        _settle_stat(st, path, private, shared, group,
                     lambda gid: os.chown(by_path, -1, gid), lambda mode: os.chmod(by_path, mode))


def _settle_stat(st: os.stat_result, path: Path, private: int, shared: int, group: int,
                 chgrp: Callable[[int], None], chmod: Callable[[int], None]) -> None:
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return  # a symlink (looked up, not followed), a FIFO, a device: left alone
    if stat.S_ISREG(st.st_mode) and st.st_nlink > 1:
        # A hard link planted under a shared name (to a private key, say) is never
        # opened to the group (the re-read of session 52).
        log.warning("not sharing %s: it has %d links (a file socialbot made has one)",
                    path, st.st_nlink)
        return
    try:
        target = shared
        if st.st_gid != group:
            try:
                chgrp(group)
            except OSError:
                target = private
        if stat.S_IMODE(st.st_mode) != target and (target == shared
                                                    or stat.S_IMODE(st.st_mode) & ~private):
            chmod(target)
    except OSError as exc:  # someone else's file: say so rather than fail
        log.warning("cannot share %s with its group (%s): its owner may `chmod %o` it "
                    "(docs/daemon.md)", path, exc.strerror, shared)


# The SQLite databases this process has engines for (social_bot/db/engine.py notes each
# before its first connection): `open_checked` never opens one of their files.
_sqlite_databases: set[str] = set()
_SQLITE_ENDS = ("", "-wal", "-shm", "-journal")


def note_sqlite_database(path: str | Path) -> None:
    """Remember ``path`` as a database of this process, and where it points: SQLite follows
    a symlinked database name and keeps -wal and -shm beside the target, so those are the
    files to guard (session 53's second attack review, B3)."""
    _sqlite_databases.add(os.path.abspath(path))
    _sqlite_databases.add(os.path.realpath(path))


def is_sqlite_file(st: os.stat_result) -> bool:
    """Whether ``st`` is the database, -wal, -shm or -journal of a database this process
    has an engine for (by inode: a hard link or another name is the same file)."""
    for database in _sqlite_databases:
        if not os.path.exists(database):  # gone (a test's, a moved one): nor its -wal
            continue
        for end in _SQLITE_ENDS:
            try:
                other = os.stat(database + end)
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
                return True
    return False


def open_checked(path: str | Path, flags: int, mode: int = 0o777, *,
                 dir_fd: int | None = None) -> int:
    """`os.open`, except that a SQLite file of this process (`is_sqlite_file`, under any
    name: a hard link or a symlink planted in a folder staff share, a path a user typed) is
    refused with EPERM before any descriptor of it is opened: closing one would drop every
    POSIX lock SQLite holds on it in this process (session 53's attack review, A1). The name
    is first looked up with O_PATH, whose close drops no lock, and the file checked is the
    one opened (through /proc/self/fd), so a name swapped in between changes nothing.
    Without /proc the name is opened again and the descriptor compared with the look-up
    (`_open_same_file`; session 53's second attack review, B2)."""
    if not _sqlite_databases or not hasattr(os, "O_PATH"):
        return os.open(path, flags, mode, dir_fd=dir_fd)
    look = os.O_PATH | (flags & (os.O_NOFOLLOW | os.O_DIRECTORY))
    for _attempt in range(3):
        try:
            where = os.open(path, look, dir_fd=dir_fd)
        except FileNotFoundError:
            if not flags & os.O_CREAT:
                raise
            try:  # a new file is no database's
                return os.open(path, flags | os.O_EXCL, mode, dir_fd=dir_fd)
            except FileExistsError:
                if flags & os.O_EXCL:
                    raise
                continue  # made meanwhile: look again
        try:
            st = os.fstat(where)
            if flags & os.O_CREAT and flags & os.O_EXCL:
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
            if stat.S_ISLNK(st.st_mode):  # O_NOFOLLOW and a link: as os.open says it
                raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
            if is_sqlite_file(st):
                raise OSError(errno.EPERM, "it is one of socialbot's database files",
                              str(path))
            try:
                return os.open(f"/proc/self/fd/{where}",
                               flags & ~(os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW))
            except FileNotFoundError:
                # The descriptor is open, so its /proc name can only be missing when /proc
                # is not mounted (a chroot, a minimal container): open by name instead.
                opened = _open_same_file(path, flags, st, dir_fd)
                if opened is not None:
                    return opened
            except OSError as exc:
                raise OSError(exc.errno, exc.strerror, str(path)) from None
        finally:
            os.close(where)
    raise OSError(errno.EAGAIN, "the file kept changing while it was opened", str(path))


class NotRegularFile(OSError):
    """open_regular's refusal of what opened but is no regular file (a pipe, a directory, a
    device): an OSError (EINVAL, "not a regular file") a caller can tell apart from a file
    that could not be opened, to say which in its own words."""


# Descriptors of this process's database files that a name swapped between `open_checked`'s
# look-up and its open by name (no /proc) handed us: never closed, since closing one would
# drop SQLite's locks (A1). Each one is a race a staff login won; they stay until exit.
_parked: list[int] = []

# How many races a staff login may win before opening by name stops (s55-small, B2): each win
# parks a descriptor for the life of the process, so a login winning thousands could use up
# the process's descriptors (RLIMIT_NOFILE, often 1,024) and with them SQLite's connections
# and the platforms' sockets. Past this many, reads and writes that need the by-name open
# (only without /proc) are refused with a line saying why; everything else goes on.
PARK_LIMIT = 32


def park(fd: int) -> None:
    """Keep ``fd``, a descriptor of one of this process's database files, open until exit:
    closing it would drop every POSIX lock SQLite holds on that file in this process (A1)."""
    _parked.append(fd)


def _refuse_when_parking_is_full(path: str | Path) -> None:
    if len(_parked) < PARK_LIMIT:
        return
    why = (f"{len(_parked)} file names were swapped for socialbot's database files while "
           "they were opened without /proc; no file is opened by name any more (mount "
           "/proc, find who swaps them, then restart socialbot)")
    log.error("%s: refused: %s", path, why)
    raise OSError(errno.EMFILE, why, str(path))


def _open_same_file(path: str | Path, flags: int, looked: os.stat_result,
                    dir_fd: int | None) -> int | None:
    """Without /proc: open ``path`` by name and keep the descriptor only when it is the
    file the O_PATH look-up checked (``looked``, by device and inode); None when the name
    now names another file (look again). A database file swapped in meanwhile is refused
    and its descriptor parked, never closed; once PARK_LIMIT are parked no name is opened
    any more (OSError EMFILE with the reason), so the parked ones stay bounded. O_TRUNC is
    applied to the checked file only, after the comparison (a truncating open of a
    swapped-in database would empty it), and a regular file is opened without blocking (a
    pipe swapped in is not waited on)."""
    _refuse_when_parking_is_full(path)  # before a descriptor that might need parking
    want = flags & ~(os.O_CREAT | os.O_EXCL | os.O_TRUNC)
    if stat.S_ISREG(looked.st_mode):
        want |= os.O_NONBLOCK
    try:
        fd = os.open(path, want, dir_fd=dir_fd)
    except FileNotFoundError:
        return None  # removed since the look-up: look again (or say it is missing)
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        st = os.fstat(fd)
        if (st.st_dev, st.st_ino) != (looked.st_dev, looked.st_ino):
            if is_sqlite_file(st):
                park(fd)
                fd = -1
                log.warning("%s was swapped for one of socialbot's database files while it "
                            "was opened; refused, the descriptor kept open", path)
                raise OSError(errno.EPERM, "it is one of socialbot's database files",
                              str(path))
            return None
        if want & os.O_NONBLOCK and not flags & os.O_NONBLOCK:
            os.set_blocking(fd, True)
        if flags & os.O_TRUNC and (flags & os.O_ACCMODE) != os.O_RDONLY:
            os.ftruncate(fd, 0)
        opened, fd = fd, -1
        return opened
    finally:
        if fd >= 0:
            os.close(fd)


def flock_by(fd: int, deadline: float, poll: float) -> bool:
    """Take an exclusive flock on ``fd``, trying every ``poll`` seconds until ``deadline``
    (time.monotonic()); False when it is still held by another then. One loop for every
    lock file socialbot waits on (`init`'s, the comment-decision stripes)."""
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(poll)


def open_regular(path: str | Path, flags: int = os.O_RDONLY, mode: int = 0o777) -> int:
    """`open_checked(path, flags, mode)` for a file that must be a regular file: opened
    without blocking and refused (NotRegularFile, "not a regular file") unless it is one. A
    named pipe planted under an approved image's or a key's name held the reader (the
    publisher, the daemon's poll) for ever (second attack review, session 53, B4), and a
    writer waited for a reader the same way (re-read D)."""
    fd = open_checked(path, flags | os.O_NONBLOCK, mode)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
    return fd


def read_bytes_checked(path: str | Path) -> bytes:
    """`Path.read_bytes` through `open_checked`: a file another login may replace (in a
    shared data directory, a path someone typed) is read here, never by name; only a
    regular file is read (`open_regular`)."""
    with os.fdopen(open_regular(path), "rb") as fh:
        return fh.read()


def read_text_checked(path: str | Path, encoding: str = "utf-8") -> str:
    """`Path.read_text` (text mode: universal newlines) through `open_regular`."""
    with os.fdopen(open_regular(path), encoding=encoding) as fh:
        return fh.read()


def write_text_checked(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """`Path.write_text` through `open_checked`: a database file planted under the name is
    refused, not truncated; so is a symbolic link (ELOOP), never followed: one planted in a
    shared data directory as `audit.sign.<id>.pub` -> `audit.key` had `audit
    rotate-signing-key` overwrite the audit key with a public key (re-read C, session 53)."""
    # open_regular: a named pipe planted under the name is refused, not waited on
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW
    with os.fdopen(open_regular(path, flags, 0o666), "w", encoding=encoding) as fh:
        fh.write(text)


def _tighten(path: Path, mode: int) -> None:
    try:
        if stat.S_IMODE(path.stat().st_mode) & ~mode:
            path.chmod(mode)
    except OSError as exc:  # someone else's file: say so rather than fail
        log.warning("cannot make %s private (%s): check its owner and mode", path, exc.strerror)


def writable_by_others(path: Path) -> bool:
    try:
        return bool(path.stat().st_mode & (stat.S_IWGRP | stat.S_IWOTH))
    except OSError:
        return False


def owner_name(uid: int) -> str:
    """The login name of ``uid``, or "uid N" when it has none."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _foreign(st: os.stat_result) -> bool:
    """Owned by someone besides this process's user (or root, who can change anything)."""
    return st.st_uid not in (os.geteuid(), 0)


FOLDER_OWNER, FOLDER_MODE = "owner", "mode"


def folder_open_to_others(st: os.stat_result) -> str | None:
    """Why another login may rename what is in the folder stat'ed as ``st``, or None:
    FOLDER_OWNER when it belongs to someone besides this user or root, FOLDER_MODE when its
    group or others may write in it without the sticky bit (which, as on /tmp, leaves each
    name to its owner). The one test behind folder_problem's walk and the daemon's TMPDIR
    check (publish_gate.media_temp_base), which each word their own refusal (s55-small)."""
    if _foreign(st):
        return FOLDER_OWNER
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not st.st_mode & stat.S_ISVTX:
        return FOLDER_MODE
    return None


def replaceable_by_others(path: Path) -> str | None:
    """How someone besides this process's user could change what ``path`` reads, or None:
    the file's mode, its owner, or a folder they may write in, where a rename puts another
    file in its place without touching this one (session 45: only the mode was checked)."""
    try:
        if writable_by_others(path):
            return f"is writable by other users; run `chmod go-w {path}`"
        if _foreign(st := path.stat()):
            return f"belongs to {owner_name(st.st_uid)}, who can rewrite it"
        return folder_problem(path)
    except OSError:
        return None  # a file that cannot be read is refused where it is read
    return None


def folder_problem(path: Path) -> str | None:
    """How someone besides this process's user could put another file at ``path``, or None.

    Every folder on the way from / is checked, as the kernel walks it, symlinks followed
    (OpenSSH's StrictModes checks each ancestor the same way): each must belong to root or
    this user and be closed to group and others' writes, except a sticky folder (/tmp),
    where only what is found in it must belong to root or this user. Checking the file's
    own folder alone (session 50) let a folder one level up that others may write, or a
    symlinked folder planted in /tmp, swap the whole folder (session 50's third review, A4).
    """
    # The file's own folder, and where a symlinked file points (a policy file may be one;
    # the daemon opens its settings file without following one).
    walked = dict.fromkeys((path.absolute().parent, Path(os.path.realpath(path)).parent))
    for folder, st, entry in (step for start in walked for step in _walk(start)):
        if entry is not None:  # found in a sticky folder others may write: whose is it?
            if _foreign(entry):
                return (f"is reached through {folder}, which belongs to "
                        f"{owner_name(entry.st_uid)} in a folder all may write, who may put "
                        "another in its place")
            continue
        why = folder_open_to_others(st)
        if why == FOLDER_OWNER:
            return (f"is in {folder}, which belongs to {owner_name(st.st_uid)}, who may put "
                    "another file in its place")
        if why == FOLDER_MODE:
            return (f"is in {folder}, where other users may put another file in its "
                    f"place; run `chmod go-w {folder}`")
    return None


_MAX_LINKS = 40  # as the kernel's own limit on symlinks followed in one path (ELOOP)


def _walk(folder: Path) -> Iterator[tuple[Path, os.stat_result, os.stat_result | None]]:
    """The folders the kernel looks in to reach ``folder`` (absolute), from / on, each with
    its stat, symlinks followed; and, for each name found in a sticky folder others may
    write, that name (the lstat of a symlink, or of a folder) as a third item, checked
    for its owner alone. Raises OSError when a part is missing or unreadable."""
    current = Path("/")
    here = os.stat(current)
    yield current, here, None
    parts = list(folder.parts[1:])
    links = 0
    while parts:
        name = parts.pop(0)
        if name in ("", "."):
            continue
        if name == "..":  # ``current`` has no symlink in it, so its parent is the real one
            current = current.parent
            here = os.stat(current)
            continue
        entry = current / name
        st = os.lstat(entry)
        if here.st_mode & stat.S_ISVTX and here.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            yield entry, here, st
        if stat.S_ISLNK(st.st_mode):
            links += 1
            if links > _MAX_LINKS:
                raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(entry))
            target = Path(os.readlink(entry))
            if target.is_absolute():
                current, here = Path("/"), os.stat("/")
            parts[:0] = list(target.parts[1:] if target.is_absolute() else target.parts)
            continue
        if not stat.S_ISDIR(st.st_mode):
            raise OSError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(entry))
        current, here = entry, st
        yield current, here, None


def opened_file_problem(st: os.stat_result, path: Path) -> str | None:
    """How someone besides this process's user could have written the file open as ``st``
    (its mode or its owner), or None; not a regular file is refused too."""
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by other users; run `chmod go-w {path}`"
    if _foreign(st):
        return f"belongs to {owner_name(st.st_uid)}, who can rewrite it"
    return None


def warn_if_writable_by_others(path: Path, what: str) -> str | None:
    """A one-line warning (also logged) when someone besides the owner may change ``path``."""
    why = replaceable_by_others(path)
    if why is None:
        return None
    message = f"warning: {what} {path} {why}"
    log.warning(message)
    return message
