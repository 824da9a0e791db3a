"""The credential store: one JSON file, 0600, in the data directory (itself 0700).

What `socialbot connect` obtains is kept here; the adapters read it through `platform_env`,
where a setting present in the environment always wins over the stored one (so a practice
that keeps its secrets in a vault and the environment loses nothing).

Secrets never leave this module in a printable form: `Credential.__repr__` hides them, and
the rest of the code identifies a token only by its `fingerprint` (a truncated SHA-256).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import stat
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from social_bot.errors import UserError
from social_bot.filesafety import make_private_dir, open_checked

FILE_NAME = "credentials.json"
FILE_MODE = 0o600
DIR_MODE = 0o700

# Per platform: the settings a connection provides, and which of them are secret.
SETTINGS: dict[str, tuple[str, ...]] = {
    "linkedin": ("LINKEDIN_ACCESS_TOKEN", "LINKEDIN_ORG_ID"),
    "facebook": ("FACEBOOK_PAGE_TOKEN", "FACEBOOK_PAGE_ID"),
    "x": ("X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET"),
}
SECRETS: dict[str, tuple[str, ...]] = {
    "linkedin": ("LINKEDIN_ACCESS_TOKEN",),
    "facebook": ("FACEBOOK_PAGE_TOKEN",),
    "x": ("X_ACCESS_TOKEN", "X_ACCESS_TOKEN_SECRET"),
}


class CredentialFileError(UserError):
    """The credential file cannot be used. ``str()`` names the file and the command that fixes
    it (for the person at the terminal); ``reason`` says the same without the path, for chat,
    which goes to a third party that has no business knowing the server's layout."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


def damaged_entry(platform: str, why: str = "") -> CredentialFileError:
    """The one line for a platform whose stored entry cannot be read (`why` names the field
    at fault, never a value)."""
    detail = f" ({why})" if why else ""
    return CredentialFileError(
        f"{FILE_NAME}: the {platform} entry is damaged{detail}; run `socialbot connect "
        f"{platform}` again",
        f"{FILE_NAME}: the {platform} entry is damaged; run `socialbot connect {platform}` "
        "again")


def fingerprint(*secrets: str | None) -> str:
    """Names a credential without revealing it: 16 hex digits of SHA-256."""
    joined = "\x00".join(s or "" for s in secrets)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def env_fingerprint(platform: str, env: Mapping[str, str]) -> str | None:
    """The fingerprint of the credential `env` gives a platform (None: no credential)."""
    values = [env.get(name) for name in SECRETS[platform]]
    return fingerprint(*values) if any(values) else None


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(UTC).isoformat() if value is not None else None


def _parse(value: Any, field: str = "a time") -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:  # not datetime's message: it quotes the value, which may be a secret
        raise ValueError(f"{field} is not an ISO-8601 time") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Credential:
    """One platform's connection as `connect` left it."""

    platform: str
    values: Mapping[str, str] = field(repr=False)  # setting name -> value (tokens among them)
    account: str = ""  # who we are connected as, for people: "Northside (organization 123)"
    scopes: tuple[str, ...] = ()
    expires_at: datetime | None = None  # None: the token does not expire
    refresh_token: str | None = field(default=None, repr=False)
    refresh_expires_at: datetime | None = None
    connected_at: datetime | None = None
    connected_by: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(*(self.values.get(n) for n in SECRETS[self.platform]))

    def to_json(self) -> dict[str, Any]:
        return {
            "values": dict(self.values),
            "account": self.account,
            "scopes": list(self.scopes),
            "expires_at": _iso(self.expires_at),
            "refresh_token": self.refresh_token,
            "refresh_expires_at": _iso(self.refresh_expires_at),
            "connected_at": _iso(self.connected_at),
            "connected_by": self.connected_by,
        }

    @classmethod
    def from_json(cls, platform: str, data: Mapping[str, Any]) -> Credential:
        values = data.get("values") or {}
        if not isinstance(values, dict):
            raise ValueError("values must be an object")
        return cls(
            platform=platform,
            values={str(k): str(v) for k, v in values.items()},
            account=str(data.get("account") or ""),
            scopes=tuple(str(s) for s in data.get("scopes") or ()),
            expires_at=_parse(data.get("expires_at"), "expires_at"),
            refresh_token=data.get("refresh_token") or None,
            refresh_expires_at=_parse(data.get("refresh_expires_at"), "refresh_expires_at"),
            connected_at=_parse(data.get("connected_at"), "connected_at"),
            connected_by=data.get("connected_by") or None,
        )


