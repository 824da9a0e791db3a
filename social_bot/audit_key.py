"""The audit chain's HMAC key: outside the database, so a database administrator alone
cannot rewrite history and recompute the chain.

Where it comes from, in order: ``SOCIALBOT_AUDIT_KEY`` (the environment or ``.env``), else
the file ``audit.key`` in the data directory, created 0600 by ``socialbot init``. Keys
retired by ``socialbot audit rotate-key`` stay in ``audit.key.<id>.retired`` (and/or in
``SOCIALBOT_AUDIT_OLD_KEYS``, comma-separated) so records written under them still verify.
Each record names the key it was written with by its id (a fingerprint, not the key).
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from social_bot.errors import UserError
from social_bot.filesafety import read_text_checked

KEY_FILE = "audit.key"
RETIRED_GLOB = "audit.key.*.retired"
MIN_KEY_CHARS = 32


def key_id(key: bytes) -> str:
    """A public name for a key: which key wrote a record, without revealing it."""
    return hashlib.sha256(b"socialbot audit key id\0" + key).hexdigest()[:16]


@dataclass(frozen=True)
class AuditKeys:
    """The key new records are written with, and every key old records may name."""

    current: bytes
    retired: Mapping[str, bytes] = field(default_factory=dict)
    # Retired keys read from audit.key.<id>.retired files: `audit rotate-key` names each in
    # an `audit.key_rotated` record, so verify refuses one that no record retired (a file
    # put in the data directory by hand). Keys in SOCIALBOT_AUDIT_OLD_KEYS are the
    # operator's own word and are not in this set.
    from_files: frozenset[str] = frozenset()

    @property
    def current_id(self) -> str:
        return key_id(self.current)

    def get(self, kid: str) -> bytes | None:
        if kid == self.current_id:
            return self.current
        return self.retired.get(kid)

    @classmethod
    def from_secret(cls, secret: str, retired: tuple[str, ...] = (),
                    retired_files: tuple[str, ...] = ()) -> AuditKeys:
        current = _as_key(secret, "SOCIALBOT_AUDIT_KEY")
        from_env = {key_id(k): k for k in (_as_key(r, "a retired audit key") for r in retired)}
        from_files = {key_id(k): k for k in (_as_key(r, "a retired audit key file")
                                             for r in retired_files)}
        # A "retired" copy of the key in force retires nothing: `rotate-key` writes the
        # copy before it replaces audit.key, and one killed between the two left it (before
        # session 46 such a file made verify fail as one put there by hand).
        for kept in (from_env, from_files):
            kept.pop(key_id(current), None)
        return cls(current, {**from_files, **from_env},
                   frozenset(from_files) - frozenset(from_env))


def _as_key(text: str, where: str) -> bytes:
    text = text.strip()
    if len(text) < MIN_KEY_CHARS:
        raise UserError(f"{where} is too short: use at least {MIN_KEY_CHARS} random characters "
                        "(e.g. `python -c 'import secrets; print(secrets.token_hex(32))'`)")
    return text.encode()


def _read_key_file(path: Path) -> str:
    return read_private_file(path, "the audit key")


def read_private_file(path: Path, what: str) -> str:
    """A key file's text, refused when others may read or write it."""
    try:
        mode = path.stat().st_mode
        # A key others can read lets them forge the chain's MACs; one others can write lets
        # them swap it: refuse it, as ssh refuses a private key with loose permissions.
        if mode & 0o077:
            raise UserError(f"{what} {path} is accessible to group/others (mode "
                            f"{mode & 0o777:o}); fix it with: chmod 600 {path}")
        return read_text_checked(path)
    except OSError as exc:
        raise UserError(f"cannot read {what} {path}: {exc.strerror}") from None


def load_keys(data_dir: Path, env: Mapping[str, str]) -> AuditKeys | None:
    """The configured keys, or None when there is none yet (before `socialbot init`)."""
    retired_texts = [t for t in (env.get("SOCIALBOT_AUDIT_OLD_KEYS") or "").split(",") if t.strip()]
    secret = env.get("SOCIALBOT_AUDIT_KEY")
    retired_files = _retired_files(data_dir, retired_texts, secret)
    path = data_dir / KEY_FILE
    if not secret and path.is_file():
        secret = _read_key_file(path)
    if not secret:
        return None
    return AuditKeys.from_secret(secret, tuple(retired_texts), tuple(retired_files))


def _retired_files(data_dir: Path, given: list[str], secret: str | None) -> list[str]:
    """The retired key files' texts. A reader on another account (a compliance officer,
    README "Read-only use") cannot read the practice's 0600 files and gives the keys in
    SOCIALBOT_AUDIT_OLD_KEYS instead: a file it may not open is skipped when its id (in its
    name) is one of those, and otherwise refused saying so (session 49: after a rotation
    every reading command was refused to such a reader, whatever keys it held)."""
    given_ids = {key_id(t.strip().encode()) for t in (*given, secret or "") if t.strip()}
    texts = []
    for path in sorted(data_dir.glob(RETIRED_GLOB)):
        if not os.access(path, os.R_OK):
            kid = path.name.removeprefix(KEY_FILE + ".").removesuffix(".retired")
            if kid in given_ids:
                continue
            raise UserError(f"cannot read the retired audit key {path} (key {kid}): another "
                            "account's file; give that key in SOCIALBOT_AUDIT_OLD_KEYS "
                            "(README, \"Read-only use\")")
        texts.append(_read_key_file(path))
    return texts


