"""The key that signs audit exports (Ed25519), so that someone outside the practice can
check an export with a public value alone, offline (`socialbot audit verify-export`).

The audit key (audit_key.py) is a shared secret: whoever can check a MAC can also forge
one, so it can never be handed to an auditor. This key pair can: the private half stays in
the data directory (``audit.sign.key``, 0600, created by ``socialbot init``, refused with
loose permissions like the audit key), the public half is printed by ``socialbot audit
public-key`` and given to the auditor once. Someone with database access but not the data
directory can produce an export, never its signature. ``socialbot audit
rotate-signing-key`` replaces the pair; the retired public half stays as
``audit.sign.<id>.pub`` (its private half is deleted: nothing needs it any more, and a
copy that survives could sign exports dated after the rotation).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from social_bot.audit_key import read_private_file
from social_bot.errors import UserError
from social_bot.filesafety import read_text_checked, write_text_checked

SIGNING_KEY_FILE = "audit.sign.key"
RETIRED_PUBLIC_GLOB = "audit.sign.*.pub"
PREFIX = "ed25519:"
_WHAT = "the export signing key"


@dataclass(frozen=True)
class PublicKey:
    """An export signing key's public half, as raw bytes (32 for Ed25519)."""

    raw: bytes

    @property
    def key_id(self) -> str:
        """The name a manifest gives its key: which key to check it with."""
        return hashlib.sha256(b"socialbot export signing key\0" + self.raw).hexdigest()[:16]

    @property
    def text(self) -> str:
        """One line to hand over or paste after --public-key."""
        return PREFIX + base64.b64encode(self.raw).decode()

    def pem(self) -> str:
        """The same key for OpenSSL (docs/security.md shows the command)."""
        return Ed25519PublicKey.from_public_bytes(self.raw).public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()

    def verifies(self, signature: bytes, message: bytes) -> bool:
        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, message)
        except InvalidSignature:
            return False
        return True

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """``ed25519:<base64>`` as `audit public-key` prints it, or its PEM form."""
        text = text.strip()
        if text.startswith("-----BEGIN PUBLIC KEY-----"):
            try:
                key = serialization.load_pem_public_key(text.encode())
            except (ValueError, TypeError):
                key = None
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError("the PEM block is not an Ed25519 public key")
            return cls(key.public_bytes(serialization.Encoding.Raw,
                                        serialization.PublicFormat.Raw))
        if not text.startswith(PREFIX):
            raise ValueError("a public key is 'ed25519:' and 44 base64 characters, as "
                             "`socialbot audit public-key` prints it, or a file holding it")
        try:
            raw = base64.b64decode(text[len(PREFIX):], validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != 32:
            raise ValueError("the public key after 'ed25519:' is not 32 bytes of base64")
        return cls(raw)


@dataclass(frozen=True)
class SigningKey:
    """The private half: it signs manifests and nothing else."""

    private: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> SigningKey:
        return cls(Ed25519PrivateKey.generate())

    @property
    def public(self) -> PublicKey:
        return PublicKey(self.private.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw))

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    def __repr__(self) -> str:  # never the key itself, in a log line or a traceback
        return f"SigningKey(key_id={self.public.key_id})"


def _pem(private: Ed25519PrivateKey) -> bytes:
    return private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption())


def create_signing_key(data_dir: Path) -> SigningKey | None:
    """Create ``audit.sign.key`` (0600) unless it exists; the new key if it was created."""
    return create_key_file(data_dir / SIGNING_KEY_FILE)


def create_key_file(path: Path) -> SigningKey | None:
    """A new Ed25519 key in PEM at ``path`` (0600), never over an existing file; the new
    key if it was created (also the vote key, social_bot/vote_seal.py)."""
    private = Ed25519PrivateKey.generate()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return None
    with os.fdopen(fd, "wb") as fh:
        fh.write(_pem(private))
    return SigningKey(private)


def load_signing_key(data_dir: Path) -> SigningKey | None:
    """The key in force, or None before `socialbot init` created one."""
    path = data_dir / SIGNING_KEY_FILE
    if not path.is_file():
        return None
    text = read_private_file(path, _WHAT)
    try:
        private = serialization.load_pem_private_key(text.encode(), password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):  # their text names no key material
        private = None
    if not isinstance(private, Ed25519PrivateKey):
        raise UserError(f"{_WHAT} {path} is not an Ed25519 private key in PEM form; restore "
                        "it from a backup or run `socialbot audit rotate-signing-key`")
    return SigningKey(private)


def missing_signing_key_error(data_dir: Path) -> UserError:
    return UserError(f"no export signing key ({data_dir / SIGNING_KEY_FILE}): run `socialbot "
                     "init` to create one; without it an export cannot be signed")


def rotate_signing_key(data_dir: Path, new: SigningKey | None = None
                       ) -> tuple[PublicKey, PublicKey]:
    """Keep the old public half as ``audit.sign.<id>.pub``, replace the private half in one
    rename (a crash leaves the old key or the new one, never none). Returns (old, new)."""
    old = load_signing_key(data_dir)
    if old is None:
        raise missing_signing_key_error(data_dir)
    kept = data_dir / f"audit.sign.{old.public.key_id}.pub"
    write_text_checked(kept, old.public.text + "\n")
    new = new or SigningKey.generate()
    _replace_key(data_dir, new)
    return old.public, new.public


def put_back_signing_key(data_dir: Path, key: SigningKey) -> None:
    """Undo a rotation whose record in the audit trail was not committed: the key in force
    is again the one the trail last names, and no longer listed as retired."""
    _replace_key(data_dir, key)
    (data_dir / f"audit.sign.{key.public.key_id}.pub").unlink(missing_ok=True)


def _replace_key(data_dir: Path, key: SigningKey) -> None:
    fd, temporary = tempfile.mkstemp(prefix=".audit.sign.", dir=data_dir)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(_pem(key.private))
        os.replace(temporary, data_dir / SIGNING_KEY_FILE)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def retired_public_keys(data_dir: Path) -> list[PublicKey]:
    """The public halves `rotate-signing-key` kept (to give an auditor who lost them)."""
    keys = []
    for path in sorted(data_dir.glob(RETIRED_PUBLIC_GLOB)):
        try:
            keys.append(PublicKey.parse(read_text_checked(path)))
        except (OSError, UnicodeDecodeError, ValueError):
            continue  # not ours; the key in force is what matters here
    return keys
