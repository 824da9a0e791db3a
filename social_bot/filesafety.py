"""Files socialbot writes are private to the account that runs it (issue 14, item 9).

The process umask is 077, so the database, its WAL and shared-memory files, media copies,
exports and the audit key are created 0600 and directories 0700; files made by an older
version are tightened when they are next opened. Configuration that others could rewrite
(the .env file, the policy) is reported, because whoever can edit the policy can add
themselves as an approver.
"""

from __future__ import annotations

import logging
import os
import pwd
import stat
from pathlib import Path

log = logging.getLogger("socialbot.files")

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def private_umask() -> None:
    os.umask(0o077)


def make_private_dir(path: Path) -> Path:
    """Create (or tighten) a directory that socialbot owns, such as the data directory."""
    path.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
    _tighten(path, PRIVATE_DIR)
    return path


def make_private_file(path: Path) -> None:
    if path.exists():
        _tighten(path, PRIVATE_FILE)


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


def _owner(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid {uid}"


def _foreign(st: os.stat_result) -> bool:
    """Owned by someone besides this process's user (or root, who can change anything)."""
    return st.st_uid not in (os.geteuid(), 0)


def replaceable_by_others(path: Path) -> str | None:
    """How someone besides this process's user could change what ``path`` reads, or None:
    the file's mode, its owner, or a folder they may write in, where a rename puts another
    file in its place without touching this one (session 45: only the mode was checked)."""
    try:
        if writable_by_others(path):
            return f"is writable by other users; run `chmod go-w {path}`"
        if _foreign(st := path.stat()):
            return f"belongs to {_owner(st.st_uid)}, who can rewrite it"
        return folder_problem(path)
    except OSError:
        return None  # a file that cannot be read is refused where it is read
    return None


def folder_problem(path: Path) -> str | None:
    """How someone besides this process's user could put another file at ``path`` (its
    folder, as written and as resolved, is theirs or open to them), or None."""
    for folder in dict.fromkeys((path.absolute().parent, path.resolve().parent)):
        st = folder.stat()
        if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH) and not st.st_mode & stat.S_ISVTX:
            return (f"is in {folder}, where other users may put another file in its "
                    f"place; run `chmod go-w {folder}`")
        if _foreign(st):
            return (f"is in {folder}, which belongs to {_owner(st.st_uid)}, who may put "
                    "another file in its place")
    return None


def opened_file_problem(st: os.stat_result, path: Path) -> str | None:
    """How someone besides this process's user could have written the file open as ``st``
    (its mode or its owner), or None; not a regular file is refused too."""
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file"
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"is writable by other users; run `chmod go-w {path}`"
    if _foreign(st):
        return f"belongs to {_owner(st.st_uid)}, who can rewrite it"
    return None


def warn_if_writable_by_others(path: Path, what: str) -> str | None:
    """A one-line warning (also logged) when someone besides the owner may change ``path``."""
    why = replaceable_by_others(path)
    if why is None:
        return None
    message = f"warning: {what} {path} {why}"
    log.warning(message)
    return message