def key_files_stamp(data_dir: Path) -> tuple[tuple[str, int, int, int], ...]:
    """What `audit rotate-key` changes: the key file and the retired ones (name, inode,
    mtime, size). Comparing two stamps costs a stat and a directory listing."""
    stamp = []
    for path in (data_dir / KEY_FILE, *sorted(data_dir.glob(RETIRED_GLOB))):
        try:
            st = path.stat()
        except OSError:
            continue
        stamp.append((path.name, st.st_ino, st.st_mtime_ns, st.st_size))
    return tuple(stamp)


@dataclass
class KeyWatch:
    """Notices `audit rotate-key` run by another process. A daemon or chat server loads its
    key at start; without this it kept signing with the retired key, which a holder of that
    key can forge (review, session 43)."""

    data_dir: Path
    env: Mapping[str, str]
    stamp: tuple[tuple[str, int, int, int], ...] = ()

    def __post_init__(self) -> None:
        self.stamp = key_files_stamp(self.data_dir)

    def load(self) -> AuditKeys | None:
        """The keys as configured now, or None while they cannot be read (rotate-key is
        between retiring the old file and writing the new one)."""
        stamp = key_files_stamp(self.data_dir)
        try:
            keys = load_keys(self.data_dir, self.env)
        except UserError:
            return None
        if keys is not None:
            self.stamp = stamp
        return keys

    def changed(self) -> AuditKeys | None:
        """The keys as configured now if the key files changed since last read, else None."""
        return None if key_files_stamp(self.data_dir) == self.stamp else self.load()


def create_key_file(data_dir: Path) -> Path | None:
    """Create ``audit.key`` (0600) unless it exists; the path if it was created."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = data_dir / KEY_FILE
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return None
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secrets.token_hex(32) + "\n")
    return path


def rotate_key_file(data_dir: Path) -> tuple[str, str]:
    """Retire ``audit.key`` (kept for verifying old records) and write a new one.
    Returns (old id, new id). `audit rotate-key` does the two steps itself, around the
    record of the rotation (cli/admin_cmd.py)."""
    old_text = current_key_text(data_dir)
    new_text = new_key_text()
    swap_key_files(data_dir, old_text, new_text)
    return key_id(_as_key(old_text, KEY_FILE)), key_id(_as_key(new_text, KEY_FILE))


def current_key_text(data_dir: Path) -> str:
    """The text of ``audit.key``, checked to be a key."""
    path = data_dir / KEY_FILE
    if not path.is_file():
        raise UserError(f"no key file {path} to rotate (a key set in SOCIALBOT_AUDIT_KEY is "
                        "rotated by hand: see docs/security.md)")
    text = _read_key_file(path)
    _as_key(text, str(path))
    return text


def new_key_text() -> str:
    return secrets.token_hex(32) + "\n"


def rotated_keys(keys: AuditKeys, new_text: str) -> AuditKeys:
    """The keys a process reads once the files are swapped: the new key in force, the old
    one retired from its file."""
    old_id = keys.current_id
    return AuditKeys(_as_key(new_text, KEY_FILE), {**keys.retired, old_id: keys.current},
                     keys.from_files | {old_id})


def swap_key_files(data_dir: Path, old_text: str, new_text: str) -> None:
    """Keep the old key as ``audit.key.<id>.retired``, then put the new one in ``audit.key``
    in one rename: there is never a moment without ``audit.key`` (before session 46 it was
    renamed away first, and a crash between the two left no key at all: every command said
    "run socialbot init", which made a key no record names)."""
    old_id = key_id(_as_key(old_text, KEY_FILE))
    _write_private(data_dir, f"audit.key.{old_id}.retired", old_text)
    _write_private(data_dir, KEY_FILE, new_text)


def put_back_key(data_dir: Path, old_text: str) -> None:
    """Undo `swap_key_files`: the old key in force again, no longer listed as retired."""
    _write_private(data_dir, KEY_FILE, old_text)
    (data_dir / f"audit.key.{key_id(_as_key(old_text, KEY_FILE))}.retired").unlink(
        missing_ok=True)


def _write_private(data_dir: Path, name: str, text: str) -> None:
    """``name`` in the data directory replaced by ``text`` (0600) in one rename, on disk."""
    fd, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=data_dir)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temporary, data_dir / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_directory(data_dir)


def _sync_directory(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)  # a file: ENOTDIR, unopened
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def missing_key_error() -> UserError:
    return UserError("no audit key: run `socialbot init` (creates audit.key in the data "
                     "directory) or set SOCIALBOT_AUDIT_KEY")
