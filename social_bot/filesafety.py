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


def warn_if_writable_by_others(path: Path, what: str) -> str | None:
    """A one-line warning (also logged) when someone besides the owner may edit ``path``."""
    if not writable_by_others(path):
        return None
    message = (f"warning: {what} {path} is writable by other users, who could change it; "
               f"run `chmod go-w {path}`")
    log.warning(message)
    return message