class CredentialStore:
    """Read and write the credential file. Writes are atomic (temp file + rename) and the
    file is created 0600 from the start, never widened and narrowed afterwards."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / FILE_NAME

    def _read(self) -> str:
        """The file's text, refused unless it is a regular file of ours that others cannot
        read. Opened without following a symbolic link, and checked on the open descriptor
        (not the path, which could be swapped in between): before, a link at this path was
        followed and a file another user had put there was used (by a daemon running as
        root, with that user's tokens and destinations)."""
        try:
            fd = open_checked(self.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise CredentialFileError(
                    f"{self.path} is a symbolic link; socialbot reads only the file it wrote "
                    f"there: remove the link and run `socialbot connect` again",
                    f"{FILE_NAME} in the data directory is a symbolic link; it is not read "
                    "(`socialbot check` on the server says what to do)") from None
            raise
        with os.fdopen(fd, "rb") as handle:
            st = os.fstat(handle.fileno())
            self._check_owner(st)
            self._check_mode(st)
            return handle.read().decode("utf-8")

    def _check_owner(self, st: os.stat_result) -> None:
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            what = "not a regular file" if not stat.S_ISREG(st.st_mode) else (
                f"owned by another user (uid {st.st_uid})")
            raise CredentialFileError(
                f"{self.path} is {what}; socialbot uses only a credentials file of its own "
                f"account: remove it and run `socialbot connect` again",
                f"{FILE_NAME} in the data directory is {what}; it is not used (`socialbot "
                "check` on the server says what to do)")

    def _check_mode(self, st: os.stat_result) -> None:
        mode = stat.S_IMODE(st.st_mode)
        if mode & 0o077:
            raise CredentialFileError(
                f"{self.path} is readable by others (mode {mode:o}); run "
                f"'chmod 600 {self.path}' (and reconnect if others may have read it)",
                f"{FILE_NAME} in the data directory is readable by others; make it 0600 "
                "(`socialbot check` on the server says how) and reconnect if others may have "
                "read it")

    def _entries(self) -> tuple[dict[str, Credential], dict[str, str]]:
        """The usable credentials, and for each platform whose entry is damaged, why. One
        damaged entry (`{"facebook": "oops"}`) once stopped every platform with "unexpected
        AttributeError" (an outside review, session 43); now it is that platform's alone."""
        try:
            raw = json.loads(self._read())
        except FileNotFoundError:
            return {}, {}
        except (OSError, ValueError) as exc:
            raise CredentialFileError(f"cannot read {self.path}: {type(exc).__name__}",
                                      f"{FILE_NAME} cannot be read ({type(exc).__name__})") \
                from None
        if not isinstance(raw, dict):
            raise CredentialFileError(f"{self.path} is not a JSON object",
                                      f"{FILE_NAME} is not a JSON object")
        good: dict[str, Credential] = {}
        damaged: dict[str, str] = {}
        for platform, data in raw.items():
            if platform not in SETTINGS:
                continue
            try:
                if not isinstance(data, dict):
                    raise TypeError("not a JSON object")
                good[platform] = Credential.from_json(platform, data)
            except (TypeError, ValueError, AttributeError) as exc:
                damaged[platform] = str(exc)[:80]
        return good, damaged

    def load_all(self) -> dict[str, Credential]:
        """The usable credentials; a damaged entry is left out (`damaged` names it, `get`
        refuses it), so the other platforms keep working."""
        return self._entries()[0]

    def damaged(self) -> tuple[str, ...]:
        """The platforms whose entry cannot be read."""
        return tuple(sorted(self._entries()[1]))

    def get(self, platform: str) -> Credential | None:
        good, damaged = self._entries()
        if platform in damaged:
            raise damaged_entry(platform, damaged[platform])
        return good.get(platform)

    def save(self, credential: Credential) -> None:
        with self._locked():
            everything = self.load_all()
            everything[credential.platform] = credential
            self._write({p: c.to_json() for p, c in sorted(everything.items())})

    def replace(self, expected: Credential, credential: Credential) -> bool:
        """Save `credential` only if the stored one for its platform is still `expected`
        (compare and swap): a token refresh that ran while `socialbot connect` stored another
        connection must not write the old one back. False: nothing was written."""
        with self._locked():
            everything = self.load_all()
            current = everything.get(credential.platform)
            if current is None or current.to_json() != expected.to_json():
                return False
            everything[credential.platform] = credential
            self._write({p: c.to_json() for p, c in sorted(everything.items())})
            return True

    def remove(self, platform: str) -> bool:
        with self._locked():
            everything = self.load_all()
            if everything.pop(platform, None) is None:
                return False
            self._write({p: c.to_json() for p, c in sorted(everything.items())})
            return True

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """One writer at a time across processes (the daemon's refresh, `connect`): each
        reads the file, changes its platform and writes the whole file back, so without the
        lock the later writer silently undoes the earlier one."""
        self.data_dir.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        # The directory is locked, not the file: a write replaces the file (a new inode).
        fd = os.open(self.data_dir, os.O_RDONLY | os.O_DIRECTORY)  # a file: ENOTDIR, unopened
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)  # waits: a writer holds it for milliseconds
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def version(self) -> tuple[int, int] | None:
        """Changes when the file is rewritten (for the daemon to pick up a new `connect`)."""
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_ino)

    def _write(self, data: dict[str, Any]) -> None:
        # A new folder is 0700; a shared one keeps its group (as `init` does: `connect`
        # set it back to 0700 too), but not other users.
        make_private_dir(self.data_dir)
        fd, tmp = tempfile.mkstemp(prefix=".credentials.", dir=self.data_dir)
        try:
            os.fchmod(fd, FILE_MODE)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, indent=2, sort_keys=True)
                handle.write("\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


def platform_env(env: Mapping[str, str], data_dir: Path | None) -> dict[str, str]:
    """The settings the adapters use: the environment, with what `connect` stored filling
    the settings the environment leaves empty (a setting in the environment always wins)."""
    merged = dict(env)
    if data_dir is None:
        return merged
    for credential in CredentialStore(data_dir).load_all().values():
        for name, value in credential.values.items():
            if not merged.get(name):
                merged[name] = value
    return merged


def credential_source(platform: str, env: Mapping[str, str]) -> str:
    """'environment' when the environment sets the platform's secret, else 'store'."""
    return "environment" if any(env.get(n) for n in SECRETS[platform]) else "store"


# The setting that names where a platform's posts go (X: the account that authorized it).
DESTINATIONS: dict[str, tuple[str, str]] = {
    "linkedin": ("LINKEDIN_ORG_ID", "organization"),
    "facebook": ("FACEBOOK_PAGE_ID", "Page"),
}


def destination(platform: str, env: Mapping[str, str],
                stored: Credential | None) -> str | None:
    """Where posts to `platform` go with these settings (`env` as the adapters get it, the
    store's values filled in): "organization 123", "Page 456", the X account "@handle" that
    `connect` recorded; None when unknown."""
    if platform in DESTINATIONS:
        setting, kind = DESTINATIONS[platform]
        value = (env.get(setting) or "").strip()
        return f"{kind} {value}" if value else None
    if stored is not None and stored.account and stored.fingerprint == env_fingerprint(
            platform, env):
        return stored.account
    return None


def destination_with(platform: str, env: Mapping[str, str],
                     credential: Credential | None) -> str | None:
    """Where posts would go once `credential` is the stored one (the environment still wins)."""
    merged = dict(env)
    for name, value in (credential.values.items() if credential is not None else ()):
        if not merged.get(name):
            merged[name] = value
    return destination(platform, merged, credential)
